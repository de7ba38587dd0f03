/**
 * Shared machinery of the property tests: random scenarios (events, arrival order, batching, watermark and
 * processing-time schedules, windowing strategies), runners that push a scenario through the RxJS operator
 * chain as a stream (`testStream()`) or as a batch (`from(events)`), a direct `GroupingEngine` runner, an
 * independent oracle of the batch windows, and helpers to fold panes into final results.
 */
import fc from 'fast-check';
import { from, Observable, tap, VirtualTimeScheduler } from 'rxjs';
import {
  afterCount,
  afterProcessingTime,
  afterWatermark,
  applyWindowInto,
  combinePerKey,
  count,
  DEFAULT_STRATEGY,
  defaultTrigger,
  fixedWindows,
  GroupingEngine,
  groupingHandle,
  mapElements,
  repeatedly,
  sessions,
  slidingWindows,
  sum,
  testStream,
  timestamped,
  toList,
  windowInto,
  withTimestamps,
  type CombineFn,
  type DataflowEvent,
  type DroppedElement,
  type GroupingHandle,
  type GroupingMetrics,
  type KV,
  type PaneInfo,
  type Trigger,
  type WindowFn,
  type WindowIntoOptions,
  type WindowedValue,
} from '../../src/index.js';
import { ElementsEvent, ProcessingTimeEvent, WatermarkEvent } from '../../src/events/dataflowEvent.js';

/** Runs per property: 1,000 by default, `PROPERTY_RUNS=10000` for a longer search. */
export const RUNS = Math.max(1, Number(process.env.PROPERTY_RUNS ?? 1000) || 1000);
/** Optional fixed seed (`PROPERTY_SEED=...`) to replay a failure. */
export const SEED = process.env.PROPERTY_SEED === undefined ? undefined : Number(process.env.PROPERTY_SEED);

export function params<T = unknown>(runs = RUNS, examples?: T[]): fc.Parameters<T> {
  return {
    numRuns: runs,
    ...(SEED === undefined ? {} : { seed: SEED }),
    ...(examples === undefined ? {} : { examples }),
  };
}

// -------------------------------------------------------------------------------------------------------
// Scenario model
// -------------------------------------------------------------------------------------------------------

export type WindowSpec =
  | { readonly kind: 'fixed'; readonly size: number; readonly offset: number }
  | { readonly kind: 'sliding'; readonly size: number; readonly period: number }
  | { readonly kind: 'sessions'; readonly gap: number };

export type SubTriggerSpec = { readonly kind: 'pt'; readonly delay: number } | { readonly kind: 'count'; readonly n: number };

export type TriggerSpec =
  | { readonly kind: 'default' }
  | { readonly kind: 'watermark'; readonly early?: SubTriggerSpec; readonly late?: SubTriggerSpec }
  | { readonly kind: 'repeatCount'; readonly n: number };

export type CombinerKind = 'count' | 'sum' | 'toList';

export interface StrategySpec {
  readonly window: WindowSpec;
  readonly trigger: TriggerSpec;
  readonly accumulation: 'accumulating' | 'discarding';
  readonly lateness: number;
  readonly combiner: CombinerKind;
  readonly timestampCombiner: 'endOfWindow' | 'earliest' | 'latest';
  readonly onTime: 'fireAlways' | 'fireIfNonEmpty';
  readonly closing: 'fireIfNonEmpty' | 'fireAlways';
}

/** One input event; `id` is unique and is the value grouped by `toList()`. */
export interface Ev {
  readonly id: number;
  readonly k: string;
  readonly ts: number;
  readonly v: number;
}

/** A script operation between batches: raise the watermark by `wm`, or advance processing time by `pt`. */
export type Op = { readonly wm: number } | { readonly pt: number };

/** How one event arrives: its sort key in the arrival order, whether a batch ends after it, what follows. */
export interface Arrival {
  readonly ord: number;
  readonly cut: boolean;
  readonly after: readonly Op[];
}

