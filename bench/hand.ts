/**
 * Hand-written loops with the same semantics as the library pipelines of each scenario: plain Maps of
 * per-(window, user) accumulators, no RxJS, no generic machinery. They are the yardstick for the
 * library/hand ratio and the oracle that the library's results are checked against.
 *
 * Semantics reproduced (see bench/README.md):
 * - bounded input, default trigger: one pane per (user, window) with the complete count and sum;
 * - streams with the default trigger and no allowed lateness: a pane per (user, window) when the watermark
 *   passes the window's end (`watermark > end - 1`), elements of already expired windows dropped;
 * - streams with the seed trigger (afterWatermark, early/late afterProcessingTime(10 s), accumulating,
 *   allowed lateness 120 s): an EARLY pane once processing time passes 10 s after the first element of a
 *   pane, the ON_TIME pane when the watermark passes the window's end (always, even with nothing new), LATE
 *   panes 10 s (processing time) after the first late element, a final pane when the watermark passes
 *   `end - 1 + lateness` if anything is pending, then the window is forgotten; elements for a forgotten
 *   window are dropped. A (user, window) whose first element arrives after the watermark passed the window's
 *   end fires at the end of the element batch it arrived in.
 */
import { PT_PER_TICK, TICK, watermarkAfterTick, type Ev } from './workload.js';
import { ALLOWED_LATENESS, SESSION_GAP, SLIDE_PERIOD, TRIGGER_DELAY, WINDOW_SIZE, type Delivery } from './library.js';

/** One output pane of a hand loop. */
export interface HandPane {
  readonly user: string;
  readonly start: number;
  readonly end: number;
  readonly count: number;
  readonly sum: number;
  readonly timing: 'EARLY' | 'ON_TIME' | 'LATE';
}

export interface HandResult {
  readonly panes: HandPane[];
  readonly dropped: number;
}

interface Acc {
  count: number;
  sum: number;
}

const floorMod = (a: number, b: number): number => {
  const r = a % b;
  return r < 0 ? r + b : r;
};

// ---------------------------------------------------------------------------------------------------------
// Bounded input, default trigger
// ---------------------------------------------------------------------------------------------------------

function emitAll(wins: Map<number, Map<string, Acc>>, size: number, out: HandPane[]): void {
  for (const [start, users] of wins) {
    for (const [user, a] of users) out.push({ user, start, end: start + size, count: a.count, sum: a.sum, timing: 'ON_TIME' });
  }
}

/** Fixed windows over a bounded input. */
export function handBatchFixed(events: readonly Ev[]): HandResult {
  const wins = new Map<number, Map<string, Acc>>();
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const start = e.ts - floorMod(e.ts, WINDOW_SIZE);
    let users = wins.get(start);
    if (users === undefined) wins.set(start, (users = new Map()));
    const a = users.get(e.user);
    if (a === undefined) users.set(e.user, { count: 1, sum: e.amount });
    else {
      a.count++;
      a.sum += e.amount;
    }
  }
  const panes: HandPane[] = [];
  emitAll(wins, WINDOW_SIZE, panes);
  return { panes, dropped: 0 };
}

/** Sliding windows over a bounded input. */
export function handBatchSliding(events: readonly Ev[]): HandResult {
  const wins = new Map<number, Map<string, Acc>>();
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const lastStart = e.ts - floorMod(e.ts, SLIDE_PERIOD);
    for (let start = lastStart; start > e.ts - WINDOW_SIZE; start -= SLIDE_PERIOD) {
      let users = wins.get(start);
      if (users === undefined) wins.set(start, (users = new Map()));
      const a = users.get(e.user);
      if (a === undefined) users.set(e.user, { count: 1, sum: e.amount });
      else {
        a.count++;
        a.sum += e.amount;
      }
    }
  }
  const panes: HandPane[] = [];
  emitAll(wins, WINDOW_SIZE, panes);
  return { panes, dropped: 0 };
}

// ---------------------------------------------------------------------------------------------------------
// Sessions: per user, the sorted list of disjoint sessions; a new element merges with every session its
// proto-window [ts, ts + gap) overlaps (touching windows do not merge).
// ---------------------------------------------------------------------------------------------------------

interface Session {
  start: number;
  end: number;
  count: number;
  sum: number;
}

