/**
 * Fixed (tumbling) windows: consecutive, non-overlapping windows of one size.
 */
import { END_OF_GLOBAL_WINDOW } from '../time/constants.js';
import { checkDuration, floorMod } from '../time/duration.js';
import { IntervalWindow, type BoundedWindow } from './window.js';
import { WindowCache } from './windowCache.js';
import type { WindowFn } from './windowFn.js';

/** Fixed windows of `size` ms, shifted by `offset` ms (Beam's `FixedWindows`). */
export class FixedWindows implements WindowFn {
  readonly isMerging = false;
  // The last assignment, reused while elements keep falling into the same window, and recent ones.
  private last: readonly BoundedWindow[] | undefined;
  private previous: readonly BoundedWindow[] | undefined;
  private readonly cache = new WindowCache();

  constructor(
    readonly size: number,
    readonly offset = 0,
  ) {
    checkDuration('fixedWindows', 'size', size, 1);
    checkDuration('fixedWindows', 'offset', offset, 0);
    if (offset >= size) throw new RangeError(`fixedWindows: offset (${offset}) must be smaller than size (${size})`);
  }

  assignWindows(timestamp: number): readonly BoundedWindow[] {
    const last = this.last;
    if (last !== undefined && timestamp >= last[0]!.start && timestamp < last[0]!.end) return last;
    // Out-of-order input near a boundary goes back and forth between two windows.
    const previous = this.previous;
    if (previous === undefined || !(timestamp >= previous[0]!.start && timestamp < previous[0]!.end)) return this.assignAnew(timestamp);
    this.previous = last;
    return (this.last = previous);
  }

  // The rest of assignWindows, kept apart so that the common case is small enough to be compiled into every
  // caller (V8 inlines only so much bytecode into one function, and the element path is a long chain) and is
  // rarely called, only when the windows move on.
  private assignAnew(timestamp: number): readonly BoundedWindow[] {
    this.previous = this.last;
    const start = timestamp - floorMod(timestamp - this.offset, this.size);
    let windows = this.cache.get(start);
    if (windows === undefined) {
      const end = Math.min(start + this.size, END_OF_GLOBAL_WINDOW + 1);
      windows = this.cache.set(start, [new IntervalWindow(start, end)]);
    }
    return (this.last = windows);
  }

  equals(other: WindowFn): boolean {
    return other instanceof FixedWindows && other.size === this.size && other.offset === this.offset;
  }

  toString(): string {
    return this.offset ? `FixedWindows(${this.size}ms, offset ${this.offset}ms)` : `FixedWindows(${this.size}ms)`;
  }
}

/**
 * Tumbling event-time windows of `size` milliseconds: `[start, start + size)` with
 * `start = ts - floorMod(ts - offset, size)`.
 *
 * Like RxJS `windowTime(size)`, but on event time: an element lands in the window its timestamp belongs to,
 * whenever it arrives.
 *
 * @param size window length in ms, `> 0`
 * @param offset shift of window boundaries in ms, `0 <= offset < size`
 * @example
 * ```ts
 * import { fixedWindows, seconds } from 'rxjs-dataflow';
 * fixedWindows(seconds(60)).assignWindows(62_000); // [[60000, 120000)]
 * ```
 * @see slidingWindows, sessions, globalWindows
 */
export function fixedWindows(size: number, offset = 0): FixedWindows {
  return new FixedWindows(size, offset);
}
