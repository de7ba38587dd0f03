/**
 * Snapshot and restore: a stream stopped after any step k, its grouping state taken through
 * `JSON.parse(JSON.stringify(handle.snapshot()))`, and the remaining steps fed as raw dataflow events into a
 * fresh pipeline started with `groupingHandle(snapshot)` emit, together, exactly the panes (values, windows,
 * pane infos, timestamps) and output watermarks of an uninterrupted run. Done for every cut point of the
 * seed stream script (spec §11.2) and of a session-window script with merges, late and dropped data.
 */
import { Observable, VirtualTimeScheduler, type OperatorFunction } from 'rxjs';
import {
  afterCount,
  afterProcessingTime,
  afterWatermark,
  combinePerKey,
  composeCombineFns,
  count,
  elements,
  fixedWindows,
  groupingHandle,
  mapElements,
  ProcessingTimeEvent,
  seedStreamScript,
  SEED_T0,
  seconds,
  sessions,
  sum,
  testStream,
  timestamped,
  toList,
  watermark,
  windowInto,
  withTimestamps,
  type DataflowEvent,
  type DroppedElement,
  type GroupingHandle,
  type GroupingSnapshot,
  type KV,
  type TestStream,
  type TestStreamStep,
  type UserEvent,
  type WindowIntoOptions,
} from '../../src/index.js';

const t0 = SEED_T0;

type Entry =
  | { pane: { value: unknown; window: [number, number]; timestamp: number; pane: unknown } }
  | { watermark: number }
  | { drop: unknown };

interface Scenario {
  readonly name: string;
  readonly script: (scheduler: VirtualTimeScheduler) => TestStream<UserEvent>;
  readonly windowing: WindowIntoOptions;
  readonly combine: (
    handle: GroupingHandle,
    log: Entry[],
  ) => OperatorFunction<DataflowEvent<KV<string, number>>, DataflowEvent<KV<string, unknown>>>;
}

/** The pipeline of the seed (windowedUserAgg's chain) with a handle and a late-data side output. */
function pipeline(s: Scenario, handle: GroupingHandle, log: Entry[]) {
  return (source: Observable<unknown>) =>
    (source as Observable<UserEvent>).pipe(
      withTimestamps((e: UserEvent) => e.event_time * 1_000),
      windowInto<UserEvent>(s.windowing),
      mapElements((e: UserEvent) => [e.user_id, e.amount] as const),
      s.combine(handle, log),
    );
}

/** Runs a source through the pipeline on a virtual scheduler; returns the log and the handle. */
function run(s: Scenario, source: Observable<unknown>, scheduler: VirtualTimeScheduler, handle: GroupingHandle) {
  const log: Entry[] = [];
  let error: unknown;
  let completed = false;
  const sub = pipeline(s, handle, log)(source).subscribe({
    next: (e) => {
      if (e.kind === 'elements') {
        for (const it of e.items) {
          const w = it.windows[0]!;
          log.push({ pane: { value: it.value, window: [w.start, w.end], timestamp: it.timestamp, pane: { ...it.pane } } });
        }
      } else if (e.kind === 'watermark') log.push({ watermark: e.time });
    },
    error: (err) => (error = err),
    complete: () => (completed = true),
  });
  scheduler.flush();
  return { log, error, completed, sub };
}

/** The script's first k steps, replayed onto a new test stream. */
function prefix(steps: readonly TestStreamStep<UserEvent>[], k: number, scheduler: VirtualTimeScheduler): TestStream<UserEvent> {
  let script = testStream<UserEvent>({ scheduler });
  for (const step of steps.slice(0, k)) {
    switch (step.kind) {
      case 'addElements':
        script = script.addElements(...step.elements.map((e) => timestamped(e.value, e.timestamp)));
        break;
      case 'advanceWatermarkTo':
        script = script.advanceWatermarkTo(step.watermark);
        break;
      case 'advanceProcessingTime':
        script = script.advanceProcessingTime(step.delta);
        break;
      case 'advanceWatermarkToInfinity':
        throw new Error('the prefix must not end the stream');
    }
  }
  return script;
}

