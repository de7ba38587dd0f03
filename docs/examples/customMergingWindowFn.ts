// A custom merging window function: sessions in which windows that merely touch merge too (the built-in
// `sessions` keeps `[1s, 11s)` and `[11s, 21s)` apart). A merging WindowFn sets `isMerging` and implements
// `mergeWindows`: given a key's windows, it returns the groups of two or more that merge and what each
// group becomes.
import { from } from 'rxjs';
import {
  groupByKey,
  IntervalWindow,
  seconds,
  toRecords,
  windowInto,
  withKeys,
  withTimestamps,
  type BoundedWindow,
  type MergeGroup,
  type WindowFn,
} from '../../src/index.js';
import { showWindow } from './marbleHarness.js';

export class TouchingSessions implements WindowFn {
  readonly isMerging = true;

  constructor(readonly gap: number) {}

  assignWindows(timestamp: number): readonly BoundedWindow[] {
    return [new IntervalWindow(timestamp, timestamp + this.gap)];
  }

  mergeWindows(windows: readonly BoundedWindow[]): MergeGroup[] {
    const sorted = [...windows].sort((a, b) => a.start - b.start || a.end - b.end);
    const groups: MergeGroup[] = [];
    let members: BoundedWindow[] = [];
    let union: BoundedWindow | undefined;
    for (const w of sorted) {
      if (union !== undefined && w.start <= union.end) {
        // Overlapping or touching: w joins the group.
        members.push(w);
        if (w.end > union.end) union = new IntervalWindow(union.start, w.end);
      } else {
        if (members.length > 1) groups.push({ members, result: union! });
        members = [w];
        union = w;
      }
    }
    if (members.length > 1) groups.push({ members, result: union! });
    return groups;
  }

  equals(other: WindowFn): boolean {
    return other instanceof TouchingSessions && other.gap === this.gap;
  }

  toString(): string {
    return `TouchingSessions(gap ${this.gap}ms)`;
  }
}

export function customMergingWindowFn(): string[] {
  const taps = [1_000, 5_000, 15_000, 40_000].map((at) => ({ user: 'ann', at }));
  const out: string[] = [];
  from(taps)
    .pipe(
      withTimestamps((t) => t.at),
      windowInto({ windowFn: new TouchingSessions(seconds(10)) }),
      withKeys((t) => t.user),
      groupByKey(),
      toRecords(),
    )
    .subscribe((r) => out.push(`${r.value[0]} ${showWindow(r.window)} at ${r.value[1].map((t) => t.at / 1000).join(', ')}`));
  return out;
}