export interface RawEvent {
  readonly k: string;
  readonly ts: number;
  readonly v: number;
  readonly a1: Arrival;
  readonly a2: Arrival;
}

export interface RawScenario {
  readonly strategy: StrategySpec;
  readonly events: readonly RawEvent[];
  readonly before: readonly Op[];
  /** Clamp watermarks so that no element arrives after the watermark passed its (batch) window. */
  readonly noLate: boolean;
}

export type Step =
  | { readonly kind: 'add'; readonly ids: readonly number[] }
  | { readonly kind: 'wm'; readonly w: number }
  | { readonly kind: 'pt'; readonly d: number };

export interface Scenario {
  readonly strategy: StrategySpec;
  readonly events: readonly Ev[];
  readonly steps: readonly Step[];
  /** Input watermark when each event (by id) arrives. */
  readonly arrivalWatermark: readonly number[];
  /** Index (in `steps`) of the add step of each event. */
  readonly arrivalStep: readonly number[];
}

// -------------------------------------------------------------------------------------------------------
// Arbitraries
// -------------------------------------------------------------------------------------------------------

const subTrigger = (late: boolean): fc.Arbitrary<SubTriggerSpec> =>
  fc.oneof(
    fc.record({ kind: fc.constant('pt' as const), delay: fc.integer({ min: 1, max: 10 }) }),
    late
      ? fc.constant({ kind: 'count' as const, n: 1 })
      : fc.record({ kind: fc.constant('count' as const), n: fc.integer({ min: 1, max: 3 }) }),
  );

export const windowArb: fc.Arbitrary<WindowSpec> = fc.oneof(
  fc.record({ kind: fc.constant('fixed' as const), size: fc.constantFrom(5, 10), offset: fc.integer({ min: 0, max: 4 }) }),
  fc.record({ kind: fc.constant('sliding' as const), size: fc.constantFrom(10, 12), period: fc.constantFrom(4, 5) }),
  fc.record({ kind: fc.constant('sessions' as const), gap: fc.integer({ min: 2, max: 8 }) }),
);

export const triggerArb: fc.Arbitrary<TriggerSpec> = fc.oneof(
  { weight: 2, arbitrary: fc.constant({ kind: 'default' as const }) },
  {
    weight: 4,
    arbitrary: fc.record(
      { kind: fc.constant('watermark' as const), early: subTrigger(false), late: subTrigger(true) },
      { requiredKeys: ['kind', 'early', 'late'] },
    ),
  },
  // Variants without a late trigger (windows close after the on-time pane) or without an early one.
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('watermark' as const), early: subTrigger(false) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'watermark' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('watermark' as const), late: subTrigger(true) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('repeatCount' as const), n: fc.integer({ min: 1, max: 3 }) }) },
);

export const strategyArb: fc.Arbitrary<StrategySpec> = fc.record({
  window: windowArb,
  trigger: triggerArb,
  accumulation: fc.constantFrom('accumulating' as const, 'discarding' as const),
  lateness: fc.constantFrom(0, 4, 15),
  combiner: fc.constantFrom('count' as const, 'sum' as const, 'toList' as const),
  timestampCombiner: fc.constantFrom('endOfWindow' as const, 'endOfWindow' as const, 'earliest' as const, 'latest' as const),
  onTime: fc.constantFrom('fireAlways' as const, 'fireAlways' as const, 'fireIfNonEmpty' as const),
  closing: fc.constantFrom('fireIfNonEmpty' as const, 'fireIfNonEmpty' as const, 'fireAlways' as const),
});

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ wm: fc.integer({ min: 0, max: 14 }) }) },
  { weight: 2, arbitrary: fc.record({ pt: fc.integer({ min: 1, max: 12 }) }) },
);

const arrivalArb: fc.Arbitrary<Arrival> = fc.record({
  ord: fc.nat(15),
  cut: fc.boolean(),
  after: fc.array(opArb, { maxLength: 3 }),
});

