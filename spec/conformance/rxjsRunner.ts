/**
 * Runs a conformance scenario through the public RxJS operators: the scenario's script becomes a
 * `testStream()`, piped through `windowInto(<the scenario's strategy>)` and `combinePerKey(<its combine fn>)`,
 * played inside `TestScheduler.run()` so that processing time is virtual (a script's `advanceProcessingTime`
 * waits in virtual time).
 *
 * Step attribution: the test stream first announces processing time 0 (not a script step), then emits exactly
 * one event per script step, in order (`advanceWatermarkToInfinity()` emits its watermark, then completes). A
 * `tap` on the script's events advances the current step index *before* the operators downstream see the event;
 * since each step runs to quiescence synchronously (spec §1.5), every pane that arrives downstream belongs to
 * the step whose event was last seen. The tap also checks that each event is the one the step should produce,
 * so a runner bug cannot silently shift the attribution.
 *
 * The output watermark after a step is the latest `WatermarkEvent` the grouping emitted by the time the next
 * step starts (or the run ends); the drop counters come from the grouping's `GroupingHandle` metrics.
 */
import { tap, type Subscription } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import type { Dataflow, DataflowEvent } from '../../src/events/dataflowEvent.js';
import { timestamped, type KV } from '../../src/events/windowedValue.js';
import { combinePerKey } from '../../src/operators/combinePerKey.js';
import { groupingHandle } from '../../src/operators/groupingHandle.js';
import { windowInto } from '../../src/operators/windowInto.js';
import { testStream, type TestStream } from '../../src/sources/testStream.js';
import type { WindowingStrategy } from '../../src/strategy/windowingStrategy.js';
import {
  combineFnOf,
  paneRecord,
  type ElementValue,
  type ObservedRun,
  type PaneRecord,
  type Scenario,
  type Step,
} from './scenario.js';

/** What the RxJS runner observed, beyond the shared {@link ObservedRun}. */
export interface RxjsObservedRun extends ObservedRun {
  /** The output watermark after each step (always observed by this runner). */
  readonly outputWatermarks: readonly number[];
  /** Virtual time (`TestScheduler.now()`) at which each script step was played. */
  readonly stepTimes: readonly number[];
  /** Whether the output completed (it must iff the script ends with `watermark: Infinity`). */
  readonly completed: boolean;
  /** The windowing strategy the grouping announced for its output (carries the continuation trigger). */
  readonly outputStrategy: WindowingStrategy | undefined;
}

/** The element type of a scripted scenario: `[key, value]`. */
export type Element = KV<string, ElementValue>;

/** The script of a scenario as a test stream (on the default scheduler, i.e. virtual inside `run()`). */
export function scriptOf(s: Scenario): TestStream<Element> {
  return scriptOfSteps(s.steps);
}

/** A list of script steps as a test stream (on the default scheduler, i.e. virtual inside `run()`). */
export function scriptOfSteps(steps: readonly Step[]): TestStream<Element> {
  let script = testStream<Element>();
  let processingTime = 0;
  for (const step of steps) {
    if ('elements' in step) {
      script = script.addElements(...step.elements.map(([key, value, ts]) => timestamped<Element>([key, value], ts)));
    } else if ('watermark' in step) {
      script = step.watermark === Infinity ? script.advanceWatermarkToInfinity() : script.advanceWatermarkTo(step.watermark);
    } else {
      script = script.advanceProcessingTime(step.processingTime - processingTime);
      processingTime = step.processingTime;
    }
  }
  return script;
}

/** The processing time each step of a scenario is played at (the script starts at 0). */
export function scriptTimes(s: Scenario): number[] {
  let now = 0;
  return s.steps.map((step) => ('processingTime' in step ? (now = step.processingTime) : now));
}

/** Whether `event` is what the test stream emits for `step`; a description of the mismatch otherwise. */
function mismatch(step: Step, event: DataflowEvent<Element>): string | undefined {
  const describe = (): string =>
    event.kind === 'elements'
      ? `elements(${event.items.length})`
      : event.kind === 'strategy'
        ? 'strategy'
        : `${event.kind}(${event.time})`;
  if ('elements' in step) {
    return event.kind === 'elements' && event.items.length === step.elements.length ? undefined : describe();
  }
  if ('watermark' in step) return event.kind === 'watermark' && event.time === step.watermark ? undefined : describe();
  return event.kind === 'processingTime' && event.time === step.processingTime ? undefined : describe();
}

