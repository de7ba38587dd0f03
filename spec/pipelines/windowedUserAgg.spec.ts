import { from, map, VirtualTimeScheduler, type Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import {
  SEED_T0,
  seedBatchEvents,
  seedStreamScript,
  testStream,
  timestamped,
  toRecords,
  windowedUserAgg,
  type DataflowEvent,
  type PaneTiming,
  type UserAgg,
  type UserEvent,
  type WindowedRecord,
} from '../../src/index.js';
import { collect } from '../helpers/dataflow.js';

// Spec §11: W1 = [t0, t0+60 s), W2 = [t0+60 s, t0+120 s).
const t0 = SEED_T0;
const W1 = { start: t0, end: t0 + 60_000 };
const W2 = { start: t0 + 60_000, end: t0 + 120_000 };
const W1max = t0 + 59_999;
const W2max = t0 + 119_999;

/** One row of the spec §11 tables. */
interface Row {
  user: string;
  window: 'W1' | 'W2';
  count: number;
  sum: number;
  timing: PaneTiming;
  index: number;
  nsi: number;
  isFirst: boolean;
  isLast: boolean;
  timestamp: number;
}

function r(
  user: string,
  window: 'W1' | 'W2',
  count: number,
  sum: number,
  timing: PaneTiming,
  index: number,
  nsi: number,
  isFirst: boolean,
  isLast: boolean,
  timestamp: number,
): Row {
  return { user, window, count, sum, timing, index, nsi, isFirst, isLast, timestamp };
}

function windowName(start: number, end: number): 'W1' | 'W2' {
  if (start === W1.start && end === W1.end) return 'W1';
  if (start === W2.start && end === W2.end) return 'W2';
  throw new Error(`unexpected window [${start}, ${end})`);
}

function rowOf(rec: WindowedRecord<UserAgg>): Row {
  return {
    user: rec.value.user_id,
    window: windowName(rec.window.start, rec.window.end),
    count: rec.value.count,
    sum: rec.value.sum_amount,
    timing: rec.pane.timing,
    index: rec.pane.index,
    nsi: rec.pane.nonSpeculativeIndex,
    isFirst: rec.pane.isFirst,
    isLast: rec.pane.isLast,
    timestamp: rec.timestamp,
  };
}

/** A step's output as seen downstream of the pipeline: panes (as rows), a watermark, or a processing-time advance. */
type StepOutput = { panes: Row[] } | { watermark: number } | { processingTime: number };

function stepOutput(e: DataflowEvent<UserAgg>): StepOutput | undefined {
  switch (e.kind) {
    case 'elements':
      return {
        panes: e.items.flatMap((it) =>
          it.windows.map((w) => rowOf({ value: it.value, timestamp: it.timestamp, window: w, pane: it.pane })),
        ),
      };
    case 'watermark':
      return { watermark: e.time };
    case 'processingTime':
      return { processingTime: e.time };
    default:
      return undefined;
  }
}

function newTestScheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => expect(actual).toStrictEqual(expected));
}

/** Runs `build()` under `TestScheduler.run` and returns `[virtual frame, output]` for every dataflow event. */
function timeline(build: () => Observable<DataflowEvent<UserAgg>>): Array<[number, StepOutput]> {
  const scheduler = newTestScheduler();
  const seen: Array<[number, StepOutput]> = [];
  let failure: unknown;
  scheduler.run(() => {
    build().subscribe({
      next: (e) => {
        const out = stepOutput(e);
        if (out !== undefined) seen.push([scheduler.now(), out]);
      },
      error: (err) => (failure = err),
    });
  });
  if (failure !== undefined) throw failure;
  return seen;
}

const at = (e: UserEvent) => timestamped(e, e.event_time * 1_000);
const [e5, e20, e35, e62, e70, e75, late50] = seedBatchEvents(t0).map(at) as [
  ReturnType<typeof at>,
  ReturnType<typeof at>,
  ReturnType<typeof at>,
  ReturnType<typeof at>,
  ReturnType<typeof at>,
  ReturnType<typeof at>,
  ReturnType<typeof at>,
];

