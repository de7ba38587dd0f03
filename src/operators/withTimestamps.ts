/**
 * The way into a dataflow: stamps plain values with their event time. Any Observable can be the input: a
 * bounded one (`from(events)`) or a live one. Completion of the input means the watermark goes to
 * `+Infinity`. `watermark(t)` markers in the input are forwarded as watermarks, so a marble stream can script
 * them inline; values that are already dataflow events (from `testStream()`) are re-stamped and forwarded.
 */
import type { OperatorFunction } from 'rxjs';
import {
  ProcessingTimeEvent,
  WatermarkEvent,
  isDataflowEvent,
  type DataflowEvent,
} from '../events/dataflowEvent.js';
import { IN_GLOBAL_WINDOW } from '../events/windowedValue.js';
import { NO_FIRING } from '../panes/paneInfo.js';
import { FusedDataflow } from './fusion.js';
import { MAX_TIMESTAMP, MIN_TIMESTAMP, formatTime, invalidTimestampReason } from '../time/constants.js';
import { DataflowError, describeValue, errorMessage } from '../core/errors.js';
import { sinkFn, type DeadLetter, type Sink } from './sinks.js';
import { HandlerSubscriber } from './handlerSubscriber.js';

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

/** Whether `ts` is a valid event time: an integer number of ms in the `Date` range. */
const isEventTime = (ts: unknown): ts is number =>
  typeof ts === 'number' && ts >= MIN_TIMESTAMP && ts < MAX_TIMESTAMP && Math.floor(ts) === ts;

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
    new FusedDataflow<T>((input) => {
      let watermark = -Infinity;
      let sawClock = false;
      let failed = false;
      // Values that arrive while subscribing (a bounded, synchronous source) form one step, sent on as they
      // are read in chunks of CHUNK elements (every chunk but the last marked as continuing the step).
      let subscribing = true;
      // Elements the open chunk still takes (0: no chunk is open).
      let chunkLeft = 0;
      let stepOpen = false;

      // The event time of a value, or undefined after sending it to the dead-letter sink.
      const stamp = (value: T): number | undefined => {
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
            if (!isEventTime(ts)) reason = invalidTimestampReason(ts);
          }
        } catch (err) {
          cause = err;
          reason = `${phase} threw: ${errorMessage(err)}`;
        }
        return reason === undefined ? ts : reject(value, reason, cause);
      };
      // The failures of the direct paths below (no validator), which stamp values inline.
      const timestampThrew = (value: T, err: unknown): undefined =>
        reject(value, `the timestamp function threw: ${errorMessage(err)}`, err);
      const badTimestamp = (value: T, ts: unknown): undefined =>
        reject(value, invalidTimestampReason(ts) ?? 'invalid event time', undefined);
      // Bad input: to the dead-letter sink (undefined), or an error naming the value and the reason.
      const reject = (value: T, reason: string, cause: unknown): undefined => {
        if (deadLetter !== undefined) {
          deadLetter({ value, reason, operator: name });
          return undefined;
        }
        throw new DataflowError(`${name}: element ${describeValue(value)}: ${reason}`, { operator: name, value, cause });
      };
      // Adds a value to the step read while subscribing.
      // (Kept small: it is compiled into the element path, see the direct path below.)
      const addToStep = (value: T, ts: number): void => {
        if (chunkLeft === 0) openChunk();
        input.item(value, ts, IN_GLOBAL_WINDOW, NO_FIRING);
        if (--chunkLeft === 0) endChunk();
      };
      const openChunk = (): void => {
        input.batchStart();
        chunkLeft = CHUNK;
      };
      const add = (value: T): void => {
        const ts = stamp(value);
        if (ts === undefined) return;
        if (subscribing) {
          addToStep(value, ts);
          return;
        }
        input.batchStart();
        input.item(value, ts, IN_GLOBAL_WINDOW, NO_FIRING);
        input.batchEnd(false);
      };
      // Closes the full chunk; the step goes on.
      const endChunk = (): void => {
        input.batchEnd(true);
        stepOpen = true;
      };
      // Ends the step read while subscribing.
      const flush = (): void => {
        if (chunkLeft > 0) input.batchEnd(false);
        else if (stepOpen) {
          input.batchStart();
          input.batchEnd(false);
        }
        chunkLeft = 0;
        stepOpen = false;
      };
      const advance = (w: WatermarkEvent): void => {
        if (w.time < watermark) {
          throw new DataflowError(`${name}: ${w} moves the watermark backwards (it is at ${formatTime(watermark)})`, { operator: name, value: w });
        }
        if (w.time === watermark) return;
        flush();
        watermark = w.time;
        input.event(w);
      };
      const fail = (err: unknown): void => {
        failed = true;
        input.error(err);
      };

      const subscription = source.subscribe(
        new HandlerSubscriber<unknown>({
          next: (x) => {
            if (failed) return;
            // Anything thrown here (a rejected value, user code, even a value that throws when inspected) ends
            // the stream with that error.
            try {
              // The hot path: a plain value without a validator, with a valid event time, added to the step read
              // while subscribing or sent on as a batch of its own. Kept in this one function, with the chain
              // after it, so that V8 can compile them as one (see the grouping's sink).
              if (validate === undefined && !isDataflowEvent(x)) {
                let ts: number;
                try {
                  ts = timestampFn(x as T);
                } catch (err) {
                  timestampThrew(x as T, err);
                  return;
                }
                if (!isEventTime(ts)) badTimestamp(x as T, ts);
                else if (subscribing) addToStep(x as T, ts);
                else {
                  input.batchStart();
                  input.item(x, ts, IN_GLOBAL_WINDOW, NO_FIRING);
                  input.batchEnd(false);
                }
                return;
              }
              if (!isDataflowEvent(x)) add(x as T);
              else if (x.kind === 'elements') {
                // A batch from a dataflow source (testStream) stays one batch, re-stamped.
                const items = x.items;
                if (subscribing) {
                  for (const it of items) add(it.value as T);
                  return;
                }
                input.batchStart();
                for (let i = 0; i < items.length; i++) {
                  const value = items[i]!.value as T;
                  let ts: number | undefined;
                  if (validate === undefined) {
                    // Stamped inline, as on the direct path above (a call returning the time would box it).
                    try {
                      ts = timestampFn(value);
                    } catch (err) {
                      timestampThrew(value, err);
                      continue;
                    }
                    if (!isEventTime(ts)) {
                      badTimestamp(value, ts);
                      continue;
                    }
                  } else {
                    ts = stamp(value);
                    if (ts === undefined) continue;
                  }
                  input.item(value, ts, IN_GLOBAL_WINDOW, NO_FIRING);
                }
                input.batchEnd(false);
              } else if (x.kind === 'watermark') advance(x);
              else {
                if (x.kind === 'processingTime') sawClock = true;
                flush();
                input.event(x);
              }
            } catch (err) {
              fail(err);
            }
          },
          error: (err) => {
            if (!failed) fail(err);
          },
          complete: () => {
            if (failed) return;
            try {
              flush();
              // A bounded input delivered at once is processed with processing time frozen (spec §6.5): after
              // its one step it announces a scripted clock that never advances, so no processing-time trigger
              // can fire on it, here or downstream.
              if (subscribing && !sawClock) input.event(new ProcessingTimeEvent(0));
              if (watermark !== Infinity) input.event(new WatermarkEvent(Infinity));
              input.complete();
            } catch (err) {
              fail(err);
            }
          },
        }),
      );
      subscribing = false;
      if (!failed) {
        try {
          flush();
        } catch (err) {
          fail(err);
        }
      }
      return subscription;
    }, []);
}
