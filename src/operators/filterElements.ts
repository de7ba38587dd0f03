/**
 * `filterElements`: keeps the elements whose value satisfies a predicate.
 */
import type { OperatorFunction } from 'rxjs';
import type { DataflowEvent } from '../events/dataflowEvent.js';
import { fused } from './fusion.js';

/**
 * Keeps the elements for which `predicate(value)` is true (Beam's `Filter.by`); watermarks pass through.
 *
 * @example
 * ```ts
 * import { filterElements } from 'rxjs-dataflow';
 * filterElements((e: { amount: number }) => e.amount > 0);
 * ```
 */
export function filterElements<T>(predicate: (value: T) => boolean): OperatorFunction<DataflowEvent<T>, DataflowEvent<T>>;
export function filterElements<T, S extends T>(
  predicate: (value: T) => value is S,
): OperatorFunction<DataflowEvent<T>, DataflowEvent<S>>;
export function filterElements<T>(predicate: (value: T) => boolean): OperatorFunction<DataflowEvent<T>, DataflowEvent<T>> {
  return fused<T, T>(() => ({
    pipe: (next) => (value, timestamp, windows, pane) => {
      if (predicate(value as T)) next(value, timestamp, windows, pane);
    },
  }));
}
