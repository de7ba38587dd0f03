/**
 * Side outputs: where data that does not make it into a pane goes when the user asks for it. A sink is a
 * function or any observer (a `Subject` works), so side outputs compose with RxJS.
 */

/** A function or an observer that receives side-output values. */
export type Sink<T> = ((value: T) => void) | { next(value: T): void };

/** Turns a sink into a function (undefined stays undefined). */
export function sinkFn<T>(sink: Sink<T> | undefined): ((value: T) => void) | undefined {
  if (sink === undefined) return undefined;
  if (typeof sink === 'function') return sink;
  if (sink !== null && typeof sink === 'object' && typeof sink.next === 'function') return (v) => sink.next(v);
  throw new TypeError(`a side output must be a function or an observer with next(), got ${String(sink)}`);
}

/** An element rejected as bad input, sent to a dead-letter sink instead of failing the stream. */
export interface DeadLetter {
  /** The element as it arrived at the operator. */
  readonly value: unknown;
  /** Why it was rejected. */
  readonly reason: string;
  /** The operator that rejected it. */
  readonly operator: string;
}
