/**
 * The CombineFn contract: an associative, commutative aggregation split into four steps (create an empty
 * accumulator, add one input, merge partial accumulators, extract the output) so that a window's pane can
 * be computed incrementally, from partial results, and merged when windows merge (sessions). This file
 * holds the interface, its type helpers and `combineFn`, a small builder for custom combiners.
 */

import { assertFunction, type Mutable } from './internal.js';

/**
 * An aggregation of inputs `I` into an output `O` through a mutable accumulator `A` (Beam's `CombineFn`).
 *
 * Implementations must be associative and commutative: folding the inputs in any order, in any split, and
 * merging the partial accumulators in any grouping must give the same output.
 */
export interface CombineFn<I, A, O> {
  /** A fresh, empty accumulator. */
  createAccumulator(): A;
  /** Adds one input; may mutate and return `acc`. */
  addInput(acc: A, input: I): A;
  /** Merges partial accumulators; may return one of its inputs, mutated. The inputs must not be reused. */
  mergeAccumulators(accs: A[]): A;
  /** The output for `acc`; must not mutate `acc`. */
  extractOutput(acc: A): O;
  /** Optional: a smaller equivalent accumulator, used before storing or shipping it. */
  compact?(acc: A): A;
  /** printable name, e.g. "Count" or "Compose(count=Count, sum=Sum)" */
  toString(): string;
  /**
   * Optional: `true` declares that the output does not depend on the order inputs are added in or partial
   * accumulators are merged in (up to floating-point rounding). Session windows then fold each element into
   * a partial accumulator as it arrives instead of keeping the step's elements until its merges are known;
   * an error thrown by `addInput` then names the session as far as it is known at that point. Without it,
   * elements are added in arrival order (which `groupByKey`'s lists and `latest()`'s ties rely on).
   */
  readonly orderInsensitive?: boolean;
}

/** The input type `I` of a `CombineFn<I, A, O>`. */
export type InputOf<F> = F extends CombineFn<infer I, any, any> ? I : never;
/** The accumulator type `A` of a `CombineFn<I, A, O>`. */
export type AccumulatorOf<F> = F extends CombineFn<any, infer A, any> ? A : never;
/** The output type `O` of a `CombineFn<I, A, O>`. */
export type OutputOf<F> = F extends CombineFn<any, any, infer O> ? O : never;

/** The object literal accepted by {@link combineFn}: the four steps, an optional `compact` and a name. */
export interface CombineFnSpec<I, A, O> {
  /** See {@link CombineFn.createAccumulator}. */
  createAccumulator: () => A;
  /** See {@link CombineFn.addInput}. */
  addInput: (acc: A, input: I) => A;
  /** See {@link CombineFn.mergeAccumulators}. */
  mergeAccumulators: (accs: A[]) => A;
  /** See {@link CombineFn.extractOutput}. */
  extractOutput: (acc: A) => O;
  /** See {@link CombineFn.compact}. */
  compact?: (acc: A) => A;
  /** Printed by `toString()`; defaults to `"CombineFn"`. */
  name?: string;
  /** See {@link CombineFn.orderInsensitive}. */
  orderInsensitive?: boolean;
}

/**
 * Builds a {@link CombineFn} from an object literal of its steps.
 *
 * Intuition: the shortest way to write a custom aggregation without declaring a class.
 *
 * The functions are used as they are (no wrapping), so they must not rely on `this`. `toString()` returns
 * `name` (default `"CombineFn"`). Throws a TypeError if a step is not a function or `name` is not a
 * non-empty string.
 *
 * @example
 * ```ts
 * import { combineFn } from 'rxjs-dataflow';
 *
 * // Product of numbers; the empty product is 1.
 * const product = combineFn({
 *   name: 'Product',
 *   createAccumulator: () => 1,
 *   addInput: (acc: number, x: number) => acc * x,
 *   mergeAccumulators: (accs) => accs.reduce((a, b) => a * b, 1),
 *   extractOutput: (acc) => acc,
 * });
 * product.extractOutput(product.addInput(product.addInput(product.createAccumulator(), 3), 4)); // 12
 * ```
 */
export function combineFn<I, A, O>(spec: CombineFnSpec<I, A, O>): CombineFn<I, A, O> {
  if (spec === null || typeof spec !== 'object') {
    throw new TypeError(`combineFn: expected an object of functions, got ${String(spec)}`);
  }
  assertFunction('combineFn', 'createAccumulator', spec.createAccumulator);
  assertFunction('combineFn', 'addInput', spec.addInput);
  assertFunction('combineFn', 'mergeAccumulators', spec.mergeAccumulators);
  assertFunction('combineFn', 'extractOutput', spec.extractOutput);
  if (spec.compact !== undefined) assertFunction('combineFn', 'compact', spec.compact);
  if (spec.name !== undefined && (typeof spec.name !== 'string' || spec.name === '')) {
    throw new TypeError(`combineFn: name must be a non-empty string, got ${String(spec.name)}`);
  }
  const name = spec.name ?? 'CombineFn';
  // Built by adding properties, not by spreading: a copy made with `{ ...fn }` can come out with another
  // hidden class now and then, which makes V8 drop the code it compiled for the combine function's calls.
  const fn: Mutable<CombineFn<I, A, O>> = {
    createAccumulator: spec.createAccumulator,
    addInput: spec.addInput,
    mergeAccumulators: spec.mergeAccumulators,
    extractOutput: spec.extractOutput,
    toString: () => name,
  };
  if (spec.compact !== undefined) fn.compact = spec.compact;
  if (spec.orderInsensitive === true) fn.orderInsensitive = true;
  return fn;
}
