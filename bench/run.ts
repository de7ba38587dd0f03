/**
 * `npm run bench`: the library against a hand-written loop, same workload, same process, results checked
 * equal. See bench/README.md.
 *
 * Flags:
 *   --json             one JSON object per scenario row on stdout (the table goes to stderr)
 *   --sizes 1e5,1e6    event counts (default 1e5,1e6)
 *   --large            adds 1e7
 *   --scenario a,b     only these scenarios (batch, stream, sliding, sessions, late-heavy)
 *   --delivery a,b     only these deliveries (bounded, per-element, batch-1000)
 *   --all              also the extra deliveries (streams of 1,000-event batches for sliding and sessions)
 *   --runs N           timed runs per row (default 5)
 *   --warmup N         untimed runs of each before them (default 3; the first is checked like the last timed run)
 *   --same-process     run every row in this process (default: each row in a fresh Node process, so that
 *                      one pipeline's JIT state does not carry over to the next row)
 *   --memory           run the 1e7-event heap test (bench/memory.ts) instead of the scenarios
 *                      (--memory-events N, --memory-delivery per-element|batch-1000, --memory-unique-keys)
 */
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import { buildBatches, runLibrary, type Delivery, type LibResult } from './library.js';
import type { HandResult } from './hand.js';
import { canGc, fullGc, heapAfterGc, median, peakRss, resetPeakRss, toMB } from './measure.js';
import { runMemoryTest } from './memory.js';
import { SCENARIOS, type Scenario } from './scenarios.js';
import { checkEqual, MismatchError, type CheckSummary } from './verify.js';
import { generateEvents, type Ev } from './workload.js';
import type { WindowedValue } from '../src/index.js';

interface Options {
  json: boolean;
  sizes: number[];
  scenarios: string[] | undefined;
  deliveries: string[] | undefined;
  all: boolean;
  runs: number;
  warmup: number;
  memory: boolean;
  memoryEvents: number;
  memoryDelivery: 'per-element' | 'batch-1000';
  memoryUniqueKeys: boolean;
  sameProcess: boolean;
  /** Internal: run one row (`scenario:size:delivery`) and print it as JSON. */
  childRow: string | undefined;
}

