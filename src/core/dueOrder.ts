/**
 * The order in which a step activates its due windows (spec §1.5): by window (end, then start), then by key
 * in first-seen order. Timers come due in time order and a timer's states often share one window (fixed
 * windows), so the states usually arrive ordered by window already; then only each run of one window is put
 * in key order, by placing the states at their keys' ordinals when these are dense. A few windows out of
 * order are grouped by bucketing; anything else gets a full sort.
 */
import type { BoundedWindow } from '../windows/window.js';

/** What the order reads of a due window state. */
export interface Due {
  readonly window: BoundedWindow;
  readonly ks: { readonly ordinal: number };
}

/** The order itself, as a comparator: window end (maxTimestamp), window start, key ordinal. */
export const byTimerOrder = (a: Due, b: Due): number =>
  a.window.maxTimestamp - b.window.maxTimestamp || a.window.start - b.window.start || a.ks.ordinal - b.ks.ordinal;

/**
 * Sorts `items[0, n)` by {@link byTimerOrder}. `slots` is scratch space, empty (all undefined) before and
 * after.
 */
export function sortByTimerOrder<T extends Due>(items: T[], n: number, slots: (T | undefined)[]): void {
  if (n < 2) return;
  if (!inWindowOrder(items, n) && !groupByWindow(items, n)) {
    const sorted = items.slice(0, n).sort(byTimerOrder);
    for (let j = 0; j < n; j++) items[j] = sorted[j]!;
    return;
  }
  sortRunsByOrdinal(items, n, slots);
}

// Each loop below is a function of its own: a step with thousands of due windows (the end of a bounded input)
// gets the loop compiled while it runs, and code after a loop that the compiled code has not seen yet would
// be thrown away again when reached.

/** Whether `items[0, n)` are in window order (maxTimestamp, then start). */
function inWindowOrder(items: readonly Due[], n: number): boolean {
  for (let i = 1; i < n; i++) {
    const a = items[i - 1]!.window;
    const b = items[i]!.window;
    if (a.maxTimestamp > b.maxTimestamp || (a.maxTimestamp === b.maxTimestamp && a.start > b.start)) return false;
  }
  return true;
}

/** Puts each run of one window of `items[0, n)` (in window order) in key order. */
function sortRunsByOrdinal<T extends Due>(items: T[], n: number, slots: (T | undefined)[]): void {
  let lo = 0;
  for (let i = 1; i <= n; i++) {
    if (i < n) {
      const a = items[lo]!.window;
      const b = items[i]!.window;
      if (a.maxTimestamp === b.maxTimestamp && a.start === b.start) continue;
    }
    if (i - lo > 1) sortRunByOrdinal(items, lo, i, slots);
    lo = i;
  }
}

/** Windows of one due set that {@link groupByWindow} orders by bucketing rather than by a full sort. */
const GROUPED_WINDOWS = 8;

/**
 * Puts `items[0, n)` in window order (maxTimestamp, then start), keeping the order within each window, when
 * they hold few distinct windows (a processing-time step fires the panes of the current window and maybe the
 * previous one); returns false, having done nothing, when there are more.
 */
function groupByWindow<T extends Due>(items: T[], n: number): boolean {
  const windows: BoundedWindow[] = [];
  const which = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const w = items[i]!.window;
    let k = 0;
    while (k < windows.length && (windows[k]!.maxTimestamp !== w.maxTimestamp || windows[k]!.start !== w.start)) k++;
    if (k === windows.length) {
      if (k === GROUPED_WINDOWS) return false;
      windows.push(w);
    }
    which[i] = k;
  }
  const order = windows
    .map((_, k) => k)
    .sort((a, b) => windows[a]!.maxTimestamp - windows[b]!.maxTimestamp || windows[a]!.start - windows[b]!.start);
  // Where each window's states start in the result.
  const next = new Array<number>(windows.length).fill(0);
  for (let i = 0; i < n; i++) next[which[i]!]!++;
  let at = 0;
  for (const k of order) {
    const count = next[k]!;
    next[k] = at;
    at += count;
  }
  const placed = new Array<T>(n);
  for (let i = 0; i < n; i++) placed[next[which[i]!]!++] = items[i]!;
  for (let i = 0; i < n; i++) items[i] = placed[i]!;
  return true;
}

/** Sorts `items[lo, hi)` by key ordinal. */
function sortRunByOrdinal<T extends Due>(items: T[], lo: number, hi: number, slots: (T | undefined)[]): void {
  let min = items[lo]!.ks.ordinal;
  let max = min;
  let sorted = true;
  for (let i = lo + 1; i < hi; i++) {
    const o = items[i]!.ks.ordinal;
    if (o < items[i - 1]!.ks.ordinal) sorted = false;
    if (o < min) min = o;
    else if (o > max) max = o;
  }
  if (sorted) return;
  const range = max - min + 1;
  if (range <= 4 * (hi - lo)) {
    while (slots.length < range) slots.push(undefined);
    let distinct = true;
    for (let i = lo; i < hi; i++) {
      const ws = items[i]!;
      const at = ws.ks.ordinal - min;
      if (slots[at] !== undefined) distinct = false;
      slots[at] = ws;
    }
    if (distinct) {
      let j = lo;
      for (let k = 0; k < range; k++) {
        const ws = slots[k];
        if (ws !== undefined) {
          items[j++] = ws;
          slots[k] = undefined;
        }
      }
      return;
    }
    for (let k = 0; k < range; k++) slots[k] = undefined;
  }
  const run = items.slice(lo, hi).sort(byTimerOrder);
  for (let i = 0; i < run.length; i++) items[lo + i] = run[i]!;
}
