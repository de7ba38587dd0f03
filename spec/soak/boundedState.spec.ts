/**
 * Soak: a long unbounded stream (1,000,000 events, generated lazily, delivered in batches of 1,000 through a
 * hand-made Observable of dataflow events) with a moving watermark, ~10% late data within the allowed
 * lateness and ~1% beyond it, 1,000 keys. The grouping's live state (windows, keys, watermark holds) must
 * stay bounded by what the lateness horizon allows, drop exactly the beyond-lateness events, lose nothing
 * else, and hold nothing once the watermark reaches +Infinity.
 */
import { Observable } from 'rxjs';
import {
  combinePerKey,
  count,
  defaultTrigger,
  elements,
  fixedWindows,
  groupingHandle,
  sessions,
  timestamped,
  watermark,
  windowInto,
  type DataflowEvent,
  type GroupingMetrics,
  type KV,
  type WindowFn,
} from '../../src/index.js';

/** Events per soak run: millions for fixed windows; sessions (a merge per element) are slower. */
const FIXED_EVENTS = 3_000_000;
const SESSION_EVENTS = 1_000_000;
const BATCH = 1_000;
const KEYS = 1_000;
/** How far the watermark trails the newest event time (ms). */
const LAG = 2_000;
const LATENESS = 5_000;

/** A small deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Plan {
  /** Smallest timestamp that is still within the allowed lateness at input watermark `iw`. */
  keptFrom(iw: number): number;
}

interface SoakStats {
  generated: number;
  late: number;
  beyond: number;
}

/**
 * Event time advances by 1 ms per event. Batch b is followed by `watermark((b + 1) * BATCH - LAG)`. Each event
 * is, at random: beyond the allowed lateness (1%), late but within it (10%), or on time (at or after the
 * watermark, up to 1 s ahead of the current event time).
 */
function source(plan: Plan, stats: SoakStats, seed: number, events: number): Observable<DataflowEvent<KV<number, number>>> {
  return new Observable((subscriber) => {
    const rnd = prng(seed);
    let iw = -Infinity;
    for (let b = 0; b * BATCH < events && !subscriber.closed; b++) {
      const items = new Array(BATCH);
      for (let j = 0; j < BATCH; j++) {
        const base = b * BATCH + j;
        const key = Math.floor(rnd() * KEYS);
        const r = rnd();
        let ts: number;
        const keptFrom = iw === -Infinity ? -Infinity : plan.keptFrom(iw);
        if (r < 0.01 && keptFrom > 0) {
          ts = Math.floor(rnd() * keptFrom); // gc(W) < IW: droppably late
          stats.beyond++;
        } else if (r < 0.11 && keptFrom < iw) {
          ts = Math.max(0, keptFrom) + Math.floor(rnd() * (iw - Math.max(0, keptFrom))); // behind IW, within lateness
          stats.late++;
        } else {
          ts = Math.max(base, iw === -Infinity ? 0 : iw) + Math.floor(rnd() * 1_000);
        }
        items[j] = timestamped([key, 1] as const, ts);
        stats.generated++;
      }
      subscriber.next(elements(items));
      iw = (b + 1) * BATCH - LAG;
      subscriber.next(watermark(iw));
    }
    subscriber.next(watermark(Infinity));
    subscriber.complete();
  });
}

interface SoakResult {
  max: { liveWindows: number; liveKeys: number; liveHolds: number };
  final: GroupingMetrics;
  countedInPanes: number;
  panes: number;
}

