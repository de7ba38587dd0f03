import fc from 'fast-check';
import {
  afterCount,
  combineFn,
  afterProcessingTime,
  afterWatermark,
  applyWindowInto,
  DEFAULT_STRATEGY,
  fixedWindows,
  GLOBAL_WINDOW,
  GroupingEngine,
  IntervalWindow,
  never,
  NO_FIRING,
  sessions,
  Sessions,
  sum,
  type BoundedWindow,
  type DroppedElement,
  type EmittedPane,
  type PaneInfo,
  type WindowIntoOptions,
} from '../../src/index.js';
import { pane, t0 } from '../helpers/dataflow.js';

interface PlainPane {
  key: string;
  value: number;
  window: [number, number];
  timestamp: number;
  pane: PaneInfo;
}

const plainPane = (p: EmittedPane<string, number>): PlainPane => ({
  key: p.key,
  value: p.value,
  window: [p.window.start, p.window.end],
  timestamp: p.timestamp,
  pane: pane(p.pane.timing, p.pane.index, p.pane.nonSpeculativeIndex, p.pane.isFirst, p.pane.isLast),
});

const out = (key: string, value: number, window: [number, number], timestamp: number, p: PaneInfo): PlainPane => ({
  key,
  value,
  window,
  timestamp,
  pane: p,
});

/** A sum whose `addInput` throws 'boom' on 666. */
const sumFailingOn666 = () =>
  combineFn<number, number, number>({
    createAccumulator: () => 0,
    addInput: (acc, x) => {
      if (x === 666) throw new Error('boom');
      return acc + x;
    },
    mergeAccumulators: (accs) => accs.reduce((a, b) => a + b, 0),
    extractOutput: (acc) => acc,
    orderInsensitive: true,
  });

/** An engine summing numbers per key with the strategy `windowInto(options)` would set. */
function setup(options: WindowIntoOptions) {
  let panes: PlainPane[] = [];
  const drops: DroppedElement<string, number>[] = [];
  const engine = new GroupingEngine<string, number, number, number>({
    strategy: applyWindowInto(DEFAULT_STRATEGY, options),
    combineFn: sum(),
    emit: (p) => panes.push(plainPane(p)),
    onDrop: (d) => drops.push(d),
  });
  /** Adds one batch of `[key, value, timestamp]` elements and returns the panes of that step. */
  const add = (processingTime: number, ...elements: Array<[string, number, number]>): PlainPane[] => {
    engine.processElements(
      elements.map(([k, v, ts]) => ({ value: [k, v] as const, timestamp: ts, windows: options.windowFn.assignWindows(ts), pane: NO_FIRING })),
      processingTime,
    );
    return take();
  };
  const take = (): PlainPane[] => {
    const p = panes;
    panes = [];
    return p;
  };
  const watermark = (w: number): PlainPane[] => {
    engine.advanceWatermark(w);
    return take();
  };
  const processingTime = (p: number): PlainPane[] => {
    engine.advanceProcessingTime(p);
    return take();
  };
  const live = () => ({ windows: engine.liveWindows, keys: engine.liveKeys, holds: engine.liveHolds });
  return { engine, add, take, watermark, processingTime, live, drops };
}

const SEED_OPTIONS: WindowIntoOptions = {
  windowFn: fixedWindows(60_000),
  trigger: afterWatermark({ early: afterProcessingTime(10_000), late: afterProcessingTime(10_000) }),
  accumulation: 'accumulating',
  allowedLateness: 120_000,
};

