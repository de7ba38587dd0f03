import { marbles } from 'rxjs-marbles/jest';
import { catchError, from, of } from 'rxjs';
import {
  afterCount,
  afterProcessingTime,
  afterWatermark,
  elements,
  END_OF_GLOBAL_WINDOW,
  fixedWindows,
  globalWindows,
  groupByKey,
  mapElements,
  repeatedly,
  sessions,
  timestamped,
  watermark,
  windowInto,
  withKeys,
  withTimestamps,
  type DataflowEvent,
  type KV,
  type WatermarkEvent,
} from '../../src/index.js';
import { batch, collect, GLOBAL, item, pane, plain, t0, withoutClock, wm, type PlainEvent } from '../helpers/dataflow.js';
import { tx, W1, W1_MAX, type Tx } from '../helpers/transactions.js';

interface Click {
  readonly user: string;
  readonly page: string;
  readonly at: number;
}
const click = (user: string, page: string, at: number): Click => ({ user, page, at });

describe('groupByKey', () => {
  it('should collect the values of each key and window in arrival order', () => {
    const { values } = collect(
      from([tx('u1', 20, 5_000), tx('u2', 8, 35_000), tx('u1', 15, 20_000), tx('u1', -5, 62_000), tx('u1', 1, 1_000)]).pipe(
        withTimestamps((e: Tx) => e.at),
        windowInto({ windowFn: fixedWindows(60_000) }),
        mapElements((e: Tx) => [e.user, e.amount] as const),
        groupByKey(),
        plain(),
      ),
    );

    const onlyPane = pane('ON_TIME', 0, 0, true, true);
    expect(withoutClock(values)).toStrictEqual([
      batch(
        item(['u1', [20, 15, 1]] as const, W1_MAX, [W1], onlyPane),
        item(['u2', [8]] as const, W1_MAX, [W1], onlyPane),
        item(['u1', [-5]] as const, t0 + 119_999, [[t0 + 60_000, t0 + 120_000]], onlyPane),
      ),
      wm(Infinity),
    ]);
  });

  it(
    'should emit only the values since the last pane when discarding',
    marbles((m) => {
      const input = '   a-b-c-d-e-|';
      const expected = '--P---Q---(RI|)';
      const source = m.hot<string>(input);
      const output = source.pipe(
        withTimestamps(() => t0),
        windowInto({ windowFn: globalWindows(), trigger: repeatedly(afterCount(2)), accumulation: 'discarding', allowedLateness: 0 }),
        withKeys(() => 'k'),
        mapElements(([k, v]: KV<string, string>) => [k, v] as const),
        groupByKey(),
        plain(),
      );

      m.expect(output).toBeObservable(expected, {
        P: batch(item(['k', ['a', 'b']] as const, END_OF_GLOBAL_WINDOW, [GLOBAL], pane('EARLY', 0, -1, true, false))),
        Q: batch(item(['k', ['c', 'd']] as const, END_OF_GLOBAL_WINDOW, [GLOBAL], pane('EARLY', 1, -1, false, false))),
        R: batch(item(['k', ['e']] as const, END_OF_GLOBAL_WINDOW, [GLOBAL], pane('ON_TIME', 2, 0, false, true))),
        I: wm(Infinity),
      });
    }),
  );

  it(
    'should emit everything since the window started when accumulating, without changing panes already emitted',
    marbles((m) => {
      const input = '   a-b-c-d-e-|';
      const expected = '--P---Q---(RI|)';
      const source = m.hot<string>(input);
      const output = source.pipe(
        withTimestamps(() => t0),
        windowInto({ windowFn: globalWindows(), trigger: repeatedly(afterCount(2)), accumulation: 'accumulating', allowedLateness: 0 }),
        withKeys(() => 'k'),
        mapElements(([k, v]: KV<string, string>) => [k, v] as const),
        groupByKey(),
        plain(),
      );

      m.expect(output).toBeObservable(expected, {
        P: batch(item(['k', ['a', 'b']] as const, END_OF_GLOBAL_WINDOW, [GLOBAL], pane('EARLY', 0, -1, true, false))),
        Q: batch(item(['k', ['a', 'b', 'c', 'd']] as const, END_OF_GLOBAL_WINDOW, [GLOBAL], pane('EARLY', 1, -1, false, false))),
        R: batch(item(['k', ['a', 'b', 'c', 'd', 'e']] as const, END_OF_GLOBAL_WINDOW, [GLOBAL], pane('ON_TIME', 2, 0, false, true))),
        I: wm(Infinity),
      });
    }),
  );

  it('should group composite keys by value, whatever the order of their properties', () => {
    const { values } = collect(
      from([
        { key: { user: 'u1', region: 'eu' }, n: 1 },
        { key: { region: 'eu', user: 'u1' }, n: 2 },
        { key: { user: 'u1', region: 'us' }, n: 3 },
      ]).pipe(
        withTimestamps(() => t0),
        windowInto({ windowFn: fixedWindows(60_000) }),
        mapElements((e: { key: { user: string; region: string }; n: number }) => [e.key, e.n] as const),
        groupByKey(),
        plain(),
      ),
    );

    const onlyPane = pane('ON_TIME', 0, 0, true, true);
    expect(withoutClock(values)).toStrictEqual([
      batch(
        item([{ user: 'u1', region: 'eu' }, [1, 2]] as const, W1_MAX, [W1], onlyPane),
        item([{ user: 'u1', region: 'us' }, [3]] as const, W1_MAX, [W1], onlyPane),
      ),
      wm(Infinity),
    ]);
  });

  it('should merge session windows that overlap and keep touching ones apart (spec §2.3)', () => {
    const group = (clicks: Click[]) =>
      withoutClock(
        collect(
          from(clicks).pipe(
            withTimestamps((c: Click) => c.at),
            windowInto({ windowFn: sessions(10_000) }),
            mapElements((c: Click) => [c.user, c.page] as const),
            groupByKey(),
            plain(),
          ),
        ).values,
      );
    const onlyPane = pane('ON_TIME', 0, 0, true, true);

    expect(group([click('u1', 'a', 1_000), click('u1', 'b', 5_000), click('u1', 'c', 15_000)])).toStrictEqual([
      batch(
        item(['u1', ['a', 'b']] as const, 14_999, [[1_000, 15_000]], onlyPane),
        item(['u1', ['c']] as const, 24_999, [[15_000, 25_000]], onlyPane),
      ),
      wm(Infinity),
    ]);
    expect(group([click('u1', 'a', 1_000), click('u1', 'b', 5_000), click('u1', 'c', 15_000), click('u1', 'd', 12_000)])).toStrictEqual([
      batch(item(['u1', ['a', 'b', 'c', 'd']] as const, 24_999, [[1_000, 25_000]], onlyPane)),
      wm(Infinity),
    ]);
  });

  it(
    'should merge sessions as elements arrive and restart pane numbering in each brand-new merged window',
    marbles((m) => {
      const input = '   a-b-c-d-W---|';
      const expected = 'a-b-c-d-(OW)(I|)';
      const source = m.hot<Click | WatermarkEvent>(input, {
        a: click('u1', 'a', 1_000), //   [1 000, 11 000)
        b: click('u1', 'b', 5_000), //   overlaps: [1 000, 15 000), a new window
        c: click('u1', 'c', 15_000), //  only touches: a session of its own
        d: click('u1', 'd', 12_000), //  bridges both: [1 000, 25 000), a new window
        W: watermark(30_000),
      });
      const output = source.pipe(
        withTimestamps((c: Click) => c.at),
        windowInto({ windowFn: sessions(10_000), trigger: repeatedly(afterCount(1)), accumulation: 'accumulating', allowedLateness: 0 }),
        mapElements((c: Click) => [c.user, c.page] as const),
        groupByKey(),
        plain(),
      );

      m.expect(output).toBeObservable(expected, {
        a: batch(item(['u1', ['a']] as const, 10_999, [[1_000, 11_000]], pane('EARLY', 0, -1, true, false))),
        b: batch(item(['u1', ['a', 'b']] as const, 14_999, [[1_000, 15_000]], pane('EARLY', 0, -1, true, false))),
        c: batch(item(['u1', ['c']] as const, 24_999, [[15_000, 25_000]], pane('EARLY', 0, -1, true, false))),
        d: batch(item(['u1', ['a', 'b', 'c', 'd']] as const, 24_999, [[1_000, 25_000]], pane('EARLY', 0, -1, true, false))),
        // Nothing new since d, but the on-time pane fires always; the last one, as the allowed lateness is 0.
        O: batch(item(['u1', ['a', 'b', 'c', 'd']] as const, 24_999, [[1_000, 25_000]], pane('ON_TIME', 1, 0, false, true))),
        W: wm(30_000),
        I: wm(Infinity),
      });
    }),
  );

  it(
    'should keep the pane history of an existing session that a new element falls into',
    marbles((m) => {
      const input = '   a-b-x-|';
      const expected = 'a-b-x-(OI|)';
      const source = m.hot<Click | WatermarkEvent>(input, {
        a: click('u1', 'a', 1_000),
        b: click('u1', 'b', 5_000), //   [1 000, 15 000), a new window
        x: click('u1', 'x', 3_000), //   [3 000, 13 000) lies inside it: the merge result is the existing window
      });
      const output = source.pipe(
        withTimestamps((c: Click) => c.at),
        windowInto({ windowFn: sessions(10_000), trigger: repeatedly(afterCount(1)), accumulation: 'accumulating', allowedLateness: 0 }),
        mapElements((c: Click) => [c.user, c.page] as const),
        groupByKey(),
        plain(),
      );

      m.expect(output).toBeObservable(expected, {
        a: batch(item(['u1', ['a']] as const, 10_999, [[1_000, 11_000]], pane('EARLY', 0, -1, true, false))),
        b: batch(item(['u1', ['a', 'b']] as const, 14_999, [[1_000, 15_000]], pane('EARLY', 0, -1, true, false))),
        x: batch(item(['u1', ['a', 'b', 'x']] as const, 14_999, [[1_000, 15_000]], pane('EARLY', 1, -1, false, false))),
        O: batch(item(['u1', ['a', 'b', 'x']] as const, 14_999, [[1_000, 15_000]], pane('ON_TIME', 2, 0, false, true))),
        I: wm(Infinity),
      });
    }),
  );

  it(
    'should carry the earliest processing-time deadline of merged sessions into the merged window',
    marbles((m) => {
      const input = '   a----b-------------|';
      const expected = '-----------E-------(OI|)';
      const source = m.hot<Click | WatermarkEvent>(input, {
        a: click('u1', 'a', 1_000), //   frame 0: deadline 10 for [1 000, 11 000)
        b: click('u1', 'b', 5_000), //   frame 5: merges into [1 000, 15 000), which inherits the deadline 10
      });
      const output = source.pipe(
        withTimestamps((c: Click) => c.at),
        windowInto({
          windowFn: sessions(10_000),
          trigger: afterWatermark({ early: afterProcessingTime(10) }),
          accumulation: 'discarding',
          allowedLateness: 0,
        }),
        mapElements((c: Click) => [c.user, c.page] as const),
        groupByKey(),
        plain(),
      );

      m.expect(output).toBeObservable(expected, {
        E: batch(item(['u1', ['a', 'b']] as const, 14_999, [[1_000, 15_000]], pane('EARLY', 0, -1, true, false))),
        O: batch(item(['u1', []] as const, 14_999, [[1_000, 15_000]], pane('ON_TIME', 1, 0, false, true))),
        I: wm(Infinity),
      });
    }),
  );

  it(
    'should never merge a closed session, while elements whose proto-window equals it join an overlapping one (spec §2.3)',
    marbles((m) => {
      const drops: unknown[] = [];
      const [b, c, d] = [click('u1', 'b', 1), click('u1', 'c', 2), click('u1', 'd', 3)];
      const input = '   a-B-e-|';
      const expected = 'a-B---(I|)';
      const source = m.hot<Click | WatermarkEvent | DataflowEvent<Click>>(input, {
        a: click('u1', 'a', 2), //   [2, 12): fires once and closes
        // One batch: [1, 11), [2, 12) and [3, 13) merge into [1, 13); all three elements are kept there.
        B: elements([timestamped(b, b.at), timestamped(c, c.at), timestamped(d, d.at)]),
        e: click('u1', 'e', 2), //   [2, 12) alone again: it is the closed window, so dropped
      });
      const output = source.pipe(
        withTimestamps((c: Click) => c.at),
        windowInto({ windowFn: sessions(10), trigger: afterCount(1), accumulation: 'discarding', allowedLateness: 0 }),
        mapElements((c: Click) => [c.user, c.page] as const),
        groupByKey<string, string>({ lateData: (d) => drops.push([d.value, d.reason, d.window.start, d.window.end]) }),
        plain(),
      );

      m.expect(output).toBeObservable(expected, {
        a: batch(item(['u1', ['a']] as const, 11, [[2, 12]], pane('EARLY', 0, -1, true, true))),
        B: batch(item(['u1', ['b', 'c', 'd']] as const, 12, [[1, 13]], pane('EARLY', 0, -1, true, true))),
        I: wm(Infinity),
      });
      m.flush();
      expect(drops).toStrictEqual([['e', 'closedWindow', 2, 12]]);
    }),
  );

  it('should fire a count trigger at most once while absorbing a bounded input, then the on-time pane at the end', () => {
    const { values } = collect(
      from(['a', 'b', 'c', 'd', 'e']).pipe(
        withTimestamps(() => t0),
        windowInto({ windowFn: fixedWindows(60_000), trigger: repeatedly(afterCount(2)), accumulation: 'discarding', allowedLateness: 0 }),
        withKeys(() => 'k'),
        mapElements(([k, v]: KV<string, string>) => [k, v] as const),
        groupByKey(),
        plain(),
      ),
    );

    expect(withoutClock(values)).toStrictEqual([
      batch(item(['k', ['a', 'b', 'c', 'd', 'e']] as const, W1_MAX, [W1], pane('EARLY', 0, -1, true, false))),
      // Nothing new, but on-time panes fire always (DISCARDING: an empty group).
      batch(item(['k', []] as const, W1_MAX, [W1], pane('ON_TIME', 1, 0, false, true))),
      wm(Infinity),
    ]);
  });

  it(
    'should reject an unbounded input in the global window with the default trigger',
    marbles((m) => {
      const input = '   a-W-|';
      const expected = '--(E|)';
      const source = m.hot<Tx | WatermarkEvent>(input, { a: tx('u1', 1, 0), W: watermark(t0) });
      const output = source.pipe(
        withTimestamps((e: Tx) => e.at),
        mapElements((e: Tx) => [e.user, e.amount] as const),
        groupByKey(),
        plain(),
        catchError((err: Error) => of<PlainEvent<KV<string, number[]>> | { error: string }>({ error: err.message })),
      );

      m.expect(output).toBeObservable(expected, {
        E: {
          error:
            'groupByKey: the input is unbounded (it has watermark 1767225600000 (2026-01-01T00:00:00.000Z)) but is in the ' +
            'global window with the default trigger, which would fire only when the input ends; apply windowInto with a ' +
            'window function (e.g. fixedWindows) or a trigger first',
        },
      });
    }),
  );

  it('should group a bounded input in the global window with the default trigger at the end of the input', () => {
    const { values } = collect(
      from([tx('u1', 1, 0), tx('u1', 2, 99_000_000)]).pipe(
        withTimestamps((e: Tx) => e.at),
        mapElements((e: Tx) => [e.user, e.amount] as const),
        groupByKey(),
        plain(),
      ),
    );

    expect(withoutClock(values)).toStrictEqual([
      batch(item(['u1', [1, 2]] as const, END_OF_GLOBAL_WINDOW, [GLOBAL], pane('ON_TIME', 0, 0, true, true))),
      wm(Infinity),
    ]);
  });
});
