/**
 * `flatMapElements`: maps each element to zero or more values with the same timestamp, windows and pane.
 */
import type { OperatorFunction } from 'rxjs';
import type { DataflowEvent } from '../events/dataflowEvent.js';
import type { WindowedValue } from '../events/windowedValue.js';
import { elementwise } from './elementwise.js';

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
  return elementwise<T, R>((items) => {
    const out: WindowedValue<R>[] = [];
    for (const it of items) {
      for (const value of fn(it.value)) out.push({ value, timestamp: it.timestamp, windows: it.windows, pane: it.pane });
    }
    return out;
  });
}
