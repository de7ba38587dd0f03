/**
 * Internal helpers shared by the built-in combiners: argument validation with messages that name the
 * combiner and the reason, and the default total order on numbers. Not part of the public API (the
 * barrel does not re-export this file).
 */

import type { CombineFn } from './combineFn.js';

/** Throws a TypeError `"<owner>: <name> must be a function, got <value>"` unless `value` is a function. */
export function assertFunction(owner: string, name: string, value: unknown): void {
  if (typeof value !== 'function') {
    throw new TypeError(`${owner}: ${name} must be a function, got ${describe(value)}`);
  }
}

/** Throws a TypeError naming `owner` and `what` unless `value` has the four CombineFn steps. */
export function assertCombineFn(
  owner: string,
  what: string,
  value: unknown,
): asserts value is CombineFn<unknown, unknown, unknown> {
  if (value === null || typeof value !== 'object') {
    throw new TypeError(`${owner}: ${what} must be a CombineFn, got ${describe(value)}`);
  }
  for (const step of ['createAccumulator', 'addInput', 'mergeAccumulators', 'extractOutput'] as const) {
    if (typeof (value as Record<string, unknown>)[step] !== 'function') {
      throw new TypeError(`${owner}: ${what} must be a CombineFn, but its ${step} is not a function`);
    }
  }
}

/** A short printable description of an argument for error messages. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'an array';
  if (value !== null && typeof value === 'object') return 'an object';
  return String(value);
}

/**
 * Total order on numbers: `-Infinity < … < -0 < 0 < … < Infinity < NaN` (like Java's `Double.compare`),
 * so that ordering-based combiners stay order-insensitive even with NaN or signed zeros.
 */
export function compareNumbers(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return a !== 0 ? 0 : (1 / a < 0 ? 0 : 1) - (1 / b < 0 ? 0 : 1);
  return (Number.isNaN(a) ? 1 : 0) - (Number.isNaN(b) ? 1 : 0);
}

/** How a user function is shown inside a combiner's `toString()`: its name, or `fallback` if anonymous. */
export function fnLabel(fn: { readonly name: string }, fallback: string): string {
  return fn.name !== '' ? fn.name : fallback;
}

/**
 * The shared body of `min()` and `max()`. `sign` is `-1` to keep the smallest, `1` to keep the largest.
 * Without `compare`, numbers go through `Math.min` / `Math.max` (NaN propagates); with it, an input
 * replaces the kept value only if it is strictly better, so the earlier of two equal values wins.
 * `undefined` inputs are ignored (`undefined` is the empty accumulator).
 */
export function extremum<T>(
  owner: 'min' | 'max',
  sign: -1 | 1,
  compare: ((a: T, b: T) => number) | undefined,
): CombineFn<T, T | undefined, T | undefined> {
  const label = owner === 'min' ? 'Min' : 'Max';
  if (compare !== undefined) assertFunction(owner, 'compare', compare);
  const pick: (a: T, b: T) => T =
    compare === undefined
      ? ((sign < 0 ? Math.min : Math.max) as unknown as (a: T, b: T) => T)
      : (kept, input) => (sign * compare(input, kept) > 0 ? input : kept);
  const add = (acc: T | undefined, input: T | undefined): T | undefined =>
    input === undefined ? acc : acc === undefined ? input : pick(acc, input);
  const fn: Mutable<CombineFn<T, T | undefined, T | undefined>> = {
    createAccumulator: () => undefined,
    addInput: add,
    mergeAccumulators: (accs) => {
      let merged: T | undefined = undefined;
      for (const acc of accs) merged = add(merged, acc);
      return merged;
    },
    extractOutput: (acc) => acc,
    toString: () => (compare === undefined ? label : `${label}(${fnLabel(compare, 'compare')})`),
  };
  // With a compare function the earlier of two equal values wins: the order matters.
  if (compare === undefined) fn.orderInsensitive = true;
  return fn;
}

/** A combine function under construction: its optional properties are added one by one (see `combineFn`). */
export type Mutable<T> = { -readonly [P in keyof T]: T[P] };
