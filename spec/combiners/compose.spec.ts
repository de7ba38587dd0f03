/**
 * Specs for composeCombineFns (record and tuple forms), withInput, compact forwarding, precise typing and validation.
 */

import {
  combineFn,
  composeCombineFns,
  count,
  max,
  mean,
  min,
  sum,
  top,
  toList,
  withInput,
  type AccumulatorOf,
  type InputOf,
  type MeanAccumulator,
  type OutputOf,
} from '../../src/combiners/index.js';
import { assertType, fold, run, type Equals } from './helpers.js';

interface Trip {
  km: number;
  minutes: number;
}
const trips: Trip[] = [
  { km: 4, minutes: 12 },
  { km: 10, minutes: 25 },
  { km: 1, minutes: 5 },
];

describe('composeCombineFns (record form)', () => {
  const stats = () =>
    composeCombineFns({
      trips: count(),
      avgKm: withInput(mean(), (t: Trip) => t.km),
      longest: withInput(max(), (t: Trip) => t.minutes),
    });

  it('computes every component in one pass', () => {
    expect(run(stats(), trips)).toEqual({ trips: 3, avgKm: 5, longest: 25 });
  });

  it('types input, accumulator and output precisely', () => {
    const fn = stats();
    assertType<Equals<InputOf<typeof fn>, Trip>>();
    assertType<Equals<AccumulatorOf<typeof fn>, (number | MeanAccumulator | undefined)[]>>();
    assertType<Equals<OutputOf<typeof fn>, { trips: number; avgKm: number; longest: number | undefined }>>();
    const plain = composeCombineFns({ count: count(), sum: sum() });
    assertType<Equals<InputOf<typeof plain>, number>>();
    assertType<Equals<OutputOf<typeof plain>, { count: number; sum: number }>>();
    expect(run(plain, [1, 2, 3])).toEqual({ count: 3, sum: 6 });
  });

  it('gives each component its empty output', () => {
    expect(run(composeCombineFns({ c: count(), s: sum(), m: mean(), lo: min(), t: top(2) }), [])).toEqual({
      c: 0,
      s: 0,
      m: NaN,
      lo: undefined,
      t: [],
    });
  });

  it('updates the accumulator (an array of the component accumulators in tag order) in place', () => {
    const fn = composeCombineFns({ count: count(), sum: sum() });
    const acc = fn.createAccumulator();
    expect(fn.addInput(acc, 5)).toBe(acc);
    expect(acc).toEqual([1, 5]);
  });

  it('merges component by component', () => {
    const fn = stats();
    const merged = fn.mergeAccumulators([fold(fn, trips.slice(0, 1)), fold(fn, []), fold(fn, trips.slice(1))]);
    expect(fn.extractOutput(merged)).toEqual({ trips: 3, avgKm: 5, longest: 25 });
    expect(fn.extractOutput(fn.mergeAccumulators([]))).toEqual({ trips: 0, avgKm: NaN, longest: undefined });
  });

  it('returns a fresh output record', () => {
    const fn = composeCombineFns({ list: toList<number>() });
    const acc = fold(fn, [1]);
    fn.extractOutput(acc).list.push(2);
    expect(fn.extractOutput(acc)).toEqual({ list: [1] });
  });

  it('prints its components with their tags', () => {
    expect(composeCombineFns({ count: count(), sum: sum() }).toString()).toBe('Compose(count=Count, sum=Sum)');
    expect(stats().toString()).toBe('Compose(trips=Count, avgKm=WithInput(Mean), longest=WithInput(Max))');
  });
});

describe('composeCombineFns (tuple form)', () => {
  it('computes a tuple of outputs', () => {
    const fn = composeCombineFns([count(), sum(), top(2)]);
    assertType<Equals<OutputOf<typeof fn>, [number, number, number[]]>>();
    const out = run(fn, [3, 1, 4, 1, 5]);
    expect(Array.isArray(out)).toBe(true);
    expect(out).toEqual([5, 14, [5, 4]]);
  });

  it('merges and prints positionally', () => {
    const fn = composeCombineFns([min(), max()]);
    expect(fn.extractOutput(fn.mergeAccumulators([fold(fn, [4, 7]), fold(fn, [9, 2])]))).toEqual([2, 9]);
    expect(fn.toString()).toBe('Compose(Min, Max)');
  });
});

describe('compact', () => {
  const trimmed = combineFn<number, number[], number>({
    name: 'Trimmed',
    createAccumulator: () => [],
    addInput: (acc, x) => (acc.push(x), acc),
    mergeAccumulators: (accs) => accs.flat(),
    extractOutput: (acc) => acc.length,
    compact: (acc) => acc.slice(-1),
  });

  it('exists only if a component has one, and compacts those components', () => {
    expect(composeCombineFns({ c: count() }).compact).toBeUndefined();
    const fn = composeCombineFns({ c: count(), t: trimmed });
    const acc = fold(fn, [1, 2, 3]);
    expect(fn.compact?.(acc)).toEqual([3, [3]]);
  });

  it('is forwarded by withInput', () => {
    const fn = withInput(trimmed, (s: string) => s.length);
    expect(fn.compact?.(fold(fn, ['a', 'bb']))).toEqual([2]);
    expect(withInput(count(), (s: string) => s).compact).toBeUndefined();
  });
});

describe('withInput', () => {
  it('feeds the component a projection of each input', () => {
    const fn = withInput(sum(), (t: Trip) => t.minutes);
    assertType<Equals<InputOf<typeof fn>, Trip>>();
    expect(run(fn, trips)).toBe(42);
  });

  it('names a named extractor', () => {
    const minutesOf = (t: Trip) => t.minutes;
    expect(withInput(sum(), minutesOf).toString()).toBe('WithInput(Sum, minutesOf)');
    expect(withInput(sum(), (t: Trip) => t.km).toString()).toBe('WithInput(Sum)');
  });

  it('validates its arguments', () => {
    expect(() => withInput({} as never, (x: number) => x)).toThrow(
      new TypeError('withInput: fn must be a CombineFn, but its createAccumulator is not a function'),
    );
    expect(() => withInput(sum(), 'km' as never)).toThrow(
      new TypeError('withInput: extract must be a function, got "km"'),
    );
  });
});

describe('composeCombineFns validation', () => {
  it('rejects a spec that is not an object or array', () => {
    expect(() => composeCombineFns(null as never)).toThrow(
      new TypeError('composeCombineFns: spec must be an object or an array of CombineFns, got null'),
    );
    expect(() => composeCombineFns(3 as never)).toThrow('composeCombineFns: spec must be an object or an array');
  });

  it('rejects an empty spec', () => {
    expect(() => composeCombineFns({})).toThrow('composeCombineFns: spec must contain at least one CombineFn');
    expect(() => composeCombineFns([])).toThrow('composeCombineFns: spec must contain at least one CombineFn');
  });

  it('rejects components that are not CombineFns, naming them', () => {
    expect(() => composeCombineFns({ count: count(), sum: 3 } as never)).toThrow(
      new TypeError('composeCombineFns: component "sum" must be a CombineFn, got 3'),
    );
    expect(() => composeCombineFns([count(), { addInput: () => 0 }] as never)).toThrow(
      'composeCombineFns: component [1] must be a CombineFn, but its createAccumulator is not a function',
    );
  });

  it('rejects the __proto__ tag', () => {
    expect(() => composeCombineFns({ ['__proto__']: count() })).toThrow(
      'composeCombineFns: "__proto__" cannot be used as a tag',
    );
  });
});
