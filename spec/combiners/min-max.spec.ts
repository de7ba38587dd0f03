/**
 * Specs for min() and max(): numeric defaults, compare functions, empty outputs, NaN handling, merging, names and validation.
 */

import { max, min } from '../../src/combiners/index.js';
import { fold, run } from './helpers.js';

interface Person {
  name: string;
  age: number;
}
const byAge = (a: Person, b: Person) => a.age - b.age;
const ann = { name: 'ann', age: 30 };
const bob = { name: 'bob', age: 25 };
const cid = { name: 'cid', age: 30 };
const dan = { name: 'dan', age: 25 };

describe('min', () => {
  it('finds the smallest number', () => {
    expect(run(min(), [5, 2, 9, -1, 3])).toBe(-1);
    expect(run(min(), [-Infinity, 0])).toBe(-Infinity);
  });

  it('is undefined for no input', () => {
    expect(run(min(), [])).toBeUndefined();
    expect(min().mergeAccumulators([undefined, undefined])).toBeUndefined();
  });

  it('propagates NaN like Math.min', () => {
    expect(run(min(), [1, NaN, 0])).toBeNaN();
  });

  it('uses a compare function for any type, keeping the first of equals', () => {
    expect(run(min(byAge), [ann, bob, cid, dan])).toBe(bob);
  });

  it('ignores undefined inputs', () => {
    expect(run(min<number | undefined>((a, b) => a! - b!), [undefined, 4, undefined, 2])).toBe(2);
  });

  it('merges partial minima', () => {
    const fn = min();
    expect(fn.extractOutput(fn.mergeAccumulators([fold(fn, [4, 8]), fold(fn, []), fold(fn, [6, 3])]))).toBe(3);
  });

  it('prints as Min, with the compare name when given', () => {
    expect(min().toString()).toBe('Min');
    expect(min(byAge).toString()).toBe('Min(byAge)');
    expect(min((a: number, b: number) => b - a).toString()).toBe('Min(compare)');
  });

  it('rejects a compare that is not a function', () => {
    expect(() => min(3 as never)).toThrow(new TypeError('min: compare must be a function, got 3'));
  });
});

describe('max', () => {
  it('finds the largest number', () => {
    expect(run(max(), [5, 2, 9, -1, 3])).toBe(9);
    expect(run(max(), [-5, -7])).toBe(-5);
  });

  it('is undefined for no input', () => {
    expect(run(max(), [])).toBeUndefined();
    expect(max().mergeAccumulators([])).toBeUndefined();
  });

  it('propagates NaN like Math.max', () => {
    expect(run(max(), [1, NaN, 0])).toBeNaN();
  });

  it('uses a compare function for any type, keeping the first of equals', () => {
    expect(run(max(byAge), [bob, ann, dan, cid])).toBe(ann);
    expect(run(max((a: string, b: string) => a.length - b.length), ['aa', 'b', 'ccc', 'dd'])).toBe('ccc');
  });

  it('merges partial maxima', () => {
    const fn = max();
    expect(fn.extractOutput(fn.mergeAccumulators([fold(fn, [4, 8]), fold(fn, [6, 3])]))).toBe(8);
  });

  it('prints as Max, with the compare name when given', () => {
    expect(String(max())).toBe('Max');
    expect(String(max(byAge))).toBe('Max(byAge)');
  });

  it('rejects a compare that is not a function', () => {
    expect(() => max('x' as never)).toThrow(new TypeError('max: compare must be a function, got "x"'));
  });
});
