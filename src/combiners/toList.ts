/**
 * `toList()`: all inputs collected into an array (Beam's `ToList` / `Combine.globally(toList)`).
 * Unbounded by nature: use it only for windows known to be small.
 */

import type { CombineFn } from './combineFn.js';

/**
 * Collects the inputs into an array.
 *
 * Intuition: a bag that keeps everything.
 *
 * Accumulator: an array the inputs are pushed onto. Output: a copy of it (so callers cannot mutate the
 * accumulator), `[]` for no input. The order is the order of addition, then of merging; treat the result
 * as a multiset, since runners may add and merge in any order. `toString()` is `"ToList"`.
 *
 * @example
 * ```ts
 * import { toList } from 'rxjs-dataflow';
 *
 * const fn = toList<string>();
 * const a = fn.addInput(fn.createAccumulator(), 'x');
 * const b = fn.addInput(fn.createAccumulator(), 'y');
 * fn.extractOutput(fn.mergeAccumulators([a, b])); // ['x', 'y']
 * ```
 */
export function toList<T>(): CombineFn<T, T[], T[]> {
  return {
    createAccumulator: () => [],
    addInput: (acc, input) => {
      acc.push(input);
      return acc;
    },
    mergeAccumulators: (accs) => {
      if (accs.length === 0) return [];
      const merged = accs[0]!;
      for (let i = 1; i < accs.length; i++) {
        const other = accs[i]!;
        const size = other.length; // fixed up front: `other` may be `merged` itself
        for (let j = 0; j < size; j++) merged.push(other[j]!);
      }
      return merged;
    },
    extractOutput: (acc) => acc.slice(),
    toString: () => 'ToList',
  };
}
