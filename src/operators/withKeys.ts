/**
 * `withKeys`: turns each value into a `[key, value]` pair for the keyed operators.
 */
import type { OperatorFunction } from 'rxjs';
import type { DataflowEvent } from '../events/dataflowEvent.js';
import type { KV } from '../events/windowedValue.js';
import { mapElements } from './mapElements.js';

/**
 * Pairs every value with the key `keyFn(value)` (Beam's `WithKeys.of(fn)`). Keys are compared as described
 * in docs/concepts.md: primitives as they are, arrays and plain objects by canonical JSON.
 *
 * @example
 * ```ts
 * import { withKeys } from 'rxjs-dataflow';
 * withKeys((e: { user_id: string }) => e.user_id);
 * ```
 */
export function withKeys<T, K>(keyFn: (value: T) => K): OperatorFunction<DataflowEvent<T>, DataflowEvent<KV<K, T>>> {
  return mapElements((value: T) => [keyFn(value), value] as const);
}