const rawEventArb: fc.Arbitrary<RawEvent> = fc.record({
  k: fc.constantFrom('a', 'a', 'b', 'c'),
  ts: fc.integer({ min: 0, max: 29 }),
  v: fc.integer({ min: 0, max: 9 }),
  a1: arrivalArb,
  a2: arrivalArb,
});

export function rawScenarioArb(
  options: { strategy?: fc.Arbitrary<StrategySpec>; noLate?: fc.Arbitrary<boolean>; maxEvents?: number } = {},
): fc.Arbitrary<RawScenario> {
  return fc.record({
    strategy: options.strategy ?? strategyArb,
    events: fc.array(rawEventArb, { minLength: 1, maxLength: options.maxEvents ?? 12 }),
    before: fc.array(opArb, { maxLength: 2 }),
    noLate: options.noLate ?? fc.boolean(),
  });
}

// -------------------------------------------------------------------------------------------------------
// Building scripts
// -------------------------------------------------------------------------------------------------------

export function eventsOf(raw: RawScenario): Ev[] {
  return raw.events.map((e, id) => ({ id, k: e.k, ts: e.ts, v: e.v }));
}

/**
 * The script of a raw scenario with arrival plan `a1` or `a2`: events in `(ord, id)` order, cut into batches,
 * with the watermark/processing-time operations after each batch. With `noLate`, every watermark is clamped
 * to the latest value at which no element still to come is late for its batch window (fixed/sliding: no
 * window of the element has ended; sessions: no part of the element's batch session has ended).
 */
export function buildScenario(raw: RawScenario, plan: 'a1' | 'a2' = 'a1'): Scenario {
  const events = eventsOf(raw);
  const order = events.map((e) => e.id).sort((x, y) => raw.events[x]![plan].ord - raw.events[y]![plan].ord || x - y);
  type Pre = { kind: 'add'; ids: number[] } | { kind: 'wm'; w: number } | { kind: 'pt'; d: number };
  const pre: Pre[] = [];
  let wm = 0;
  const pushOps = (ops: readonly Op[]) => {
    for (const op of ops) {
      if ('wm' in op) {
        wm += op.wm;
        pre.push({ kind: 'wm', w: wm });
      } else pre.push({ kind: 'pt', d: op.pt });
    }
  };
  pushOps(raw.before);
  let batch: number[] = [];
  order.forEach((id, i) => {
    batch.push(id);
    const arrival = raw.events[id]![plan];
    if (arrival.cut || i === order.length - 1) {
      pre.push({ kind: 'add', ids: batch });
      batch = [];
      pushOps(arrival.after);
    }
  });
  if (raw.noLate) {
    const bound = lateBounds(raw.strategy.window, events);
    let suffix = Infinity;
    for (let i = pre.length - 1; i >= 0; i--) {
      const s = pre[i]!;
      if (s.kind === 'add') for (const id of s.ids) suffix = Math.min(suffix, bound[id]!);
      else if (s.kind === 'wm') s.w = Math.min(s.w, suffix);
    }
  }
  const arrivalWatermark: number[] = new Array(events.length).fill(NaN);
  const arrivalStep: number[] = new Array(events.length).fill(-1);
  let iw = -Infinity;
  pre.forEach((s, i) => {
    if (s.kind === 'wm') iw = Math.max(iw, s.w);
    if (s.kind === 'add') for (const id of s.ids) {
      arrivalWatermark[id] = iw;
      arrivalStep[id] = i;
    }
  });
  return { strategy: raw.strategy, events, steps: pre, arrivalWatermark, arrivalStep };
}

/**
 * For each event, the largest input watermark at which it is not late: fixed/sliding, the smallest `W.max`
 * of its windows; sessions, `min ts + gap - 1` over its batch session (so no part of the session has ended).
 */
