/**
 * `mapElements`: maps each element's value, keeping its timestamp, windows and pane.
 */
import type { OperatorFunction } from 'rxjs';
import type { DataflowEvent } from '../events/dataflowEvent.js';
import { fused } from './fusion.js';
import { DataflowError, describeValue, errorMessage } from '../core/errors.js';

/**
 * Maps every element's value with `fn`; timestamps, windows and panes are kept (Beam's `MapElements`).
 *
 * Like RxJS `map`, but for the values inside a dataflow; watermarks pass through.
 *
 * @example
 * ```ts
 * import { mapElements } from 'rxjs-dataflow';
 * // key purchases by user
 * const keyed = mapElements((e: { user_id: string; amount: number }) => [e.user_id, e.amount] as const);
 * ```
 */
export function mapElements<T, R>(fn: (value: T) => R): OperatorFunction<DataflowEvent<T>, DataflowEvent<R>> {
  return fused<T, R>(() => ({
    pipe: (next) => (value, timestamp, windows, pane) => {
      let out: R;
      try {
        out = fn(value as T);
      } catch (err) {
        throw fnThrew(value, err);
      }
      next(out, timestamp, windows, pane);
    },
  }));
}

// Built apart from the element path, which stays small enough for V8 to compile the whole chain as one.
function fnThrew(value: unknown, err: unknown): DataflowError {
  return new DataflowError(`mapElements: the function threw for element ${describeValue(value)}: ${errorMessage(err)}`, {
    operator: 'mapElements',
    value,
    cause: err,
  });
}
