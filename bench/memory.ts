/**
 * Heap test: an unbounded stream of 1e7 events (1,000 users, fixed 60 s windows, the seed trigger,
 * accumulating, 120 s allowed lateness, a watermark and +1 s of processing time every 1,000 events), events
 * generated on the fly and panes counted but not kept. Reports heapUsed after a full GC every 1e6 events;
 * the heap must stay flat after the first 1e6 (warm-up): growth from 1e6 to the end under 10 % + 8 MB.
 *
 * With `uniqueKeys` every event has a key never seen before: the live state is then ~180 s of keys (window
 * plus allowed lateness), and anything kept per key beyond its windows shows up as growth.
 *
 * `npm run bench -- --memory [--memory-events N] [--memory-delivery per-element|batch-1000]
 * [--memory-unique-keys] [--json]`, or
 * `node --expose-gc -r ts-node/register/transpile-only bench/memory.ts [N]`.
 */
import { Observable, type Subscriber } from 'rxjs';
import { elements, ProcessingTimeEvent, timestamped, watermark, type WindowedValue } from '../src/index.js';
import { pipeline } from './library.js';
import { canGc, fullGc, toMB } from './measure.js';
import { EventGenerator, PT_PER_TICK, TICK, watermarkAfterTick, type Ev } from './workload.js';

export interface MemoryCheckpoint {
  readonly events: number;
  readonly heapUsedMB: number;
  readonly rssMB: number;
  readonly elapsedS: number;
}

export interface MemoryReport {
  readonly test: 'memory';
  readonly events: number;
  readonly delivery: 'per-element' | 'batch-1000';
  readonly uniqueKeys: boolean;
  readonly checkpoints: MemoryCheckpoint[];
  /** heapUsed after GC before the pipeline was subscribed (the harness itself). */
  readonly heapBeforeMB: number;
  readonly heapAt1e6MB: number;
  readonly heapAtEndMB: number;
  /** Least-squares slope of heapUsed over the checkpoints after the first, in MB per 1e6 events. */
  readonly slopeMBPer1e6: number;
  readonly panes: number;
  readonly dropped: number;
  readonly flat: boolean;
}

export function runMemoryTest(options: {
  events?: number;
  delivery?: 'per-element' | 'batch-1000';
  /** Every event gets a key never seen before (high-cardinality keys) instead of one of 1,000 users. */
  uniqueKeys?: boolean;
  log?: (msg: string) => void;
}): MemoryReport {
  const total = options.events ?? 1e7;
  const delivery = options.delivery ?? 'batch-1000';
  const log = options.log ?? ((m: string) => process.stderr.write(m + '\n'));
  if (!canGc) log('memory: warning: no --expose-gc; heap figures include garbage');
  const step = Math.min(1e6, total);
  fullGc();
  const heapBeforeMB = toMB(process.memoryUsage().heapUsed);
  const uniqueKeys = options.uniqueKeys ?? false;
  const base = new EventGenerator({ seed: 42 });
  const gen = uniqueKeys
    ? {
        next: (): Ev => {
          const e = base.next();
          return { user: `k${base.i}`, amount: e.amount, ts: e.ts };
        },
      }
    : base;
  let panes = 0;
  let dropped = 0;
  let failure: unknown;
  let sink: Subscriber<unknown> | undefined;
  const source = new Observable<unknown>((s) => {
    sink = s;
  });
  const subscription = source.pipe(pipeline({ window: 'fixed', seedTrigger: true }, () => void dropped++)).subscribe({
    next: (ev) => {
      if (ev.kind === 'elements') panes += ev.items.length;
    },
    error: (err) => {
      failure = err;
    },
  });
  const s = sink!;
  const checkpoints: MemoryCheckpoint[] = [];
  const started = performance.now();
  s.next(new ProcessingTimeEvent(0));
  log(
    `memory: ${total.toExponential(0)} events, ${delivery} delivery, ${uniqueKeys ? 'a new key per event' : '1,000 users'}, ` +
      `heap after GC every ${step.toExponential(0)} events`,
  );
  log('   events   heapUsed MB   RSS MB   elapsed s');
  log(`${'0'.padStart(9)}   ${heapBeforeMB.toFixed(1).padStart(11)}   (before subscribing)`);
  let ticks = 0;
  for (let i = 0; i < total && failure === undefined; ) {
    const end = Math.min(i + TICK, total);
    if (delivery === 'batch-1000') {
      const batch = new Array<WindowedValue<Ev>>(end - i);
      for (let j = 0; j < batch.length; j++) {
        const e = gen.next();
        batch[j] = timestamped(e, e.ts);
      }
      s.next(elements(batch));
    } else {
      for (let j = i; j < end; j++) s.next(gen.next());
    }
    i = end;
    ticks++;
    s.next(new ProcessingTimeEvent(ticks * PT_PER_TICK));
    s.next(watermark(watermarkAfterTick(ticks)));
    if (i % step === 0 || i === total) {
      fullGc();
      const m = process.memoryUsage();
      const cp = { events: i, heapUsedMB: toMB(m.heapUsed), rssMB: toMB(m.rss), elapsedS: Math.round((performance.now() - started) / 100) / 10 };
      checkpoints.push(cp);
      log(`${String(i).padStart(9)}   ${cp.heapUsedMB.toFixed(1).padStart(11)}   ${cp.rssMB.toFixed(0).padStart(6)}   ${cp.elapsedS.toFixed(1).padStart(9)}`);
    }
  }
  s.complete();
  subscription.unsubscribe();
  if (failure !== undefined) throw failure;

  const first = checkpoints[0]!;
  const last = checkpoints[checkpoints.length - 1]!;
  const pts = checkpoints.slice(1);
  let slope = 0;
  if (pts.length >= 2) {
    const mx = pts.reduce((a, p) => a + p.events, 0) / pts.length;
    const my = pts.reduce((a, p) => a + p.heapUsedMB, 0) / pts.length;
    let num = 0;
    let den = 0;
    for (const p of pts) {
      num += (p.events - mx) * (p.heapUsedMB - my);
      den += (p.events - mx) ** 2;
    }
    slope = den === 0 ? 0 : (num / den) * 1e6;
  }
  const flat = last.heapUsedMB <= first.heapUsedMB * 1.1 + 8;
  log(
    `memory: heapUsed after GC ${heapBeforeMB} MB before subscribing, ${first.heapUsedMB} MB at ${first.events.toExponential(0)} events, ${last.heapUsedMB} MB at ` +
      `${last.events.toExponential(0)} (slope ${slope.toFixed(3)} MB per 1e6 events); ${panes} panes, ${dropped} dropped: ` +
      (flat ? 'FLAT' : 'GROWING'),
  );
  return {
    test: 'memory',
    events: total,
    delivery,
    uniqueKeys,
    checkpoints,
    heapBeforeMB,
    heapAt1e6MB: first.heapUsedMB,
    heapAtEndMB: last.heapUsedMB,
    slopeMBPer1e6: Math.round(slope * 1000) / 1000,
    panes,
    dropped,
    flat,
  };
}

if (require.main === module) {
  const n = process.argv[2] !== undefined ? Number(process.argv[2]) : 1e7;
  const report = runMemoryTest({ events: n });
  if (!report.flat) process.exitCode = 1;
}
