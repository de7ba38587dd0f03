import { marbles } from 'rxjs-marbles/jest';
import { from, Subject } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import {
  afterProcessingTime,
  afterWatermark,
  combinePerKey,
  composeCombineFns,
  count,
  fixedWindows,
  mapElements,
  sum,
  testStream,
  timestamped,
  watermark,
  windowInto,
  withTimestamps,
  type DataflowEvent,
  type DroppedElement,
  type KV,
  type WatermarkEvent,
} from '../../src/index.js';
import { batch, collect, item, pane, plain, t0, withoutClock, wm } from '../helpers/dataflow.js';
import { sumPerUser, tx, W1, W1_MAX, type Tx } from '../helpers/transactions.js';

/** A sum pane of W1 for `user`. */
const sumPane = (user: string, total: number, timing: 'EARLY' | 'ON_TIME' | 'LATE', index: number, nsi: number, isFirst: boolean, isLast: boolean) =>
  batch(item([user, total] as const, W1_MAX, [W1], pane(timing, index, nsi, isFirst, isLast)));

describe('combinePerKey', () => {
  it(
    'should fire a LATE pane at once for late data within the allowed lateness (default trigger) and drop its twin beyond it',
    marbles((m) => {
      const drops: DroppedElement<string, number>[] = [];
      const input = '   a---b---W---c---X---d---|';
      const expected = '--------(PW)L---w-------(I|)';
      const source = m.hot<Tx | WatermarkEvent>(input, {
        a: tx('u1', 10, 5_000),
        b: tx('u1', 20, 20_000),
        W: watermark(t0 + 61_000),
        c: tx('u1', 5, 50_000), //   late, gc(W1) = t0+119 999 not passed: kept
        X: watermark(t0 + 120_000),
        d: tx('u1', 7, 40_000), //   beyond the allowed lateness: dropped
      });
      const output = source.pipe(sumPerUser({ allowedLateness: 60_000 }, { lateData: (d) => drops.push(d) }));

      m.expect(output).toBeObservable(expected, {
        P: sumPane('u1', 30, 'ON_TIME', 0, 0, true, false),
        W: wm(t0 + 61_000),
        L: sumPane('u1', 5, 'LATE', 1, 1, false, false),
        w: wm(t0 + 120_000),
        I: wm(Infinity),
      });
      m.flush();
      expect(drops.map((d) => [d.key, d.value, d.timestamp, d.reason, d.inputWatermark])).toStrictEqual([
        ['u1', 7, t0 + 40_000, 'expired', t0 + 120_000],
      ]);
    }),
  );

  it(
    'should fire a LATE pane after the late processing-time delay, strictly after the deadline, in virtual time',
    marbles((m) => {
      const drops: DroppedElement<string, number>[] = [];
      const input = '   a---b---W---c---------X---d---|';
      const expected = '--------(PW)------L---w-------(I|)';
      const source = m.hot<Tx | WatermarkEvent>(input, {
        a: tx('u1', 10, 5_000),
        b: tx('u1', 20, 20_000),
        W: watermark(t0 + 61_000),
        c: tx('u1', 5, 50_000), //   frame 12: late deadline 12 + 5 = 17, fires at the first frame after it
        X: watermark(t0 + 180_000),
        d: tx('u1', 7, 40_000),
      });
      const output = source.pipe(
        sumPerUser(
          { trigger: afterWatermark({ late: afterProcessingTime(5) }), accumulation: 'accumulating', allowedLateness: 120_000 },
          { lateData: (d) => drops.push(d) },
        ),
      );

      m.expect(output).toBeObservable(expected, {
        P: sumPane('u1', 30, 'ON_TIME', 0, 0, true, false),
        W: wm(t0 + 61_000),
        L: sumPane('u1', 35, 'LATE', 1, 1, false, false),
        w: wm(t0 + 180_000),
        I: wm(Infinity),
      });
      m.flush();
      expect(drops.map((d) => [d.value, d.reason])).toStrictEqual([[7, 'expired']]);
    }),
  );

  it(
    'should fire EARLY panes strictly after the processing-time deadline set by the first element of each pane',
    marbles((m) => {
      const input = '   a--b------------c-------------W----|';
      const expected = '-----------E---------------F--(OW)-(I|)';
      const source = m.hot<Tx | WatermarkEvent>(input, {
        a: tx('u1', 1, 5_000), //    deadline 0 + 10
        b: tx('u1', 2, 6_000), //    same pane: the deadline does not move
        c: tx('u1', 4, 7_000), //    new pane: deadline 16 + 10
        W: watermark(t0 + 60_000),
      });
      const output = source.pipe(
        sumPerUser({ trigger: afterWatermark({ early: afterProcessingTime(10) }), accumulation: 'discarding', allowedLateness: 0 }),
      );

      m.expect(output).toBeObservable(expected, {
        E: sumPane('u1', 3, 'EARLY', 0, -1, true, false),
        F: sumPane('u1', 4, 'EARLY', 1, -1, false, false),
        // Empty, but on-time behaviour FIRE_ALWAYS; the last pane because the allowed lateness is 0.
        O: sumPane('u1', 0, 'ON_TIME', 2, 0, false, true),
        W: wm(t0 + 60_000),
        I: wm(Infinity),
      });
    }),
  );

  it(
    'should not fire on a watermark equal to the end of the window, only on one past it',
    marbles((m) => {
      const input = '   a-V-W---|';
      const expected = '--v-(PW)(I|)';
      const source = m.hot<Tx | WatermarkEvent>(input, {
        a: tx('u1', 1, 5_000),
        V: watermark(t0 + 59_999), // = W1.max: the end is not passed
        W: watermark(t0 + 60_000),
      });
      const output = source.pipe(sumPerUser({ allowedLateness: 0 }));

      m.expect(output).toBeObservable(expected, {
        v: wm(t0 + 59_999),
        P: sumPane('u1', 1, 'ON_TIME', 0, 0, true, true),
        W: wm(t0 + 60_000),
        I: wm(Infinity),
      });
    }),
  );

  it(
    'should not fire when scripted processing time reaches the deadline exactly, only when it passes it',
    marbles((m) => {
      const script = testStream<Tx>()
        .addElements(timestamped(tx('u1', 1, 5_000), t0 + 5_000)) // PT 0: deadline 10
        .advanceProcessingTime(10) //                                PT 10: not past the deadline
        .advanceProcessingTime(1) //                                 PT 11: past it
        .advanceWatermarkToInfinity();
      const output = script.pipe(
        sumPerUser({ trigger: afterWatermark({ early: afterProcessingTime(10) }), accumulation: 'discarding', allowedLateness: 0 }),
      );

      // Frame = scripted processing time: 0, 10, 11.
      m.expect(output).toBeObservable('p 9ms q (rEOI|)', {
        p: { processingTime: 0 },
        q: { processingTime: 10 },
        E: sumPane('u1', 1, 'EARLY', 0, -1, true, false),
        r: { processingTime: 11 },
        O: sumPane('u1', 0, 'ON_TIME', 1, 0, false, true),
        I: wm(Infinity),
      });
    }),
  );

  it(
    'should fire a due processing-time timer in a step of its own before the input that arrives at the same frame',
    marbles((m) => {
      const input = '   a----------b----------|';
      const expected = '-----------E----------(FOI|)';
      const source = m.hot<Tx | WatermarkEvent>(input, {
        a: tx('u1', 1, 5_000), //    deadline 10, due at frame 11
        b: tx('u1', 2, 6_000), //    arrives at frame 11, after the EARLY pane: starts the next pane (deadline 21)
      });
      const output = source.pipe(
        sumPerUser({ trigger: afterWatermark({ early: afterProcessingTime(10) }), accumulation: 'accumulating', allowedLateness: 0 }),
      );

      // At frame 22 the deadline 21 is due as well: its EARLY pane comes before the end of the input.
      m.expect(output).toBeObservable(expected, {
        E: sumPane('u1', 1, 'EARLY', 0, -1, true, false),
        F: sumPane('u1', 3, 'EARLY', 1, -1, false, false),
        O: sumPane('u1', 3, 'ON_TIME', 2, 0, false, true),
        I: wm(Infinity),
      });
    }),
  );

  it(
    'should emit a step\'s panes in key order of first appearance, then the output watermark',
    marbles((m) => {
      const input = '   a-b-c-W---|';
      const expected = '------(PW)(I|)';
      const source = m.hot<Tx | WatermarkEvent>(input, {
        a: tx('u2', 1, 1_000),
        b: tx('u1', 2, 2_000),
        c: tx('u2', 3, 3_000),
        W: watermark(t0 + 60_000),
      });
      const output = source.pipe(sumPerUser({ allowedLateness: 0 }));

      m.expect(output).toBeObservable(expected, {
        P: batch(
          item(['u2', 4] as const, W1_MAX, [W1], pane('ON_TIME', 0, 0, true, true)),
          item(['u1', 2] as const, W1_MAX, [W1], pane('ON_TIME', 0, 0, true, true)),
        ),
        W: wm(t0 + 60_000),
        I: wm(Infinity),
      });
    }),
  );

  it(
    'should drop and report data for a window whose trigger has finished (closed window)',
    marbles((m) => {
      const drops: DroppedElement<string, number>[] = [];
      const input = '   a---W---b---|';
      const expected = '----(PW)----(I|)';
      const source = m.hot<Tx | WatermarkEvent>(input, {
        a: tx('u1', 1, 1_000),
        W: watermark(t0 + 61_000),
        b: tx('u1', 2, 2_000),
      });
      const output = source.pipe(
        sumPerUser({ trigger: afterWatermark(), accumulation: 'discarding', allowedLateness: 60_000 }, { lateData: (d) => drops.push(d) }),
      );

      m.expect(output).toBeObservable(expected, {
        P: sumPane('u1', 1, 'ON_TIME', 0, 0, true, true),
        W: wm(t0 + 61_000),
        I: wm(Infinity),
      });
      m.flush();
      expect(drops.map((d) => [d.value, d.reason, d.window.start])).toStrictEqual([[2, 'closedWindow', t0]]);
    }),
  );

  it('should cancel its pending processing-time timer when unsubscribed', () => {
    const scheduler = new TestScheduler((a, e) => expect(a).toStrictEqual(e));
    const input = new Subject<Tx | WatermarkEvent>();
    const seen: unknown[] = [];
    const output = input.pipe(
      sumPerUser(
        { trigger: afterWatermark({ early: afterProcessingTime(10) }), accumulation: 'discarding', allowedLateness: 0 },
        { scheduler },
      ),
    );

    const subscription = output.subscribe((e) => seen.push(e));
    expect(scheduler.actions).toHaveLength(0);
    input.next(tx('u1', 1, 1_000));
    expect(scheduler.actions).toHaveLength(1);
    expect(scheduler.actions[0]!.delay).toBe(11);

    subscription.unsubscribe();
    expect(scheduler.actions).toHaveLength(0);
    scheduler.flush();
    expect(seen).toStrictEqual([]);
    expect(input.observed).toBe(false);
  });

  it(
    'should emit nothing after the output is unsubscribed, even when a deadline passes later',
    marbles((m) => {
      const input = '        a------------|';
      const subscription = ' ^----!';
      const expected = '     ------';
      const source = m.hot<Tx | WatermarkEvent>(input, { a: tx('u1', 1, 1_000) });
      const output = source.pipe(
        sumPerUser({ trigger: afterWatermark({ early: afterProcessingTime(10) }), accumulation: 'discarding', allowedLateness: 0 }),
      );

      m.expect(output, subscription).toBeObservable(expected);
      m.expect(source).toHaveSubscriptions(subscription);
    }),
  );

  it(
    'should keep separate state when one operator value is applied to two sources',
    marbles((m) => {
      const perUser = sumPerUser({ allowedLateness: 0 });
      const firstInput = '   a-b---W---|';
      const secondInput = '  -c----W---|';
      const expected = '     ------(PW)(I|)';
      const first = m.hot<Tx | WatermarkEvent>(firstInput, { a: tx('u1', 1, 1_000), b: tx('u1', 2, 2_000), W: watermark(t0 + 60_000) });
      const second = m.hot<Tx | WatermarkEvent>(secondInput, { c: tx('u1', 100, 3_000), W: watermark(t0 + 60_000) });

      m.expect(first.pipe(perUser)).toBeObservable(expected, {
        P: sumPane('u1', 3, 'ON_TIME', 0, 0, true, true),
        W: wm(t0 + 60_000),
        I: wm(Infinity),
      });
      m.expect(second.pipe(perUser)).toBeObservable(expected, {
        P: sumPane('u1', 100, 'ON_TIME', 0, 0, true, true),
        W: wm(t0 + 60_000),
        I: wm(Infinity),
      });
    }),
  );

  it('should announce the continuation trigger to downstream groupings before its first output', () => {
    const events: DataflowEvent<KV<string, number>>[] = [];
    const input = new Subject<Tx | WatermarkEvent>();
    input
      .pipe(
        withTimestamps((e: Tx) => e.at),
        windowInto({
          windowFn: fixedWindows(60_000),
          trigger: afterWatermark({ early: afterProcessingTime(10_000), late: afterProcessingTime(10_000) }),
          accumulation: 'accumulating',
          allowedLateness: 120_000,
        }),
        mapElements((e: Tx) => [e.user, e.amount] as const),
        combinePerKey(sum()),
      )
      .subscribe((e) => events.push(e));
    expect(events).toStrictEqual([]);

    input.next(watermark(t0));
    input.complete();

    expect(events.map((e) => e.kind)).toStrictEqual(['strategy', 'watermark', 'watermark']);
    const strategy = events[0]!;
    if (strategy.kind !== 'strategy') throw new Error('expected a strategy event first');
    expect(String(strategy.strategy.trigger)).toBe('AfterWatermark(early=AfterSynchronizedProcessingTime, late=AfterSynchronizedProcessingTime)');
    expect(strategy.strategy.allowedLateness).toBe(120_000);
    expect(strategy.strategy.accumulation).toBe('accumulating');
  });

  it('should combine several aggregations in one pass with composeCombineFns', () => {
    const { values, completed } = collect(
      from([tx('u1', 20, 5_000), tx('u2', 8, 35_000), tx('u1', 15, 20_000)]).pipe(
        withTimestamps((e: Tx) => e.at),
        windowInto({ windowFn: fixedWindows(60_000) }),
        mapElements((e: Tx) => [e.user, e.amount] as const),
        combinePerKey(composeCombineFns({ n: count(), total: sum() })),
        plain(),
      ),
    );

    expect(completed).toBe(true);
    // A bounded input may also announce its frozen processing-time clock; only panes and watermarks matter here.
    expect(withoutClock(values)).toStrictEqual([
      batch(
        item(['u1', { n: 2, total: 35 }] as const, W1_MAX, [W1], pane('ON_TIME', 0, 0, true, true)),
        item(['u2', { n: 1, total: 8 }] as const, W1_MAX, [W1], pane('ON_TIME', 0, 0, true, true)),
      ),
      wm(Infinity),
    ]);
  });

  it('should group pairs with string, number and composite keys alike, and dead-letter bad elements as they arrived', () => {
    const notAPair = { user: 'u9', amount: 1 };
    const undefinedKey = [undefined, 2] as const;
    const dateKey = [new Date(0), 3] as const;
    const elements: unknown[] = [['u1', 10], [7, 20], notAPair, [['u1', 'eu'], 30], undefinedKey, ['u1', 40], dateKey, [7, 50]];
    const deadLetters: { value: unknown; reason: string; operator: string }[] = [];
    const { values, completed, error } = collect(
      from(elements.map((value, i) => ({ value, at: t0 + 1_000 * (i + 1) }))).pipe(
        withTimestamps((e: { value: unknown; at: number }) => e.at),
        windowInto({ windowFn: fixedWindows(60_000) }),
        mapElements((e: { value: unknown; at: number }) => e.value as KV<unknown, number>),
        combinePerKey(sum(), { deadLetter: (d) => deadLetters.push(d) }),
        plain(),
      ),
    );

    expect(error).toBeUndefined();
    expect(completed).toBe(true);
    expect(withoutClock(values)).toStrictEqual([
      batch(
        item(['u1', 50] as const, W1_MAX, [W1], pane('ON_TIME', 0, 0, true, true)),
        item([7, 70] as const, W1_MAX, [W1], pane('ON_TIME', 0, 0, true, true)),
        item([['u1', 'eu'], 30] as const, W1_MAX, [W1], pane('ON_TIME', 0, 0, true, true)),
      ),
      wm(Infinity),
    ]);
    // The dead-letter sink gets each bad element itself, not a copy.
    expect(deadLetters.map((d) => d.reason)).toStrictEqual([
      'expected a [key, value] pair',
      'the key is undefined',
      'grouping key "1970-01-01T00:00:00.000Z" contains a Date object; keys must be primitives, arrays or plain objects',
    ]);
    expect(deadLetters[0]!.value).toBe(notAPair);
    expect(deadLetters[1]!.value).toBe(undefinedKey);
    expect(deadLetters[2]!.value).toBe(dateKey);
    expect(deadLetters.every((d) => d.operator === 'combinePerKey')).toBe(true);
  });

  it('should name the element, key and window when the combine function throws on a pair with a string key', () => {
    const { error } = collect(
      from([tx('u1', 20, 5_000), tx('u1', 666, 6_000)]).pipe(
        withTimestamps((e: Tx) => e.at),
        windowInto({ windowFn: fixedWindows(60_000) }),
        mapElements((e: Tx) => [e.user, e.amount] as const),
        combinePerKey({
          ...sum(),
          addInput: (acc: number, x: number) => {
            if (x === 666) throw new Error('boom');
            return acc + x;
          },
        }),
      ),
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(
      'combinePerKey: adding element ["u1",666] for key "u1" in window [2026-01-01T00:00:00.000Z, 2026-01-01T00:01:00.000Z) failed: boom',
    );
  });

  it('should reject a combine function that is not a CombineFn', () => {
    expect(() => combinePerKey(null as never)).toThrow(new TypeError('combinePerKey: combineFn must be a CombineFn such as count() or sum(), got null'));
    expect(() => combinePerKey({} as never)).toThrow(TypeError);
  });
});
