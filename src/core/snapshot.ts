/**
 * The JSON form of a grouping's state: everything needed to stop a stream and resume it in a new process
 * without losing or repeating a pane (windows, accumulators, trigger state, holds, timers, pane counters,
 * watermarks, counters). Infinite times are written as the strings `'+Infinity'` / `'-Infinity'` and absent
 * times as `null`, so the snapshot survives `JSON.stringify`. Accumulators are stored as they are: the
 * combine function's accumulators must be JSON values (all built-in ones are).
 */
import type { PaneInfo } from '../panes/paneInfo.js';

/** A time in a snapshot: a finite number, an infinity as a string, or null for "none". */
export type SnapshotTime = number | '+Infinity' | '-Infinity' | null;

/** One window of one key. */
export interface WindowSnapshot {
  readonly start: number;
  readonly end: number;
  /** `true` for the global window. */
  readonly global?: true;
  /** The accumulator, when the window has one. */
  readonly acc?: unknown;
  readonly newCount: number;
  readonly elementHold: SnapshotTime;
  readonly extraHold: SnapshotTime;
  readonly lastPane: PaneInfo | null;
  readonly closed: boolean;
  /** Trigger finished bits and slots (null for an empty slot). */
  readonly trigger: readonly (number | null)[];
  readonly eventTimers: readonly number[];
  readonly processingTimers: readonly number[];
}

/** One key with its windows. */
export interface KeySnapshot {
  readonly key: unknown;
  readonly ordinal: number;
  readonly windows: readonly WindowSnapshot[];
}

/** The state of a grouping engine. */
export interface EngineSnapshot {
  readonly version: 1;
  /** The strategy the state belongs to, printed; restoring under another strategy is refused. */
  readonly strategy: string;
  /** The combine function the accumulators belong to, printed; restoring into another is refused. */
  readonly combineFn: string;
  readonly inputWatermark: SnapshotTime;
  readonly outputWatermark: SnapshotTime;
  readonly processingTime: number;
  readonly nextOrdinal: number;
  /** First-seen order of every key seen so far, by encoded key (bigints as `{ bigint: '123' }`). */
  readonly ordinals: readonly (readonly [string | number | boolean | null | { readonly bigint: string }, number])[];
  readonly counters: {
    readonly elementsIn: number;
    readonly droppedDueToLateness: number;
    readonly droppedDueToClosedWindow: number;
    readonly invalidElements?: number;
    readonly panesEarly: number;
    readonly panesOnTime: number;
    readonly panesLate: number;
  };
  readonly keys: readonly KeySnapshot[];
}

/** Encodes a time for a snapshot. */
export function encodeTime(t: number): SnapshotTime {
  if (Number.isNaN(t)) return null;
  if (t === Infinity) return '+Infinity';
  if (t === -Infinity) return '-Infinity';
  return t;
}

/** Decodes a snapshot time (`null` becomes NaN: none). */
export function decodeTime(t: SnapshotTime): number {
  if (t === null) return NaN;
  if (t === '+Infinity') return Infinity;
  if (t === '-Infinity') return -Infinity;
  return t;
}
