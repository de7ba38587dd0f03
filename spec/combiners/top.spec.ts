/**
 * Specs for top(n): ordering, the bound on the accumulator, ties, the default total order on numbers, merging, names and validation.
 */

import { top } from '../../src/combiners/index.js';
import { fold, run } from './helpers.js';

describe('top', () => {
  it('keeps the n largest, largest first', () => {
    expect(run(top(2), [3, 9, 1, 7])).toEqual([9, 7]);
    expect(run(top(3), [5, 1, 4, 2, 3, 6])).toEqual([6, 5, 4]);
  });

  it('returns everything, sorted, when there are fewer than n inputs', () => {
    expect(run(top(5), [2, 8, 4])).toEqual([8, 4, 2]);
  });

  it('is [] for no input', () => {
    expect(run(top(3), [])).toEqual([]);
    expect(top(3).mergeAccumulators([])).toEqual([]);
  });

  it('keeps duplicates', () => {
    expect(run(top(3), [5, 1, 5, 5, 5])).toEqual([5, 5, 5]);
  });

  it('never holds more than n inputs', () => {
    const fn = top(4);
    let acc = fn.createAccumulator();
    for (let i = 0; i < 1000; i++) {
      acc = fn.addInput(acc, (i * 7919) % 1000);
      expect(acc.length).toBeLessThanOrEqual(4);
    }
    expect(fn.extractOutput(acc)).toEqual([999, 998, 997, 996]);
  });

  it('orders numbers totally: NaN largest, -0 below 0', () => {
    const out = run(top(4), [1, NaN, 0, -0, -Infinity]);
    expect(out).toEqual([NaN, 1, 0, -0]);
    expect(Object.is(out[3], -0)).toBe(true);
  });

  it('uses a compare function, ranking the earlier of equals first', () => {
    const byLength = (a: string, b: string) => a.length - b.length;
    expect(run(top(3, byLength), ['bb', 'a', 'cc', 'dddd', 'ee'])).toEqual(['dddd', 'bb', 'cc']);
  });

  it('merges partial boards', () => {
    const fn = top(3);
    const merged = fn.mergeAccumulators([fold(fn, [1, 10, 4]), fold(fn, []), fold(fn, [9, 2, 8])]);
    expect(fn.extractOutput(merged)).toEqual([10, 9, 8]);
  });

  it('merges an accumulator with itself', () => {
    const fn = top(3);
    const acc = fold(fn, [4, 2]);
    expect(fn.extractOutput(fn.mergeAccumulators([acc, acc]))).toEqual([4, 4, 2]);
  });

  it('returns a copy from extractOutput', () => {
    const fn = top(2);
    const acc = fold(fn, [1, 2]);
    fn.extractOutput(acc).push(99);
    expect(fn.extractOutput(acc)).toEqual([2, 1]);
  });

  it('prints n and the compare name', () => {
    expect(top(3).toString()).toBe('Top(3)');
    const byScore = (a: { score: number }, b: { score: number }) => a.score - b.score;
    expect(top(2, byScore).toString()).toBe('Top(2, byScore)');
  });

  it.each([0, -1, 1.5, NaN, Infinity, '3'])('rejects n = %p', (n) => {
    expect(() => top(n as number)).toThrow(RangeError);
    expect(() => top(n as number)).toThrow(`top: n must be an integer >= 1, got ${String(n)}`);
  });

  it('rejects a compare that is not a function', () => {
    expect(() => top(2, {} as never)).toThrow(new TypeError('top: compare must be a function, got an object'));
  });
});
