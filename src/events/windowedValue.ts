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

const IN_GLOBAL_WINDOW: readonly BoundedWindow[] = Object.freeze([GLOBAL_WINDOW]);

/** A value at `timestamp` in the global window, as every source produces it. */
export function timestamped<T>(value: T, timestamp: number): WindowedValue<T> {
  return { value, timestamp, windows: IN_GLOBAL_WINDOW, pane: NO_FIRING };
}

/** A key and value pair, the element type of keyed operators. */
export type KV<K, V> = readonly [K, V];
