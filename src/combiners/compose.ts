/**
 * `composeCombineFns(spec)`: several aggregations computed in one pass over the same inputs (Beam's
 * `CombineFns.compose()`), plus `withInput(fn, extract)` to feed a component a projection of the input
 * (Beam's `.with(extractFn, combineFn, tag)`). The composed accumulator is a record (or tuple) holding one
 * accumulator per component; it is built once and updated in place, so adding an input allocates nothing.
 */

import type { AccumulatorOf, CombineFn, InputOf, OutputOf } from './combineFn.js';
import { assertCombineFn, assertFunction, describe, type Mutable } from './internal.js';

/** Any CombineFn, as a component of {@link composeCombineFns}. */
export type AnyCombineFn = CombineFn<any, any, any>;

/** The named form of a compose spec: `{ count: count(), total: sum() }`. */
export type CombineFnRecord = { readonly [tag: string]: AnyCombineFn };

/** The positional form of a compose spec: `[count(), sum()]`. */
export type CombineFnTuple = readonly AnyCombineFn[];

type Components<S> = S extends readonly unknown[] ? S[number] : S[keyof S];

/** The input type of a composed CombineFn: one that every component accepts (intersection of inputs). */
export type ComposedInput<S> = (
  Components<S> extends infer F ? (F extends AnyCombineFn ? (input: InputOf<F>) => void : never) : never
) extends (input: infer I) => void
  ? I
  : never;

/** The accumulator of a composed CombineFn: each component's accumulator under the same tag or index. */
export type ComposedAccumulator<S> = S extends readonly unknown[]
  ? { -readonly [K in keyof S]: AccumulatorOf<S[K]> }
  : AccumulatorOf<S[keyof S]>[];

/** The output of a composed CombineFn: each component's output under the same tag or index. */
export type ComposedOutput<S> = { -readonly [K in keyof S]: OutputOf<S[K]> };

/**
 * Adapts a CombineFn over `X` into one over `I` by projecting each input with `extract`.
 *
 * Intuition: "sum of the prices" is `sum()` fed with `order => order.price`.
 *
 * Accumulator and output are those of `fn`; only `addInput` changes (it calls `extract` first). `compact`
 * is kept if `fn` has one. `toString()` is `"WithInput(<fn>)"`, or `"WithInput(<fn>, <extract name>)"`
 * when `extract` is a named function. Throws a TypeError if `fn` is not a CombineFn or `extract` is not a
 * function.
 *
 * @example
 * ```ts
 * import { composeCombineFns, count, sum, withInput } from 'rxjs-dataflow';
 *
 * interface Order { price: number }
 * const stats = composeCombineFns({ orders: count(), revenue: withInput(sum(), (o: Order) => o.price) });
 * ```
 */
export function withInput<I, X, A, O>(fn: CombineFn<X, A, O>, extract: (input: I) => X): CombineFn<I, A, O> {
  assertCombineFn('withInput', 'fn', fn);
  assertFunction('withInput', 'extract', extract);
  const name = extract.name !== '' ? `WithInput(${fn}, ${extract.name})` : `WithInput(${fn})`;
  const adapted: Mutable<CombineFn<I, A, O>> = {
    createAccumulator: () => fn.createAccumulator(),
    addInput: (acc, input) => fn.addInput(acc, extract(input)),
    mergeAccumulators: (accs) => fn.mergeAccumulators(accs),
    extractOutput: (acc) => fn.extractOutput(acc),
    toString: () => name,
  };
  if (fn.compact !== undefined) adapted.compact = (acc) => fn.compact!(acc);
  if (fn.orderInsensitive === true) adapted.orderInsensitive = true;
  return adapted;
}

