/**
 * `groupByKey`: per key and window, collects the values and emits them as a list whenever the trigger fires.
 */
import type { OperatorFunction } from 'rxjs';
import { toList } from '../combiners/toList.js';
import type { DataflowEvent } from '../events/dataflowEvent.js';
import type { KV } from '../events/windowedValue.js';
import { groupAlsoByWindow, type GroupingOptions } from './grouping.js';

/**
 * Groups the values of each key per window (Beam's `GroupByKey`): each pane is `[key, values[]]` with the
 * values since the last pane (discarding) or since the window started (accumulating), in arrival order.
 * Prefer {@link combinePerKey} when the values can be folded: it keeps one accumulator instead of a list.
 *
 * @example
 * ```ts
 * import { groupByKey } from 'rxjs-dataflow';
 * // ..., windowInto(...), withKeys((e) => e.user), groupByKey(), ...
 * ```
 * @see combinePerKey
 */
export function groupByKey<K, V>(options: GroupingOptions<K, V> = {}): OperatorFunction<DataflowEvent<KV<K, V>>, DataflowEvent<KV<K, V[]>>> {
  return groupAlsoByWindow('groupByKey', toList<V>(), options);
}