function addToSessions(list: Session[], ts: number, amount: number): void {
  const pend = ts + SESSION_GAP;
  // Sessions are disjoint and sorted by start, hence by end too. Events are nearly in order: scan from the back.
  let hi = list.length - 1;
  while (hi >= 0 && list[hi]!.start >= pend) hi--;
  let lo = hi;
  while (lo >= 0 && list[lo]!.end > ts) lo--;
  lo++;
  if (lo > hi) {
    list.splice(hi + 1, 0, { start: ts, end: pend, count: 1, sum: amount });
    return;
  }
  const first = list[lo]!;
  first.count++;
  first.sum += amount;
  if (ts < first.start) first.start = ts;
  let end = pend;
  for (let j = lo + 1; j <= hi; j++) {
    const s = list[j]!;
    first.count += s.count;
    first.sum += s.sum;
  }
  const lastEnd = list[hi]!.end;
  if (lastEnd > end) end = lastEnd;
  if (first.end > end) end = first.end;
  first.end = end;
  if (hi > lo) list.splice(lo + 1, hi - lo);
}

/** Session windows over a bounded input. */
export function handBatchSessions(events: readonly Ev[]): HandResult {
  const perUser = new Map<string, Session[]>();
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    let list = perUser.get(e.user);
    if (list === undefined) perUser.set(e.user, (list = []));
    addToSessions(list, e.ts, e.amount);
  }
  const panes: HandPane[] = [];
  for (const [user, list] of perUser) {
    for (const s of list) panes.push({ user, start: s.start, end: s.end, count: s.count, sum: s.sum, timing: 'ON_TIME' });
  }
  return { panes, dropped: 0 };
}

// ---------------------------------------------------------------------------------------------------------
// Streams with the default trigger, no allowed lateness (sliding windows and sessions)
// ---------------------------------------------------------------------------------------------------------

/** Sliding windows over a stream with a watermark every TICK events. */
export function handStreamSliding(events: readonly Ev[]): HandResult {
  const wins = new Map<number, Map<string, Acc>>();
  const panes: HandPane[] = [];
  let iw = -Infinity;
  let dropped = 0;
  let ticks = 0;
  const onWatermark = (w: number): void => {
    iw = w;
    for (const [start, users] of wins) {
      if (start + WINDOW_SIZE - 1 >= w) continue;
      for (const [user, a] of users) panes.push({ user, start, end: start + WINDOW_SIZE, count: a.count, sum: a.sum, timing: 'ON_TIME' });
      wins.delete(start);
    }
  };
  const n = events.length;
  for (let i = 0; i < n; i++) {
    const e = events[i]!;
    const lastStart = e.ts - floorMod(e.ts, SLIDE_PERIOD);
    for (let start = lastStart; start > e.ts - WINDOW_SIZE; start -= SLIDE_PERIOD) {
      if (start + WINDOW_SIZE - 1 < iw) {
        dropped++;
        continue;
      }
      let users = wins.get(start);
      if (users === undefined) wins.set(start, (users = new Map()));
      const a = users.get(e.user);
      if (a === undefined) users.set(e.user, { count: 1, sum: e.amount });
      else {
        a.count++;
        a.sum += e.amount;
      }
    }
    if ((i + 1) % TICK === 0 || i + 1 === n) onWatermark(watermarkAfterTick(++ticks));
  }
  onWatermark(Infinity);
  return { panes, dropped };
}

/** Sessions over a stream with a watermark every TICK events. */
export function handStreamSessions(events: readonly Ev[]): HandResult {
  const perUser = new Map<string, Session[]>();
  const panes: HandPane[] = [];
  let iw = -Infinity;
  let dropped = 0;
  let ticks = 0;
  const onWatermark = (w: number): void => {
    iw = w;
    for (const [user, list] of perUser) {
      let k = 0;
      while (k < list.length && list[k]!.end - 1 < w) {
        const s = list[k++]!;
        panes.push({ user, start: s.start, end: s.end, count: s.count, sum: s.sum, timing: 'ON_TIME' });
      }
      if (k === list.length) perUser.delete(user);
      else if (k > 0) list.splice(0, k);
    }
  };
  const n = events.length;
  for (let i = 0; i < n; i++) {
    const e = events[i]!;
    if (e.ts + SESSION_GAP - 1 < iw) dropped++;
    else {
      let list = perUser.get(e.user);
      if (list === undefined) perUser.set(e.user, (list = []));
      addToSessions(list, e.ts, e.amount);
    }
    if ((i + 1) % TICK === 0 || i + 1 === n) onWatermark(watermarkAfterTick(++ticks));
  }
  onWatermark(Infinity);
  return { panes, dropped };
}

// ---------------------------------------------------------------------------------------------------------
// Streams with the seed trigger: fixed 60 s windows, early/late after 10 s of processing time, accumulating,
// 120 s allowed lateness.
// ---------------------------------------------------------------------------------------------------------