/**
 * Combines several CombineFns into one that computes all of them in a single pass.
 *
 * Intuition: one walk over the data, many answers.
 *
 * `spec` is either a record of tagged components (`{ count: count(), total: sum() }`, output
 * `{ count: number, total: number }`) or an array/tuple (`[count(), sum()]`, output `[number, number]`).
 * Every component sees every input; use {@link withInput} to give a component a projection of it.
 * Accumulator: an array of the components' accumulators in tag order (updated in place by `addInput`;
 * merged into the first of the merged accumulators). Output: a fresh record/tuple of the components' outputs. `compact`
 * exists if any component has one. `toString()` is `"Compose(count=Count, total=Sum)"` or
 * `"Compose(Count, Sum)"`. The tags and components are read once, at construction. Throws a TypeError if
 * `spec` is not an object or array, is empty, uses the tag `__proto__`, or holds something that is not a
 * CombineFn.
 *
 * @example
 * ```ts
 * import { composeCombineFns, count, max, mean, withInput } from 'rxjs-dataflow';
 *
 * interface Trip { km: number; minutes: number }
 * const stats = composeCombineFns({
 *   trips: count(),
 *   avgKm: withInput(mean(), (t: Trip) => t.km),
 *   longest: withInput(max(), (t: Trip) => t.minutes),
 * });
 * let acc = stats.createAccumulator();
 * acc = stats.addInput(acc, { km: 4, minutes: 12 });
 * acc = stats.addInput(acc, { km: 10, minutes: 25 });
 * stats.extractOutput(acc); // { trips: 2, avgKm: 7, longest: 25 }
 * ```
 */
export function composeCombineFns<const S extends CombineFnTuple>(
  spec: S,
): CombineFn<ComposedInput<S>, ComposedAccumulator<S>, ComposedOutput<S>>;
export function composeCombineFns<const S extends CombineFnRecord>(
  spec: S,
): CombineFn<ComposedInput<S>, ComposedAccumulator<S>, ComposedOutput<S>>;
export function composeCombineFns(
  spec: CombineFnTuple | CombineFnRecord,
): CombineFn<unknown, Record<string | number, unknown>, Record<string | number, unknown>> {
  const owner = 'composeCombineFns';
  if (spec === null || typeof spec !== 'object') {
    throw new TypeError(`${owner}: spec must be an object or an array of CombineFns, got ${describe(spec)}`);
  }
  const isTuple = Array.isArray(spec);
  // Keys are array indices for the tuple form, tags for the record form; both read once, here.
  const keys: (string | number)[] = isTuple ? spec.map((_, i) => i) : Object.keys(spec);
  const fns: AnyCombineFn[] = keys.map((key) => (spec as Record<string | number, AnyCombineFn>)[key]!);
  if (keys.length === 0) {
    throw new TypeError(`${owner}: spec must contain at least one CombineFn`);
  }
  keys.forEach((key, i) => {
    if (key === '__proto__') throw new TypeError(`${owner}: "__proto__" cannot be used as a tag`);
    assertCombineFn(owner, isTuple ? `component [${key}]` : `component "${key}"`, fns[i]);
  });
  const n = keys.length;
  const name = `Compose(${keys.map((key, i) => (isTuple ? `${fns[i]}` : `${key}=${fns[i]}`)).join(', ')})`;
  // The accumulator is an array of the components' accumulators, in tag order: indexed access and an
  // unrolled addInput for up to four components keep the hot path free of keyed lookups.
  type Acc = unknown[];
  const addInput = unrolledAddInput(fns);
  const composed: Mutable<CombineFn<unknown, Acc, Record<string | number, unknown>>> = {
    createAccumulator: unrolledCreateAccumulator(fns),
    addInput,
    mergeAccumulators: (accs) => {
      if (accs.length === 0) return composed.createAccumulator();
      const merged = accs[0]!;
      for (let i = 0; i < n; i++) merged[i] = fns[i]!.mergeAccumulators(accs.map((acc) => acc[i]));
      return merged;
    },
    extractOutput: isTuple ? tupleOutput(fns) : recordOutput(keys as string[], fns),
    toString: () => name,
  };
  if (fns.every((f) => f.orderInsensitive === true)) composed.orderInsensitive = true;
  if (fns.some((fn) => fn.compact !== undefined)) {
    composed.compact = (acc) => {
      for (let i = 0; i < n; i++) {
        const fn = fns[i]!;
        if (fn.compact !== undefined) acc[i] = fn.compact(acc[i]);
      }
      return acc;
    };
  }
  return composed as unknown as CombineFn<unknown, Record<string | number, unknown>, Record<string | number, unknown>>;
}

/**
 * `createAccumulator` of the array of component accumulators, unrolled for up to four components. Array
 * literals let V8 learn that accumulators outlive the young generation (they live as long as their window)
 * and allocate them in the old one directly.
 */
