/**
 * `flatMapElements`: maps each element to zero or more values with the same timestamp, windows and pane.
 */
import type { Observable, OperatorFunction } from 'rxjs';
import type { DataflowEvent } from '../events/dataflowEvent.js';
import { dataflowHead, FusedDataflow } from './fusion.js';

/**
 * Maps every element to any number of values (Beam's `FlatMapElements`); each output keeps the input's
 * timestamp, windows and pane.
 *
 * @example
 * ```ts
 * import { flatMapElements } from 'rxjs-dataflow';
 * flatMapElements((line: string) => line.split(' '));
 * ```
 */
export function flatMapElements<T, R>(fn: (value: T) => Iterable<R>): OperatorFunction<DataflowEvent<T>, DataflowEvent<R>> {
  // A head of a new fused chain: each input element becomes any number of cursor elements.
  return (source) =>
    new FusedDataflow<R>(
      (input) =>
        dataflowHead(source as Observable<DataflowEvent<unknown>>)({
          ...input,
          item: (value, timestamp, windows, pane) => {
            for (const out of fn(value as T)) input.item(out, timestamp, windows, pane);
          },
        }),
      [],
    );
}
