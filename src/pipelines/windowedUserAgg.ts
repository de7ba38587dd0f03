/**
 * The seed pipeline: per user and one-minute event-time window, the count and the sum of transaction amounts,
 * with early results 10 s after data arrives, an on-time result when the watermark passes the window, and
 * late updates 10 s after late data, for up to two minutes of lateness. One operator, for a bounded array
 * and for a live stream alike.
 */
import type { OperatorFunction, SchedulerLike } from 'rxjs';
import { composeCombineFns } from '../combiners/compose.js';
import { count } from '../combiners/count.js';
import { sum } from '../combiners/sum.js';
import type { DataflowEvent, WatermarkEvent } from '../events/dataflowEvent.js';
import { combinePerKey } from '../operators/combinePerKey.js';
import { mapElements } from '../operators/mapElements.js';
import { windowInto } from '../operators/windowInto.js';
import { withTimestamps } from '../operators/withTimestamps.js';
import { seconds } from '../time/duration.js';
import { afterProcessingTime } from '../triggers/afterProcessingTime.js';
import { afterWatermark } from '../triggers/afterWatermark.js';
import { fixedWindows } from '../windows/fixedWindows.js';

/** A user transaction, as in the seed: `event_time` is in epoch **seconds**. */
export interface UserEvent {
  readonly user_id: string;
  readonly event_type: string;
  readonly amount: number;
  readonly event_time: number;
}

/** The per-user aggregate of one pane. */
export interface UserAgg {
  readonly user_id: string;
  readonly count: number;
  readonly sum_amount: number;
}

/** Options of {@link windowedUserAgg}. */
export interface WindowedUserAggOptions {
  /** Scheduler for processing time (default `asyncScheduler`). */
  readonly scheduler?: SchedulerLike;
}

/**
 * The seed's `WindowedUserAgg`: event time from `event_time` (epoch seconds), fixed 60 s windows,
 * `afterWatermark({ early: afterProcessingTime(10 s), late: afterProcessingTime(10 s) })`, accumulating,
 * 120 s allowed lateness, and count and sum of `amount` per `user_id`, computed in one pass.
 *
 * Feed it `from(events)` (batch), a `testStream()` script, or a live stream with `watermark()` markers: the
 * operator is the same.
 *
 * @example
 * ```ts
 * import { from } from 'rxjs';
 * import { windowedUserAgg, toRecords } from 'rxjs-dataflow';
 * from(events).pipe(windowedUserAgg(), toRecords()).subscribe((r) => console.log(r.value, r.pane.timing));
 * ```
 */
export function windowedUserAgg(
  options: WindowedUserAggOptions = {},
): OperatorFunction<UserEvent | WatermarkEvent | DataflowEvent<UserEvent>, DataflowEvent<UserAgg>> {
  return (source) =>
    source.pipe(
      withTimestamps((e: UserEvent) => e.event_time * 1_000, { name: 'windowedUserAgg' }),
      windowInto({
        windowFn: fixedWindows(seconds(60)),
        trigger: afterWatermark({
          early: afterProcessingTime(seconds(10)),
          late: afterProcessingTime(seconds(10)),
        }),
        accumulation: 'accumulating',
        allowedLateness: seconds(120),
      }),
      mapElements((e: UserEvent) => [e.user_id, e.amount] as const),
      combinePerKey(composeCombineFns({ count: count(), sum: sum() }), options),
      mapElements(([user_id, agg]) => ({ user_id, count: agg.count, sum_amount: agg.sum })),
    );
}
