/**
 * The global window function: every element in the single window of all time.
 */
import { GLOBAL_WINDOW, type BoundedWindow } from './window.js';
import type { WindowFn } from './windowFn.js';

const ONLY: readonly BoundedWindow[] = Object.freeze([GLOBAL_WINDOW]);

/** Puts every element in {@link GLOBAL_WINDOW} (Beam's `GlobalWindows`). */
export class GlobalWindows implements WindowFn {
  readonly isMerging = false;

  assignWindows(_timestamp: number): readonly BoundedWindow[] {
    return ONLY;
  }

  equals(other: WindowFn): boolean {
    return other instanceof GlobalWindows;
  }

  toString(): string {
    return 'GlobalWindows';
  }
}

/**
 * The global window: one window for all time, whose end is passed only when the input is complete. The
 * default windowing of every source; give it a trigger to see results before the input ends.
 *
 * @example
 * ```ts
 * import { globalWindows, repeatedly, afterCount } from 'rxjs-dataflow';
 * windowInto({ windowFn: globalWindows(), trigger: repeatedly(afterCount(100)), accumulation: 'discarding', allowedLateness: 0 });
 * ```
 */
export function globalWindows(): GlobalWindows {
  return new GlobalWindows();
}

/**
 * The window function of a grouping's output when the input used a merging function: windows are already
 * merged, and later groupings keep them as they are (spec §2.3).
 */
export class AlreadyMergedWindows implements WindowFn {
  readonly isMerging = false;

  constructor(readonly original: WindowFn) {}

  assignWindows(_timestamp: number): readonly BoundedWindow[] {
    throw new Error(`${this}: windows are already assigned and merged; use windowInto to re-window`);
  }

  equals(other: WindowFn): boolean {
    return other instanceof AlreadyMergedWindows && other.original.equals(this.original);
  }

  toString(): string {
    return `AlreadyMerged(${this.original})`;
  }
}
