/**
 * The window function contract. A window function assigns each element timestamp to the windows it belongs to
 * and, for merging functions such as sessions, says which windows merge. Implement this interface to write a
 * custom window function; see docs/windows.md.
 */
import type { BoundedWindow } from './window.js';

/** One group of windows that merge into `result` (two or more members). */
export interface MergeGroup {
  readonly members: readonly BoundedWindow[];
  readonly result: BoundedWindow;
}

/** Assigns timestamps to windows (Beam's `WindowFn`). */
export interface WindowFn {
  /** Whether windows of this function can merge (sessions). */
  readonly isMerging: boolean;
  /**
   * The windows that contain `timestamp`, newest first. The returned array may be shared between calls and
   * must not be mutated.
   */
  assignWindows(timestamp: number): readonly BoundedWindow[];
  /**
   * For merging functions: the groups of two or more windows among `windows` that merge, each with the
   * window they become. Windows in no group stay as they are.
   */
  mergeWindows?(windows: readonly BoundedWindow[]): MergeGroup[];
  /** Structural equality, used to check that inputs of a join are compatible. */
  equals(other: WindowFn): boolean;
  /** Printable form, e.g. `FixedWindows(60000ms)`. */
  toString(): string;
}

/**
 * Merges overlapping interval windows (Beam's `MergeOverlappingIntervalWindows`): sort by start (then end) and
 * sweep; a window joins the current group if it overlaps the union so far. Windows that only touch do not merge.
 */
export function mergeOverlappingIntervals(
  windows: readonly BoundedWindow[],
  span: (a: BoundedWindow, b: BoundedWindow) => BoundedWindow,
): MergeGroup[] {
  if (windows.length < 2) return [];
  const sorted = [...windows].sort((a, b) => a.start - b.start || a.end - b.end);
  const groups: MergeGroup[] = [];
  let members: BoundedWindow[] = [sorted[0]!];
  // The union so far: its start is the first member's; `last` is the member that reaches furthest.
  let last = sorted[0]!;
  const close = (): void => {
    if (members.length > 1) groups.push({ members, result: span(members[0]!, last) });
  };
  for (let i = 1; i < sorted.length; i++) {
    const w = sorted[i]!;
    if (w.start < last.end) {
      members.push(w);
      if (w.end > last.end) last = w;
    } else {
      close();
      members = [w];
      last = w;
    }
  }
  close();
  return groups;
}
