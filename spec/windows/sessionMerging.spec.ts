/**
 * Session merging inside one element step, through the operators: elements are added to their merged
 * session in arrival order unless the combine function is order-insensitive, and a subclass of Sessions that
 * merges differently keeps its own rule.
 */
import { from } from 'rxjs';
import {
  combinePerKey,
  count,
  groupByKey,
  latest,
  mapElements,
  Sessions,
  windowInto,
  withTimestamps,
  type BoundedWindow,
  type MergeGroup,
} from '../../src/index.js';
import type { OperatorFunction } from 'rxjs';
import type { DataflowEvent } from '../../src/events/dataflowEvent.js';
import { collect, plain, withoutClock, type PlainEvent } from '../helpers/dataflow.js';

interface E {
  readonly v: string;
  readonly t: number;
  /** The timestamp `latest()` compares (the event time when absent). */
  readonly at?: number;
}

/** The panes' values and window bounds of a bounded run of `events` through `grouping`, keyed by `'k'`. */
function panes<O>(events: readonly E[], windowFn: Sessions, grouping: OperatorFunction<DataflowEvent<readonly [string, E]>, DataflowEvent<readonly [string, O]>>) {
  const out = collect(
    from(events).pipe(
      withTimestamps((e: E) => e.t),
      windowInto({ windowFn }),
      mapElements((e: E) => ['k', e] as const),
      grouping,
      plain(),
    ),
  );
  expect(out.error).toBeUndefined();
  const batches = withoutClock(out.values as PlainEvent<readonly [string, O]>[]).filter((e) => 'elements' in e) as {
    readonly elements: readonly { readonly value: readonly [string, O]; readonly windows: readonly (readonly [number, number])[] }[];
  }[];
  return batches.flatMap((b) => b.elements.map((e) => ({ value: e.value[1], window: e.windows[0] })));
}

describe('session merging within a step', () => {
  it('should keep arrival order in groupByKey lists when sessions of the step merge', () => {
    // [25, 35) and [10, 20) are apart until the element at 18 bridges them.
    const result = panes([{ v: 'x', t: 25 }, { v: 'y', t: 10 }, { v: 'z', t: 18 }], new Sessions(10), groupByKey());
    expect(result.map((p) => ({ values: (p.value as readonly E[]).map((e) => e.v), window: p.window }))).toStrictEqual([
      { values: ['x', 'y', 'z'], window: [10, 35] },
    ]);
  });

  it('should let the later of two equal timestamps win in latest() when sessions of the step merge', () => {
    // x and y tie for latest; y arrives later. Their sessions are apart until z bridges them.
    const result = panes(
      [{ v: 'x', t: 25, at: 5 }, { v: 'y', t: 10, at: 5 }, { v: 'z', t: 18, at: 0 }],
      new Sessions(10),
      (source) =>
        source.pipe(
          mapElements(([k, e]: readonly [string, E]) => [k, { value: e.v, timestamp: e.at ?? e.t }] as const),
          combinePerKey(latest<string>()),
        ),
    );
    expect(result).toStrictEqual([{ value: 'y', window: [10, 35] }]);
  });

  it('should merge through the mergeWindows of a subclass of Sessions', () => {
    class NeverMerging extends Sessions {
      override mergeWindows(_windows: readonly BoundedWindow[]): MergeGroup[] {
        return [];
      }
    }
    const result = panes([{ v: 'a', t: 0 }, { v: 'b', t: 5 }], new NeverMerging(10), combinePerKey(count()));
    expect(result).toStrictEqual([
      { value: 1, window: [0, 10] },
      { value: 1, window: [5, 15] },
    ]);
  });

  it('should give the same sessions with an order-insensitive combine function', () => {
    const result = panes([{ v: 'x', t: 25 }, { v: 'y', t: 10 }, { v: 'z', t: 18 }, { v: 'w', t: 60 }], new Sessions(10), combinePerKey(count()));
    expect(result).toStrictEqual([
      { value: 3, window: [10, 35] },
      { value: 1, window: [60, 70] },
    ]);
  });
});

describe('event times far apart', () => {
  it('should fire every window when timers and holds are more than 2^53 ms apart', () => {
    // Times at both ends of the valid range: the timer and hold indexes must keep them exactly.
    const late = 500_000_000_000_001;
    const out = collect(
      from([
        { v: 'a', t: -8_640_000_000_000_000 },
        { v: 'b', t: late },
      ]).pipe(
        withTimestamps((e: E) => e.t),
        windowInto({ windowFn: new Sessions(10) }),
        mapElements((e: E) => ['k', e.v] as const),
        combinePerKey(count()),
        plain(),
      ),
    );
    expect(out.error).toBeUndefined();
    const events = withoutClock(out.values as PlainEvent<readonly [string, number]>[]);
    const windows = events.flatMap((e) => ('elements' in e ? e.elements.map((x) => x.windows[0]) : []));
    expect(windows).toStrictEqual([
      [-8_640_000_000_000_000, -8_640_000_000_000_000 + 10],
      [late, late + 10],
    ]);
    expect(events[events.length - 1]).toStrictEqual({ watermark: Infinity });
  });
});
