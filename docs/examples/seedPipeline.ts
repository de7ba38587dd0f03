// The seed pipeline (spec §11), written out with the library's operators: per user and one-minute
// event-time window, the number and the sum of the amounts, with early and late results 10 s of processing
// time after data arrives and two minutes of allowed lateness.
import type { Observable } from 'rxjs';
import {
  afterProcessingTime,
  afterWatermark,
  combinePerKey,
  composeCombineFns,
  count,
  fixedWindows,
  mapElements,
  seconds,
  sum,
  toRecords,
  windowInto,
  withTimestamps,
  type DataflowEvent,
  type GroupingOptions,
  type WatermarkEvent,
  type WindowedRecord,
} from '../../src/index.js';

/** A transaction; `at` is its event time in ms since the epoch. */
export interface Purchase {
  readonly user: string;
  readonly amount: number;
  readonly at: number;
}

/** One output pane: `[user, { count, sum }]` with its window, timestamp and PaneInfo. */
export type UserTotals = WindowedRecord<readonly [string, { count: number; sum: number }]>;

/**
 * The same chain for a bounded array, a `testStream()` script or a live stream with `watermark()` markers.
 * `options` go to the grouping: e.g. `lateData` receives what is dropped as too late, `handle` its metrics.
 */
export function perUserPerMinute(
  source$: Observable<Purchase | WatermarkEvent | DataflowEvent<Purchase>>,
  options: GroupingOptions<string, number> = {},
): Observable<UserTotals> {
  return source$.pipe(
    withTimestamps((p: Purchase) => p.at),
    windowInto({
      windowFn: fixedWindows(seconds(60)),
      trigger: afterWatermark({
        early: afterProcessingTime(seconds(10)),
        late: afterProcessingTime(seconds(10)),
      }),
      accumulation: 'accumulating',
      allowedLateness: seconds(120),
    }),
    mapElements((p: Purchase) => [p.user, p.amount] as const),
    combinePerKey(composeCombineFns({ count: count(), sum: sum() }), options),
    toRecords(),
  );
}

/** 2026-01-01T00:00:00Z: the seed's minute-aligned start. */
export const t0 = Date.UTC(2026, 0, 1);

/** The seven transactions; the last one (u2 at t0+50 s) is out of order. */
export const purchases: Purchase[] = [
  { user: 'u1', amount: 20, at: t0 + seconds(5) },
  { user: 'u1', amount: 15, at: t0 + seconds(20) },
  { user: 'u2', amount: 8, at: t0 + seconds(35) },
  { user: 'u1', amount: -5, at: t0 + seconds(62) },
  { user: 'u2', amount: 12, at: t0 + seconds(70) },
  { user: 'u3', amount: 9, at: t0 + seconds(75) },
  { user: 'u2', amount: 3, at: t0 + seconds(50) },
];

/** A pane as one table row: times relative to t0, `W1 = [t0, t0+60s)`, `W2 = [t0+60s, t0+120s)`. */
export function row(r: UserTotals): string {
  const [user, { count, sum }] = r.value;
  const window = `W${(r.window.start - t0) / seconds(60) + 1}`;
  const { timing, index, nonSpeculativeIndex, isFirst, isLast } = r.pane;
  return [user, window, count, sum, timing, index, nonSpeculativeIndex, isFirst, isLast, `t0+${r.timestamp - t0}`].join(' | ');
}