/** An output event of a traced pipeline, with the script step during which it arrived. */
export interface TracedEvent<T> {
  /** 0-based script step; -1 for what arrives before the first step (e.g. strategy announcements). */
  readonly step: number;
  /** Virtual time (`TestScheduler.now()`) at arrival. */
  readonly at: number;
  readonly event: DataflowEvent<T>;
}

/** What a pipeline fed by a script emitted, step by step. */
export interface StepTrace<T> {
  readonly events: readonly TracedEvent<T>[];
  /** Virtual time at which each script step was played. */
  readonly stepTimes: readonly number[];
  /** The pipeline's output watermark (its latest `WatermarkEvent`) after each step that was played. */
  readonly outputWatermarks: readonly number[];
  readonly completed: boolean;
  /** The error the output failed with, if any. */
  readonly error: unknown;
}

/**
 * Plays `steps` as a `testStream()` of `[key, value]` pairs into `build(script)` inside `TestScheduler.run()`
 * and records every output event with the index of the step during which it arrived.
 */
export function traceSteps<T>(steps: readonly Step[], build: (script: Dataflow<Element>) => Dataflow<T>): StepTrace<T> {
  const events: TracedEvent<T>[] = [];
  const outputWatermarks: number[] = [];
  const stepTimes: number[] = [];
  const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

  let started = false; // the initial processing-time-0 announcement has been seen
  let currentStep = -1;
  let outputWatermark = -Infinity;
  let completed = false;
  let error: unknown;
  let runnerProblem: string | undefined;
  let subscription: Subscription | undefined;

  scheduler.run(() => {
    const script = scriptOfSteps(steps).pipe(
      tap((event) => {
        if (!started) {
          started = true;
          if (event.kind !== 'processingTime' || event.time !== 0) runnerProblem ??= 'the first event is not processingTime(0)';
          return;
        }
        // The previous step has run to quiescence: record the output watermark it left.
        if (currentStep >= 0) outputWatermarks.push(outputWatermark);
        currentStep++;
        const step = steps[currentStep];
        if (step === undefined) {
          runnerProblem ??= `event ${event.kind} after the last step`;
          return;
        }
        const bad = mismatch(step, event);
        if (bad !== undefined) runnerProblem ??= `step ${currentStep}: the test stream emitted ${bad}, expected ${JSON.stringify(step)}`;
        stepTimes.push(scheduler.now());
      }),
    );
    subscription = build(script).subscribe({
      next: (event) => {
        if (event.kind === 'watermark') outputWatermark = event.time;
        events.push({ step: currentStep, at: scheduler.now(), event });
      },
      error: (err) => (error = err),
      complete: () => (completed = true),
    });
  });
  subscription?.unsubscribe();

  if (runnerProblem !== undefined) throw new Error(`rxjsRunner: ${runnerProblem}`);
  if (currentStep >= 0) outputWatermarks.push(outputWatermark);
  if (error === undefined && currentStep !== steps.length - 1) {
    throw new Error(`rxjsRunner: the test stream played ${currentStep + 1} of ${steps.length} steps`);
  }
  return { events, stepTimes, outputWatermarks, completed, error };
}

/** The RxJS runner: `(scenario) => observed panes, counters and output watermarks`. */
export function runOnRxjs(s: Scenario): RxjsObservedRun {
  const handle = groupingHandle();
  const trace = traceSteps(s.steps, (script) =>
    script.pipe(
      windowInto<Element>({
        windowFn: s.windowFn,
        trigger: s.trigger,
        accumulation: s.accumulation,
        allowedLateness: s.allowedLateness,
        timestampCombiner: s.timestampCombiner,
        closingBehavior: s.closingBehavior,
        onTimeBehavior: s.onTimeBehavior,
      }),
      combinePerKey<string, ElementValue, unknown, unknown>(combineFnOf(s), { handle }),
    ),
  );
  if (trace.error !== undefined) throw trace.error;

  const panes: PaneRecord[] = [];
  let outputStrategy: WindowingStrategy | undefined;
  for (const { step, event } of trace.events) {
    if (event.kind === 'strategy') outputStrategy = event.strategy;
    if (event.kind !== 'elements') continue;
    for (const item of event.items) {
      const [key, value] = item.value;
      for (const window of item.windows) {
        panes.push(paneRecord(s, step, { key, value, window, timestamp: item.timestamp, pane: item.pane }));
      }
    }
  }
  const metrics = handle.metrics();
  return {
    panes,
    counters: {
      droppedDueToLateness: metrics.droppedDueToLateness,
      droppedDueToClosedWindow: metrics.droppedDueToClosedWindow,
    },
    outputWatermarks: trace.outputWatermarks,
    stepTimes: trace.stepTimes,
    completed: trace.completed,
    outputStrategy,
  };
}
