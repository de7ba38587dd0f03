/**
 * `sum()`: the sum of numeric inputs (Beam's `Sum.ofDoubles` / `Sum.ofLongs`).
 */

import { combineFn, type CombineFn } from './combineFn.js';

/**
 * Adds up numbers.
 *
 * Intuition: a running total.
 *
 * Accumulator: the running total (a number). Output: that total; the sum of nothing is `0`. Plain
 * floating-point addition is used, so with non-integer inputs the last bits may depend on the order of
 * additions (exact for integers up to `Number.MAX_SAFE_INTEGER`). `toString()` is `"Sum"`.
 *
 * @example
 * ```ts
 * import { sum } from 'rxjs-dataflow';
 *
 * const fn = sum();
 * const a = fn.addInput(fn.addInput(fn.createAccumulator(), 1), 2);
 * const b = fn.addInput(fn.createAccumulator(), 4);
 * fn.extractOutput(fn.mergeAccumulators([a, b])); // 7
 * ```
 */
export function sum(): CombineFn<number, number, number> {
  return combineFn<number, number, number>({
    name: 'Sum',
    orderInsensitive: true,
    createAccumulator: () => 0,
    addInput: (acc, input) => acc + input,
    mergeAccumulators: (accs) => {
      let total = 0;
      for (const acc of accs) total += acc;
      return total;
    },
    extractOutput: (acc) => acc,
  });
}
