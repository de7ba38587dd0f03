/**
 * Conformance scenarios: data-driven transcripts of one grouping (a GroupByKey / CombinePerKey under one
 * windowing strategy), derived by hand from the semantics specification (`semantics.md`, §0-§12) — never
 * copied from an implementation's output — and runnable through any implementation.
 *
 * A scenario is a TestStream script (spec §9) plus the panes the spec says must come out of it:
 *
 * - `{ elements: [[key, value, ts], ...] }` — one ElementBatch at the current processing time;
 * - `{ watermark: w }` — advance the input watermark to `w` (`Infinity` = input complete);
 * - `{ processingTime: p }` — advance processing time to the absolute value `p` (the script starts at PT 0).
 *
 * A runner is a function `(scenario) => ObservedRun`: it feeds the steps one by one to an implementation (the
 * pure `GroupingEngine`, or the RxJS operators fed by a test stream) and reports every pane together with the
 * index of the step that produced it, the drop counters, and the output watermark after each step. All
 * assertions live in {@link expectConformance}, so every runner is held to exactly the same table.
 *
 * Writing another runner (e.g. the RxJS operators): build the strategy with {@link strategyOf} and the
 * aggregation with {@link combineFnOf}; translate `{ processingTime: p }` into the test stream's
 * `advanceProcessingTime(p - current)` (script deltas are > 0, §9) and `{ watermark: Infinity }` (always the
 * last step) into `advanceWatermarkToInfinity()`; record panes with {@link paneRecord}; then call
 * {@link expectConformance} for every scenario of `allScenarios`. A runner that cannot observe the output
 * watermark after each step may leave `outputWatermarks` undefined.
 *
 * Conventions of the tables:
 * - panes are compared as a full, ordered list (spec §1.5 makes the order deterministic);
 * - `toList` outputs are sorted before comparison (Beam leaves element order inside a pane unspecified);
 * - counters that a scenario does not mention are expected to be 0;
 * - `expectedOutputWatermarks`, when given, has one entry per step.
 */
import type { CombineFn } from '../../src/combiners/combineFn.js';
import { composeCombineFns, count, mean, sum, toList, top } from '../../src/combiners/index.js';
import type { PaneTiming } from '../../src/panes/paneInfo.js';
import {
  applyWindowInto,
  DEFAULT_STRATEGY,
  type AccumulationMode,
  type ClosingBehavior,
  type OnTimeBehavior,
  type TimestampCombiner,
  type WindowingStrategy,
} from '../../src/strategy/windowingStrategy.js';
import type { Trigger } from '../../src/triggers/trigger.js';
import type { WindowFn } from '../../src/windows/windowFn.js';

/** Worked-example epoch of the spec (§0): 2026-01-01T00:00:00Z. */
export const t0 = 1_767_225_600_000;

/** A value carried by a scripted element. */
export type ElementValue = number | string;

/** `[key, value, event timestamp]`. */
export type ElementSpec = readonly [key: string, value: ElementValue, ts: number];

/** One script event (spec §1.5, §9). */
export type Step =
  | { readonly elements: readonly ElementSpec[] }
  | { readonly watermark: number }
  | { readonly processingTime: number };

/**
 * The aggregation of the grouping. `toList` is a GroupByKey (sorted for comparison); `top2` is `top(2)`;
 * `countSum` is the worked example's `(count, sum)` tuple, output `[count, sum]`.
 */
export type CombineName = 'toList' | 'count' | 'sum' | 'mean' | 'top2' | 'countSum';

/** A pane as the tables write it (and as runners must report it). */
export interface PaneRecord {
  /** 0-based index of the step during which the pane was emitted. */
  readonly afterStep: number;
  readonly key: string;
  /** `[start, end)` of the pane's window. */
  readonly window: readonly [number, number];
  readonly value: unknown;
  readonly timing: PaneTiming;
  readonly index: number;
  readonly nonSpeculativeIndex: number;
  readonly isFirst: boolean;
  readonly isLast: boolean;
  /** The pane's output timestamp (§7.3). */
  readonly timestamp: number;
}

/** Drop counters of a grouping (§1.3). */
export interface DropCounters {
  readonly droppedDueToLateness: number;
  readonly droppedDueToClosedWindow: number;
}

