/**
 * Specs for the arithmetic combiners count(), sum() and mean(): exact outputs, empty outputs, merging and names.
 */

import { count, mean, sum } from '../../src/combiners/index.js';
import { fold, run } from './helpers.js';

describe('count', () => {
  it('counts inputs of any type', () => {
    expect(run(count(), ['a', 1, null, undefined, { x: 1 }])).toBe(5);
  });

  it('is 0 for no input', () => {
    expect(run(count(), [])).toBe(0);
    expect(count().mergeAccumulators([])).toBe(0);
  });

  it('merges partial counts', () => {
    const fn = count();
    expect(fn.extractOutput(fn.mergeAccumulators([fold(fn, [1, 2]), fold(fn, []), fold(fn, [3, 4, 5])]))).toBe(5);
  });

  it('prints as Count', () => {
    expect(count().toString()).toBe('Count');
  });
});

describe('sum', () => {
  it('adds numbers', () => {
    expect(run(sum(), [1, 2, 3.5, -4])).toBe(2.5);
  });

  it('is 0 for no input', () => {
    expect(run(sum(), [])).toBe(0);
    expect(sum().extractOutput(sum().mergeAccumulators([]))).toBe(0);
  });

  it('merges partial sums', () => {
    const fn = sum();
    expect(fn.extractOutput(fn.mergeAccumulators([fold(fn, [10, 20]), fold(fn, [5])]))).toBe(35);
  });

  it('prints as Sum', () => {
    expect(String(sum())).toBe('Sum');
  });
});

describe('mean', () => {
  it('averages numbers', () => {
    expect(run(mean(), [1, 2, 6])).toBe(3);
    expect(run(mean(), [1, 2])).toBe(1.5);
  });

  it('is NaN for no input', () => {
    expect(run(mean(), [])).toBeNaN();
    const fn = mean();
    expect(fn.extractOutput(fn.mergeAccumulators([fn.createAccumulator(), fn.createAccumulator()]))).toBeNaN();
  });

  it('keeps sum and count in its accumulator', () => {
    expect(fold(mean(), [4, 8, 9])).toEqual({ sum: 21, count: 3 });
  });

  it('merges partial means weighted by their counts', () => {
    const fn = mean();
    const merged = fn.mergeAccumulators([fold(fn, [1]), fold(fn, [2, 3, 4, 5])]);
    expect(merged).toEqual({ sum: 15, count: 5 });
    expect(fn.extractOutput(merged)).toBe(3);
  });

  it('creates independent accumulators', () => {
    const fn = mean();
    const a = fn.createAccumulator();
    fn.addInput(a, 7);
    expect(fn.createAccumulator()).toEqual({ sum: 0, count: 0 });
  });

  it('prints as Mean', () => {
    expect(mean().toString()).toBe('Mean');
  });
});
