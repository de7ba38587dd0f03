/**
 * The benchmark workload: deterministic, seeded user transactions.
 *
 * - 1,000 users; each is active in bursts (60 s on, 60 s off, with a per-user phase), so that 30 s session
 *   windows are meaningful; an active user is picked uniformly at random for every event.
 * - Event time advances 1 ms per event (1,000 events per simulated second) from {@link T0}; each event's
 *   time is shifted back by up to {@link DISORDER} ms (bounded disorder), so arrival order is "in order,
 *   shuffled within 5 s".
 * - Every {@link TICK} events the source advances processing time by 1 s and emits a watermark
 *   `T0 + TICK * k - DISORDER` (k = ticks so far): no later event is before it.
 * - Amounts are small integers 1..100.
 * - `lateHeavy`: from the second tick on, 10 % of the events are late but within 120 s of allowed lateness
 *   (event time 60..110 s behind the current watermark) and 1 % are beyond it (190..390 s behind).
 */

/** One input event. `ts` is the event time in ms since the epoch. */
export interface Ev {
  readonly user: string;
  readonly amount: number;
  readonly ts: number;
}

/** Start of event time: 2026-01-01T00:00:00Z (minute aligned). */
export const T0 = Date.UTC(2026, 0, 1);
export const USERS = 1_000;
/** Events between two watermarks / processing-time advances. */
export const TICK = 1_000;
/** Processing time advanced per tick (ms). */
export const PT_PER_TICK = 1_000;
/** Maximum event-time disorder (ms). */
export const DISORDER = 5_000;
/** Users are active ACTIVE_MS out of every PERIOD_MS. */
const PERIOD_MS = 120_000;
const ACTIVE_MS = 60_000;

export const USER_NAMES: readonly string[] = Array.from({ length: USERS }, (_, i) => `u${String(i).padStart(4, '0')}`);

/** Watermark emitted after `k` ticks (events `[0, TICK * k)` delivered). */
export function watermarkAfterTick(k: number): number {
  return T0 + TICK * k - DISORDER;
}

/** mulberry32: a small, fast, seeded 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface WorkloadOptions {
  readonly seed?: number;
  readonly lateHeavy?: boolean;
}

/** Produces the event sequence one event at a time (so that 1e7-event runs need not materialise it). */
export class EventGenerator {
  private readonly rand: () => number;
  private readonly phase: Float64Array;
  private readonly lateHeavy: boolean;
  /** Index of the next event. */
  i = 0;

  constructor(options: WorkloadOptions = {}) {
    this.rand = mulberry32(options.seed ?? 42);
    this.lateHeavy = options.lateHeavy ?? false;
    this.phase = new Float64Array(USERS);
    for (let u = 0; u < USERS; u++) this.phase[u] = Math.floor(this.rand() * PERIOD_MS);
  }

  next(): Ev {
    const rand = this.rand;
    const i = this.i++;
    const base = T0 + i;
    // Rejection sampling: a user that is active at `base` (give up after 64 tries; never happens in practice).
    let u = 0;
    for (let tries = 0; tries < 64; tries++) {
      u = Math.floor(rand() * USERS);
      if ((i + this.phase[u]!) % PERIOD_MS < ACTIVE_MS) break;
    }
    let ts = base - Math.floor(rand() * (DISORDER + 1));
    const amount = 1 + Math.floor(rand() * 100);
    if (this.lateHeavy) {
      const k = Math.floor(i / TICK);
      const r = rand();
      if (k >= 1) {
        const wm = watermarkAfterTick(k);
        if (r < 0.01) ts = wm - 190_000 - Math.floor(rand() * 200_001);
        else if (r < 0.11) ts = wm - 60_000 - Math.floor(rand() * 50_001);
      }
    }
    return { user: USER_NAMES[u]!, amount, ts };
  }
}

/** The first `n` events of the workload. */
export function generateEvents(n: number, options: WorkloadOptions = {}): Ev[] {
  const g = new EventGenerator(options);
  const out = new Array<Ev>(n);
  for (let i = 0; i < n; i++) out[i] = g.next();
  return out;
}