/** Spec §11.3 variant B: step 6 advances processing time by 11 s instead of 5 s. */
function variantB() {
  return testStream<UserEvent>()
    .advanceWatermarkTo(t0) //                   step 1, PT 0
    .addElements(e5, e20, e35) //                step 2, PT 0
    .advanceProcessingTime(5_000) //             step 3, PT 5 000
    .advanceWatermarkTo(t0 + 61_000) //          step 4
    .addElements(e62, e70, e75) //               step 5
    .advanceProcessingTime(11_000) //            step 6, PT 16 000
    .addElements(late50) //                      step 7
    .advanceWatermarkTo(t0 + 121_000) //         step 8
    .advanceWatermarkToInfinity(); //            step 9
}

/** Spec §11.3 variant C: an extra 11 s processing-time advance right after step 7. */
function variantC() {
  return testStream<UserEvent>()
    .advanceWatermarkTo(t0) //                   step 1, PT 0
    .addElements(e5, e20, e35) //                step 2, PT 0
    .advanceProcessingTime(5_000) //             step 3, PT 5 000
    .advanceWatermarkTo(t0 + 61_000) //          step 4
    .addElements(e62, e70, e75) //               step 5
    .advanceProcessingTime(5_000) //             step 6, PT 10 000
    .addElements(late50) //                      step 7
    .advanceProcessingTime(11_000) //            step 7b, PT 21 000
    .advanceWatermarkTo(t0 + 121_000) //         step 8
    .advanceWatermarkToInfinity(); //            step 9
}

// Spec §11.1.
const BATCH: Row[] = [
  r('u1', 'W1', 2, 35, 'ON_TIME', 0, 0, true, true, W1max),
  r('u2', 'W1', 2, 11, 'ON_TIME', 0, 0, true, true, W1max),
  r('u1', 'W2', 1, -5, 'ON_TIME', 0, 0, true, true, W2max),
  r('u2', 'W2', 1, 12, 'ON_TIME', 0, 0, true, true, W2max),
  r('u3', 'W2', 1, 9, 'ON_TIME', 0, 0, true, true, W2max),
];

// Spec §11.2.
const STREAM: Row[] = [
  r('u1', 'W1', 2, 35, 'ON_TIME', 0, 0, true, false, W1max), // step 4
  r('u2', 'W1', 1, 8, 'ON_TIME', 0, 0, true, false, W1max), // step 4
  r('u1', 'W2', 1, -5, 'ON_TIME', 0, 0, true, false, W2max), // step 8
  r('u2', 'W2', 1, 12, 'ON_TIME', 0, 0, true, false, W2max), // step 8
  r('u3', 'W2', 1, 9, 'ON_TIME', 0, 0, true, false, W2max), // step 8
  r('u2', 'W1', 2, 11, 'LATE', 1, 1, false, true, W1max), // step 9
];

// Spec §11.3, variant B.
const VARIANT_B: Row[] = [
  r('u1', 'W1', 2, 35, 'ON_TIME', 0, 0, true, false, W1max), // step 4
  r('u2', 'W1', 1, 8, 'ON_TIME', 0, 0, true, false, W1max), // step 4
  r('u1', 'W2', 1, -5, 'EARLY', 0, -1, true, false, W2max), // step 6
  r('u2', 'W2', 1, 12, 'EARLY', 0, -1, true, false, W2max), // step 6
  r('u3', 'W2', 1, 9, 'EARLY', 0, -1, true, false, W2max), // step 6
  r('u1', 'W2', 1, -5, 'ON_TIME', 1, 0, false, false, W2max), // step 8 (empty, FIRE_ALWAYS)
  r('u2', 'W2', 1, 12, 'ON_TIME', 1, 0, false, false, W2max), // step 8
  r('u3', 'W2', 1, 9, 'ON_TIME', 1, 0, false, false, W2max), // step 8
  r('u2', 'W1', 2, 11, 'LATE', 1, 1, false, true, W1max), // step 9
];

