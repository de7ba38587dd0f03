/**
 * The first element step of a new engine, taken as a table (src/core/freshStep.ts), against the same engine
 * made to take it with window states: what follows the step (the end of the input, processing time, a finite
 * watermark, another step, a snapshot, metrics, an element for the full path) must see exactly the same
 * panes, counters, watermarks and state.
 */
import fc from 'fast-check';
import {
  applyWindowInto,
  combineFn,
  composeCombineFns,
  count,
  DEFAULT_STRATEGY,
  DefaultTrigger,
  fixedWindows,
  globalWindows,
  GroupingEngine,
  sessions,
  IntervalWindow,
  slidingWindows,
  sum,
  toList,
  type BoundedWindow,
  type CombineFn,
  type EmittedPane,
  type TriggerContext,
  type TriggerNode,
  type WindowFn,
  type WindowIntoOptions,
} from '../../src/index.js';
import { FreshStep } from '../../src/core/freshStep.js';

type Key = string | number;

/** What follows the first step. */
type After =
  | { readonly kind: 'end' }
  | { readonly kind: 'processingTime'; readonly time: number }
  | { readonly kind: 'watermark'; readonly time: number }
  | { readonly kind: 'step'; readonly elements: readonly Element[] }
  | { readonly kind: 'snapshot' }
  | { readonly kind: 'metrics' }
  | { readonly kind: 'fullPath'; readonly at: number };

type Element = readonly [Key, number, number];

const keyArb = fc.constantFrom<Key>('a', 'b', 'c', 'd', 0, -0, 1, 'a\u0000');
const elementArb = fc.tuple(keyArb, fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 50_000 }));
const afterArb: fc.Arbitrary<After> = fc.oneof(
  fc.constant({ kind: 'end' as const }),
  fc.record({ kind: fc.constant('processingTime' as const), time: fc.integer({ min: 0, max: 100_000 }) }),
  fc.record({ kind: fc.constant('watermark' as const), time: fc.integer({ min: 0, max: 60_000 }) }),
  fc.record({ kind: fc.constant('step' as const), elements: fc.array(elementArb, { maxLength: 8 }) }),
  fc.constant({ kind: 'snapshot' as const }),
  fc.constant({ kind: 'metrics' as const }),
  fc.record({ kind: fc.constant('fullPath' as const), at: fc.nat(30) }),
);

const combineFns: Record<string, () => CombineFn<number, unknown, unknown>> = {
  sum: () => sum() as CombineFn<number, unknown, unknown>,
  toList: () => toList<number>() as CombineFn<number, unknown, unknown>,
  composed: () => composeCombineFns({ count: count(), sum: sum() }) as CombineFn<number, unknown, unknown>,
};

interface Run {
  readonly engine: GroupingEngine<unknown, number, unknown, unknown>;
  readonly log: unknown[];
}

const plain = (p: EmittedPane<unknown, unknown>) => ({
  key: Object.is(p.key, -0) ? '-0' : p.key,
  value: p.value,
  window: String(p.window),
  windowClass: p.window.constructor.name,
  windows: p.windows.map(String),
  timestamp: p.timestamp,
  pane: { ...p.pane },
});

/** The strategy options besides the window function and the lateness. */
type Behaviour = Pick<WindowIntoOptions, 'accumulation' | 'closingBehavior' | 'onTimeBehavior'>;

const behaviourArb: fc.Arbitrary<Behaviour> = fc.record({
  accumulation: fc.constantFrom('accumulating' as const, 'discarding' as const),
  closingBehavior: fc.constantFrom('fireIfNonEmpty' as const, 'fireAlways' as const),
  onTimeBehavior: fc.constantFrom('fireIfNonEmpty' as const, 'fireAlways' as const),
});

function newRun(windowFn: WindowFn, lateness: number, fn: string, behaviour: Behaviour): Run {
  const log: unknown[] = [];
  const engine = new GroupingEngine<unknown, number, unknown, unknown>({
    strategy: applyWindowInto(DEFAULT_STRATEGY, { windowFn, allowedLateness: lateness, ...behaviour }),
    combineFn: combineFns[fn]!(),
    emit: (p) => log.push(plain(p)),
    onDrop: (d) => log.push({ drop: d.value, window: String(d.window), reason: d.reason }),
    onInvalid: (v, reason) => log.push({ invalid: v, reason }),
  });
  return { engine, log };
}

