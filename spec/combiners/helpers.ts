/**
 * Test helpers for the combiner specs: fold inputs through a CombineFn in one pass or split into chunks
 * and merged in groups, the fast-check arbitrary that drives the merge-insensitivity properties, and a
 * compile-time type equality check.
 */

import fc from 'fast-check';
import type { CombineFn } from '../../src/combiners/index.js';

/** Folds `inputs` into a fresh accumulator. */
export function fold<I, A, O>(fn: CombineFn<I, A, O>, inputs: readonly I[]): A {
  let acc = fn.createAccumulator();
  for (const input of inputs) acc = fn.addInput(acc, input);
  return acc;
}

/** The output of a single pass over `inputs`. */
export function run<I, A, O>(fn: CombineFn<I, A, O>, inputs: readonly I[]): O {
  return fn.extractOutput(fold(fn, inputs));
}

/** Cuts `xs` at the given positions (clamped, sorted, duplicates allowed: chunks may be empty). */
export function chunk<T>(xs: readonly T[], cuts: readonly number[]): T[][] {
  const points = [...cuts.map((c) => Math.min(c, xs.length)), xs.length].sort((a, b) => a - b);
  const chunks: T[][] = [];
  let start = 0;
  for (const end of points) {
    chunks.push(xs.slice(start, end));
    start = end;
  }
  return chunks;
}

/**
 * Folds each chunk of `inputs` (cut at `cuts`) separately, merges the accumulators in groups (cut at
 * `groupCuts`), then merges the group results, and extracts the output.
 */
export function runSplit<I, A, O>(
  fn: CombineFn<I, A, O>,
  inputs: readonly I[],
  cuts: readonly number[],
  groupCuts: readonly number[],
): O {
  const accs = chunk(inputs, cuts).map((part) => fold(fn, part));
  const partials = chunk(accs, groupCuts).map((group) => fn.mergeAccumulators(group));
  return fn.extractOutput(fn.mergeAccumulators(partials));
}

/** Inputs, a permutation of them, and random chunk / group cut points. */
export interface SplitCase<T> {
  inputs: T[];
  shuffled: T[];
  cuts: number[];
  groupCuts: number[];
}

/** Arbitrary {@link SplitCase} over elements drawn from `element`. */
export function splitCase<T>(element: fc.Arbitrary<T>): fc.Arbitrary<SplitCase<T>> {
  return fc.array(element, { maxLength: 40 }).chain((inputs) =>
    fc.record({
      inputs: fc.constant(inputs),
      shuffled: fc.shuffledSubarray(inputs, { minLength: inputs.length, maxLength: inputs.length }),
      cuts: fc.array(fc.nat({ max: inputs.length }), { maxLength: 6 }),
      groupCuts: fc.array(fc.nat({ max: 7 }), { maxLength: 3 }),
    }),
  );
}

/** `true` iff `A` and `B` are the same type. */
export type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Compile-time only: fails type checking (and so the ts-jest run) unless `T` is `true`. */
export function assertType<T extends true>(): T | void {
  return undefined;
}
