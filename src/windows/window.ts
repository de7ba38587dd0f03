/**
 * Windows: finite, half-open intervals of event time `[start, end)`. `maxTimestamp = end - 1` is the largest
 * timestamp that belongs to the window; "the watermark passed the window" means `watermark > maxTimestamp`.
 * Windows are immutable values that compare by their bounds.
 */
import { END_OF_GLOBAL_WINDOW, MIN_TIMESTAMP } from '../time/constants.js';

/** A window of event time, `[start, end)`. */
export interface BoundedWindow {
  /** First timestamp in the window (inclusive). */
  readonly start: number;
  /** End of the window (exclusive). */
  readonly end: number;
  /** `end - 1`: the largest timestamp in the window. */
  readonly maxTimestamp: number;
  /** A string that identifies the window among windows of the same window function. */
  readonly id: string;
  /** Structural equality. */
  equals(other: BoundedWindow): boolean;
  /** `[start, end)` with ISO-8601 times, or `GlobalWindow`. */
  toString(): string;
}

/** A window `[start, end)` of event time (Beam's `IntervalWindow`). */
export class IntervalWindow implements BoundedWindow {
  readonly maxTimestamp: number;

  constructor(
    readonly start: number,
    readonly end: number,
  ) {
    // The error is built elsewhere: a constructor without it can be inlined whole, and a window that goes no
    // further than the code that made it (sessions' proto-windows, see GroupingEngine.addInProtoWindow) is
    // not allocated.
    if (!(end > start)) throw emptyInterval(start, end);
    this.maxTimestamp = end - 1;
  }

  get id(): string {
    return `${this.start}/${this.end}`;
  }

  /** Whether the two windows share at least one timestamp (touching windows do not overlap). */
  intersects(other: BoundedWindow): boolean {
    return this.start < other.end && other.start < this.end;
  }

  /** The smallest window that contains both. */
  span(other: BoundedWindow): IntervalWindow {
    return new IntervalWindow(Math.min(this.start, other.start), Math.max(this.end, other.end));
  }

  /** Whether `ts` lies in the window. */
  contains(ts: number): boolean {
    return ts >= this.start && ts < this.end;
  }

  equals(other: BoundedWindow): boolean {
    return this === other || (other.start === this.start && other.end === this.end);
  }

  toString(): string {
    return `[${iso(this.start)}, ${iso(this.end)})`;
  }
}

/** The single window of all time (Beam's `GlobalWindow`), the default window of every source. */
export class GlobalWindow extends IntervalWindow {
  constructor() {
    super(MIN_TIMESTAMP, END_OF_GLOBAL_WINDOW + 1);
  }

  override get id(): string {
    return 'global';
  }

  override toString(): string {
    return 'GlobalWindow';
  }
}

/** The global window: `[MIN_TIMESTAMP, END_OF_GLOBAL_WINDOW + 1)`. */
export const GLOBAL_WINDOW: BoundedWindow = new GlobalWindow();

/** Orders windows by `(maxTimestamp, start)`, the order in which the library processes them. */
export function compareWindows(a: BoundedWindow, b: BoundedWindow): number {
  return a.maxTimestamp - b.maxTimestamp || a.start - b.start;
}

function emptyInterval(start: number, end: number): RangeError {
  return new RangeError(`IntervalWindow: end (${end}) must be after start (${start})`);
}

function iso(t: number): string {
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? String(t) : d.toISOString();
}