/** One conformance case. */
export interface Scenario {
  /** What is being checked, in a few words. */
  readonly name: string;
  /** The spec section the expectation is derived from, e.g. `'§4.4'`. */
  readonly section: string;
  readonly windowFn: WindowFn;
  readonly trigger: Trigger;
  readonly accumulation: AccumulationMode;
  readonly allowedLateness: number;
  readonly timestampCombiner?: TimestampCombiner;
  readonly closingBehavior?: ClosingBehavior;
  readonly onTimeBehavior?: OnTimeBehavior;
  /** Default `toList`. */
  readonly combine?: CombineName;
  readonly steps: readonly Step[];
  /** Every pane, in emission order. */
  readonly expected: readonly PaneRecord[];
  /** Omitted counters are expected to be 0. */
  readonly expectedCounters?: Partial<DropCounters>;
  /** Output watermark after each step (one entry per step). */
  readonly expectedOutputWatermarks?: readonly number[];
}

/** What a runner observed. */
export interface ObservedRun {
  readonly panes: readonly PaneRecord[];
  readonly counters: DropCounters;
  /** Output watermark after each step, if the runner can observe it. */
  readonly outputWatermarks?: readonly number[];
}

/** Runs a scenario through one implementation. */
export type ScenarioRunner = (scenario: Scenario) => ObservedRun;

// ---------------------------------------------------------------------------------------------------------
// Building blocks shared by the runners
// ---------------------------------------------------------------------------------------------------------

/** The windowing strategy of a scenario: `windowInto` applied to the default strategy (§2.5). */
export function strategyOf(s: Scenario): WindowingStrategy {
  return applyWindowInto(DEFAULT_STRATEGY, {
    windowFn: s.windowFn,
    trigger: s.trigger,
    accumulation: s.accumulation,
    allowedLateness: s.allowedLateness,
    ...(s.timestampCombiner !== undefined ? { timestampCombiner: s.timestampCombiner } : {}),
    ...(s.closingBehavior !== undefined ? { closingBehavior: s.closingBehavior } : {}),
    ...(s.onTimeBehavior !== undefined ? { onTimeBehavior: s.onTimeBehavior } : {}),
  });
}

/** The CombineFn of a scenario. */
export function combineFnOf(s: Scenario): CombineFn<any, any, any> {
  switch (s.combine ?? 'toList') {
    case 'toList':
      return toList();
    case 'count':
      return count();
    case 'sum':
      return sum();
    case 'mean':
      return mean();
    case 'top2':
      return top(2);
    case 'countSum':
      return composeCombineFns([count(), sum()]);
  }
}

const compareValues = (a: unknown, b: unknown): number => {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = `${typeof a}:${String(a)}`;
  const sb = `${typeof b}:${String(b)}`;
  return sa < sb ? -1 : sa > sb ? 1 : 0;
};

/** Normalizes an output value for comparison: `toList` outputs are sorted (order is unspecified). */
export function normalizeValue(s: Scenario, value: unknown): unknown {
  if ((s.combine ?? 'toList') === 'toList' && Array.isArray(value)) return [...value].sort(compareValues);
  if (Array.isArray(value)) return [...value];
  return value;
}

