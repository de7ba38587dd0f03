/**
 * `mapElements`: maps each element's value, keeping its timestamp, windows and pane.
 */
import type { OperatorFunction } from 'rxjs';
import type { DataflowEvent } from '../events/dataflowEvent.js';
import type { WindowedValue } from '../events/windowedValue.js';
import { elementwise } from './elementwise.js';
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
  return elementwise<T, R>((items) => {
    const out = new Array<WindowedValue<R>>(items.length);
    for (let i = 0; i < items.length; i++) {
      const it = items[i]!;
      let value: R;
      try {
        value = fn(it.value);
      } catch (err) {
        throw new DataflowError(`mapElements: the function threw for element ${describeValue(it.value)}: ${errorMessage(err)}`, { operator: 'mapElements', value: it.value, cause: err });
      }
      out[i] = { value, timestamp: it.timestamp, windows: it.windows, pane: it.pane };
    }
    return out;
  });
}
