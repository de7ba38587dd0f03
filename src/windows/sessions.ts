/**
 * Session windows: per key, activity separated by gaps of at least `gap` ms. Each element starts as its own
 * window `[ts, ts + gap)`; overlapping windows merge.
 */
import { checkDuration } from '../time/duration.js';
import { IntervalWindow, type BoundedWindow } from './window.js';
import { mergeOverlappingIntervals, type MergeGroup, type WindowFn } from './windowFn.js';

const span = (a: BoundedWindow, b: BoundedWindow): BoundedWindow =>
  new IntervalWindow(Math.min(a.start, b.start), Math.max(a.end, b.end));

/** Merging session windows with a gap of `gap` ms (Beam's `Sessions`). */
export class Sessions implements WindowFn {
  readonly isMerging = true;

  constructor(readonly gap: number) {
    checkDuration('sessions', 'gap', gap, 1);
  }

  assignWindows(timestamp: number): readonly BoundedWindow[] {
    return [new IntervalWindow(timestamp, timestamp + this.gap)];
  }

  mergeWindows(windows: readonly BoundedWindow[]): MergeGroup[] {
    return mergeOverlappingIntervals(windows, span);
  }

  equals(other: WindowFn): boolean {
    return other instanceof Sessions && other.gap === this.gap;
  }

  toString(): string {
    return `Sessions(gap ${this.gap}ms)`;
  }
}

/**
 * Session windows: an element at `ts` opens `[ts, ts + gap)`; windows of one key that overlap merge into
 * one session. Windows that only touch stay apart.
 *
 * @param gap the inactivity gap in ms, `> 0`
 * @example
 * ```ts
 * import { sessions, seconds } from 'rxjs-dataflow';
 * // elements at 1s and 5s of one key end up in one session [1s, 15s)
 * const windowFn = sessions(seconds(10));
 * ```
 * @see fixedWindows
 */
export function sessions(gap: number): Sessions {
  return new Sessions(gap);
}
