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
import { MAX_TIMESTAMP, MIN_TIMESTAMP, formatTime, invalidTimestampReason } from '../time/constants.js';
import { DataflowError, describeValue, errorMessage } from '../core/errors.js';
import { sinkFn, type DeadLetter, type Sink } from './sinks.js';

/** Elements per chunk of a batch delivered while subscribing. */
const CHUNK = 1024;

/** Options of {@link withTimestamps}. */
export interface WithTimestampsOptions<T = unknown> {
  /** Name used in error messages (default `withTimestamps`). */
  readonly name?: string;
  /**
   * Checks each value before it is stamped: return `true` to accept it, or `false` or a reason (a string) to
   * reject it as bad input.
   */
  readonly validate?: (value: T) => boolean | string;
  /**
   * Receives bad input (an event time that is missing or not a valid integer of ms, a timestamp function
   * that throws, a value the validator rejects) as `{ value, reason, operator }`, and the stream goes on.
   * Without it, bad input fails the stream with an error naming the element and the reason.
   */
  readonly deadLetter?: Sink<DeadLetter>;
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
  options: WithTimestampsOptions<T> = {},
): OperatorFunction<T | WatermarkEvent | DataflowEvent<T>, DataflowEvent<T>> {
  if (typeof timestampFn !== 'function') {
    throw new TypeError(`withTimestamps: timestampFn must be a function, got ${String(timestampFn)}`);
  }
  const name = options.name ?? 'withTimestamps';
  const validate = options.validate;
  const deadLetter = sinkFn(options.deadLetter);
  return (source) =>
    new Observable<DataflowEvent<T>>((subscriber) => {
      let watermark = -Infinity;
      // Values that arrive while subscribing (a bounded, synchronous source) are collected into one batch.
      let subscribing = true;
      let pending: WindowedValue<T>[] = [];
      let sawClock = false;

      // Stamps a value, or reports why it cannot be stamped (dead letter) and returns undefined.
      const stamp = (value: T): WindowedValue<T> | undefined => {
        let reason: string | undefined;
        let ts = NaN;
        let cause: unknown;
        let phase = 'the validator';
        try {
          const verdict = validate === undefined ? true : validate(value);
          if (verdict !== true) reason = typeof verdict === 'string' ? verdict : 'rejected by the validator';
          else {
            phase = 'the timestamp function';
            ts = timestampFn(value);
            // The common case is checked inline; the reason is only worked out for a bad timestamp.
            if (!(typeof ts === 'number' && ts >= MIN_TIMESTAMP && ts < MAX_TIMESTAMP && Math.floor(ts) === ts)) {
              reason = invalidTimestampReason(ts);
            }
          }
        } catch (err) {
          cause = err;
          reason = `${phase} threw: ${errorMessage(err)}`;
        }
        if (reason === undefined) return new TimestampedValue(value, ts);
        if (deadLetter !== undefined) {
          deadLetter({ value, reason, operator: name });
          return undefined;
        }
        throw new DataflowError(`${name}: element ${describeValue(value)}: ${reason}`, { operator: name, value, cause });
      };
      // The batch collected while subscribing goes downstream in chunks, so that large bounded inputs are
      // processed as they are read; the chunks form one step.
      let chunked = false;
      const flush = (): void => {
        if (pending.length === 0 && !chunked) return;
        const batch = pending;
        pending = [];
        chunked = false;
        subscriber.next(new ElementsEvent(batch));
      };
      const addPending = (item: WindowedValue<T>): void => {
        pending.push(item);
        if (pending.length >= CHUNK) {
          const chunk = pending;
          pending = [];
          chunked = true;
          subscriber.next(new ElementsEvent(chunk, true));
        }
      };
      const emitItems = (items: WindowedValue<T>[]): void => {
        if (!subscribing) subscriber.next(new ElementsEvent(items));
        else for (const it of items) addPending(it);
      };
      const advance = (w: WatermarkEvent): void => {
        if (w.time < watermark) {
          throw new DataflowError(`${name}: ${w} moves the watermark backwards (it is at ${formatTime(watermark)})`, { operator: name, value: w });
        }
        if (w.time === watermark) return;
        flush();
        watermark = w.time;
        subscriber.next(w);
      };

      const subscription = source.subscribe({
        next: (x) => {
          try {
            if (!isDataflowEvent(x)) {
              const item = stamp(x as T);
              if (item === undefined) return;
              if (subscribing) addPending(item);
              else subscriber.next(new ElementsEvent([item]));
            } else if (x.kind === 'elements') {
              const items: WindowedValue<T>[] = [];
              for (const it of x.items) {
                const item = stamp(it.value as T);
                if (item !== undefined) items.push(item);
              }
              if (items.length > 0) emitItems(items);
            }
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
