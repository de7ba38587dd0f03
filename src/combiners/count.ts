/**
 * `count()`: the number of inputs, whatever they are (Beam's `Count.globally` / `Count.perKey` combiner).
 */

import { combineFn, type CombineFn } from './combineFn.js';

/**
 * Counts the inputs.
 *
 * Intuition: one tally mark per element.
 *
 * Accumulator: the running count (a number). Output: that number; `0` for no input. Any input type is
 * accepted and ignored. `toString()` is `"Count"`.
 *
 * @example
 * ```ts
 * import { count } from 'rxjs-dataflow';
 *
 * const fn = count();
 * let acc = fn.createAccumulator();
 * for (const x of ['a', 'b', 'c']) acc = fn.addInput(acc, x);
 * fn.extractOutput(acc); // 3
 * ```
 */
export function count(): CombineFn<unknown, number, number> {
  return combineFn<unknown, number, number>({
    name: 'Count',
    orderInsensitive: true,
    createAccumulator: () => 0,
    addInput: (acc) => acc + 1,
    mergeAccumulators: (accs) => {
      let total = 0;
      for (const acc of accs) total += acc;
      return total;
    },
    extractOutput: (acc) => acc,
  });
}
