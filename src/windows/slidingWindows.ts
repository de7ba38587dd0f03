/**
 * Sliding (hopping) windows: windows of one size starting every `period`, so one element is in several windows.
 */
import { END_OF_GLOBAL_WINDOW } from '../time/constants.js';
import { checkDuration, floorMod } from '../time/duration.js';
import { IntervalWindow, type BoundedWindow } from './window.js';
import { WindowCache } from './windowCache.js';
import type { WindowFn } from './windowFn.js';

/** Sliding windows of `size` ms every `period` ms (Beam's `SlidingWindows`). */
export class SlidingWindows implements WindowFn {
  readonly isMerging = false;
  private lastStart = NaN;
  private last: readonly BoundedWindow[] = [];
  private readonly cache = new WindowCache();
  /** Recently assigned windows by start (each as a one-window list). */
  private readonly windows = new WindowCache(64);

  constructor(
    readonly size: number,
    readonly period: number,
    readonly offset = 0,
  ) {
    checkDuration('slidingWindows', 'size', size, 1);
    checkDuration('slidingWindows', 'period', period, 1);
    checkDuration('slidingWindows', 'offset', offset, 0);
    if (offset >= period) {
      throw new RangeError(`slidingWindows: offset (${offset}) must be smaller than period (${period})`);
    }
  }

  assignWindows(timestamp: number): readonly BoundedWindow[] {
    const lastStart = timestamp - floorMod(timestamp - this.offset, this.period);
    // Windows depend on lastStart and on which of them still contain ts; reuse when both match.
    if (lastStart === this.lastStart && this.coversExactly(timestamp)) return this.last;
    // When the size is a multiple of the period, lastStart alone decides the windows: cache by it.
    const cacheable = this.size % this.period === 0;
    let out = cacheable ? this.cache.get(lastStart) : undefined;
    if (out === undefined) {
      const windows: BoundedWindow[] = [];
      for (let s = lastStart; s > timestamp - this.size; s -= this.period) windows.push(this.windowAt(s));
      out = cacheable ? this.cache.set(lastStart, windows) : windows;
    }
    this.lastStart = lastStart;
    this.last = out;
    return out;
  }

  /** The window starting at `start`: one object for the same window in every list that holds it. */
  private windowAt(start: number): BoundedWindow {
    const cached = this.windows.get(start);
    if (cached !== undefined) return cached[0]!;
    return this.windows.set(start, [new IntervalWindow(start, Math.min(start + this.size, END_OF_GLOBAL_WINDOW + 1))])[0]!;
  }

  private coversExactly(ts: number): boolean {
    const last = this.last;
    if (last.length === 0) return false;
    // The oldest window must still contain ts, and the next older one must not.
    const oldest = last[last.length - 1]!;
    return oldest.start > ts - this.size && oldest.start - this.period <= ts - this.size;
  }

  equals(other: WindowFn): boolean {
    return (
      other instanceof SlidingWindows &&
      other.size === this.size &&
      other.period === this.period &&
      other.offset === this.offset
    );
  }

  toString(): string {
    const off = this.offset ? `, offset ${this.offset}ms` : '';
    return `SlidingWindows(${this.size}ms every ${this.period}ms${off})`;
  }
}

/**
 * Sliding event-time windows: windows of `size` ms starting every `period` ms; an element belongs to every
 * window `[s, s + size)` with `s = lastStart, lastStart - period, ...` while `s > ts - size`, newest first.
 *
 * Like RxJS `windowTime(size, period)`, but on event time.
 *
 * @param size window length in ms, `> 0`
 * @param period distance between window starts in ms, `> 0`
 * @param offset shift of window starts in ms, `0 <= offset < period`
 * @example
 * ```ts
 * import { slidingWindows, seconds } from 'rxjs-dataflow';
 * slidingWindows(seconds(60), seconds(20)).assignWindows(35_000);
 * // [[20000, 80000), [0, 60000), [-20000, 40000)]
 * ```
 * @see fixedWindows
 */
export function slidingWindows(size: number, period: number, offset = 0): SlidingWindows {
  return new SlidingWindows(size, period, offset);
}
