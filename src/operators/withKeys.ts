/**
 * `withKeys`: turns each value into a `[key, value]` pair for the keyed operators.
 */
import type { OperatorFunction } from 'rxjs';
import { DataflowError, describeValue, errorMessage } from '../core/errors.js';
import type { DataflowEvent } from '../events/dataflowEvent.js';
import type { KV } from '../events/windowedValue.js';
import { fused } from './fusion.js';
import { sinkFn, type DeadLetter, type Sink } from './sinks.js';

/** Options of {@link withKeys}. */
export interface WithKeysOptions {
  /**
   * Receives values whose key function throws or returns `undefined`, as `{ value, reason, operator }`;
   * without it such a value fails the stream with an error naming it.
   */
  readonly deadLetter?: Sink<DeadLetter>;
}

/**
 * Pairs every value with the key `keyFn(value)` (Beam's `WithKeys.of(fn)`). Keys are compared as described
 * in docs/concepts.md: primitives as they are, arrays and plain objects by canonical JSON. A key function that
 * throws or returns `undefined` is bad input.
 *
 * @example
 * ```ts
 * import { withKeys } from 'rxjs-dataflow';
 * withKeys((e: { user_id: string }) => e.user_id);
 * ```
 */
export function withKeys<T, K>(
  keyFn: (value: T) => K,
  options: WithKeysOptions = {},
): OperatorFunction<DataflowEvent<T>, DataflowEvent<KV<K, T>>> {
  const deadLetter = sinkFn(options.deadLetter);
  return fused<T, KV<K, T>>(() => ({
    pipe: (next) => (value, timestamp, windows, pane) => {
      let key: K | undefined;
      let reason: string | undefined;
      let cause: unknown;
      try {
        key = keyFn(value as T);
        if (key === undefined) reason = 'the key function returned undefined';
      } catch (err) {
        cause = err;
        reason = `the key function threw: ${errorMessage(err)}`;
      }
      if (reason === undefined) {
        next([key as K, value], timestamp, windows, pane);
        return;
      }
      if (deadLetter === undefined) {
        throw new DataflowError(`withKeys: element ${describeValue(value)}: ${reason}`, { operator: 'withKeys', value, cause });
      }
      deadLetter({ value, reason, operator: 'withKeys' });
    },
  }));
}
