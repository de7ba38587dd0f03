/**
 * `min()`: the smallest input, over numbers or, with a compare function, over any type (Beam's
 * `Min.globally` / `Min.of(comparator)`).
 */

import type { CombineFn } from './combineFn.js';
import { extremum } from './internal.js';

/**
 * Keeps the smallest input.
 *
 * Intuition: remember the best-so-far, replace it when something smaller arrives.
 *
 * Accumulator: the smallest input so far, or `undefined` when empty. Output: the same, so `undefined` for
 * no input. Without `compare`, inputs are numbers compared like `Math.min` (a `NaN` input makes the result
 * `NaN`). With `compare(a, b)` (negative when `a < b`, as for `Array.prototype.sort`) any type works; of
 * equal values the first one added is kept. `undefined` inputs are ignored. `toString()` is `"Min"`, or
 * `"Min(<compare name>)"` with a compare function. Throws a TypeError if `compare` is not a function.
 *
 * @example
 * ```ts
 * import { min } from 'rxjs-dataflow';
 *
 * const fn = min();
 * let acc = fn.createAccumulator();
 * for (const x of [5, 2, 9]) acc = fn.addInput(acc, x);
 * fn.extractOutput(acc); // 2
 *
 * const youngest = min((a: { age: number }, b: { age: number }) => a.age - b.age);
 * ```
 */
export function min(): CombineFn<number, number | undefined, number | undefined>;
export function min<T>(compare: (a: T, b: T) => number): CombineFn<T, T | undefined, T | undefined>;
export function min<T>(compare?: (a: T, b: T) => number): CombineFn<T, T | undefined, T | undefined> {
  return extremum('min', -1, compare);
}