export function lateBounds(w: WindowSpec, events: readonly Ev[]): number[] {
  const fn = windowFnOf(w);
  if (w.kind !== 'sessions') return events.map((e) => Math.min(...fn.assignWindows(e.ts).map((x) => x.maxTimestamp)));
  const out: number[] = new Array(events.length).fill(Infinity);
  for (const s of oracleWindows(w, events)) {
    const minTs = Math.min(...s.ids.map((id) => events[id]!.ts));
    for (const id of s.ids) out[id] = minTs + w.gap - 1;
  }
  return out;
}

// -------------------------------------------------------------------------------------------------------
// Strategy objects
// -------------------------------------------------------------------------------------------------------

export function windowFnOf(w: WindowSpec): WindowFn {
  switch (w.kind) {
    case 'fixed':
      return fixedWindows(w.size, w.offset % w.size);
    case 'sliding':
      return slidingWindows(w.size, w.period);
    case 'sessions':
      return sessions(w.gap);
  }
}

function subTriggerOf(s: SubTriggerSpec): Trigger {
  return s.kind === 'pt' ? afterProcessingTime(s.delay) : afterCount(s.n);
}

export function triggerOf(t: TriggerSpec): Trigger {
  switch (t.kind) {
    case 'default':
      return defaultTrigger();
    case 'repeatCount':
      return repeatedly(afterCount(t.n));
    case 'watermark':
      return afterWatermark({
        ...(t.early ? { early: subTriggerOf(t.early) } : {}),
        ...(t.late ? { late: subTriggerOf(t.late) } : {}),
      });
  }
}

/** Whether the trigger finishes with the on-time pane (so windows close and later data is dropped). */
export function closesAtOnTime(t: TriggerSpec): boolean {
  return t.kind === 'watermark' && t.late === undefined;
}

/** Whether the trigger has an element-count part (which can fire EARLY panes in batch). */
export function countsElements(t: TriggerSpec): boolean {
  return t.kind === 'repeatCount' || (t.kind === 'watermark' && t.early?.kind === 'count');
}

export function windowIntoOptions(s: StrategySpec): WindowIntoOptions {
  return {
    windowFn: windowFnOf(s.window),
    trigger: triggerOf(s.trigger),
    accumulation: s.accumulation,
    allowedLateness: s.lateness,
    timestampCombiner: s.timestampCombiner,
    onTimeBehavior: s.onTime,
    closingBehavior: s.closing,
  };
}

export function combineFnOf(c: CombinerKind): CombineFn<number, any, any> {
  switch (c) {
    case 'count':
      return count() as CombineFn<number, any, any>;
    case 'sum':
      return sum();
    case 'toList':
      return toList<number>();
  }
}

/** The value an event contributes: its id (count, toList), its amount (sum). */
export function valueOf(c: CombinerKind, e: Ev): number {
  return c === 'sum' ? e.v : e.id;
}

// -------------------------------------------------------------------------------------------------------
// Results
// -------------------------------------------------------------------------------------------------------

/** A pane's content: a number (count, sum) or a sorted list of ids (toList). */
export type Content = number | readonly number[];

export interface PaneRecord {
  readonly key: string;
  readonly window: readonly [number, number];
  readonly value: Content;
  readonly timestamp: number;
  readonly pane: PaneInfo;
}

export type LogEntry =
  | { readonly kind: 'pane'; readonly pane: PaneRecord; readonly inputWatermark: number }
  | { readonly kind: 'wm'; readonly time: number; readonly inputWatermark: number };

export interface DropRecord {
  readonly key: string;
  readonly value: number;
  readonly timestamp: number;
  readonly window: readonly [number, number];
  readonly reason: 'expired' | 'closedWindow';
}

export interface RunResult {
  readonly panes: PaneRecord[];
  readonly log: LogEntry[];
  readonly drops: DropRecord[];
  readonly metrics: GroupingMetrics;
  readonly completed: boolean;
  readonly error: unknown;
}