function soak(windowFn: WindowFn, plan: Plan, stats: SoakStats, seed: number, events: number): SoakResult {
  const handle = groupingHandle();
  const max = { liveWindows: 0, liveKeys: 0, liveHolds: 0 };
  const metricsSub = handle.metrics$.subscribe((m) => {
    if (m.liveWindows > max.liveWindows) max.liveWindows = m.liveWindows;
    if (m.liveKeys > max.liveKeys) max.liveKeys = m.liveKeys;
    if (m.liveHolds > max.liveHolds) max.liveHolds = m.liveHolds;
  });
  let countedInPanes = 0;
  let panes = 0;
  let error: unknown;
  let completed = false;
  source(plan, stats, seed, events)
    .pipe(
      windowInto({ windowFn, trigger: defaultTrigger(), accumulation: 'discarding', allowedLateness: LATENESS }),
      combinePerKey(count(), { handle }),
    )
    .subscribe({
      next: (e) => {
        if (e.kind !== 'elements') return;
        for (const it of e.items) {
          countedInPanes += it.value[1];
          panes++;
        }
      },
      error: (err) => (error = err),
      complete: () => (completed = true),
    });
  metricsSub.unsubscribe();
  expect(error).toBeUndefined();
  expect(completed).toBe(true);
  return { max, final: handle.metrics(), countedInPanes, panes };
}

function expectBoundedAndReleased(r: SoakResult, stats: SoakStats, bound: number, events: number): void {
  // The generator produced the intended mix.
  expect(stats.generated).toBe(events);
  expect(stats.late / events).toBeGreaterThan(0.08);
  expect(stats.beyond / events).toBeGreaterThan(0.008);
  // Live state stayed within the lateness horizon (and the test did build up real state).
  expect(r.max.liveWindows).toBeLessThanOrEqual(bound);
  expect(r.max.liveWindows).toBeGreaterThanOrEqual(KEYS);
  expect(r.max.liveKeys).toBeLessThanOrEqual(KEYS);
  expect(r.max.liveHolds).toBeLessThanOrEqual(2 * bound);
  // Exactly the beyond-lateness events were dropped; everything else was counted in some pane.
  expect(r.final.droppedDueToLateness).toBe(stats.beyond);
  expect(r.final.droppedDueToClosedWindow).toBe(0);
  expect(r.final.elementsIn).toBe(events);
  expect(r.countedInPanes).toBe(events - stats.beyond);
  // Nothing is held once the watermark reached +Infinity.
  expect(r.final.inputWatermark).toBe(Infinity);
  expect(r.final.outputWatermark).toBe(Infinity);
  expect(r.final.liveWindows).toBe(0);
  expect(r.final.liveKeys).toBe(0);
  expect(r.final.liveHolds).toBe(0);
}

/**
 * Live windows of one key have `gc(W) >= IW` and start at most at the newest event time (+1 s jitter); the
 * element step is measured before its watermark, so the horizon spans one extra batch and the lag.
 */
const horizon = (extra: number) => 2 * BATCH + 1_000 + LAG + LATENESS + extra;

describe('bounded state under a long unbounded stream', () => {
  it('fixed windows: live state stays within keys x windows of the lateness horizon, drops exactly the beyond-lateness events, and is 0 at +Infinity', () => {
    const size = 10_000;
    const stats: SoakStats = { generated: 0, late: 0, beyond: 0 };
    // Fixed window of ts: gc = start + size - 1 + L >= IW  <=>  start >= IW - size + 1 - L.
    const plan: Plan = { keptFrom: (iw) => Math.ceil((iw - size + 1 - LATENESS) / size) * size };
    const r = soak(fixedWindows(size), plan, stats, 42, FIXED_EVENTS);
    const bound = KEYS * (Math.floor(horizon(size) / size) + 1);
    expectBoundedAndReleased(r, stats, bound, FIXED_EVENTS);
  });

  it('session windows: live state stays within keys x sessions of the lateness horizon, drops exactly the beyond-lateness events, and is 0 at +Infinity', () => {
    const gap = 300;
    const stats: SoakStats = { generated: 0, late: 0, beyond: 0 };
    // Proto-window [ts, ts + gap): gc = ts + gap - 1 + L >= IW  <=>  ts >= IW - gap + 1 - L.
    const plan: Plan = { keptFrom: (iw) => iw - gap + 1 - LATENESS };
    const r = soak(sessions(gap), plan, stats, 7, SESSION_EVENTS);
    // Sessions of one key do not overlap and span at least `gap` each.
    const bound = KEYS * (Math.floor(horizon(gap) / gap) + 1);
    expectBoundedAndReleased(r, stats, bound, SESSION_EVENTS);
  });
});