function parseArgs(argv: readonly string[]): Options {
  const o: Options = {
    json: false,
    sizes: [1e5, 1e6],
    scenarios: undefined,
    deliveries: undefined,
    all: false,
    runs: 5,
    warmup: 3,
    memory: false,
    memoryEvents: 1e7,
    memoryDelivery: 'batch-1000',
    memoryUniqueKeys: false,
    sameProcess: false,
    childRow: undefined,
  };
  let large = false;
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) fail(`${flag} needs a value`);
    return v;
  };
  const num = (s: string, flag: string): number => {
    const n = Number(s);
    if (!Number.isFinite(n) || n <= 0 || !Number.isInteger(n)) fail(`${flag}: not a positive integer: ${s}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    switch (a) {
      case '--json':
        o.json = true;
        break;
      case '--large':
        large = true;
        break;
      case '--all':
        o.all = true;
        break;
      case '--memory':
        o.memory = true;
        break;
      case '--memory-unique-keys':
        o.memoryUniqueKeys = true;
        break;
      case '--same-process':
        o.sameProcess = true;
        break;
      case '--child-row':
        o.childRow = value(i++, a);
        break;
      case '--sizes':
        o.sizes = value(i++, a)
          .split(',')
          .map((s) => num(s, a));
        break;
      case '--scenario':
      case '--scenarios':
        o.scenarios = value(i++, a).split(',');
        for (const s of o.scenarios) {
          if (!SCENARIOS.some((x) => x.name === s)) fail(`unknown scenario ${s} (${SCENARIOS.map((x) => x.name).join(', ')})`);
        }
        break;
      case '--delivery':
        o.deliveries = value(i++, a).split(',');
        break;
      case '--runs':
        o.runs = num(value(i++, a), a);
        break;
      case '--warmup':
        o.warmup = num(value(i++, a), a);
        if (o.warmup < 1) fail('--warmup: at least 1 (the first run is also the first correctness check)');
        break;
      case '--memory-events':
        o.memoryEvents = num(value(i++, a), a);
        break;
      case '--memory-delivery': {
        const d = value(i++, a);
        if (d !== 'per-element' && d !== 'batch-1000') fail(`--memory-delivery: per-element or batch-1000, got ${d}`);
        o.memoryDelivery = d;
        break;
      }
      default:
        fail(`unknown argument ${a}`);
    }
  }
  if (large && !o.sizes.includes(1e7)) o.sizes.push(1e7);
  return o;
}

function fail(msg: string): never {
  process.stderr.write(`bench: ${msg}\n`);
  process.exit(2);
}

interface Row {
  scenario: string;
  size: number;
  delivery: Delivery;
  runs: number;
  /** Untimed runs of each before the timed ones; their wall-clock times (ms) follow. */
  warmup: number;
  libWarmupMs: number[];
  handWarmupMs: number[];
  libEventsPerSec: number;
  handEventsPerSec: number;
  ratio: number;
  target: number | null;
  met: boolean | null;
  libMedianMs: number;
  handMedianMs: number;
  libRunsMs: number[];
  handRunsMs: number[];
  /** Process CPU time (user + system, all threads) per run. */
  libCpuMs: number[];
  handCpuMs: number[];
  /** Ratio of median CPU times (hand / library): robust when other processes compete for the CPU. */
  cpuRatio: number;
  /** 1-minute load average at the end of the row (the machine has os.availableParallelism() cores). */
  loadAvg: number;
  /** Peak RSS of one library / hand run started from a collected heap; baseline: RSS before it. */
  peakRssMB: { lib: number; hand: number; baseline: number };
  heapMB: { inputs: number; afterLibWithResults: number };
  results: CheckSummary | null;
  error?: string;
}

const log = (msg: string): void => {
  process.stderr.write(msg + '\n');
};

const fmtRate = (x: number): string =>
  x >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : x >= 1e3 ? `${(x / 1e3).toFixed(0)}k` : x.toFixed(0);
const fmtSize = (n: number): string => {
  const e = Math.log10(n);
  return Number.isInteger(e) ? `1e${e}` : String(n);
};

/** Inputs, generated once per size and workload, outside the timed region. */
class Inputs {
  private readonly events = new Map<string, Ev[]>();
  private readonly batches = new Map<string, WindowedValue<Ev>[][]>();

  get(size: number, lateHeavy: boolean): Ev[] {
    const k = `${lateHeavy}:${size}`;
    let ev = this.events.get(k);
    if (ev === undefined) {
      const t = performance.now();
      ev = generateEvents(size, { lateHeavy, seed: 42 });
      log(`  generated ${fmtSize(size)} ${lateHeavy ? 'late-heavy ' : ''}events in ${(performance.now() - t).toFixed(0)} ms`);
      this.events.set(k, ev);
    }
    return ev;
  }

  batchesOf(size: number, lateHeavy: boolean): WindowedValue<Ev>[][] {
    const k = `${lateHeavy}:${size}`;
    let b = this.batches.get(k);
    if (b === undefined) this.batches.set(k, (b = buildBatches(this.get(size, lateHeavy))));
    return b;
  }

  clear(): void {
    this.events.clear();
    this.batches.clear();
  }
}

/** How many runs of each a row makes. */
interface RunCounts {
  readonly runs: number;
  readonly warmup: number;
}

function runRow(sc: Scenario, size: number, delivery: Delivery, inputs: Inputs, { runs, warmup }: RunCounts): Row {
  const events = inputs.get(size, sc.lateHeavy);
  const batches = delivery === 'batch-1000' ? inputs.batchesOf(size, sc.lateHeavy) : undefined;
  const row: Row = { ...emptyRow(sc, size, delivery, runs, warmup), heapMB: { inputs: toMB(heapAfterGc()), afterLibWithResults: 0 } };
  const lib = (): LibResult => runLibrary(sc.spec, delivery, events, batches);
  const hand = (): HandResult => sc.hand(events, delivery);
  const check = (l: LibResult, h: HandResult): CheckSummary =>
    checkEqual(l, h, {
      accumulating: sc.spec.seedTrigger,
      ...(sc.oneWindowPerElement ? { expectedElements: events.length } : {}),
    });

  // Warm-up: the library's code takes a few runs to reach its steady state (V8 optimizes, deoptimizes and
  // re-optimizes as its type feedback settles); the first run is also the first correctness check.
  log(`  ${sc.name} ${fmtSize(size)} ${delivery}: warm-up (${warmup} runs)`);
  for (let r = 0; r < warmup; r++) {
    let t = performance.now();
    const l = lib();
    row.libWarmupMs.push(performance.now() - t);
    t = performance.now();
    const h = hand();
    row.handWarmupMs.push(performance.now() - t);
    if (r > 0) continue;
    row.results = check(l, h);
    const t1 = JSON.stringify(Object.entries(row.results.timings).sort());
    const t2 = JSON.stringify(Object.entries(row.results.handTimings).sort());
    if (t1 !== t2) log(`  note: pane timings differ (library ${t1}, hand ${t2}); values and windows are equal`);
  }

  // Timed runs, library and hand loop interleaved. No forced GC in between: a forced full GC makes V8 drop
  // optimized code and slows the next run several-fold, which is not the steady state being measured.
  let lastLib: LibResult | undefined;
  let lastHand: HandResult | undefined;
  const cpuMs = (c: NodeJS.CpuUsage): number => (c.user + c.system) / 1000;
  for (let r = 0; r < runs; r++) {
    lastLib = undefined;
    lastHand = undefined;
    let c = process.cpuUsage();
    let t = performance.now();
    lastLib = lib();
    row.libRunsMs.push(performance.now() - t);
    row.libCpuMs.push(cpuMs(process.cpuUsage(c)));
    c = process.cpuUsage();
    t = performance.now();
    lastHand = hand();
    row.handRunsMs.push(performance.now() - t);
    row.handCpuMs.push(cpuMs(process.cpuUsage(c)));
  }
  // The last timed run's results are checked too.
  row.results = check(lastLib!, lastHand!);
  lastLib = undefined;
  lastHand = undefined;

  // Memory pass (untimed): from a collected heap, the peak RSS of one run of each, and the heap still used
  // by the library's results after a GC.
  const keep: { results: unknown } = { results: undefined };
  const memPass = (run: () => unknown): { peak: number; base: number; heap: number } => {
    fullGc();
    const base = process.memoryUsage.rss();
    resetPeakRss();
    keep.results = run();
    const peak = peakRss();
    const heap = heapAfterGc(); // with the results still referenced
    keep.results = undefined;
    return { peak, base, heap };
  };
  const ml = memPass(lib);
  const mh = memPass(hand);
  row.peakRssMB = { lib: toMB(ml.peak), hand: toMB(mh.peak), baseline: toMB(Math.min(ml.base, mh.base)) };
  row.heapMB.afterLibWithResults = toMB(ml.heap);
  row.libMedianMs = median(row.libRunsMs);
  row.handMedianMs = median(row.handRunsMs);
  row.libEventsPerSec = size / (row.libMedianMs / 1000);
  row.handEventsPerSec = size / (row.handMedianMs / 1000);
  row.ratio = row.libEventsPerSec / row.handEventsPerSec;
  row.cpuRatio = median(row.handCpuMs) / median(row.libCpuMs);
  row.loadAvg = Math.round(os.loadavg()[0]! * 100) / 100;
  row.met = sc.target !== undefined && size === 1e6 ? row.ratio >= sc.target : null;
  log(
    `  ${sc.name} ${fmtSize(size)} ${delivery}: lib ${row.libMedianMs.toFixed(0)} ms, hand ${row.handMedianMs.toFixed(0)} ms, ` +
      `ratio ${row.ratio.toFixed(3)} (cpu ${row.cpuRatio.toFixed(3)}), load ${row.loadAvg}`,
  );
  return row;
}

/** One row, or a row carrying the error when the results differ or the run fails. */
function rowOrError(sc: Scenario, size: number, delivery: Delivery, inputs: Inputs, counts: RunCounts): Row {
  try {
    return runRow(sc, size, delivery, inputs, counts);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    log(`\n!!! ${sc.name} ${fmtSize(size)} ${delivery}: RESULTS DIFFER OR RUN FAILED: ${msg}\n`);
    if (!(err instanceof MismatchError)) log(err instanceof Error && err.stack ? err.stack : String(err));
    return failedRow(sc, size, delivery, msg);
  }
}

/** One row measured in a fresh Node process (same flags), which prints it as JSON. */
function rowInChild(sc: Scenario, size: number, delivery: Delivery, { runs, warmup }: RunCounts): Row {
  const child = spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      process.argv[1]!,
      '--child-row',
      `${sc.name}:${size}:${delivery}`,
      '--runs',
      String(runs),
      '--warmup',
      String(warmup),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const line = (child.stdout ?? '').trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as Row;
  } catch {
    const why = child.error ? child.error.message : `exit code ${child.status}, signal ${child.signal}`;
    log(`\n!!! ${sc.name} ${fmtSize(size)} ${delivery}: the row's process failed (${why})\n`);
    return failedRow(sc, size, delivery, `the row's process failed (${why})`);
  }
}