/** Feeds a step the way the grouping operator does: sessions by their time, else the quick path, else the full one. */
function feed(run: Run, windowFn: WindowFn, elements: readonly Element[], fullPathAt = -1): void {
  const e = run.engine;
  const gap = e.protoWindowGap;
  elements.forEach(([k, v, ts], i) => {
    const windows = windowFn.assignWindows(ts);
    if (i === fullPathAt) e.addToElementStep([{ k }, v], ts, windows, 0);
    else if (gap === gap) e.addInProtoWindow(k, v, ts, 0);
    else if (!e.addQuickly(k, v, windows, 0)) e.addPairToElementStep(k, v, ts, windows, 0);
  });
  e.endElementStep();
}

function observe(run: Run): unknown {
  const e = run.engine;
  return { log: run.log, counters: { ...e.counters }, iw: e.inputWatermark, ow: e.outputWatermark, pt: e.processingTime };
}

describe('the first element step taken as a table', () => {
  it('should leave everything as window states would, whatever follows the step', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('fixed', 'sliding', 'sessions', 'global'),
        fc.integer({ min: 1, max: 4 }).map((n) => n * 5_000),
        fc.constantFrom(0, 10_000),
        fc.constantFrom(...Object.keys(combineFns)),
        fc.array(elementArb, { maxLength: 30 }),
        fc.integer({ min: -1, max: 30 }),
        fc.array(afterArb, { maxLength: 4 }),
        behaviourArb,
        (kind, size, lateness, fn, first, fullPathAt, after, behaviour) => {
          const windowFn =
            kind === 'fixed'
              ? fixedWindows(size)
              : kind === 'sliding'
                ? slidingWindows(size, size / 5)
                : kind === 'sessions'
                  ? sessions(size / 2)
                  : globalWindows();
          const table = newRun(windowFn, lateness, fn, behaviour);
          const states = newRun(windowFn, lateness, fn, behaviour);
          // A processing-time step first: the elements' step is then not the engine's first.
          states.engine.advanceProcessingTime(0);
          feed(table, windowFn, first, fullPathAt);
          feed(states, windowFn, first, fullPathAt);
          // (White box: the step really was taken as a table, or its unions left unmerged, unless an element
          // took the full path; toList is not order-insensitive, so sessions fold nothing on arrival with it.)
          const internals = table.engine as unknown as { fresh: unknown; unionsPending: boolean };
          const pending = internals.fresh !== undefined || internals.unionsPending;
          const folds = kind !== 'sessions' || fn !== 'toList';
          expect(pending).toBe(folds && first.length > 0 && !(kind !== 'sessions' && fullPathAt >= 0 && fullPathAt < first.length));
          expect(observe(table)).toStrictEqual(observe(states));
          for (const a of [...after, { kind: 'end' as const }]) {
            for (const run of [table, states]) {
              const e = run.engine;
              switch (a.kind) {
                case 'end':
                  e.advanceWatermark(Infinity);
                  break;
                case 'processingTime':
                  e.advanceProcessingTime(a.time);
                  break;
                case 'watermark':
                  e.advanceWatermark(a.time);
                  break;
                case 'step':
                  feed(run, windowFn, a.elements);
                  break;
                case 'snapshot':
                  run.log.push({ snapshot: JSON.parse(JSON.stringify(e.snapshot())) as unknown });
                  break;
                case 'metrics':
                  run.log.push({ windows: e.liveWindows, keys: e.liveKeys, holds: e.liveHolds, timers: e.nextProcessingTimer() });
                  break;
                case 'fullPath':
                  feed(run, windowFn, [['z', 1, a.at * 1_000]], 0);
                  break;
              }
            }
            expect(observe(table)).toStrictEqual(observe(states));
          }
          expect([table.engine.liveWindows, table.engine.liveKeys, table.engine.liveHolds]).toStrictEqual([0, 0, 0]);
        },
      ),
      { numRuns: 1_500 },
    );
  });

  it('should take only the first step of a new engine with the default trigger, and give its panes in firing order', () => {
    const panes: string[] = [];
    const engine = new GroupingEngine<string, number, number, number>({
      strategy: applyWindowInto(DEFAULT_STRATEGY, { windowFn: fixedWindows(10_000) }),
      combineFn: sum(),
      emit: (p) => panes.push(`${p.key}${String(p.window)}=${p.value}`),
    });
    const windowFn = fixedWindows(10_000);
    for (const [k, v, ts] of [['b', 1, 15_000], ['a', 2, 5_000], ['b', 4, 6_000], ['c', 8, 25_000], ['a', 16, 14_000]] as const) {
      expect(engine.addQuickly(k, v, windowFn.assignWindows(ts), 0)).toBe(true);
    }
    engine.endElementStep();
    engine.advanceWatermark(Infinity);
    // Window order, then the order keys were first seen (b, a, c).
    expect(panes).toStrictEqual([
      'b[1970-01-01T00:00:00.000Z, 1970-01-01T00:00:10.000Z)=4',
      'a[1970-01-01T00:00:00.000Z, 1970-01-01T00:00:10.000Z)=2',
      'b[1970-01-01T00:00:10.000Z, 1970-01-01T00:00:20.000Z)=1',
      'a[1970-01-01T00:00:10.000Z, 1970-01-01T00:00:20.000Z)=16',
      'c[1970-01-01T00:00:20.000Z, 1970-01-01T00:00:30.000Z)=8',
    ]);
    expect(engine.counters).toMatchObject({ elementsIn: 5, panesOnTime: 5 });
    expect(engine.snapshot().ordinals).toStrictEqual([
      ['b', 0],
      ['a', 1],
      ['c', 2],
    ]);
  });

  it('should name the key as first seen and the window when the combine function throws', () => {
    const failing = combineFn<number, number, number>({
      createAccumulator: () => 0,
      addInput: (acc, x) => {
        if (x === 666) throw new Error('boom');
        return acc + x;
      },
      mergeAccumulators: (accs) => accs.reduce((a, b) => a + b, 0),
      extractOutput: (acc) => {
        if (acc === 42) throw new Error('no output');
        return acc;
      },
    });
    const windowFn = fixedWindows(10_000);
    const engineWith = () =>
      new GroupingEngine<number, number, number, number>({
        strategy: applyWindowInto(DEFAULT_STRATEGY, { windowFn }),
        combineFn: failing,
        emit: () => undefined,
      });
    const adding = engineWith();
    adding.addQuickly(-0, 1, windowFn.assignWindows(1_000), 0);
    let error: unknown;
    try {
      adding.addQuickly(0, 666, windowFn.assignWindows(12_000), 0);
    } catch (err) {
      error = err;
    }
    expect(String(error)).toBe(
      'DataflowError: grouping: adding element [0,666] for key 0 in window [1970-01-01T00:00:10.000Z, 1970-01-01T00:00:20.000Z) failed: boom',
    );
    expect(Object.is((error as { key: unknown }).key, -0)).toBe(true);
    const extracting = engineWith();
    extracting.addQuickly(7, 42, windowFn.assignWindows(1_000), 0);
    extracting.endElementStep();
    expect(() => extracting.advanceWatermark(Infinity)).toThrow(
      'grouping: extracting the output for key 7 in window [1970-01-01T00:00:00.000Z, 1970-01-01T00:00:10.000Z) failed: no output',
    );
  });
});

