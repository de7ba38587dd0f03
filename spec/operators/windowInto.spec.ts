import { marbles } from 'rxjs-marbles/jest';
import { from, Subject } from 'rxjs';
import {
  afterCount,
  afterProcessingTime,
  afterWatermark,
  defaultTrigger,
  fixedWindows,
  globalWindows,
  repeatedly,
  slidingWindows,
  watermark,
  windowInto,
  withTimestamps,
  type DataflowEvent,
  type WatermarkEvent,
  type WindowingStrategy,
  type WindowIntoOptions,
} from '../../src/index.js';
import { batch, collect, item, plain, t0, withoutClock, wm } from '../helpers/dataflow.js';
import { tx, W1, type Tx } from '../helpers/transactions.js';

/** The strategy announced downstream of the given windowInto chain. */
function strategyAfter(...steps: WindowIntoOptions[]): WindowingStrategy {
  const events: DataflowEvent<Tx>[] = [];
  const input = new Subject<Tx>();
  let flow = input.pipe(withTimestamps((e: Tx) => e.at));
  for (const options of steps) flow = flow.pipe(windowInto<Tx>(options));
  flow.subscribe((e) => events.push(e));
  input.next(tx('u1', 1, 0));
  const strategies = events.filter((e) => e.kind === 'strategy');
  expect(strategies).toHaveLength(1);
  expect(events[0]!.kind).toBe('strategy');
  return (strategies[0] as { strategy: WindowingStrategy }).strategy;
}

describe('windowInto', () => {
  it(
    'should assign each element the window of its timestamp and forward watermarks unchanged',
    marbles((m) => {
      const a = tx('u1', 1, 5_000);
      const b = tx('u1', 2, 62_000);
      const c = tx('u2', 3, 59_999);
      const input = '   a-b-W-c-|';
      const expected = 'a-b-W-c-(I|)';
      const source = m.hot<Tx | WatermarkEvent>(input, { a, b, c, W: watermark(t0 + 61_000) });
      const output = source.pipe(withTimestamps((e: Tx) => e.at), windowInto({ windowFn: fixedWindows(60_000) }), plain());

      m.expect(output).toBeObservable(expected, {
        a: batch(item(a, a.at, [W1])),
        b: batch(item(b, b.at, [[t0 + 60_000, t0 + 120_000]])),
        W: wm(t0 + 61_000),
        c: batch(item(c, c.at, [W1])),
        I: wm(Infinity),
      });
    }),
  );

  it('should assign every sliding window of an element, newest first', () => {
    const a = tx('u1', 1, 35_000);
    const { values } = collect(from([a]).pipe(withTimestamps((e: Tx) => e.at), windowInto({ windowFn: slidingWindows(60_000, 20_000) }), plain()));

    expect(withoutClock(values)).toStrictEqual([
      batch(item(a, a.at, [[t0 + 20_000, t0 + 80_000], [t0, t0 + 60_000], [t0 - 20_000, t0 + 40_000]])),
      wm(Infinity),
    ]);
  });

  it('should announce the windowing strategy before anything else, with the defaults for options not given', () => {
    const windowFn = fixedWindows(60_000);
    const s = strategyAfter({ windowFn });

    expect(s.windowFn).toBe(windowFn);
    expect(s.trigger).toBe(defaultTrigger());
    expect([s.accumulation, s.allowedLateness, s.timestampCombiner, s.closingBehavior, s.onTimeBehavior]).toStrictEqual([
      'discarding',
      0,
      'endOfWindow',
      'fireIfNonEmpty',
      'fireAlways',
    ]);
  });

  it('should require accumulation and allowed lateness with a non-default trigger on non-global windows', () => {
    const windowFn = fixedWindows(60_000);
    const trigger = afterWatermark({ early: afterProcessingTime(10_000) });

    expect(() => windowInto({ windowFn, trigger })).toThrow(
      new TypeError(
        'windowInto: a trigger other than the default (AfterWatermark(early=AfterProcessingTime(delay=10000ms))) on ' +
          'FixedWindows(60000ms) requires accumulation and allowedLateness to be given explicitly',
      ),
    );
    expect(() => windowInto({ windowFn, trigger, accumulation: 'accumulating' })).toThrow(/requires allowedLateness to be given explicitly/);
    expect(() => windowInto({ windowFn, trigger, allowedLateness: 0 })).toThrow(/requires accumulation to be given explicitly/);
    expect(() => windowInto({ windowFn, trigger, accumulation: 'discarding', allowedLateness: 0 })).not.toThrow();
    expect(() => windowInto({ windowFn, trigger: defaultTrigger() })).not.toThrow();
    expect(() => windowInto({ windowFn: globalWindows(), trigger: repeatedly(afterCount(2)) })).not.toThrow();
  });

  it('should reject invalid options where the pipeline is built', () => {
    const windowFn = fixedWindows(60_000);

    expect(() => windowInto({ windowFn: null as never })).toThrow(/windowInto: windowFn must be a window function/);
    expect(() => windowInto({ windowFn, trigger: 'default' as never })).toThrow(/windowInto: trigger must be a trigger/);
    expect(() => windowInto({ windowFn, accumulation: 'retracting' as never })).toThrow(
      new TypeError("windowInto: accumulation must be one of 'accumulating', 'discarding', got retracting"),
    );
    expect(() => windowInto({ windowFn, allowedLateness: -1 })).toThrow(RangeError);
    expect(() => windowInto({ windowFn, allowedLateness: 0.5 })).toThrow(RangeError);
    expect(() => windowInto({ windowFn, timestampCombiner: 'first' as never })).toThrow(TypeError);
  });

  it('should keep the larger allowed lateness and the input strategy properties that are not given', () => {
    const trigger = repeatedly(afterCount(3));
    const s = strategyAfter(
      { windowFn: fixedWindows(60_000), trigger, accumulation: 'accumulating', allowedLateness: 120_000, timestampCombiner: 'earliest' },
      { windowFn: fixedWindows(30_000), allowedLateness: 60_000 },
    );

    expect(String(s.windowFn)).toBe('FixedWindows(30000ms)');
    expect(s.trigger).toBe(trigger);
    expect(s.allowedLateness).toBe(120_000);
    expect(s.accumulation).toBe('accumulating');
    expect(s.timestampCombiner).toBe('earliest');
  });

  it('should re-window elements that already have windows', () => {
    const a = tx('u1', 1, 65_000);
    const { values } = collect(
      from([a]).pipe(
        withTimestamps((e: Tx) => e.at),
        windowInto({ windowFn: fixedWindows(60_000) }),
        windowInto({ windowFn: fixedWindows(30_000) }),
        plain(),
      ),
    );

    expect(withoutClock(values)).toStrictEqual([batch(item(a, a.at, [[t0 + 60_000, t0 + 90_000]])), wm(Infinity)]);
  });
});