export function normalize(c: CombinerKind, value: unknown): Content {
  return c === 'toList' ? [...(value as number[])].sort((a, b) => a - b) : (value as number);
}

export function plainPane(p: PaneInfo): PaneInfo {
  return { timing: p.timing, index: p.index, nonSpeculativeIndex: p.nonSpeculativeIndex, isFirst: p.isFirst, isLast: p.isLast };
}

function paneRecordOf(c: CombinerKind, it: WindowedValue<KV<string, unknown>>): PaneRecord {
  const w = it.windows[0]!;
  return {
    key: it.value[0],
    window: [w.start, w.end],
    value: normalize(c, it.value[1]),
    timestamp: it.timestamp,
    pane: plainPane(it.pane),
  };
}

/** The operator chain under test: stamp, window, key, combine. */
export function chain(
  s: StrategySpec,
  options: { drops: DropRecord[]; handle: GroupingHandle; onInputWatermark?: (w: number) => void },
): (source: Observable<unknown>) => Observable<DataflowEvent<KV<string, unknown>>> {
  const c = s.combiner;
  const onWm = options.onInputWatermark;
  return (source) =>
    (source as Observable<Ev>).pipe(
      withTimestamps((e: Ev) => e.ts),
      windowInto<Ev>(windowIntoOptions(s)),
      mapElements((e: Ev) => [e.k, valueOf(c, e)] as const),
      tap((event) => {
        if (onWm && event.kind === 'watermark') onWm(event.time);
      }),
      combinePerKey(combineFnOf(c), {
        handle: options.handle,
        lateData: (d: DroppedElement<string, number>) =>
          options.drops.push({ key: d.key, value: d.value, timestamp: d.timestamp, window: [d.window.start, d.window.end], reason: d.reason }),
      }),
    );
}

/**
 * Subscribes the chain to `source`, records panes, output watermarks (with the input watermark last seen by
 * the grouping), drops and final metrics. `flush` drives a virtual scheduler.
 */
export function runPipeline(
  s: StrategySpec,
  source: Observable<unknown>,
  options: { flush?: () => void; handle?: GroupingHandle; afterFlush?: (handle: GroupingHandle) => void } = {},
): RunResult {
  const drops: DropRecord[] = [];
  const handle = options.handle ?? groupingHandle();
  const panes: PaneRecord[] = [];
  const log: LogEntry[] = [];
  let inputWatermark = -Infinity;
  let completed = false;
  let error: unknown = undefined;
  // Track the grouping's input watermark: the watermark events entering combinePerKey.
  const out = chain(s, { drops, handle, onInputWatermark: (w) => (inputWatermark = Math.max(inputWatermark, w)) })(source);
  const sub = out.subscribe({
    next: (event) => {
      if (event.kind === 'elements') {
        for (const it of event.items) {
          const p = paneRecordOf(s.combiner, it);
          panes.push(p);
          log.push({ kind: 'pane', pane: p, inputWatermark });
        }
      } else if (event.kind === 'watermark') {
        log.push({ kind: 'wm', time: event.time, inputWatermark });
      }
    },
    error: (e) => (error = e),
    complete: () => (completed = true),
  });
  options.flush?.();
  options.afterFlush?.(handle);
  const metrics = handle.metrics();
  sub.unsubscribe();
  return { panes, log, drops, metrics, completed, error };
}

/** Runs the scenario as a stream: a `testStream()` script on a virtual scheduler, ending at +Infinity. */
export function runStream(sc: Scenario): RunResult {
  const vts = new VirtualTimeScheduler();
  return runPipeline(sc.strategy, scriptOf(sc, sc.steps, vts).advanceWatermarkToInfinity(), { flush: () => vts.flush() });
}

