/**
 * `mean()`: the arithmetic mean of numeric inputs (Beam's `Mean.globally`), carried as a sum and a count
 * so that partial results merge exactly.
 */

import { combineFn, type CombineFn } from './combineFn.js';

/** The accumulator of {@link mean}: the running sum and number of inputs. */
export interface MeanAccumulator {
  /** Sum of the inputs added so far. */
  sum: number;
  /** Number of inputs added so far. */
  count: number;
}

/**
 * Averages numbers.
 *
 * Intuition: keep the total and the tally, divide at the end.
 *
 * Accumulator: `{ sum, count }` (mutated in place by `addInput`). Output: `sum / count`, or `NaN` when no
 * input was added. `toString()` is `"Mean"`.
 *
 * @example
 * ```ts
 * import { mean } from 'rxjs-dataflow';
 *
 * const fn = mean();
 * let acc = fn.createAccumulator();
 * for (const x of [1, 2, 6]) acc = fn.addInput(acc, x);
 * fn.extractOutput(acc); // 3
 * fn.extractOutput(fn.createAccumulator()); // NaN
 * ```
 */
export function mean(): CombineFn<number, MeanAccumulator, number> {
  return combineFn<number, MeanAccumulator, number>({
    name: 'Mean',
    orderInsensitive: true,
    createAccumulator: () => ({ sum: 0, count: 0 }),
    addInput: (acc, input) => {
      acc.sum += input;
      acc.count += 1;
      return acc;
    },
    mergeAccumulators: (accs) => {
      const merged: MeanAccumulator = { sum: 0, count: 0 };
      for (const acc of accs) {
        merged.sum += acc.sum;
        merged.count += acc.count;
      }
      return merged;
    },
    extractOutput: (acc) => (acc.count === 0 ? NaN : acc.sum / acc.count),
  });
}
