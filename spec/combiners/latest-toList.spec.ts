/**
 * Specs for latest() (greatest timestamp wins, ties to the later) and toList() (collects a copy-safe array).
 */

import { latest, toList } from '../../src/combiners/index.js';
import { fold, run } from './helpers.js';

describe('latest', () => {
  it('keeps the value with the greatest timestamp, whatever the arrival order', () => {
    const inputs = [
      { value: 'b', timestamp: 2_000 },
      { value: 'c', timestamp: 3_000 },
      { value: 'a', timestamp: 1_000 },
    ];
    expect(run(latest<string>(), inputs)).toBe('c');
  });

  it('keeps the later added on equal timestamps', () => {
    const fn = latest<string>();
    expect(run(fn, [{ value: 'first', timestamp: 5 }, { value: 'second', timestamp: 5 }])).toBe('second');
    const merged = fn.mergeAccumulators([fold(fn, [{ value: 'x', timestamp: 5 }]), fold(fn, [{ value: 'y', timestamp: 5 }])]);
    expect(fn.extractOutput(merged)).toBe('y');
  });

  it('accepts infinite timestamps', () => {
    expect(run(latest<number>(), [{ value: 1, timestamp: -Infinity }, { value: 2, timestamp: Infinity }])).toBe(2);
  });

  it('is undefined for no input', () => {
    expect(run(latest(), [])).toBeUndefined();
    const fn = latest();
    expect(fn.extractOutput(fn.mergeAccumulators([undefined, undefined]))).toBeUndefined();
  });

  it('merges partial results', () => {
    const fn = latest<string>();
    const a = fold(fn, [{ value: 'old', timestamp: 10 }, { value: 'new', timestamp: 30 }]);
    const b = fold(fn, [{ value: 'mid', timestamp: 20 }]);
    expect(fn.extractOutput(fn.mergeAccumulators([b, fn.createAccumulator(), a]))).toBe('new');
  });

  it('rejects inputs without a numeric timestamp', () => {
    const fn = latest<string>();
    expect(() => fn.addInput(undefined, { value: 'x', timestamp: NaN })).toThrow(
      new TypeError('latest: input timestamp must be a number of milliseconds, got NaN'),
    );
    expect(() => fn.addInput(undefined, { value: 'x' } as never)).toThrow('got undefined');
  });

  it('prints as Latest', () => {
    expect(latest().toString()).toBe('Latest');
  });
});

describe('toList', () => {
  it('collects inputs in order of addition', () => {
    expect(run(toList<string>(), ['a', 'b', 'a'])).toEqual(['a', 'b', 'a']);
  });

  it('is [] for no input', () => {
    expect(run(toList(), [])).toEqual([]);
    expect(toList().mergeAccumulators([])).toEqual([]);
  });

  it('returns a copy, not the accumulator', () => {
    const fn = toList<number>();
    const acc = fold(fn, [1, 2]);
    const out = fn.extractOutput(acc);
    out.push(3);
    expect(acc).toEqual([1, 2]);
    expect(out).not.toBe(acc);
  });

  it('merges partial lists', () => {
    const fn = toList<number>();
    expect(fn.extractOutput(fn.mergeAccumulators([fold(fn, [1]), fold(fn, []), fold(fn, [2, 3])]))).toEqual([1, 2, 3]);
  });

  it('merges an accumulator with itself', () => {
    const fn = toList<number>();
    const acc = fold(fn, [1, 2]);
    expect(fn.extractOutput(fn.mergeAccumulators([acc, acc]))).toEqual([1, 2, 1, 2]);
  });

  it('prints as ToList', () => {
    expect(String(toList())).toBe('ToList');
  });
});