export function scriptOf(sc: Scenario, steps: readonly Step[], scheduler: VirtualTimeScheduler) {
  let script = testStream<Ev>({ scheduler });
  for (const step of steps) {
    if (step.kind === 'add') script = script.addElements(...step.ids.map((id) => timestamped(sc.events[id]!, sc.events[id]!.ts)));
    else if (step.kind === 'wm') script = script.advanceWatermarkTo(step.w);
    else script = script.advanceProcessingTime(step.d);
  }
  return script;
}

/** Raw dataflow events of script steps, with absolute processing times starting after `startPt`. */
export function rawEventsOf(sc: Scenario, steps: readonly Step[], startPt: number): DataflowEvent<Ev>[] {
  const out: DataflowEvent<Ev>[] = [];
  let pt = startPt;
  for (const step of steps) {
    if (step.kind === 'add') out.push(new ElementsEvent(step.ids.map((id) => timestamped(sc.events[id]!, sc.events[id]!.ts))));
    else if (step.kind === 'wm') out.push(new WatermarkEvent(step.w));
    else {
      pt += step.d;
      out.push(new ProcessingTimeEvent(pt));
    }
  }
  return out;
}

/** Runs the events as a batch: `from(events)` through the same chain. */
export function runBatch(s: StrategySpec, events: readonly Ev[]): RunResult {
  return runPipeline(s, from(events));
}

/** Drives a `GroupingEngine` directly with the scenario's steps (what the operator should amount to). */
export function runEngine(sc: Scenario, windowFn?: WindowFn): { panes: PaneRecord[]; watermarks: number[] } {
  const s = sc.strategy;
  const strategy = applyWindowInto(DEFAULT_STRATEGY, { ...windowIntoOptions(s), ...(windowFn ? { windowFn } : {}) });
  const panes: PaneRecord[] = [];
  const watermarks: number[] = [];
  const engine = new GroupingEngine<string, number, any, any>({
    strategy,
    combineFn: combineFnOf(s.combiner),
    emit: (p) =>
      panes.push({
        key: p.key,
        window: [p.window.start, p.window.end],
        value: normalize(s.combiner, p.value),
        timestamp: p.timestamp,
        pane: plainPane(p.pane),
      }),
    processingTime: 0,
    name: 'combinePerKey',
  });
  let emitted = -Infinity;
  const after = () => {
    if (engine.outputWatermark > emitted) {
      emitted = engine.outputWatermark;
      watermarks.push(emitted);
    }
  };
  engine.advanceProcessingTime(0);
  after();
  let pt = 0;
  for (const step of sc.steps) {
    if (step.kind === 'add') {
      const items = step.ids.map((id) => {
        const e = sc.events[id]!;
        return { value: [e.k, valueOf(s.combiner, e)] as const, timestamp: e.ts, windows: strategy.windowFn.assignWindows(e.ts), pane: NO_PANE };
      });
      engine.processElements(items, pt);
    } else if (step.kind === 'wm') engine.advanceWatermark(step.w);
    else {
      pt += step.d;
      engine.advanceProcessingTime(pt);
    }
    after();
  }
  engine.advanceWatermark(Infinity);
  after();
  return { panes, watermarks };
}

const NO_PANE: PaneInfo = { timing: 'UNKNOWN', index: 0, nonSpeculativeIndex: 0, isFirst: true, isLast: true };

// -------------------------------------------------------------------------------------------------------
// Oracle and folding
// -------------------------------------------------------------------------------------------------------

export interface OracleWindow {
  readonly key: string;
  readonly window: readonly [number, number];
  readonly ids: number[];
}

export const kwOf = (key: string, w: readonly [number, number]): string => `${key}|${w[0]}/${w[1]}`;