describe('GroupingEngine', () => {
  it('should fire ON_TIME, then LATE immediately for late data under the default trigger, then forget the window (spec §4.4)', () => {
    const g = setup({ windowFn: fixedWindows(60_000), allowedLateness: 60_000 });

    expect(g.add(0, ['k', 1, 5_000])).toStrictEqual([]);
    expect(g.live()).toStrictEqual({ windows: 1, keys: 1, holds: 1 });
    expect(g.watermark(70_000)).toStrictEqual([out('k', 1, [0, 60_000], 59_999, pane('ON_TIME', 0, 0, true, false))]);
    expect(g.live()).toStrictEqual({ windows: 1, keys: 1, holds: 0 });
    expect(g.add(0, ['k', 2, 10_000])).toStrictEqual([out('k', 2, [0, 60_000], 59_999, pane('LATE', 1, 1, false, false))]);
    expect(g.watermark(120_000)).toStrictEqual([]);
    expect(g.live()).toStrictEqual({ windows: 0, keys: 0, holds: 0 });
    expect(g.engine.outputWatermark).toBe(120_000);
  });

  it('should fire a watermark step in window order, and each window in the order its keys were first seen', () => {
    const g = setup({ windowFn: fixedWindows(60_000) });
    const onTime = (isLast: boolean) => pane('ON_TIME', 0, 0, true, isLast);
    g.add(0, ['k2', 1, 1_000], ['k0', 2, 2_000], ['k1', 3, 3_000]);
    // The second window sees the keys in another order, and one new key.
    g.add(0, ['k1', 10, 61_000], ['k3', 20, 62_000], ['k0', 30, 63_000], ['k2', 40, 64_000]);
    // Unordered arrival within a window too: the end of the first comes after elements of the second.
    g.add(0, ['k3', 100, 59_000], ['k1', 200, 65_000]);
    expect(g.watermark(Infinity)).toStrictEqual([
      out('k2', 1, [0, 60_000], 59_999, onTime(true)),
      out('k0', 2, [0, 60_000], 59_999, onTime(true)),
      out('k1', 3, [0, 60_000], 59_999, onTime(true)),
      out('k3', 100, [0, 60_000], 59_999, onTime(true)),
      out('k2', 40, [60_000, 120_000], 119_999, onTime(true)),
      out('k0', 30, [60_000, 120_000], 119_999, onTime(true)),
      out('k1', 210, [60_000, 120_000], 119_999, onTime(true)),
      out('k3', 20, [60_000, 120_000], 119_999, onTime(true)),
    ]);
  });

  it('should fire in window order when a later timer belongs to an earlier window (garbage collection after lateness)', () => {
    const g = setup({ windowFn: fixedWindows(60_000), trigger: afterWatermark({ late: afterCount(2) }), accumulation: 'discarding', allowedLateness: 120_000 });
    g.add(0, ['b', 1, 5_000]);
    expect(g.watermark(70_000)).toStrictEqual([out('b', 1, [0, 60_000], 59_999, pane('ON_TIME', 0, 0, true, false))]);
    // A late element waits for a second one; the next window gets data of two keys.
    g.add(0, ['b', 2, 10_000]);
    g.add(0, ['a', 3, 65_000], ['b', 4, 66_000]);
    // Due in this step: the second window's end (119,999), then the first one's collection (179,999). Panes
    // still come in window order.
    expect(g.watermark(200_000)).toStrictEqual([
      out('b', 2, [0, 60_000], 59_999, pane('LATE', 1, 1, false, true)),
      out('b', 4, [60_000, 120_000], 119_999, pane('ON_TIME', 0, 0, true, false)),
      out('a', 3, [60_000, 120_000], 119_999, pane('ON_TIME', 0, 0, true, false)),
    ]);
  });

  it('should release every state at the end of the input, except one without a pending timer', () => {
    const g = setup({ windowFn: fixedWindows(60_000) });
    g.add(0, ['a', 1, 1_000], ['b', 2, 2_000], ['a', 3, 61_000]);
    // A restored state whose timers were lost: the end of the input does not reach it.
    const snapshot = JSON.parse(JSON.stringify(g.engine.snapshot())) as ReturnType<typeof g.engine.snapshot>;
    const b = snapshot.keys.find((k) => k.key === 'b')!;
    (b.windows[0] as unknown as { eventTimers: number[] }).eventTimers = [];
    const r = setup({ windowFn: fixedWindows(60_000) });
    r.engine.restore(snapshot);
    expect(r.live()).toStrictEqual({ windows: 3, keys: 2, holds: 3 });
    expect(r.watermark(Infinity)).toStrictEqual([
      out('a', 1, [0, 60_000], 59_999, pane('ON_TIME', 0, 0, true, true)),
      out('a', 3, [60_000, 120_000], 119_999, pane('ON_TIME', 0, 0, true, true)),
    ]);
    expect(r.live()).toStrictEqual({ windows: 1, keys: 1, holds: 1 });
    expect(r.engine.outputWatermark).toBe(59_999);
    // Without that state the end of the input leaves nothing.
    expect(g.watermark(Infinity)).toHaveLength(3);
    expect(g.live()).toStrictEqual({ windows: 0, keys: 0, holds: 0 });
    expect(g.engine.outputWatermark).toBe(Infinity);
  });

  it('should add elements that go back and forth between two windows, one element at a time', () => {
    const g = setup({ windowFn: fixedWindows(60_000) });
    const wf = fixedWindows(60_000);
    const add = (k: string, v: number, ts: number): void => {
      if (!g.engine.addQuickly(k, v, wf.assignWindows(ts), 0)) g.engine.addPairToElementStep(k, v, ts, wf.assignWindows(ts), 0);
    };
    for (const [v, ts] of [[1, 59_000], [2, 61_000], [4, 58_000], [8, 62_000], [16, 57_000], [32, 121_000], [64, 63_000]] as const) add('k', v, ts);
    add('j', 128, 59_500);
    g.engine.endElementStep();
    expect(g.watermark(70_000)).toStrictEqual([
      out('k', 21, [0, 60_000], 59_999, pane('ON_TIME', 0, 0, true, true)),
      out('j', 128, [0, 60_000], 59_999, pane('ON_TIME', 0, 0, true, true)),
    ]);
    // The first window is gone: its element is dropped, the other two windows still take theirs.
    add('k', 256, 59_000);
    add('k', 512, 64_000);
    add('k', 1024, 122_000);
    g.engine.endElementStep();
    expect(g.drops.map((d) => d.value)).toStrictEqual([256]);
    expect(g.watermark(Infinity)).toStrictEqual([
      out('k', 2 + 8 + 64 + 512, [60_000, 120_000], 119_999, pane('ON_TIME', 0, 0, true, true)),
      out('k', 32 + 1024, [120_000, 180_000], 179_999, pane('ON_TIME', 0, 0, true, true)),
    ]);
    expect(g.engine.counters.elementsIn).toBe(11);
  });

  it('should treat an element as late once the watermark passed its window, even right after an on-time one', () => {
    const g = setup({ windowFn: fixedWindows(60_000), trigger: never(), accumulation: 'discarding', allowedLateness: 60_000 });
    const wf = fixedWindows(60_000);
    // One element step, fed the way the grouping operator feeds it.
    const step = (...elements: Array<[string, number, number]>): void => {
      for (const [k, v, ts] of elements) {
        if (!g.engine.addQuickly(k, v, wf.assignWindows(ts), 0)) g.engine.addPairToElementStep(k, v, ts, wf.assignWindows(ts), 0);
      }
      g.engine.endElementStep();
    };
    step(['k', 1, 1_000], ['k', 2, 2_000]);
    expect(g.live()).toStrictEqual({ windows: 1, keys: 1, holds: 1 });
    // The window's end passes without a firing (the trigger never fires): k's next element is late and holds
    // the output watermark at the window's garbage-collection time as well (spec §7.2).
    expect(g.watermark(70_000)).toStrictEqual([]);
    expect(g.engine.outputWatermark).toBe(59_999);
    step(['j', 10, 100_000], ['k', 4, 3_000]);
    expect(g.live()).toStrictEqual({ windows: 2, keys: 2, holds: 3 });
    expect(g.watermark(100_000)).toStrictEqual([]);
    expect(g.engine.outputWatermark).toBe(59_999);
    expect(g.watermark(130_000)).toStrictEqual([out('k', 7, [0, 60_000], 59_999, pane('ON_TIME', 0, 0, true, true))]);
    expect(g.live()).toStrictEqual({ windows: 1, keys: 1, holds: 1 });
  });

  it('should number panes past the shared PaneInfos (index 64 and more)', () => {
    const g = setup({ windowFn: fixedWindows(60_000), trigger: afterWatermark({ early: afterCount(1) }), accumulation: 'discarding', allowedLateness: 0 });
    const panes: PaneInfo[] = [];
    for (let i = 0; i < 70; i++) panes.push(...g.add(0, ['k', 1, 1_000 + i]).map((p) => p.pane));
    panes.push(...g.watermark(Infinity).map((p) => p.pane));
    expect(panes).toHaveLength(71);
    panes.slice(0, 70).forEach((p, i) => expect(p).toStrictEqual(pane('EARLY', i, -1, i === 0, false)));
    expect(panes[70]).toStrictEqual(pane('ON_TIME', 70, 0, false, true));
  });

  it('should keep the holds of the windows an end-of-input step did not reach when user code threw', () => {
    const wf = fixedWindows(10);
    const engine = new GroupingEngine<string, number, number[], number[]>({
      strategy: applyWindowInto(DEFAULT_STRATEGY, { windowFn: wf }),
      combineFn: combineFn<number, number[], number[]>({
        createAccumulator: () => [],
        addInput: (acc, x) => [...acc, x],
        mergeAccumulators: (accs) => accs.flat(),
        extractOutput: (acc) => {
          if (acc.includes(777)) throw new Error('boom');
          return acc;
        },
      }),
      emit: () => undefined,
    });
    engine.processElements(
      [
        { value: ['a', 777], timestamp: 1, windows: wf.assignWindows(1), pane: NO_FIRING },
        { value: ['b', 1], timestamp: 15, windows: wf.assignWindows(15), pane: NO_FIRING },
      ],
      0,
    );
    expect(() => engine.advanceWatermark(Infinity)).toThrow(/extracting the output for key "a" .* failed: boom/);
    // The failing window released its hold as it fired; the other window was not reached and keeps its own.
    expect([engine.liveWindows, engine.liveKeys, engine.liveHolds]).toStrictEqual([2, 2, 1]);
    engine.advanceProcessingTime(5);
    expect(engine.outputWatermark).toBe(19);
  });

  it('should report a pair given as its parts, or a whole element, whose key cannot be grouped', () => {
    const invalid: [unknown, string][] = [];
    const engine = new GroupingEngine<unknown, number, number, number>({
      strategy: applyWindowInto(DEFAULT_STRATEGY, { windowFn: fixedWindows(60_000) }),
      combineFn: sum(),
      emit: () => undefined,
      onInvalid: (value, reason) => invalid.push([value, reason]),
    });
    const windows = fixedWindows(60_000).assignWindows(1_000);
    const element = [undefined, 3] as const;
    engine.addPairToElementStep(undefined, 2, 1_000, windows, 0);
    engine.addToElementStep(element, 1_000, windows, 0);
    engine.addToElementStep(['a'] as never, 1_000, windows, 0);
    engine.addPairToElementStep('a', 4, 1_000, windows, 0);
    engine.endElementStep();
    expect(invalid).toStrictEqual([
      [[undefined, 2], 'the key is undefined'],
      [[undefined, 3], 'the key is undefined'],
      [['a'], 'expected a [key, value] pair'],
    ]);
    // An element the caller has is reported as it is.
    expect(invalid[1]![0]).toBe(element);
    expect(engine.counters.elementsIn).toBe(4);
    expect(engine.counters.invalidElements).toBe(3);
    expect([engine.liveWindows, engine.liveKeys]).toStrictEqual([1, 1]);
  });

  it('should name the key as first seen when user code throws on the quick path', () => {
    const engine = new GroupingEngine<number, number, number, number>({
      strategy: applyWindowInto(DEFAULT_STRATEGY, { windowFn: fixedWindows(60_000) }),
      combineFn: sumFailingOn666(),
      emit: () => undefined,
    });
    const windows = fixedWindows(60_000).assignWindows(1_000);
    engine.addToElementStep([-0, 1], 1_000, windows, 0);
    let error: unknown;
    try {
      if (!engine.addQuickly(0, 666, windows, 0)) engine.addPairToElementStep(0, 666, 1_000, windows, 0);
    } catch (err) {
      error = err;
    }
    expect(Object.is((error as { key: unknown }).key, -0)).toBe(true);
  });

  it('should fire the first pane of a window whose end already passed as LATE idx0 first', () => {
    const g = setup({ windowFn: fixedWindows(60_000), allowedLateness: 60_000 });

    expect(g.watermark(70_000)).toStrictEqual([]);
    expect(g.add(0, ['k', 7, 10_000])).toStrictEqual([out('k', 7, [0, 60_000], 59_999, pane('LATE', 0, 0, true, false))]);
  });

  it('should keep an element at IW = gc(W) and drop and count it at IW = gc(W) + 1 (spec §1.3)', () => {
    const g = setup({ windowFn: fixedWindows(60_000), allowedLateness: 120_000 });

    g.watermark(t0 + 179_999);
    expect(g.add(0, ['k', 1, t0 + 50_000])).toStrictEqual([out('k', 1, [t0, t0 + 60_000], t0 + 59_999, pane('LATE', 0, 0, true, false))]);
    expect(g.engine.counters.droppedDueToLateness).toBe(0);

    g.watermark(t0 + 180_000);
    expect(g.add(0, ['k', 1, t0 + 50_000])).toStrictEqual([]);
    expect(g.engine.counters.droppedDueToLateness).toBe(1);
    expect(g.drops).toHaveLength(1);
    expect(g.drops[0]).toMatchObject({ key: 'k', value: 1, timestamp: t0 + 50_000, reason: 'expired', inputWatermark: t0 + 180_000 });
    expect([g.drops[0]!.window.start, g.drops[0]!.window.end]).toStrictEqual([t0, t0 + 60_000]);
    expect(g.live()).toStrictEqual({ windows: 0, keys: 0, holds: 0 });
  });

  it('should keep a closed window as a marker until garbage collection and count the data it drops', () => {
    const g = setup({ windowFn: fixedWindows(60_000), trigger: afterWatermark(), accumulation: 'accumulating', allowedLateness: 60_000 });

    g.add(0, ['k', 1, 5_000]);
    expect(g.watermark(70_000)).toStrictEqual([out('k', 1, [0, 60_000], 59_999, pane('ON_TIME', 0, 0, true, true))]);
    expect(g.live()).toStrictEqual({ windows: 1, keys: 1, holds: 0 });
    expect(g.add(0, ['k', 2, 6_000])).toStrictEqual([]);
    expect(g.engine.counters.droppedDueToClosedWindow).toBe(1);
    expect(g.drops.map((d) => d.reason)).toStrictEqual(['closedWindow']);
    expect(g.watermark(120_000)).toStrictEqual([]);
    expect(g.live()).toStrictEqual({ windows: 0, keys: 0, holds: 0 });
  });

  it('should track the seed example holds step by step and release everything at +Infinity (spec §11.2)', () => {
    const g = setup(SEED_OPTIONS);
    const W1: [number, number] = [t0, t0 + 60_000];
    const W2: [number, number] = [t0 + 60_000, t0 + 120_000];

    g.watermark(t0);
    expect(g.add(0, ['u1', 20, t0 + 5_000], ['u1', 15, t0 + 20_000], ['u2', 8, t0 + 35_000])).toStrictEqual([]);
    expect(g.live()).toStrictEqual({ windows: 2, keys: 2, holds: 2 });
    expect(g.engine.nextProcessingTimer()).toBe(10_000);
    expect(g.processingTime(5_000)).toStrictEqual([]);
    expect(g.watermark(t0 + 61_000)).toStrictEqual([
      out('u1', 35, W1, t0 + 59_999, pane('ON_TIME', 0, 0, true, false)),
      out('u2', 8, W1, t0 + 59_999, pane('ON_TIME', 0, 0, true, false)),
    ]);
    expect(g.live()).toStrictEqual({ windows: 2, keys: 2, holds: 0 });
    expect(g.engine.outputWatermark).toBe(t0 + 61_000);
    expect(g.add(5_000, ['u1', -5, t0 + 62_000], ['u2', 12, t0 + 70_000], ['u3', 9, t0 + 75_000])).toStrictEqual([]);
    expect(g.live()).toStrictEqual({ windows: 5, keys: 3, holds: 3 });
    expect(g.processingTime(10_000)).toStrictEqual([]);
    expect(g.add(10_000, ['u2', 3, t0 + 50_000])).toStrictEqual([]);
    expect(g.live()).toStrictEqual({ windows: 5, keys: 3, holds: 4 });
    expect(g.watermark(t0 + 121_000)).toStrictEqual([
      out('u1', -5, W2, t0 + 119_999, pane('ON_TIME', 0, 0, true, false)),
      out('u2', 12, W2, t0 + 119_999, pane('ON_TIME', 0, 0, true, false)),
      out('u3', 9, W2, t0 + 119_999, pane('ON_TIME', 0, 0, true, false)),
    ]);
    expect(g.live()).toStrictEqual({ windows: 5, keys: 3, holds: 1 });
    expect(g.engine.outputWatermark).toBe(t0 + 121_000);
    expect(g.watermark(Infinity)).toStrictEqual([out('u2', 11, W1, t0 + 59_999, pane('LATE', 1, 1, false, true))]);
    expect(g.live()).toStrictEqual({ windows: 0, keys: 0, holds: 0 });
    expect(g.engine.outputWatermark).toBe(Infinity);
    expect(g.engine.counters).toStrictEqual({
      elementsIn: 7,
      droppedDueToLateness: 0,
      droppedDueToClosedWindow: 0,
      invalidElements: 0,
      panesEarly: 0,
      panesOnTime: 5,
      panesLate: 1,
    });
  });

  it('should hold the output watermark back at an EARLIEST element hold until the window fires', () => {
    const g = setup({ windowFn: fixedWindows(60_000), allowedLateness: 120_000, timestampCombiner: 'earliest' });

    g.watermark(t0);
    g.add(0, ['u1', 1, t0 + 20_000], ['u1', 1, t0 + 5_000]);
    expect(g.watermark(t0 + 30_000)).toStrictEqual([]);
    expect(g.engine.outputWatermark).toBe(t0 + 5_000);
    expect(g.watermark(t0 + 61_000)).toStrictEqual([out('u1', 2, [t0, t0 + 60_000], t0 + 5_000, pane('ON_TIME', 0, 0, true, false))]);
    expect(g.engine.outputWatermark).toBe(t0 + 61_000);
    // A late element holds at gc(W) = t0+179 999, after the input watermark: the output watermark is not held back,
    // and the LATE pane carries W.max.
    expect(g.add(0, ['u1', 1, t0 + 1_000])).toStrictEqual([out('u1', 1, [t0, t0 + 60_000], t0 + 59_999, pane('LATE', 1, 1, false, false))]);
    g.watermark(t0 + 150_000);
    expect(g.engine.outputWatermark).toBe(t0 + 150_000);
  });

  it('should stamp panes with the earliest new element under EARLIEST and ACCUMULATING (spec §7.3 example)', () => {
    const g = setup({
      windowFn: fixedWindows(60_000),
      trigger: afterWatermark({ early: afterCount(1) }),
      accumulation: 'accumulating',
      allowedLateness: 0,
      timestampCombiner: 'earliest',
    });

    g.watermark(0);
    expect(g.add(0, ['k', 1, 30_000])).toStrictEqual([out('k', 1, [0, 60_000], 30_000, pane('EARLY', 0, -1, true, false))]);
    expect(g.add(0, ['k', 2, 10_000])).toStrictEqual([out('k', 3, [0, 60_000], 10_000, pane('EARLY', 1, -1, false, false))]);
    expect(g.watermark(60_000)).toStrictEqual([out('k', 3, [0, 60_000], 59_999, pane('ON_TIME', 2, 0, false, true))]);
  });

  it('should stamp a garbage-collection pane with the held element timestamp under EARLIEST, not W.max', () => {
    const g = setup({ windowFn: fixedWindows(60_000), trigger: never(), accumulation: 'discarding', allowedLateness: 30_000, timestampCombiner: 'earliest' });

    g.add(0, ['k', 1, 40_000], ['k', 1, 25_000]);
    expect(g.watermark(60_000)).toStrictEqual([]);
    expect(g.engine.outputWatermark).toBe(25_000);
    expect(g.watermark(Infinity)).toStrictEqual([out('k', 2, [0, 60_000], 25_000, pane('ON_TIME', 0, 0, true, true))]);
  });

  it('should merge sessions (overlap, touch, bridge) and release their state at +Infinity', () => {
    const g = setup({ windowFn: sessions(10_000) });

    g.add(0, ['a', 1, 1_000], ['a', 2, 5_000]);
    expect(g.live()).toStrictEqual({ windows: 1, keys: 1, holds: 1 });
    g.add(0, ['a', 4, 15_000]);
    expect(g.live()).toStrictEqual({ windows: 2, keys: 1, holds: 2 });
    g.add(0, ['a', 8, 12_000]);
    expect(g.live()).toStrictEqual({ windows: 1, keys: 1, holds: 1 });
    expect(g.watermark(Infinity)).toStrictEqual([out('a', 15, [1_000, 25_000], 24_999, pane('ON_TIME', 0, 0, true, true))]);
    expect(g.live()).toStrictEqual({ windows: 0, keys: 0, holds: 0 });
  });

  it('should forget a key whose only elements were dropped', () => {
    const g = setup({ windowFn: fixedWindows(1_000) });

    g.watermark(5_000);
    g.add(0, ['ghost', 1, 10]);
    expect(g.engine.counters.droppedDueToLateness).toBe(1);
    expect(g.live()).toStrictEqual({ windows: 0, keys: 0, holds: 0 });
  });

  it('should never move the output watermark backwards nor past the input watermark, and end with no state', () => {
    const strategies: WindowIntoOptions[] = [
      { windowFn: fixedWindows(60_000), allowedLateness: 30_000 },
      SEED_OPTIONS,
      { windowFn: sessions(20_000), allowedLateness: 10_000 },
      { ...SEED_OPTIONS, closingBehavior: 'fireAlways', timestampCombiner: 'earliest' },
    ];
    const step = fc.oneof(
      fc.record({ elements: fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 0, max: 400_000 })), { minLength: 1, maxLength: 4 }) }),
      fc.record({ watermark: fc.integer({ min: 0, max: 100_000 }) }),
      fc.record({ processingTime: fc.integer({ min: 1, max: 20_000 }) }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...strategies), fc.array(step, { maxLength: 40 }), (options, steps) => {
        const g = setup(options);
        let iw = 0;
        let pt = 0;
        let ow = g.engine.outputWatermark;
        const check = () => {
          expect(g.engine.outputWatermark).toBeGreaterThanOrEqual(ow);
          expect(g.engine.outputWatermark).toBeLessThanOrEqual(g.engine.inputWatermark);
          ow = g.engine.outputWatermark;
        };
        for (const s of steps) {
          if ('elements' in s) g.add(pt, ...s.elements.map(([k, ts]): [string, number, number] => [k, 1, ts]));
          else if ('watermark' in s) g.watermark((iw += s.watermark));
          else g.processingTime((pt += s.processingTime));
          check();
        }
        g.watermark(Infinity);
        check();
        expect(g.engine.outputWatermark).toBe(Infinity);
        expect(g.live()).toStrictEqual({ windows: 0, keys: 0, holds: 0 });
      }),
      { numRuns: 300 },
    );
  });

  it('should number the panes of each fixed window 0, 1, 2, ... with timings EARLY* ON_TIME? LATE*', () => {
    const step = fc.oneof(
      fc.record({ elements: fc.array(fc.tuple(fc.constantFrom('a', 'b'), fc.integer({ min: 0, max: 200_000 })), { minLength: 1, maxLength: 3 }) }),
      fc.record({ watermark: fc.integer({ min: 0, max: 50_000 }) }),
      fc.record({ processingTime: fc.integer({ min: 1, max: 20_000 }) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const g = setup(SEED_OPTIONS);
        const all: PlainPane[] = [];
        let iw = 0;
        let pt = 0;
        for (const s of steps) {
          if ('elements' in s) all.push(...g.add(pt, ...s.elements.map(([k, ts]): [string, number, number] => [k, 1, ts])));
          else if ('watermark' in s) all.push(...g.watermark((iw += s.watermark)));
          else all.push(...g.processingTime((pt += s.processingTime)));
        }
        all.push(...g.watermark(Infinity));
        const byWindow = new Map<string, PlainPane[]>();
        for (const p of all) {
          const id = `${p.key}@${p.window[0]}`;
          byWindow.set(id, [...(byWindow.get(id) ?? []), p]);
        }
        for (const panes of byWindow.values()) {
          expect(panes.map((p) => p.pane.index)).toStrictEqual(panes.map((_, i) => i));
          expect(panes.map((p) => p.pane.isFirst)).toStrictEqual(panes.map((_, i) => i === 0));
          expect(panes.map((p) => p.pane.timing).join(' ')).toMatch(/^(EARLY ?)*(ON_TIME ?)?(LATE ?)*$/);
          const firstNonEarly = panes.findIndex((p) => p.pane.timing !== 'EARLY');
          for (const [i, p] of panes.entries()) {
            expect(p.pane.nonSpeculativeIndex).toBe(p.pane.timing === 'EARLY' ? -1 : i - firstNonEarly);
          }
          expect(panes.filter((p) => p.pane.isLast).length).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('should give the same panes and drops for session elements fed through the quick path as for whole batches', () => {
    const sessionFn = sessions(10_000);
    // Steps of elements [key, value, timestamp offset] and watermark advances, with lateness so some are dropped.
    const step = fc.oneof(
      fc.record({ elements: fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 60_000 })), { maxLength: 12 }) }),
      fc.record({ watermark: fc.integer({ min: 0, max: 70_000 }) }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 12 }), fc.boolean(), (steps, withTrigger) => {
        const options: WindowIntoOptions = withTrigger
          ? { windowFn: sessionFn, trigger: afterWatermark({ late: afterCount(1) }), allowedLateness: 5_000, accumulation: 'accumulating' }
          : { windowFn: sessionFn, allowedLateness: 5_000 };
        const whole = setup(options);
        const parts = setup(options);
        let wm = -Infinity;
        for (const st of steps) {
          if ('watermark' in st) {
            wm = Math.max(wm, t0 + st.watermark);
            expect(parts.watermark(wm)).toStrictEqual(whole.watermark(wm));
            continue;
          }
          const expected = whole.add(0, ...st.elements.map(([k, v, dt]): [string, number, number] => [k, v, t0 + dt]));
          // One element at a time, the way the grouping operator feeds the engine.
          const gap = parts.engine.protoWindowGap;
          for (const [k, v, dt] of st.elements) {
            const windows = sessionFn.assignWindows(t0 + dt);
            if (gap === gap) parts.engine.addInProtoWindow(k, v, t0 + dt, 0);
            else if (!parts.engine.addQuickly(k, v, windows, 0)) parts.engine.addPairToElementStep(k, v, t0 + dt, windows, 0);
          }
          parts.engine.endElementStep();
          expect(parts.take()).toStrictEqual(expected);
        }
        expect(parts.watermark(Infinity)).toStrictEqual(whole.watermark(Infinity));
        expect(parts.drops).toStrictEqual(whole.drops);
        expect(parts.engine.counters).toStrictEqual(whole.engine.counters);
        expect(parts.live()).toStrictEqual({ windows: 0, keys: 0, holds: 0 });
      }),
      { numRuns: 300 },
    );
  });

  it('should keep the windows of a window function that makes its own window class, and the global window, as they are', () => {
    class Labelled extends IntervalWindow {}
    class LabelledSessions extends Sessions {
      override assignWindows(timestamp: number): readonly IntervalWindow[] {
        return [new Labelled(timestamp, timestamp + this.gap)];
      }
    }
    const run = (windowFn: Sessions, windows: readonly BoundedWindow[]) => {
      const panes: EmittedPane<string, number>[] = [];
      const engine = new GroupingEngine<string, number, number, number>({
        strategy: applyWindowInto(DEFAULT_STRATEGY, { windowFn }),
        combineFn: sum(),
        emit: (p) => panes.push(p),
      });
      // Merging windows never take addQuickly: the grouping operator goes on to addPairToElementStep.
      expect(engine.addQuickly('a', 1, windows, 0)).toBe(false);
      engine.addPairToElementStep('a', 1, 1_000, windows, 0);
      engine.endElementStep();
      engine.advanceWatermark(Infinity);
      expect(panes.map((p) => [p.key, p.value])).toStrictEqual([['a', 1]]);
      return { gap: engine.protoWindowGap, window: panes[0]!.window };
    };
    const labelled = new LabelledSessions(10_000).assignWindows(1_000);
    expect(run(new LabelledSessions(10_000), labelled)).toStrictEqual({ gap: NaN, window: labelled[0] });
    expect(run(new LabelledSessions(10_000), labelled).window).toBe(labelled[0]);
    expect(run(sessions(10_000), [GLOBAL_WINDOW]).window).toBe(GLOBAL_WINDOW);
    const plain = sessions(10_000).assignWindows(1_000);
    expect(run(sessions(10_000), plain)).toStrictEqual({ gap: 10_000, window: plain[0] });
    expect(run(sessions(10_000), plain).window).toBe(plain[0]);
    // Given by its time only, an element's session is a window of the engine's own with its bounds.
    const panes: EmittedPane<string, number>[] = [];
    const engine = new GroupingEngine<string, number, number, number>({
      strategy: applyWindowInto(DEFAULT_STRATEGY, { windowFn: sessions(10_000) }),
      combineFn: sum(),
      emit: (p) => panes.push(p),
    });
    engine.addInProtoWindow('a', 1, 1_000, 0);
    engine.advanceWatermark(Infinity);
    expect(panes.map((p) => [p.key, p.value, p.window])).toStrictEqual([['a', 1, new IntervalWindow(1_000, 11_000)]]);
  });

  it('should give every window of the default trigger one shared trigger state, which no firing or merge changes', () => {
    const g = setup({ windowFn: sessions(10_000), allowedLateness: 30_000 });
    g.add(0, ['a', 1, 1_000], ['b', 2, 3_000], ['a', 4, 15_000]);
    g.add(0, ['a', 8, 8_000]); // bridges a's two sessions: a merge
    const windows = g.engine.snapshot().keys.flatMap((k) => k.windows);
    expect(windows.map((w) => w.trigger)).toStrictEqual([[0], [0]]);
    expect(g.watermark(40_000)).toHaveLength(2);
    expect(g.add(0, ['a', 16, 2_000], ['b', 32, 4_000])).toHaveLength(2); // late panes
    const restored = new GroupingEngine<string, number, number, number>({
      strategy: applyWindowInto(DEFAULT_STRATEGY, { windowFn: sessions(10_000), allowedLateness: 30_000 }),
      combineFn: sum(),
      emit: () => undefined,
    });
    restored.restore(g.engine.snapshot());
    // Every state the engines make from now on still starts unfinished.
    for (const engine of [g.engine, restored]) {
      engine.processElements([{ value: ['c', 1] as const, timestamp: 100_000, windows: sessions(10_000).assignWindows(100_000), pane: NO_FIRING }]);
      expect(engine.snapshot().keys.map((k) => k.windows.map((w) => w.trigger))).toStrictEqual([[[0]], [[0]], [[0]]]);
      engine.advanceWatermark(Infinity);
      expect(engine.liveWindows).toBe(0);
    }
    expect(g.take()).toStrictEqual([out('c', 1, [100_000, 110_000], 109_999, pane('ON_TIME', 0, 0, true, true))]);
  });

  it('should name the session window of the element when the combine function throws on the quick path', () => {
    const engine = new GroupingEngine<string, number, number, number>({
      strategy: applyWindowInto(DEFAULT_STRATEGY, { windowFn: sessions(10_000) }),
      combineFn: sumFailingOn666(),
      emit: () => undefined,
    });
    const windows = (ts: number) => sessions(10_000).assignWindows(ts);
    engine.addPairToElementStep('k', 1, 1_000, windows(1_000), 0);
    engine.addInProtoWindow('k', 2, 1_500, 0);
    expect(() => engine.addInProtoWindow('k', 666, 2_000, 0)).toThrow(
      'adding element 666 for key "k" in window [1970-01-01T00:00:02.000Z, 1970-01-01T00:00:12.000Z) failed: boom',
    );
  });
});