function failedRow(sc: Scenario, size: number, delivery: Delivery, error: string): Row {
  return { ...emptyRow(sc, size, delivery, 0, 0), met: false, error };
}

/** A row with nothing measured yet. */
function emptyRow(sc: Scenario, size: number, delivery: Delivery, runs: number, warmup: number): Row {
  return {
    scenario: sc.name,
    size,
    delivery,
    runs,
    warmup,
    libWarmupMs: [],
    handWarmupMs: [],
    libEventsPerSec: NaN,
    handEventsPerSec: NaN,
    ratio: NaN,
    target: sc.target ?? null,
    met: null,
    libMedianMs: NaN,
    handMedianMs: NaN,
    libRunsMs: [],
    handRunsMs: [],
    libCpuMs: [],
    handCpuMs: [],
    cpuRatio: NaN,
    loadAvg: NaN,
    peakRssMB: { lib: 0, hand: 0, baseline: 0 },
    heapMB: { inputs: 0, afterLibWithResults: 0 },
    results: null,
  };
}

function table(rows: readonly Row[]): string {
  const head = ['scenario', 'size', 'delivery', 'lib ev/s', 'hand ev/s', 'ratio', 'target', 'met?', 'cpu ratio', 'peak RSS MB lib', 'hand', '(base)', 'load'];
  const body = rows.map((r) => [
    r.scenario,
    fmtSize(r.size),
    r.delivery,
    r.error ? 'MISMATCH' : fmtRate(r.libEventsPerSec),
    r.error ? '-' : fmtRate(r.handEventsPerSec),
    r.error ? '-' : r.ratio.toFixed(3),
    r.target === null ? '-' : r.size === 1e6 ? `>=${r.target}` : `(${r.target} @1e6)`,
    r.error ? 'FAIL' : r.met === null ? '-' : r.met ? 'yes' : 'NO',
    r.error || !Number.isFinite(r.cpuRatio) ? '-' : r.cpuRatio.toFixed(3),
    r.error ? '-' : r.peakRssMB.lib.toFixed(0),
    r.error ? '-' : r.peakRssMB.hand.toFixed(0),
    r.error ? '-' : `(${r.peakRssMB.baseline.toFixed(0)})`,
    r.error ? '-' : r.loadAvg.toFixed(1),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

function main(): void {
  const o = parseArgs(process.argv.slice(2));
  if (!canGc) log('bench: warning: run with node --expose-gc (npm run bench does) for GC between runs and heap figures');
  if (o.memory) {
    const report = runMemoryTest({ events: o.memoryEvents, delivery: o.memoryDelivery, uniqueKeys: o.memoryUniqueKeys, log });
    if (o.json) process.stdout.write(JSON.stringify(report) + '\n');
    if (!report.flat) process.exitCode = 1;
    return;
  }
  const inputs = new Inputs();
  if (o.childRow !== undefined) {
    const [name, size, delivery] = o.childRow.split(':') as [string, string, Delivery];
    const sc = SCENARIOS.find((x) => x.name === name)!;
    process.stdout.write(JSON.stringify(rowOrError(sc, Number(size), delivery, inputs, o)) + '\n');
    return;
  }
  const scenarios = SCENARIOS.filter((s) => o.scenarios === undefined || o.scenarios.includes(s.name));
  const rows: Row[] = [];
  const started = performance.now();
  log(
    `bench: node ${process.version}, ${o.runs} timed runs after ${o.warmup} warm-up runs per row, sizes ${o.sizes.map(fmtSize).join(', ')}, ` +
      (o.sameProcess ? 'all rows in this process' : 'each row in a fresh process'),
  );
  for (const size of o.sizes) {
    inputs.clear();
    for (const sc of scenarios) {
      const deliveries = [...sc.deliveries, ...(o.all ? sc.extraDeliveries : [])].filter(
        (d) => o.deliveries === undefined || o.deliveries.includes(d),
      );
      for (const delivery of deliveries) {
        const row = o.sameProcess ? rowOrError(sc, size, delivery, inputs, o) : rowInChild(sc, size, delivery, o);
        if (row.error !== undefined) process.exitCode = 1;
        rows.push(row);
        if (o.json) process.stdout.write(JSON.stringify({ ...row, node: process.version }) + '\n');
      }
    }
  }
  const out = o.json ? process.stderr : process.stdout;
  out.write('\n' + table(rows) + '\n');
  out.write(
    `\nratio = library events/s / hand-loop events/s (wall clock, medians of ${o.runs} runs after ${o.warmup} warm-up runs); targets apply at 1e6 events.\n` +
      `cpu ratio = the same from process CPU time (all threads), robust to other load; peak RSS = one run of each from a ` +
      `collected heap, (base) = RSS before it; load = 1-minute load average ` +
      `(${os.availableParallelism()} cores). Total ${((performance.now() - started) / 1000).toFixed(0)} s.\n`,
  );
  const maxLoad = Math.max(...rows.map((r) => r.loadAvg).filter((x) => !Number.isNaN(x)));
  if (maxLoad > os.availableParallelism() * 1.5) {
    out.write(`warning: the load average reached ${maxLoad.toFixed(1)} on ${os.availableParallelism()} cores: wall-clock figures are disturbed, prefer the cpu ratio.\n`);
  }
  if (process.exitCode === 1) out.write('\nFAILED: a row\'s results differ from the hand loop\'s or its run failed (see above).\n');
}

main();
