/**
 * The seed demo: the same `windowedUserAgg()` operator run on the bounded batch and on the stream script,
 * printed as JSON Lines, one pane a line.
 */
import { from, VirtualTimeScheduler, type Observable } from 'rxjs';
import {
  SEED_T0,
  seedBatchEvents,
  seedStreamScript,
  toRecords,
  windowedUserAgg,
  type UserAgg,
  type WindowedRecord,
} from '../src/index.js';

/** Which run(s) to print. */
export type DemoMode = 'batch' | 'stream';

/** One output line of the demo. */
export interface DemoLine {
  mode: DemoMode;
  user_id: string;
  count: number;
  sum_amount: number;
  window_start_utc: string;
  window_end_utc: string;
  pane_timing: string;
  pane_index: number;
  pane_is_first: boolean;
  pane_is_last: boolean;
}

function toLine(mode: DemoMode, r: WindowedRecord<UserAgg>): DemoLine {
  return {
    mode,
    user_id: r.value.user_id,
    count: r.value.count,
    sum_amount: r.value.sum_amount,
    window_start_utc: new Date(r.window.start).toISOString(),
    window_end_utc: new Date(r.window.end).toISOString(),
    pane_timing: r.pane.timing,
    pane_index: r.pane.index,
    pane_is_first: r.pane.isFirst,
    pane_is_last: r.pane.isLast,
  };
}

function collect(records: Observable<WindowedRecord<UserAgg>>, mode: DemoMode, flush?: () => void): DemoLine[] {
  const lines: DemoLine[] = [];
  let failure: unknown;
  records.subscribe({ next: (r) => lines.push(toLine(mode, r)), error: (e) => (failure = e) });
  flush?.();
  if (failure !== undefined) throw failure;
  return lines;
}

/** Runs the demo's batch and/or stream run and returns its lines. */
export function runDemo(modes: readonly DemoMode[] = ['batch', 'stream'], t0 = SEED_T0): DemoLine[] {
  const pipeline = windowedUserAgg();
  const lines: DemoLine[] = [];
  if (modes.includes('batch')) {
    lines.push(...collect(from(seedBatchEvents(t0)).pipe(pipeline, toRecords()), 'batch'));
  }
  if (modes.includes('stream')) {
    // The script paces processing time on a virtual clock, so the demo runs instantly.
    const clock = new VirtualTimeScheduler();
    lines.push(...collect(seedStreamScript(t0, clock).pipe(pipeline, toRecords()), 'stream', () => clock.flush()));
  }
  return lines;
}
