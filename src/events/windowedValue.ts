/**
 * Windowed values: an element as the dataflow sees it, with its event timestamp, the windows it belongs to and
 * the pane that produced it (spec §1.1).
 */
import type { PaneInfo } from '../panes/paneInfo.js';
import { NO_FIRING } from '../panes/paneInfo.js';
import { GLOBAL_WINDOW, type BoundedWindow } from '../windows/window.js';

/** An element with its event time, windows and pane. */
export interface WindowedValue<T> {
  readonly value: T;
  /** Event time in ms since the epoch. */
  readonly timestamp: number;
  /** The windows of the value; logically one copy per window. Shared arrays: never mutate. */
  readonly windows: readonly BoundedWindow[];
  /** The pane the value came from; {@link NO_FIRING} before any grouping. */
  readonly pane: PaneInfo;
}

/** The windows of a value in the global window (shared; never mutate). */
export const IN_GLOBAL_WINDOW: readonly BoundedWindow[] = Object.freeze([GLOBAL_WINDOW]);

/** A value with an explicit event time, in the global window (Beam's `TimestampedValue`). */
export class TimestampedValue<T> implements WindowedValue<T> {
  readonly windows = IN_GLOBAL_WINDOW;
  readonly pane = NO_FIRING;
  constructor(
    readonly value: T,
    readonly timestamp: number,
  ) {}
}

/**
 * A value at `timestamp` (ms since the epoch) in the global window, as every source produces it. Use it in
 * `testStream().addElements(...)` to give elements explicit event times.
 *
 * @example
 * ```ts
 * import { testStream, timestamped } from 'rxjs-dataflow';
 * testStream<string>().addElements(timestamped('a', 1_000), timestamped('b', 2_000));
 * ```
 */
export function timestamped<T>(value: T, timestamp: number): TimestampedValue<T> {
  return new TimestampedValue(value, timestamp);
}

/** A key and value pair, the element type of keyed operators. */
export type KV<K, V> = readonly [K, V];
