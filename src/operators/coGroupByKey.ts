/**
 * `coGroupByKey`: joins several keyed dataflows per key and window (Beam's `CoGroupByKey`, spec §8.3).
 */
import type { Observable } from 'rxjs';
import type { CombineFn } from '../combiners/combineFn.js';
import type { Dataflow, DataflowEvent } from '../events/dataflowEvent.js';
import type { KV } from '../events/windowedValue.js';
import { mergeDataflows } from './flatten.js';
import { groupAlsoByWindow, type GroupingOptions } from './grouping.js';
import { mapElements } from './mapElements.js';

type Tagged = { readonly tag: string; readonly value: unknown };

/** The key type of a record of keyed dataflows. */
export type CoGbkKey<S> = S[keyof S] extends Observable<DataflowEvent<KV<infer K, unknown>>> ? K : never;

/** The joined value: for every tag, the list of values of that input. */
export type CoGbkResult<S> = {
  [T in keyof S]: S[T] extends Observable<DataflowEvent<KV<unknown, infer V>>> ? V[] : never;
};

function joinFn(tags: readonly string[]): CombineFn<Tagged, Record<string, unknown[]>, Record<string, unknown[]>> {
  const empty = (): Record<string, unknown[]> => {
    const acc: Record<string, unknown[]> = {};
    for (const t of tags) acc[t] = [];
    return acc;
  };
  return {
    createAccumulator: empty,
    addInput(acc, input) {
      acc[input.tag]!.push(input.value);
      return acc;
    },
    mergeAccumulators(accs) {
      const out = empty();
      for (const acc of accs) for (const t of tags) out[t]!.push(...acc[t]!);
      return out;
    },
    extractOutput(acc) {
      const out: Record<string, unknown[]> = {};
      for (const t of tags) out[t] = acc[t]!.slice();
      return out;
    },
    toString: () => `CoGroupByKey(${tags.join(', ')})`,
  };
}

/**
 * Joins keyed dataflows per key and window: each pane is `[key, { tagA: valuesA[], tagB: valuesB[], ... }]`
 * (a tag with no values in the pane gets `[]`). The inputs are merged (watermark: the minimum), tagged and
 * grouped once with their common windowing strategy; inputs must have equal window functions and triggers.
 *
 * With the default trigger on raw elements this is a relational join per window. After upstream aggregations
 * with early or late panes the lists hold one entry per upstream pane (with accumulating mode at the join,
 * stale and refined aggregates side by side), as in Beam; to join several aggregates of one input, prefer
 * one `combinePerKey(composeCombineFns(...))`.
 *
 * @example
 * ```ts
 * import { coGroupByKey, combinePerKey, count, sum } from 'rxjs-dataflow';
 * const keyed$ = events$.pipe(..., share());
 * const joined$ = coGroupByKey({ count: keyed$.pipe(combinePerKey(count())), sum: keyed$.pipe(combinePerKey(sum())) });
 * // panes: [user, { count: [2], sum: [35] }]
 * ```
 */
export function coGroupByKey<S extends Record<string, Dataflow<KV<any, any>>>>(
  inputs: S,
  options: GroupingOptions = {},
): Dataflow<KV<CoGbkKey<S>, CoGbkResult<S>>> {
  const tags = Object.keys(inputs);
  if (tags.length === 0) throw new RangeError('coGroupByKey: needs at least one tagged input');
  const tagged = tags.map((tag) =>
    inputs[tag]!.pipe(mapElements(([key, value]: KV<unknown, unknown>) => [key, { tag, value }] as const)),
  );
  return mergeDataflows('coGroupByKey', tagged).pipe(
    groupAlsoByWindow('coGroupByKey', joinFn(tags), options as GroupingOptions<unknown, Tagged>),
  ) as unknown as Dataflow<KV<CoGbkKey<S>, CoGbkResult<S>>>;
}