// Spec §11.3, variant C.
const VARIANT_C: Row[] = [
  r('u1', 'W1', 2, 35, 'ON_TIME', 0, 0, true, false, W1max), // step 4
  r('u2', 'W1', 1, 8, 'ON_TIME', 0, 0, true, false, W1max), // step 4
  r('u2', 'W1', 2, 11, 'LATE', 1, 1, false, false, W1max), // step 7b
  r('u1', 'W2', 1, -5, 'EARLY', 0, -1, true, false, W2max), // step 7b
  r('u2', 'W2', 1, 12, 'EARLY', 0, -1, true, false, W2max), // step 7b
  r('u3', 'W2', 1, 9, 'EARLY', 0, -1, true, false, W2max), // step 7b
  r('u1', 'W2', 1, -5, 'ON_TIME', 1, 0, false, false, W2max), // step 8
  r('u2', 'W2', 1, 12, 'ON_TIME', 1, 0, false, false, W2max), // step 8
  r('u3', 'W2', 1, 9, 'ON_TIME', 1, 0, false, false, W2max), // step 8
];

/** Marble values for the rows above: a, b, c, ... in table order. */
function lettered(rows: readonly Row[]): Record<string, Row> {
  return Object.fromEntries(rows.map((row, i) => [String.fromCharCode(97 + i), row]));
}

