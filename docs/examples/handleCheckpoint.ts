// Checkpointing: run the seed stream (spec §11.3, variant C) up to a point, save the grouping's state as
// JSON, and run the rest in a new pipeline that starts from the saved state. The panes of the two runs,
// one after the other, are those of an uninterrupted run: none is lost, none is repeated.
import { from, VirtualTimeScheduler } from 'rxjs';
import {
  combinePerKey,
  fixedWindows,
  groupingHandle,
  mapElements,
  seconds,
  sum,
  testStream,
  timestamped,
  windowInto,
  withTimestamps,
  type GroupingHandle,
  type TestStream,
} from '../../src/index.js';
import { collectDataflow } from '../../src/testing/index.js';
import { perUserPerMinute, purchases, row, t0, type Purchase } from './seedPipeline.js';

const [a, b, c, d, e, f, late] = purchases.map((p) => timestamped(p, p.at));

/** Plays `script` through the seed pipeline with `handle`; returns the panes as table rows. */
function play(script: TestStream<Purchase>, handle: GroupingHandle): { panes: string[]; stop: () => void } {
  const clock = new VirtualTimeScheduler();
  const panes: string[] = [];
  const subscription = perUserPerMinute(script.withScheduler(clock), { handle }).subscribe((r) => panes.push(row(r)));
  clock.flush();
  return { panes, stop: () => subscription.unsubscribe() };
}

/** Steps 1-7 of the seed stream: the late u2 purchase has arrived at PT 10 s; nothing has fired for it yet. */
const firstPart = testStream<Purchase>()
  .advanceWatermarkTo(t0)
  .addElements(a!, b!, c!)
  .advanceProcessingTime(seconds(5))
  .advanceWatermarkTo(t0 + seconds(61))
  .addElements(d!, e!, f!)
  .advanceProcessingTime(seconds(5))
  .addElements(late!);

export function handleCheckpoint() {
  // The uninterrupted run: processing time goes on to 21 s, then the watermark to t0+121 s and to the end.
  const wholeScript = firstPart
    .advanceProcessingTime(seconds(11))
    .advanceWatermarkTo(t0 + seconds(121))
    .advanceWatermarkToInfinity();
  const whole = play(wholeScript, groupingHandle());

  // Run 1 stops after step 7 and saves its state; take the snapshot while the grouping runs.
  const handle1 = groupingHandle();
  const run1 = play(firstPart, handle1);
  const saved = JSON.stringify(handle1.snapshot());
  const atCheckpoint = handle1.metrics();
  run1.stop();

  // Run 2, a new pipeline, starts from the saved state. Its script's clock starts at 0 again, but processing
  // time never goes back: the restored grouping stays at 10 s until the script reaches 21 s.
  const handle2 = groupingHandle(JSON.parse(saved));
  const rest = testStream<Purchase>()
    .advanceProcessingTime(seconds(21))
    .advanceWatermarkTo(t0 + seconds(121))
    .advanceWatermarkToInfinity();
  const run2 = play(rest, handle2);

  const { liveKeys, liveWindows, processingTime } = atCheckpoint;
  // The counters are part of the state: run 2's handle counts the panes of both runs.
  const { panesEarly, panesOnTime, panesLate } = handle2.metrics();
  return {
    uninterrupted: whole.panes,
    resumed: [...run1.panes, ...run2.panes],
    run1: run1.panes.length,
    atCheckpoint: { liveKeys, liveWindows, processingTime },
    counted: { panesEarly, panesOnTime, panesLate },
  };
}

/** A snapshot belongs to its windowing strategy: restoring it into a grouping with another one fails. */
export function restoreUnderAnotherStrategy(): unknown {
  const handle = groupingHandle();
  const run = play(firstPart, handle);
  const saved = JSON.stringify(handle.snapshot());
  run.stop();
  const { error } = collectDataflow(
    from<Purchase[]>([]).pipe(
      withTimestamps((p: Purchase) => p.at),
      windowInto({ windowFn: fixedWindows(seconds(60)) }),
      mapElements((p: Purchase) => [p.user, p.amount] as const),
      combinePerKey(sum(), { handle: groupingHandle(JSON.parse(saved)) }),
    ),
  );
  return error;
}
