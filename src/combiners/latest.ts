/**
 * `latest()`: the value with the greatest event timestamp (Beam's `Latest.globally`). Beam reads the
 * timestamp from the element; here each input carries it explicitly as `{ value, timestamp }`.
 */

import type { CombineFn } from './combineFn.js';
import { describe } from './internal.js';

/** An input of {@link latest}: a value and its event timestamp in milliseconds. */
export interface LatestInput<T> {
  /** The value to report if this input is the latest. */
  readonly value: T;
  /** Event time in milliseconds (any number but NaN, ±Infinity included). */
  readonly timestamp: number;
}

/**
 * Keeps the value with the greatest timestamp.
 *
 * Intuition: the most recent reading wins, whatever order the readings arrive in.
 *
 * Accumulator: the latest `{ value, timestamp }` input so far, or `undefined` when empty. Output: its
 * `value`, or `undefined` for no input. On equal timestamps the later added input wins (in
 * `mergeAccumulators`, the later accumulator in the array). `toString()` is `"Latest"`. `addInput` throws a
 * TypeError if the timestamp is not a number or is NaN.
 *
 * @example
 * ```ts
 * import { latest } from 'rxjs-dataflow';
 *
 * const fn = latest<string>();
 * let acc = fn.createAccumulator();
 * acc = fn.addInput(acc, { value: 'b', timestamp: 2_000 });
 * acc = fn.addInput(acc, { value: 'a', timestamp: 1_000 });
 * fn.extractOutput(acc); // 'b'
 * ```
 */
export function latest<T>(): CombineFn<LatestInput<T>, LatestInput<T> | undefined, T | undefined> {
  const later = (acc: LatestInput<T> | undefined, input: LatestInput<T> | undefined) =>
    input === undefined || (acc !== undefined && input.timestamp < acc.timestamp) ? acc : input;
  return {
    createAccumulator: () => undefined,
    addInput: (acc, input) => {
      const ts: unknown = input?.timestamp;
      if (typeof ts !== 'number' || Number.isNaN(ts)) {
        throw new TypeError(`latest: input timestamp must be a number of milliseconds, got ${describe(ts)}`);
      }
      return later(acc, input);
    },
    mergeAccumulators: (accs) => {
      let merged: LatestInput<T> | undefined = undefined;
      for (const acc of accs) merged = later(merged, acc);
      return merged;
    },
    extractOutput: (acc) => acc?.value,
    toString: () => 'Latest',
  };
}