describe('windowedUserAgg', () => {
  it('should emit the spec §11.1 batch panes for the bounded input, synchronously and in window order', () => {
    const { values, error, completed } = collect(from(seedBatchEvents()).pipe(windowedUserAgg(), toRecords(), map(rowOf)));

    expect(error).toBeUndefined();
    expect(completed).toBe(true);
    expect(values).toStrictEqual(BATCH);
  });

  it('should emit the spec §11.2 stream panes', () => {
    const clock = new VirtualTimeScheduler();
    const { values, error, completed } = collect(
      seedStreamScript(SEED_T0, clock).pipe(windowedUserAgg(), toRecords(), map(rowOf)),
      () => clock.flush(),
    );

    expect(error).toBeUndefined();
    expect(completed).toBe(true);
    expect(values).toStrictEqual(STREAM);
  });

  it('should emit the stream panes at the virtual frames of their steps (step 4 at 5000, steps 8 and 9 at 10000)', () => {
    newTestScheduler().run(({ expectObservable }) => {
      const records = seedStreamScript().pipe(windowedUserAgg(), toRecords(), map(rowOf));

      expectObservable(records).toBe('5000ms (ab) 4996ms (cdef|)', lettered(STREAM));
    });
  });

  it('should emit each step of the stream as one batch of panes followed by the output watermark', () => {
    const [p1, p2, p3, p4, p5, p6] = STREAM;

    expect(timeline(() => seedStreamScript().pipe(windowedUserAgg()))).toStrictEqual([
      [0, { processingTime: 0 }],
      [0, { watermark: t0 }], //                            step 1
      [5_000, { processingTime: 5_000 }], //                step 3
      [5_000, { panes: [p1, p2] }], //                      step 4
      [5_000, { watermark: t0 + 61_000 }],
      [10_000, { processingTime: 10_000 }], //              step 6
      [10_000, { panes: [p3, p4, p5] }], //                 step 8
      [10_000, { watermark: t0 + 121_000 }],
      [10_000, { panes: [p6] }], //                         step 9
      [10_000, { watermark: Infinity }],
    ]);
  });

  it('should emit the spec §11.3 variant B panes, the EARLY W2 panes at processing time 16000', () => {
    newTestScheduler().run(({ expectObservable }) => {
      const records = variantB().pipe(windowedUserAgg(), toRecords(), map(rowOf));

      expectObservable(records).toBe('5000ms (ab) 10996ms (cdefghi|)', lettered(VARIANT_B));
    });
  });

  it('should keep the variant B steps apart: EARLY panes at step 6, empty ON_TIME panes at step 8, the final pane at step 9', () => {
    const [p1, p2, e1, e2, e3, o1, o2, o3, last] = VARIANT_B;

    expect(timeline(() => variantB().pipe(windowedUserAgg()))).toStrictEqual([
      [0, { processingTime: 0 }],
      [0, { watermark: t0 }],
      [5_000, { processingTime: 5_000 }],
      [5_000, { panes: [p1, p2] }],
      [5_000, { watermark: t0 + 61_000 }],
      [16_000, { processingTime: 16_000 }],
      [16_000, { panes: [e1, e2, e3] }], //   step 6: the W2 deadlines (15 000) have passed
      [16_000, { panes: [o1, o2, o3] }], //   step 8: OWs = t0+119 999, so ON_TIME
      [16_000, { watermark: t0 + 121_000 }],
      [16_000, { panes: [last] }], //         step 9
      [16_000, { watermark: Infinity }],
    ]);
  });

  it('should emit the spec §11.3 variant C panes, the late u2/W1 update first at processing time 21000', () => {
    newTestScheduler().run(({ expectObservable }) => {
      const records = variantC().pipe(windowedUserAgg(), toRecords(), map(rowOf));

      expectObservable(records).toBe('5000ms (ab) 15996ms (cdefghi|)', lettered(VARIANT_C));
    });
  });

  it('should end variant C without a pane with isLast, and without a final garbage-collection pane', () => {
    const [p1, p2, l1, e1, e2, e3, o1, o2, o3] = VARIANT_C;

    expect(timeline(() => variantC().pipe(windowedUserAgg()))).toStrictEqual([
      [0, { processingTime: 0 }],
      [0, { watermark: t0 }],
      [5_000, { processingTime: 5_000 }],
      [5_000, { panes: [p1, p2] }],
      [5_000, { watermark: t0 + 61_000 }],
      [10_000, { processingTime: 10_000 }],
      [21_000, { processingTime: 21_000 }],
      [21_000, { panes: [l1, e1, e2, e3] }], //  step 7b: late deadline 20 000, early deadlines 15 000
      [21_000, { panes: [o1, o2, o3] }], //      step 8
      [21_000, { watermark: t0 + 121_000 }],
      [21_000, { watermark: Infinity }], //       step 9: every window is empty
    ]);
  });

  it('should give in batch the values of the last stream pane of every user and window', () => {
    const clock = new VirtualTimeScheduler();
    const stream = collect(seedStreamScript(SEED_T0, clock).pipe(windowedUserAgg(), toRecords(), map(rowOf)), () => clock.flush());
    const batch = collect(from(seedBatchEvents()).pipe(windowedUserAgg(), toRecords(), map(rowOf)));

    const finalValues = new Map<string, { count: number; sum: number }>();
    for (const row of stream.values) finalValues.set(`${row.user}/${row.window}`, { count: row.count, sum: row.sum });
    const batchValues = new Map(batch.values.map((row) => [`${row.user}/${row.window}`, { count: row.count, sum: row.sum }]));

    expect(batchValues).toStrictEqual(finalValues);
    expect([...batchValues.keys()].sort()).toStrictEqual(['u1/W1', 'u1/W2', 'u2/W1', 'u2/W2', 'u3/W2']);
  });

  it('should use one operator value for the bounded array and the stream script', () => {
    const agg = windowedUserAgg();
    const clock = new VirtualTimeScheduler();

    const batch = collect(from(seedBatchEvents()).pipe(agg, toRecords(), map(rowOf)));
    const stream = collect(seedStreamScript(SEED_T0, clock).pipe(agg, toRecords(), map(rowOf)), () => clock.flush());
    const batchAgain = collect(from(seedBatchEvents()).pipe(agg, toRecords(), map(rowOf)));

    expect(batch.values).toStrictEqual(BATCH);
    expect(stream.values).toStrictEqual(STREAM);
    expect(batchAgain.values).toStrictEqual(BATCH);
  });

  it('should keep the state of two concurrent subscriptions to the same operator apart', () => {
    const agg = windowedUserAgg();
    newTestScheduler().run(({ expectObservable }) => {
      const first = seedStreamScript().pipe(agg, toRecords(), map(rowOf));
      const second = variantB().pipe(agg, toRecords(), map(rowOf));

      expectObservable(first).toBe('5000ms (ab) 4996ms (cdef|)', lettered(STREAM));
      expectObservable(second).toBe('5000ms (ab) 10996ms (cdefghi|)', lettered(VARIANT_B));
    });
  });

  it('should name the offending event when an event time is not a number of seconds', () => {
    const bad = { user_id: 'u9', event_type: 'purchase', amount: 1, event_time: Number.NaN };
    const { error } = collect(from([...seedBatchEvents(), bad]).pipe(windowedUserAgg()));

    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('windowedUserAgg');
    expect((error as Error).message).toContain('event time must be finite, got NaN');
    expect((error as Error).message).toContain('"user_id":"u9"');
  });
});
