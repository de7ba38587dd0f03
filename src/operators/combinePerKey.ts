/**
 * `combinePerKey`: per key and window, folds values with a combine function as they arrive and emits a pane
 * whenever the trigger fires.
 */
import type { OperatorFunction } from 'rxjs';
import type { CombineFn } from '../combiners/combineFn.js';
import type { DataflowEvent } from '../events/dataflowEvent.js';
import type { KV } from '../events/windowedValue.js';
import { groupAlsoByWindow, type GroupingOptions } from './grouping.js';

/**
 * Combines the values of each key per window with `combineFn` (Beam's `Combine.perKey`). Values are folded
 * into an accumulator on arrival (nothing is buffered); each trigger firing emits `[key, output]` with the
 * pane's window, timestamp and `PaneInfo`. The windowing strategy comes from the upstream `windowInto`; the
 * output carries the continuation trigger for further groupings.
 *
 * ```
 * input:  --[u1,20]--[u1,15]--[u2,8]--W(61s)--
 * output:  ---------------------------([u1,{count:2,sum:35}] [u2,{count:1,sum:8}])W(61s)--
 * ```
 *
 * @param combineFn e.g. `count()`, `sum()`, or several at once with `composeCombineFns({ count: count(), sum: sum() })`
 * @param options `scheduler` for processing time (default `asyncScheduler`), `onDrop` to observe dropped data
 * @example
 * ```ts
 * import { from } from 'rxjs';
 * import { withTimestamps, windowInto, fixedWindows, mapElements, combinePerKey, composeCombineFns, count, sum, toRecords } from 'rxjs-dataflow';
 * from(events).pipe(
 *   withTimestamps((e) => e.at),
 *   windowInto({ windowFn: fixedWindows(60_000) }),
 *   mapElements((e) => [e.user, e.amount] as const),
 *   combinePerKey(composeCombineFns({ count: count(), sum: sum() })),
 *   toRecords(),
 * );
 * ```
 * @see groupByKey, windowInto
 */
export function combinePerKey<K, V, A, O>(
  combineFn: CombineFn<V, A, O>,
  options: GroupingOptions<K, V> = {},
): OperatorFunction<DataflowEvent<KV<K, V>>, DataflowEvent<KV<K, O>>> {
  if (combineFn === null || typeof combineFn !== 'object' || typeof combineFn.addInput !== 'function') {
    throw new TypeError(`combinePerKey: combineFn must be a CombineFn such as count() or sum(), got ${String(combineFn)}`);
  }
  return groupAlsoByWindow('combinePerKey', combineFn, options);
}
