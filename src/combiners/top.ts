/**
 * `top(n)`: the `n` largest inputs, largest first (Beam's `Top.largest(n)` / `Top.of(n, comparator)`).
 * The accumulator is a bounded array kept sorted by insertion, so memory stays O(n) whatever the input size.
 */

import type { CombineFn } from './combineFn.js';
import { assertFunction, compareNumbers, fnLabel, type Mutable } from './internal.js';

/**
 * Keeps the `n` largest inputs.
 *
 * Intuition: a leaderboard with `n` seats; a newcomer takes a seat only if it beats the last one.
 *
 * Accumulator: an array of at most `n` inputs sorted largest first (binary-search insertion; an input not
 * larger than the last of a full board costs one comparison). Output: a copy of that array, `[]` for no
 * input. Without `compare`, numbers are ordered like Java's `Double.compare` (`-0 < 0`, `NaN` largest).
 * With `compare(a, b)` (negative when `a < b`) any type works; among equal values the earlier added
 * ranks first. `toString()` is `"Top(<n>)"`, or `"Top(<n>, <compare name>)"` with a compare function.
 * Throws a RangeError unless `n` is an integer >= 1, and a TypeError if `compare` is not a function.
 *
 * @example
 * ```ts
 * import { top } from 'rxjs-dataflow';
 *
 * const fn = top(2);
 * let acc = fn.createAccumulator();
 * for (const x of [3, 9, 1, 7]) acc = fn.addInput(acc, x);
 * fn.extractOutput(acc); // [9, 7]
 *
 * const shortest = top(3, (a: string, b: string) => b.length - a.length);
 * ```
 */
export function top(n: number): CombineFn<number, number[], number[]>;
export function top<T>(n: number, compare: (a: T, b: T) => number): CombineFn<T, T[], T[]>;
export function top<T>(n: number, compare?: (a: T, b: T) => number): CombineFn<T, T[], T[]> {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
    throw new RangeError(`top: n must be an integer >= 1, got ${String(n)}`);
  }
  if (compare !== undefined) assertFunction('top', 'compare', compare);
  const cmp = compare ?? (compareNumbers as unknown as (a: T, b: T) => number);
  const name = compare === undefined ? `Top(${n})` : `Top(${n}, ${fnLabel(compare, 'compare')})`;

  /** Inserts `input` into the sorted board; returns false if it did not make it. */
  const insert = (board: T[], input: T): boolean => {
    let lo = 0;
    let hi = board.length;
    if (hi === n && cmp(input, board[hi - 1]!) <= 0) return false;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cmp(input, board[mid]!) > 0) hi = mid;
      else lo = mid + 1;
    }
    board.splice(lo, 0, input);
    if (board.length > n) board.pop();
    return true;
  };

  const fn: Mutable<CombineFn<T, T[], T[]>> = {
    createAccumulator: () => [],
    addInput: (acc, input) => {
      insert(acc, input);
      return acc;
    },
    mergeAccumulators: (accs) => {
      if (accs.length === 0) return [];
      const merged = accs[0]!;
      for (let i = 1; i < accs.length; i++) {
        const other = accs[i] === merged ? merged.slice() : accs[i]!;
        // `other` is sorted largest first: once one element misses the board, the rest do too.
        for (const x of other) if (!insert(merged, x)) break;
      }
      return merged;
    },
    extractOutput: (acc) => acc.slice(),
    toString: () => name,
  };
  // Among equal values the earlier added ranks first: only plain numbers are indistinguishable when equal.
  if (compare === undefined) fn.orderInsensitive = true;
  return fn;
}
