/**
 * Merge insensitivity: for every combiner, folding a permutation of the inputs in random chunks and
 * merging the partial accumulators in random groups gives the same output as one pass in input order.
 */

import fc from 'fast-check';
import {
  composeCombineFns,
  count,
  latest,
  max,
  mean,
  min,
  sum,
  top,
  toList,
  withInput,
  type CombineFn,
} from '../../src/combiners/index.js';
import { run, runSplit, splitCase } from './helpers.js';

const ints = fc.integer({ min: -1_000_000, max: 1_000_000 });
const numRuns = 200;

function expectMergeInsensitive<I, A, O>(
  make: () => CombineFn<I, A, O>,
  element: fc.Arbitrary<I>,
  normalize: (out: O) => unknown = (out) => out,
): void {
  fc.assert(
    fc.property(splitCase(element), ({ inputs, shuffled, cuts, groupCuts }) => {
      const single = normalize(run(make(), inputs));
      const split = normalize(runSplit(make(), shuffled, cuts, groupCuts));
      expect(split).toEqual(single);
    }),
    { numRuns },
  );
}

const sortedNumbers = (xs: number[]) => [...xs].sort((a, b) => a - b);

describe('merge insensitivity (order and grouping)', () => {
  it('count', () => expectMergeInsensitive(count, fc.anything()));
  it('sum', () => expectMergeInsensitive(sum, ints));
  it('mean', () => expectMergeInsensitive(mean, ints));
  it('min', () => expectMergeInsensitive(() => min(), ints));
  it('max', () => expectMergeInsensitive(() => max(), ints));
  it('min and max over doubles with NaN and signed zeros', () => {
    expectMergeInsensitive(() => min(), fc.double());
    expectMergeInsensitive(() => max(), fc.double());
  });
  it('top', () => expectMergeInsensitive(() => top(3), fc.integer({ min: -20, max: 20 })));
  it('top over doubles with NaN and signed zeros', () => expectMergeInsensitive(() => top(4), fc.double()));
  it('top with a compare function', () =>
    expectMergeInsensitive(() => top(2, (a: number, b: number) => b - a), ints));
  it('toList, as a multiset', () => expectMergeInsensitive(() => toList<number>(), ints, sortedNumbers));
  it('latest, with distinct timestamps', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer(), { maxLength: 30 }).chain((timestamps) =>
          fc.record({
            inputs: fc.constant(timestamps.map((timestamp) => ({ value: `v${timestamp}`, timestamp }))),
            cuts: fc.array(fc.nat({ max: timestamps.length }), { maxLength: 6 }),
            groupCuts: fc.array(fc.nat({ max: 7 }), { maxLength: 3 }),
          }),
        ),
        ({ inputs, cuts, groupCuts }) => {
          const expected = inputs.length === 0 ? undefined : `v${Math.max(...inputs.map((i) => i.timestamp))}`;
          expect(run(latest<string>(), inputs)).toBe(expected);
          expect(runSplit(latest<string>(), [...inputs].reverse(), cuts, groupCuts)).toBe(expected);
        },
      ),
      { numRuns },
    );
  });
  it('compose (record form)', () =>
    expectMergeInsensitive(
      () =>
        composeCombineFns({
          count: count(),
          sum: sum(),
          mean: mean(),
          min: min(),
          max: max(),
          top: top(2),
          list: toList<number>(),
        }),
      ints,
      (out) => ({ ...out, list: sortedNumbers(out.list) }),
    ));
  it('compose (tuple form) with projected inputs', () =>
    expectMergeInsensitive(
      () => composeCombineFns([count(), withInput(sum(), (p: [number, number]) => p[0]), withInput(max(), (p: [number, number]) => p[1])]),
      fc.tuple(ints, ints),
    ));
  it('compose equals its components run separately', () => {
    fc.assert(
      fc.property(fc.array(ints, { maxLength: 40 }), (xs) => {
        const out = run(composeCombineFns({ count: count(), mean: mean(), top: top(3) }), xs);
        expect(out).toEqual({ count: run(count(), xs), mean: run(mean(), xs), top: run(top(3), xs) });
      }),
      { numRuns },
    );
  });
});