/** Builds the record of an emitted pane, in the shape the tables use. */
export function paneRecord(
  s: Scenario,
  afterStep: number,
  emitted: {
    readonly key: unknown;
    readonly value: unknown;
    readonly window: { readonly start: number; readonly end: number };
    readonly timestamp: number;
    readonly pane: {
      readonly timing: PaneTiming;
      readonly index: number;
      readonly nonSpeculativeIndex: number;
      readonly isFirst: boolean;
      readonly isLast: boolean;
    };
  },
): PaneRecord {
  return {
    afterStep,
    key: emitted.key as string,
    window: [emitted.window.start, emitted.window.end],
    value: normalizeValue(s, emitted.value),
    timing: emitted.pane.timing,
    index: emitted.pane.index,
    nonSpeculativeIndex: emitted.pane.nonSpeculativeIndex,
    isFirst: emitted.pane.isFirst,
    isLast: emitted.pane.isLast,
    timestamp: emitted.timestamp,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Writing tables
// ---------------------------------------------------------------------------------------------------------

/**
 * An expected pane, written compactly:
 * `p(3, 'u1', [0, 60_000], [1, 3], 'ON_TIME 0 0 first last', 59_999)` where the pane string is
 * `TIMING index nonSpeculativeIndex [first] [last]`.
 */
export function p(
  afterStep: number,
  key: string,
  window: readonly [number, number],
  value: unknown,
  pane: string,
  timestamp: number,
): PaneRecord {
  const tokens = pane.trim().split(/\s+/);
  const [timing, index, nsi, ...flags] = tokens;
  if (timing !== 'EARLY' && timing !== 'ON_TIME' && timing !== 'LATE') throw new Error(`bad timing in '${pane}'`);
  if (index === undefined || nsi === undefined || !/^\d+$/.test(index) || !/^-?\d+$/.test(nsi)) {
    throw new Error(`bad index / nonSpeculativeIndex in '${pane}'`);
  }
  for (const f of flags) if (f !== 'first' && f !== 'last') throw new Error(`bad flag '${f}' in '${pane}'`);
  return {
    afterStep,
    key,
    window: [window[0], window[1]],
    value,
    timing,
    index: Number(index),
    nonSpeculativeIndex: Number(nsi),
    isFirst: flags.includes('first'),
    isLast: flags.includes('last'),
    timestamp,
  };
}

/** Shorthand steps. */
export const el = (...elements: ElementSpec[]): Step => ({ elements });
export const wm = (watermark: number): Step => ({ watermark });
export const pt = (processingTime: number): Step => ({ processingTime });

// ---------------------------------------------------------------------------------------------------------
// Checking
// ---------------------------------------------------------------------------------------------------------

/** The title of a scenario's test: `'<section> <name>'`. */
export function scenarioTitle(s: Scenario): string {
  return `${s.section} ${s.name}`;
}

/** Problems with the table itself (not with an implementation): an empty list means well-formed. */
export function scenarioProblems(s: Scenario): string[] {
  const problems: string[] = [];
  let w = -Infinity;
  let ptNow = 0;
  s.steps.forEach((step, i) => {
    if (w === Infinity) problems.push(`step ${i}: no step may follow the watermark +Infinity (end of input)`);
    if ('watermark' in step) {
      if (!(step.watermark >= w)) problems.push(`step ${i}: watermark moves backwards`);
      w = step.watermark;
    } else if ('processingTime' in step) {
      if (!(step.processingTime > ptNow)) problems.push(`step ${i}: processing time must advance`);
      ptNow = step.processingTime;
    } else if (step.elements.length === 0) problems.push(`step ${i}: empty element batch`);
  });
  let last = 0;
  for (const e of s.expected) {
    if (e.afterStep < last) problems.push('expected panes are not in step order');
    if (e.afterStep < 0 || e.afterStep >= s.steps.length) problems.push(`pane after step ${e.afterStep}: no such step`);
    last = e.afterStep;
  }
  if (s.expectedOutputWatermarks && s.expectedOutputWatermarks.length !== s.steps.length) {
    problems.push('expectedOutputWatermarks needs one entry per step');
  }
  return problems;
}

/** Asserts that a run matches the scenario exactly: panes, counters and (if given) output watermarks. */
export function expectConformance(s: Scenario, run: ObservedRun): void {
  const expectedPanes = s.expected.map((e) => ({ ...e, window: [e.window[0], e.window[1]], value: normalizeValue(s, e.value) }));
  const observedPanes = run.panes.map((o) => ({ ...o, window: [o.window[0], o.window[1]] }));
  expect(observedPanes).toEqual(expectedPanes);
  expect(run.counters).toEqual({
    droppedDueToLateness: s.expectedCounters?.droppedDueToLateness ?? 0,
    droppedDueToClosedWindow: s.expectedCounters?.droppedDueToClosedWindow ?? 0,
  });
  if (s.expectedOutputWatermarks !== undefined && run.outputWatermarks !== undefined) {
    expect([...run.outputWatermarks]).toEqual([...s.expectedOutputWatermarks]);
  }
}