/**
 * The remaining steps as raw dataflow events, played in one scheduler action, after the processing time the
 * stream had reached (a scripted source announces its clock first, as `testStream()` does).
 */
function rest(steps: readonly TestStreamStep<UserEvent>[], k: number, scheduler: VirtualTimeScheduler): Observable<DataflowEvent<UserEvent>> {
  const pt = steps.slice(0, k).reduce((t, s) => (s.kind === 'advanceProcessingTime' ? s.processingTime : t), 0);
  return new Observable<DataflowEvent<UserEvent>>((subscriber) =>
    scheduler.schedule(() => {
      subscriber.next(new ProcessingTimeEvent(pt));
      for (const step of steps.slice(k)) {
        switch (step.kind) {
          case 'addElements':
            subscriber.next(elements(step.elements.map((e) => timestamped(e.value, e.timestamp))));
            break;
          case 'advanceWatermarkTo':
            subscriber.next(watermark(step.watermark));
            break;
          case 'advanceProcessingTime':
            subscriber.next(new ProcessingTimeEvent(step.processingTime));
            break;
          case 'advanceWatermarkToInfinity':
            subscriber.next(watermark(Infinity));
            subscriber.complete();
            return;
        }
      }
    }),
  );
}

function checkEveryCut(s: Scenario, expectedPanes: number): void {
  const steps = s.script(new VirtualTimeScheduler()).steps;
  expect(steps[steps.length - 1]!.kind).toBe('advanceWatermarkToInfinity');
  const vts = new VirtualTimeScheduler();
  const wholeHandle = groupingHandle();
  const whole = run(s, s.script(vts), vts, wholeHandle);
  expect(whole.error).toBeUndefined();
  expect(whole.completed).toBe(true);
  expect(whole.log.filter((e) => 'pane' in e)).toHaveLength(expectedPanes);
  expect(whole.log.some((e) => 'drop' in e)).toBe(s.name === 'sessions');
  const wholeMetrics = wholeHandle.metrics();

  const mismatches: { cut: number; resumed: unknown; uninterrupted: unknown }[] = [];
  for (let k = 0; k < steps.length; k++) {
    // Run 1: the first k steps, then a JSON snapshot taken between steps, then stop.
    const vts1 = new VirtualTimeScheduler();
    const h1 = groupingHandle();
    const first = run(s, prefix(steps, k, vts1), vts1, h1);
    expect(first.error).toBeUndefined();
    // The grouping starts with its first element or watermark; before that there is no state to keep.
    const started = steps.slice(0, k).some((st) => st.kind !== 'advanceProcessingTime');
    let snapshot: GroupingSnapshot | undefined;
    if (started) snapshot = JSON.parse(JSON.stringify(h1.snapshot())) as GroupingSnapshot;
    else expect(() => h1.snapshot()).toThrow(/not started/);
    first.sub.unsubscribe();
    // Run 2: the remaining steps, in a fresh pipeline resumed from the snapshot.
    const vts2 = new VirtualTimeScheduler();
    const h2 = groupingHandle(snapshot);
    const second = run(s, rest(steps, k, vts2), vts2, h2);
    expect(second.error).toBeUndefined();
    expect(second.completed).toBe(true);
    const resumed = { log: [...first.log, ...second.log], metrics: h2.metrics() };
    const uninterrupted = { log: whole.log, metrics: wholeMetrics };
    if (!equal(resumed, uninterrupted)) mismatches.push({ cut: k, ...firstDifference(resumed, uninterrupted) });
  }
  // Every cut point k must resume exactly; the first difference of each failing cut is reported.
  expect(mismatches).toEqual([]);
}

function equal(a: unknown, b: unknown): boolean {
  try {
    expect(a).toEqual(b);
    return true;
  } catch {
    return false;
  }
}

