/**
 * Result checks: the library's panes against the hand loop's, record by record (user, window start and end,
 * count, sum), as multisets; for streams also the final value per (user, window) and the number of dropped
 * elements. A mismatch throws a {@link MismatchError} describing the first differences.
 */
import type { HandResult } from './hand.js';
import type { LibResult } from './library.js';

export class MismatchError extends Error {}

export interface CheckSummary {
  /** Output records compared (panes). */
  readonly panes: number;
  /** Distinct (user, window) pairs. */
  readonly windows: number;
  readonly dropped: number;
  /** Pane counts by timing, library side. */
  readonly timings: Record<string, number>;
  /** Pane counts by timing, hand side (informational: the hand loop does not model output-watermark holds). */
  readonly handTimings: Record<string, number>;
}

interface Rec {
  readonly user: string;
  readonly start: number;
  readonly end: number;
  readonly count: number;
  readonly sum: number;
}

const recKey = (r: Rec): string => `${r.user}|${r.start}|${r.end}|${r.count}|${r.sum}`;
const winKey = (r: Rec): string => `${r.user}|${r.start}|${r.end}`;

function libRecords(lib: LibResult): { recs: Rec[]; timings: Record<string, number> } {
  const recs: Rec[] = [];
  const timings: Record<string, number> = {};
  for (const p of lib.panes) {
    if (p.windows.length !== 1) throw new MismatchError(`library pane with ${p.windows.length} windows`);
    const w = p.windows[0]!;
    const [user, agg] = p.value;
    recs.push({ user, start: w.start, end: w.end, count: agg.count, sum: agg.sum });
    timings[p.pane.timing] = (timings[p.pane.timing] ?? 0) + 1;
  }
  return { recs, timings };
}

function diffMultisets(a: readonly string[], b: readonly string[], what: string): void {
  const counts = new Map<string, number>();
  for (const k of a) counts.set(k, (counts.get(k) ?? 0) + 1);
  for (const k of b) counts.set(k, (counts.get(k) ?? 0) - 1);
  const onlyLib: string[] = [];
  const onlyHand: string[] = [];
  for (const [k, c] of counts) {
    if (c > 0) onlyLib.push(`${k} x${c}`);
    else if (c < 0) onlyHand.push(`${k} x${-c}`);
  }
  if (onlyLib.length || onlyHand.length) {
    throw new MismatchError(
      `${what}: ${a.length} library vs ${b.length} hand records; ${onlyLib.length} only in library ` +
        `(e.g. ${onlyLib.slice(0, 5).join(', ')}), ${onlyHand.length} only in hand loop (e.g. ${onlyHand.slice(0, 5).join(', ')})`,
    );
  }
}

/** Final (largest-count) value per (user, window): with accumulating panes the last pane carries everything. */
function finals(recs: readonly Rec[]): string[] {
  const m = new Map<string, Rec>();
  for (const r of recs) {
    const k = winKey(r);
    const cur = m.get(k);
    if (cur === undefined || r.count > cur.count) m.set(k, r);
  }
  return [...m.values()].map(recKey);
}

/**
 * Checks that the library and the hand loop produced the same results; throws on any difference.
 * `accumulating`: panes accumulate, so the final value per (user, window) is checked separately too.
 * `expectedElements` (when every element is in one window): the final counts must add up to it minus the
 * dropped elements.
 */
export function checkEqual(
  lib: LibResult,
  hand: HandResult,
  options: { accumulating: boolean; expectedElements?: number },
): CheckSummary {
  const { recs, timings } = libRecords(lib);
  if (lib.dropped !== hand.dropped) {
    throw new MismatchError(`dropped elements: library ${lib.dropped}, hand loop ${hand.dropped}`);
  }
  const handTimings: Record<string, number> = {};
  for (const p of hand.panes) handTimings[p.timing] = (handTimings[p.timing] ?? 0) + 1;
  const libFinals = finals(recs);
  if (options.accumulating) {
    diffMultisets(libFinals, finals(hand.panes), 'final value per (user, window)');
  }
  if (options.expectedElements !== undefined) {
    // Only for one window per element (not sliding windows): every kept element is in exactly one final value.
    let total = 0;
    for (const k of libFinals) total += Number(k.split('|')[3]);
    if (total !== options.expectedElements - lib.dropped) {
      throw new MismatchError(`final counts add up to ${total}, expected ${options.expectedElements} - ${lib.dropped} dropped`);
    }
  }
  diffMultisets(recs.map(recKey), hand.panes.map(recKey), 'output records');
  return { panes: recs.length, windows: libFinals.length, dropped: lib.dropped, timings, handTimings };
}
