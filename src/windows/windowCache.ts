/**
 * A small cache of assigned windows, so that the same window is one object however many elements fall into
 * it: no allocation per element, and cheap identity checks downstream. Bounded: the oldest entries go first.
 */
import type { BoundedWindow } from './window.js';

/** Window lists by a numeric key (a window start), at most `capacity` of them. */
export class WindowCache {
  private readonly entries = new Map<number, readonly BoundedWindow[]>();

  constructor(private readonly capacity = 32) {}

  get(key: number): readonly BoundedWindow[] | undefined {
    return this.entries.get(key);
  }

  set(key: number, windows: readonly BoundedWindow[]): readonly BoundedWindow[] {
    if (this.entries.size >= this.capacity) {
      // Maps iterate in insertion order: the first key is the oldest.
      this.entries.delete(this.entries.keys().next().value!);
    }
    this.entries.set(key, windows);
    return windows;
  }
}