/** The batch windows computed independently of the library (sessions merged by hand). */
export function oracleWindows(w: WindowSpec, events: readonly Ev[]): OracleWindow[] {
  const out = new Map<string, OracleWindow>();
  if (w.kind === 'sessions') {
    const byKey = new Map<string, Ev[]>();
    for (const e of events) {
      let l = byKey.get(e.k);
      if (!l) byKey.set(e.k, (l = []));
      l.push(e);
    }
    for (const [key, list] of byKey) {
      list.sort((a, b) => a.ts - b.ts);
      let cur: { start: number; end: number; ids: number[] } | undefined;
      const flush = () => {
        if (cur) out.set(kwOf(key, [cur.start, cur.end]), { key, window: [cur.start, cur.end], ids: cur.ids });
      };
      for (const e of list) {
        if (cur && e.ts < cur.end) {
          cur.end = Math.max(cur.end, e.ts + w.gap);
          cur.ids.push(e.id);
        } else {
          flush();
          cur = { start: e.ts, end: e.ts + w.gap, ids: [e.id] };
        }
      }
      flush();
    }
  } else {
    const fn = windowFnOf(w);
    for (const e of events) {
      for (const win of fn.assignWindows(e.ts)) {
        const bounds = [win.start, win.end] as const;
        const kw = kwOf(e.k, bounds);
        let o = out.get(kw);
        if (!o) out.set(kw, (o = { key: e.k, window: bounds, ids: [] }));
        o.ids.push(e.id);
      }
    }
  }
  return [...out.values()];
}

/** The combined content of a set of events. */
export function contentOf(c: CombinerKind, events: readonly Ev[], ids: readonly number[]): Content {
  switch (c) {
    case 'count':
      return ids.length;
    case 'sum':
      return ids.reduce((a, id) => a + events[id]!.v, 0);
    case 'toList':
      return [...ids].sort((a, b) => a - b);
  }
}

/** Adds contents (numbers add, lists concatenate). */
export function addContents(c: CombinerKind, xs: readonly Content[]): Content {
  if (c === 'toList') return xs.flatMap((x) => x as number[]).sort((a, b) => a - b);
  return xs.reduce<number>((a, x) => a + (x as number), 0);
}

export function groupPanes(panes: readonly PaneRecord[]): Map<string, PaneRecord[]> {
  const m = new Map<string, PaneRecord[]>();
  for (const p of panes) {
    const kw = kwOf(p.key, p.window);
    let l = m.get(kw);
    if (!l) m.set(kw, (l = []));
    l.push(p);
  }
  return m;
}

/** Final result per (key, window): the last pane (accumulating) or the sum of all panes (discarding). */
export function finalResults(s: StrategySpec, panes: readonly PaneRecord[]): Map<string, Content> {
  const out = new Map<string, Content>();
  for (const [kw, list] of groupPanes(panes)) {
    out.set(kw, s.accumulation === 'accumulating' ? list[list.length - 1]!.value : addContents(s.combiner, list.map((p) => p.value)));
  }
  return out;
}

/**
 * The stream's result for each batch window (`oracle`): accumulating, the last pane of that very window;
 * discarding, the sum of the panes of every window of the key inside it (for sessions, intermediate windows
 * that later merged into it; for fixed and sliding windows only the window itself).
 */
export function resultsPerBatchWindow(
  s: StrategySpec,
  oracle: readonly OracleWindow[],
  panes: readonly PaneRecord[],
): Map<string, Content | undefined> {
  const out = new Map<string, Content | undefined>();
  const grouped = groupPanes(panes);
  for (const o of oracle) {
    const kw = kwOf(o.key, o.window);
    if (s.accumulation === 'accumulating') {
      const list = grouped.get(kw);
      out.set(kw, list ? list[list.length - 1]!.value : undefined);
    } else {
      const parts = panes.filter((p) => p.key === o.key && contains(o.window, p.window)).map((p) => p.value);
      out.set(kw, parts.length ? addContents(s.combiner, parts) : undefined);
    }
  }
  return out;
}

export function contains(outer: readonly [number, number], inner: readonly [number, number]): boolean {
  return outer[0] <= inner[0] && inner[1] <= outer[1];
}

/** Plain-text description of a strategy, for failure messages. */
export function describeStrategy(s: StrategySpec): string {
  return JSON.stringify(s);
}