interface Cell {
  readonly user: string;
  readonly win: Win;
  count: number;
  sum: number;
  /** Elements since the last pane. */
  fresh: number;
  /** The on-time pane was emitted: later panes are late. */
  late: boolean;
  /** Processing-time deadline of the pending early/late pane, NaN if none. */
  deadline: number;
  dead: boolean;
}

interface Win {
  readonly start: number;
  readonly end: number;
  readonly cells: Map<string, Cell>;
  onTimeDone: boolean;
}

/**
 * Fixed windows with the seed trigger over a stream: processing time +1 s and a watermark every TICK
 * events. `delivery` only decides where element batches end (where a brand-new, already late
 * (user, window) fires): after each element, or after each TICK.
 */
export function handStreamSeed(events: readonly Ev[], delivery: Delivery): HandResult {
  const wins = new Map<number, Win>();
  const panes: HandPane[] = [];
  // Deadlines are set at the current processing time + a constant, so they arrive in order: a FIFO queue.
  let qTime: number[] = [];
  let qCell: Cell[] = [];
  let qHead = 0;
  const fireNow: Cell[] = [];
  let iw = -Infinity;
  let pt = 0;
  let dropped = 0;
  let ticks = 0;

  const emit = (c: Cell, timing: HandPane['timing']): void => {
    panes.push({ user: c.user, start: c.win.start, end: c.win.end, count: c.count, sum: c.sum, timing });
    c.fresh = 0;
  };
  const endBatch = (): void => {
    for (let j = 0; j < fireNow.length; j++) {
      const c = fireNow[j]!;
      if (c.late) continue;
      emit(c, 'LATE');
      c.late = true;
      c.deadline = NaN;
    }
    fireNow.length = 0;
  };
  const onProcessingTime = (t: number): void => {
    pt = t;
    while (qHead < qTime.length && qTime[qHead]! < t) {
      const d = qTime[qHead]!;
      const c = qCell[qHead]!;
      qHead++;
      if (c.dead || c.deadline !== d) continue; // stale: fired or collected since
      c.deadline = NaN;
      emit(c, c.late ? 'LATE' : 'EARLY');
    }
    if (qHead > 65_536 && qHead * 2 > qTime.length) {
      qTime = qTime.slice(qHead);
      qCell = qCell.slice(qHead);
      qHead = 0;
    }
  };
  const onWatermark = (w: number): void => {
    iw = w;
    for (const win of wins.values()) {
      if (win.end - 1 >= w) continue;
      const expired = win.end - 1 + ALLOWED_LATENESS < w;
      if (!expired && win.onTimeDone) continue;
      for (const c of win.cells.values()) {
        if (expired) {
          // The final pane: on time if the window had none yet, else only with something new.
          if (!c.late) emit(c, 'ON_TIME');
          else if (c.fresh > 0) emit(c, 'LATE');
          c.dead = true;
        } else if (!c.late) {
          emit(c, 'ON_TIME');
          c.late = true;
          c.deadline = NaN;
        }
      }
      win.onTimeDone = true;
      if (expired) wins.delete(win.start);
    }
  };

  const perElement = delivery === 'per-element';
  const n = events.length;
  for (let i = 0; i < n; i++) {
    const e = events[i]!;
    const start = e.ts - floorMod(e.ts, WINDOW_SIZE);
    const end = start + WINDOW_SIZE;
    if (end - 1 + ALLOWED_LATENESS < iw) dropped++;
    else {
      let win = wins.get(start);
      if (win === undefined) wins.set(start, (win = { start, end, cells: new Map(), onTimeDone: false }));
      let c = win.cells.get(e.user);
      if (c === undefined) {
        c = { user: e.user, win, count: 0, sum: 0, fresh: 0, late: false, deadline: NaN, dead: false };
        win.cells.set(e.user, c);
      }
      c.count++;
      c.sum += e.amount;
      c.fresh++;
      if (Number.isNaN(c.deadline)) {
        c.deadline = pt + TRIGGER_DELAY;
        qTime.push(c.deadline);
        qCell.push(c);
      }
      // A (user, window) seen for the first time after the watermark passed its end fires right away.
      if (!c.late && end - 1 < iw) fireNow.push(c);
    }
    if (perElement) endBatch();
    if ((i + 1) % TICK === 0 || i + 1 === n) {
      endBatch();
      ticks++;
      onProcessingTime(ticks * PT_PER_TICK);
      onWatermark(watermarkAfterTick(ticks));
    }
  }
  onWatermark(Infinity);
  return { panes, dropped };
}
