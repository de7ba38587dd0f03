/**
 * `max()`: the largest input, over numbers or, with a compare function, over any type (Beam's
 * `Max.globally` / `Max.of(comparator)`).
 */

import type { CombineFn } from './combineFn.js';
import { extremum } from './internal.js';

/**
 * Keeps the largest input.
 *
 * Intuition: remember the best-so-far, replace it when something larger arrives.
 *
 * Accumulator: the largest input so far, or `undefined` when empty. Output: the same, so `undefined` for
 * no input. Without `compare`, inputs are numbers compared like `Math.max` (a `NaN` input makes the result
 * `NaN`). With `compare(a, b)` (negative when `a < b`, as for `Array.prototype.sort`) any type works; of
 * equal values the first one added is kept. `undefined` inputs are ignored. `toString()` is `"Max"`, or
 * `"Max(<compare name>)"` with a compare function. Throws a TypeError if `compare` is not a function.
 *
 * @example
 * ```ts
 * import { max } from 'rxjs-dataflow';
 *
 * const fn = max();
 * let acc = fn.createAccumulator();
 * for (const x of [5, 2, 9]) acc = fn.addInput(acc, x);
 * fn.extractOutput(acc); // 9
 *
 * const longest = max((a: string, b: string) => a.length - b.length);
 * ```
 */
export function max(): CombineFn<number, number | undefined, number | undefined>;
export function max<T>(compare: (a: T, b: T) => number): CombineFn<T, T | undefined, T | undefined>;
export function max<T>(compare?: (a: T, b: T) => number): CombineFn<T, T | undefined, T | undefined> {
  return extremum('max', 1, compare);
}
