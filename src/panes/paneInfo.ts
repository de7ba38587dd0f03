/**
 * Pane metadata. A *pane* is one output of a grouping for one key and window; `PaneInfo` says which firing it
 * came from: its timing relative to the watermark, its position in the window's sequence of panes, and whether
 * it is the first or the last one.
 */

/** When a pane was produced relative to the end of its window. */
export type PaneTiming = 'EARLY' | 'ON_TIME' | 'LATE' | 'UNKNOWN';

/** The pane timings as constants: `PaneTiming.EARLY`, ... */
export const PaneTiming = {
  EARLY: 'EARLY',
  ON_TIME: 'ON_TIME',
  LATE: 'LATE',
  UNKNOWN: 'UNKNOWN',
} as const;

/** Metadata of one pane (Beam's `PaneInfo`). */
export interface PaneInfo {
  /** EARLY before the watermark passes the window, ON_TIME for the first pane after, LATE for later ones. */
  readonly timing: PaneTiming;
  /** 0-based count of panes emitted for this key and window. */
  readonly index: number;
  /** 0-based count among non-EARLY panes; -1 for EARLY panes. */
  readonly nonSpeculativeIndex: number;
  /** No pane was emitted before for this key and window. */
  readonly isFirst: boolean;
  /** Produced by the final firing (trigger finished or garbage collection): no pane follows it. */
  readonly isLast: boolean;
}

/** The pane of a value that no grouping has produced yet ("no firing"). */
export const NO_FIRING: PaneInfo = Object.freeze({
  timing: 'UNKNOWN',
  index: 0,
  nonSpeculativeIndex: 0,
  isFirst: true,
  isLast: true,
});

/** Builds a (frozen) `PaneInfo`. */
export function paneInfo(
  timing: PaneTiming,
  index: number,
  nonSpeculativeIndex: number,
  isFirst: boolean,
  isLast: boolean,
): PaneInfo {
  return { timing, index, nonSpeculativeIndex, isFirst, isLast };
}

/** Short printable form: `ON_TIME#0(nsi 0, first, last)`. */
export function formatPane(p: PaneInfo): string {
  const flags = [p.isFirst ? 'first' : '', p.isLast ? 'last' : ''].filter(Boolean).join(', ');
  return `${p.timing}#${p.index}(nsi ${p.nonSpeculativeIndex}${flags ? ', ' + flags : ''})`;
}