describe('the first element step taken as a table, at the edges', () => {
  type Engine = GroupingEngine<string, number, number, number>;
  /** Adds an element the way the grouping operator does: the quick path, else the full one. */
  const add = (e: Engine, v: number, ts: number, windows: readonly BoundedWindow[]): void => {
    if (!e.addQuickly('a', v, windows, 0)) e.addPairToElementStep('a', v, ts, windows, 0);
  };
  /** Panes of the same steps through a new engine and through one whose element step is not its first. */
  function both(options: WindowIntoOptions, steps: (e: Engine) => void) {
    return [false, true].map((first) => {
      const panes: Record<string, unknown>[] = [];
      const engine = new GroupingEngine<string, number, number, number>({
        strategy: applyWindowInto(DEFAULT_STRATEGY, options),
        combineFn: sum(),
        emit: (p) => panes.push(plain(p)),
        onDrop: (d) => panes.push({ drop: d.value, reason: d.reason }),
      });
      if (!first) engine.advanceProcessingTime(0);
      steps(engine);
      panes.push({ counters: { ...engine.counters } });
      return panes;
    });
  }

  it('should not share the state of a trigger that extends the default trigger', () => {
    // A subclass that keeps state: it closes the window [0, 10) when it fires.
    class Closing extends DefaultTrigger {
      override get mayFinish(): boolean {
        return true;
      }
      override onFire(node: TriggerNode, ctx: TriggerContext): void {
        if (ctx.window.start === 0) node.setFinished(ctx.state, true);
      }
    }
    const windowFn = fixedWindows(10);
    const [states, table] = both({ windowFn, trigger: new Closing(), allowedLateness: 100, accumulation: 'discarding' }, (e) => {
      for (const [v, ts] of [[1, 1], [2, 15]] as const) add(e, v, ts, windowFn.assignWindows(ts));
      e.endElementStep();
      e.advanceWatermark(30);
      add(e, 4, 16, windowFn.assignWindows(16));
      e.endElementStep();
      e.advanceWatermark(Infinity);
    });
    expect(table).toStrictEqual(states);
    expect(table.flatMap((p) => ('pane' in p ? [p.pane] : []))).toStrictEqual([
      { timing: 'ON_TIME', index: 0, nonSpeculativeIndex: 0, isFirst: true, isLast: true },
      { timing: 'ON_TIME', index: 0, nonSpeculativeIndex: 0, isFirst: true, isLast: false },
      { timing: 'LATE', index: 1, nonSpeculativeIndex: 1, isFirst: false, isLast: false },
    ]);
  });

  it('should give a window without end an EARLY pane at the end of the input, as window states do', () => {
    const [states, table] = both({ windowFn: fixedWindows(10) }, (e) => {
      add(e, 1, 0, [new IntervalWindow(0, Infinity)]);
      add(e, 2, 5, [new IntervalWindow(5, 15)]);
      e.endElementStep();
      e.advanceWatermark(Infinity);
    });
    expect(table).toStrictEqual(states);
    expect(table.flatMap((p) => ('pane' in p ? [(p.pane as { timing: string }).timing] : []))).toStrictEqual(['ON_TIME', 'EARLY']);
    expect(table.at(-1)).toMatchObject({ counters: { panesEarly: 1, panesOnTime: 1 } });
  });

  it('should give one pane for session elements in equal empty windows, as window states do', () => {
    const empty = (): BoundedWindow => ({ start: 5, end: 5, maxTimestamp: 4 }) as BoundedWindow;
    const [states, table] = both({ windowFn: sessions(10) }, (e) => {
      e.addToElementStep(['a', 1], 5, [empty()]);
      e.addToElementStep(['a', 2], 5, [empty()]);
      e.endElementStep();
      e.advanceWatermark(Infinity);
    });
    expect(table).toStrictEqual(states);
    expect(table.flatMap((p) => ('value' in p ? [p.value] : []))).toStrictEqual([3]);
  });

  it('should refuse an element in a proto-window from an engine that does not fold sessions, counting nothing', () => {
    const engine = new GroupingEngine<string, number, number, number>({
      strategy: applyWindowInto(DEFAULT_STRATEGY, { windowFn: fixedWindows(10) }),
      combineFn: sum(),
      emit: () => undefined,
    });
    expect(engine.protoWindowGap).toBeNaN();
    expect(() => engine.addInProtoWindow('a', 1, 5, 0)).toThrow(
      new TypeError('grouping: addInProtoWindow needs sessions folded on arrival (see protoWindowGap)'),
    );
    expect(engine.counters.elementsIn).toBe(0);
  });
});

describe('FreshStep', () => {
  it('should keep one entry per (window bounds, key), with the window and key its first element had', () => {
    const step = new FreshStep<string | number, number, number>(sum());
    const w = (start: number, end: number): BoundedWindow => fixedWindows(end - start, start % (end - start)).assignWindows(start)[0]!;
    const a = w(0, 10);
    const aAgain = w(0, 10);
    const b = w(10, 20);
    step.add(-0, 1, a);
    step.add(0, 2, aAgain);
    step.add('k', 4, b);
    step.add(0, 8, b);
    expect(step.entries.map((e) => [e.key, e.window, e.ks.ordinal, e.acc, e.count])).toStrictEqual([
      [-0, a, 0, 3, 2],
      ['k', b, 1, 4, 1],
      [0, b, 0, 8, 1],
    ]);
    expect(step.entries[0]!.window).toBe(a);
    expect(Object.is(step.firstKey(0), -0)).toBe(true);
    expect(step.inFiringOrder().map((e) => [e.key, e.window.start])).toStrictEqual([
      [-0, 0],
      [0, 10],
      ['k', 10],
    ]);
  });
});