function unrolledCreateAccumulator(fns: readonly AnyCombineFn[]): () => unknown[] {
  const [c0, c1, c2, c3] = fns;
  switch (fns.length) {
    case 1:
      return () => [c0!.createAccumulator()];
    case 2:
      return () => [c0!.createAccumulator(), c1!.createAccumulator()];
    case 3:
      return () => [c0!.createAccumulator(), c1!.createAccumulator(), c2!.createAccumulator()];
    case 4:
      return () => [c0!.createAccumulator(), c1!.createAccumulator(), c2!.createAccumulator(), c3!.createAccumulator()];
    default:
      return () => {
        const acc: unknown[] = new Array(fns.length);
        for (let i = 0; i < fns.length; i++) acc[i] = fns[i]!.createAccumulator();
        return acc;
      };
  }
}

/** `addInput` over an array of component accumulators, unrolled for up to four components. */
function unrolledAddInput(fns: readonly AnyCombineFn[]): (acc: unknown[], input: unknown) => unknown[] {
  // Method calls on the captured components (not bound functions), which the JIT can inline.
  const [c0, c1, c2, c3] = fns;
  switch (fns.length) {
    case 1:
      return (acc, input) => {
        acc[0] = c0!.addInput(acc[0], input);
        return acc;
      };
    case 2:
      return (acc, input) => {
        acc[0] = c0!.addInput(acc[0], input);
        acc[1] = c1!.addInput(acc[1], input);
        return acc;
      };
    case 3:
      return (acc, input) => {
        acc[0] = c0!.addInput(acc[0], input);
        acc[1] = c1!.addInput(acc[1], input);
        acc[2] = c2!.addInput(acc[2], input);
        return acc;
      };
    case 4:
      return (acc, input) => {
        acc[0] = c0!.addInput(acc[0], input);
        acc[1] = c1!.addInput(acc[1], input);
        acc[2] = c2!.addInput(acc[2], input);
        acc[3] = c3!.addInput(acc[3], input);
        return acc;
      };
    default:
      return (acc, input) => {
        for (let i = 0; i < fns.length; i++) acc[i] = fns[i]!.addInput(acc[i], input);
        return acc;
      };
  }
}

/**
 * The output step of a composed CombineFn in record form. Up to four components it is unrolled: each store
 * has its own site, which keeps the stores fast (one site storing under different names is megamorphic).
 */
function recordOutput(keys: readonly string[], fns: readonly AnyCombineFn[]): (acc: unknown[]) => Record<string, unknown> {
  const [k0, k1, k2, k3] = keys;
  const [c0, c1, c2, c3] = fns;
  switch (fns.length) {
    case 1:
      return (acc) => ({ [k0!]: c0!.extractOutput(acc[0]) });
    case 2:
      return (acc) => {
        const out: Record<string, unknown> = {};
        out[k0!] = c0!.extractOutput(acc[0]);
        out[k1!] = c1!.extractOutput(acc[1]);
        return out;
      };
    case 3:
      return (acc) => {
        const out: Record<string, unknown> = {};
        out[k0!] = c0!.extractOutput(acc[0]);
        out[k1!] = c1!.extractOutput(acc[1]);
        out[k2!] = c2!.extractOutput(acc[2]);
        return out;
      };
    case 4:
      return (acc) => {
        const out: Record<string, unknown> = {};
        out[k0!] = c0!.extractOutput(acc[0]);
        out[k1!] = c1!.extractOutput(acc[1]);
        out[k2!] = c2!.extractOutput(acc[2]);
        out[k3!] = c3!.extractOutput(acc[3]);
        return out;
      };
    default:
      return (acc) => {
        const out: Record<string, unknown> = {};
        for (let i = 0; i < fns.length; i++) out[keys[i]!] = fns[i]!.extractOutput(acc[i]);
        return out;
      };
  }
}

/** The output step of a composed CombineFn in tuple form: a fresh array of the components' outputs. */
function tupleOutput(fns: readonly AnyCombineFn[]): (acc: unknown[]) => Record<number, unknown> {
  return (acc) => {
    const out = new Array<unknown>(fns.length);
    for (let i = 0; i < fns.length; i++) out[i] = fns[i]!.extractOutput(acc[i]);
    return out;
  };
}
