/**
 * The way into a dataflow: stamps plain values with their event time. Any Observable can be the input: a
 * bounded one (`from(events)`) or a live one. Completion of the input means the watermark goes to
 * `+Infinity`. `watermark(t)` markers in the input are forwarded as watermarks, so a marble stream can script
 * them inline; values that are already dataflow events (from `testStream()`) are re-stamped and forwarded.
 */
import { Observable, type OperatorFunction } from 'rxjs';
import {
  ElementsEvent,
  ProcessingTimeEvent,
  WatermarkEvent,
  isDataflowEvent,
  type DataflowEvent,
} from '../events/dataflowEvent.js';
import { TimestampedValue, type WindowedValue } from '../events/windowedValue.js';
import { formatTime, invalidTimestampReason } from '../time/constants.js';
import { describeValue } from './describe.js';

/** Options of {@link withTimestamps}. */
export interface WithTimestampsOptions {
  /** Name used in error messages (default `withTimestamps`). */
  readonly name?: string;
}

/**
 * Stamps each value with the event time `timestampFn(value)` (ms since the epoch) and turns the stream into a
 * dataflow. Values delivered synchronously while subscribing (as `from(array)` does) form one batch; later
 * values are one batch each. When the input completes, the watermark goes to `+Infinity`.
 *
 * Like Beam's `WithTimestamps.of(fn)` at the head of a pipeline.
 *
 * ```
 * input:   --a--b--W(61s)--c--|        (W = watermark(t0 + 61_000))
 * output:  --a--b--W(61s)--c--(W∞|)
 * ```
 *
 * An event time that is not an integer number of ms within the `Date` range is an error naming the value
 * and the reason; a `watermark()` that goes backwards is an error too.
 *
 * @example
 * ```ts
 * import { from } from 'rxjs';
 * import { withTimestamps } from 'rxjs-dataflow';
 * from([{ id: 1, at: 1_000 }]).pipe(withTimestamps((e) => e.at));
 * ```
 * @see windowInto
 */
export function withTimestamps<T>(
  timestampFn: (value: T) => number,
  options: WithTimestampsOptions = {},
): OperatorFunction<T | WatermarkEvent | DataflowEvent<T>, DataflowEvent<T>> {
  if (typeof timestampFn !== 'function') {
    throw new TypeError(`withTimestamps: timestampFn must be a function, got ${String(timestampFn)}`);
  }
  const name = options.name ?? 'withTimestamps';
  return (source) =>
    new Observable<DataflowEvent<T>>((subscriber) => {
      let watermark = -Infinity;
      // Values that arrive while subscribing (a bounded, synchronous source) are collected into one batch.
      let subscribing = true;
      let pending: WindowedValue<T>[] = [];
      let sawClock = false;

      const stamp = (value: T): WindowedValue<T> => {
        let ts: number;
        try {
          ts = timestampFn(value);
        } catch (err) {
          throw new Error(`${name}: the timestamp function threw for element ${describeValue(value)}: ${String((err as Error)?.message ?? err)}`, { cause: err });
        }
        const reason = invalidTimestampReason(ts);
        if (reason !== undefined) throw new TypeError(`${name}: element ${describeValue(value)}: ${reason}`);
        return new TimestampedValue(value, ts);
      };
      const flush = (): void => {
        if (pending.length === 0) return;
        const batch = pending;
        pending = [];
        subscriber.next(new ElementsEvent(batch));
      };
      const emitItems = (items: WindowedValue<T>[]): void => {
        if (subscribing) for (const it of items) pending.push(it);
        else subscriber.next(new ElementsEvent(items));
      };
      const advance = (w: WatermarkEvent): void => {
        if (w.time < watermark) {
          throw new RangeError(`${name}: ${w} moves the watermark backwards (it is at ${formatTime(watermark)})`);
        }
        if (w.time === watermark) return;
        flush();
        watermark = w.time;
        subscriber.next(w);
      };

      const subscription = source.subscribe({
        next: (x) => {
          try {
            if (!isDataflowEvent(x)) emitItems([stamp(x as T)]);
            else if (x.kind === 'elements') emitItems(x.items.map((it) => stamp(it.value as T)));
            else if (x.kind === 'watermark') advance(x);
            else {
              if (x.kind === 'processingTime') sawClock = true;
              flush();
              subscriber.next(x as DataflowEvent<T>);
            }
          } catch (err) {
            subscriber.error(err);
          }
        },
        error: (err) => {
          pending = [];
          subscriber.error(err);
        },
        complete: () => {
          // A bounded input delivered at once is processed with processing time frozen (spec §6.5): announce
          // a scripted clock that never advances, so processing-time triggers cannot fire on it.
          if (subscribing && !sawClock) subscriber.next(new ProcessingTimeEvent(0));
          flush();
          if (watermark !== Infinity) subscriber.next(new WatermarkEvent(Infinity));
          subscriber.complete();
        },
      });
      subscribing = false;
      if (!subscriber.closed) flush();
      return subscription;
    });
}