/** The first log entry (or the metrics) where a resumed run differs from the uninterrupted one. */
function firstDifference(
  resumed: { log: Entry[]; metrics: unknown },
  uninterrupted: { log: Entry[]; metrics: unknown },
): { resumed: unknown; uninterrupted: unknown } {
  const n = Math.max(resumed.log.length, uninterrupted.log.length);
  for (let i = 0; i < n; i++) {
    if (!equal(resumed.log[i], uninterrupted.log[i])) return { resumed: { entry: i, ...resumed.log[i] }, uninterrupted: { entry: i, ...uninterrupted.log[i] } };
  }
  return { resumed: { metrics: resumed.metrics }, uninterrupted: { metrics: uninterrupted.metrics } };
}

const seedWindowing: WindowIntoOptions = {
  windowFn: fixedWindows(seconds(60)),
  trigger: afterWatermark({ early: afterProcessingTime(seconds(10)), late: afterProcessingTime(seconds(10)) }),
  accumulation: 'accumulating',
  allowedLateness: seconds(120),
};

const withDrops = (log: Entry[]) => (d: DroppedElement<string, number>) =>
  log.push({ drop: { key: d.key, value: d.value, timestamp: d.timestamp, window: [d.window.start, d.window.end], reason: d.reason } });

describe('snapshot and restore', () => {
  it('seed stream script (spec §11.2): run 1 (first k steps) + run 2 (resumed from the JSON snapshot) = the uninterrupted run, for every cut point k', () => {
    checkEveryCut(
      {
        name: 'seed',
        script: (scheduler) => seedStreamScript(t0, scheduler),
        windowing: seedWindowing,
        combine: (handle, log) => combinePerKey(composeCombineFns({ count: count(), sum: sum() }), { handle, lateData: withDrops(log) }),
      },
      6,
    );
  });

  it('session windows with merges, early/late panes and dropped data: every cut point k gives the uninterrupted run', () => {
    const ev = (user: string, amount: number, offsetS: number): UserEvent => ({ user_id: user, event_type: 'click', amount, event_time: t0 / 1_000 + offsetS });
    const at = (e: UserEvent) => timestamped(e, e.event_time * 1_000);
    const script = (scheduler: VirtualTimeScheduler) =>
      testStream<UserEvent>({ scheduler })
        .advanceWatermarkTo(t0)
        .addElements(at(ev('u1', 1, 1)), at(ev('u1', 2, 5)), at(ev('u2', 3, 2)))
        .advanceProcessingTime(seconds(6)) // early panes: u1 [1 s, 15 s), u2 [2 s, 12 s)
        .addElements(at(ev('u1', 4, 15))) // touches [1 s, 15 s): a separate session [15 s, 25 s)
        .addElements(at(ev('u1', 5, 12))) // bridges both: brand-new merged session [1 s, 25 s)
        .advanceProcessingTime(seconds(6)) // early pane of the merged session (numbering restarts)
        .advanceWatermarkTo(t0 + seconds(30)) // on-time panes
        .addElements(at(ev('u1', 6, 20))) // late, within lateness: LATE pane at once (late afterCount(1))
        .addElements(at(ev('u2', 7, 40)), at(ev('u2', 8, 45))) // a second u2 session, merged in one batch
        .advanceProcessingTime(seconds(1))
        .advanceWatermarkTo(t0 + seconds(70)) // u2 [2 s, 12 s) expires (gc = 41.999 s)
        .addElements(at(ev('u2', 9, 3)), at(ev('u1', 10, 60))) // u2 at 3 s: beyond lateness, dropped
        .advanceProcessingTime(seconds(6))
        .advanceWatermarkToInfinity();
    checkEveryCut(
      {
        name: 'sessions',
        script,
        windowing: {
          windowFn: sessions(seconds(10)),
          trigger: afterWatermark({ early: afterProcessingTime(seconds(5)), late: afterCount(1) }),
          accumulation: 'accumulating',
          allowedLateness: seconds(30),
          timestampCombiner: 'earliest',
        },
        combine: (handle, log) => combinePerKey(toList<number>(), { handle, lateData: withDrops(log) }),
      },
      8,
    );
  });
});
