/**
 * Specs for the CombineFn contract helpers: the combineFn builder, its validation and name, the InputOf / AccumulatorOf / OutputOf type helpers, and which combine functions declare `orderInsensitive`.
 */

import {
  combineFn,
  composeCombineFns,
  count,
  latest,
  max,
  mean,
  min,
  sum,
  toList,
  top,
  withInput,
  type AccumulatorOf,
  type CombineFn,
  type InputOf,
  type OutputOf,
} from '../../src/combiners/index.js';
import { assertType, run, type Equals } from './helpers.js';

const product = () =>
  combineFn({
    name: 'Product',
    createAccumulator: () => 1,
    addInput: (acc: number, x: number) => acc * x,
    mergeAccumulators: (accs) => accs.reduce((a, b) => a * b, 1),
    extractOutput: (acc) => `=${acc}`,
  });

describe('combineFn', () => {
  it('builds a working CombineFn from an object literal', () => {
    const fn = product();
    expect(run(fn, [2, 3, 4])).toBe('=24');
    expect(fn.extractOutput(fn.mergeAccumulators([fn.addInput(1, 5), fn.addInput(1, 6)]))).toBe('=30');
    expect(fn.compact).toBeUndefined();
  });

  it('infers I, A, O and the type helpers read them back', () => {
    const fn = product();
    assertType<Equals<typeof fn, CombineFn<number, number, string>>>();
    assertType<Equals<InputOf<typeof fn>, number>>();
    assertType<Equals<AccumulatorOf<typeof fn>, number>>();
    assertType<Equals<OutputOf<typeof fn>, string>>();
    assertType<Equals<InputOf<ReturnType<typeof count>>, unknown>>();
    expect(fn.extractOutput(fn.createAccumulator())).toBe('=1');
  });

  it('keeps compact when given', () => {
    const fn = combineFn<number, number[], number>({
      createAccumulator: () => [],
      addInput: (acc, x) => [...acc, x],
      mergeAccumulators: (accs) => accs.flat(),
      extractOutput: (acc) => acc.length,
      compact: (acc) => acc.slice(0, 1),
    });
    expect(fn.compact?.([1, 2, 3])).toEqual([1]);
  });

  it('prints its name, "CombineFn" by default', () => {
    expect(product().toString()).toBe('Product');
    expect(`${product()}`).toBe('Product');
    const anonymous = combineFn({
      createAccumulator: () => 0,
      addInput: (acc: number) => acc,
      mergeAccumulators: () => 0,
      extractOutput: (acc) => acc,
    });
    expect(String(anonymous)).toBe('CombineFn');
  });

  it('validates its argument', () => {
    const steps = {
      createAccumulator: () => 0,
      addInput: (acc: number) => acc,
      mergeAccumulators: () => 0,
      extractOutput: (acc: number) => acc,
    };
    expect(() => combineFn({ ...steps, addInput: undefined } as never)).toThrow(
      new TypeError('combineFn: addInput must be a function, got undefined'),
    );
    expect(() => combineFn({ ...steps, extractOutput: 'x' } as never)).toThrow(
      'combineFn: extractOutput must be a function, got "x"',
    );
    expect(() => combineFn({ ...steps, compact: 1 } as never)).toThrow('combineFn: compact must be a function');
    expect(() => combineFn({ ...steps, name: '' })).toThrow('combineFn: name must be a non-empty string');
    expect(() => combineFn(null as never)).toThrow(TypeError);
    expect(() => combineFn(null as never)).toThrow('combineFn: expected an object of functions, got null');
  });
});

describe('orderInsensitive', () => {
  it('should be declared by the built-ins whose output does not depend on input order', () => {
    const insensitive = [count(), sum(), mean(), min(), max(), top(3)];
    const byLength = (a: string, b: string) => a.length - b.length;
    const sensitive = [latest<number>(), toList<number>(), min(byLength), max(byLength), top(1, byLength)];
    expect(insensitive.map((f) => f.orderInsensitive === true)).toStrictEqual(insensitive.map(() => true));
    expect(sensitive.map((f) => f.orderInsensitive === true)).toStrictEqual(sensitive.map(() => false));
  });

  it('should carry through withInput and composeCombineFns (all components must declare it)', () => {
    expect(withInput(sum(), (x: { n: number }) => x.n).orderInsensitive).toBe(true);
    expect(withInput(toList<number>(), (x: { n: number }) => x.n).orderInsensitive).not.toBe(true);
    expect(composeCombineFns({ c: count(), s: sum() }).orderInsensitive).toBe(true);
    expect(composeCombineFns([count(), toList<unknown>()]).orderInsensitive).not.toBe(true);
  });

  it('should be set by combineFn only when asked for', () => {
    const base = {
      createAccumulator: () => 0,
      addInput: (a: number, x: number) => a + x,
      mergeAccumulators: (accs: number[]) => accs.reduce((a, b) => a + b, 0),
      extractOutput: (a: number) => a,
    };
    expect(combineFn(base).orderInsensitive).not.toBe(true);
    expect(combineFn({ ...base, orderInsensitive: true }).orderInsensitive).toBe(true);
  });
});
