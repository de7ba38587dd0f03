// Seeing what happened: `traceDataflow(script, operator)` (from 'rxjs-dataflow/testing') plays a script on a
// virtual clock and prints every input step and every output pane and watermark as a table, by processing
// time. Event times print as hh:mm:ss.mmm since the epoch. Here: a sum per sensor in 60 s windows with 30 s
// of allowed lateness, a late element that is kept and one that is dropped (it appears only as input).
import { pipe } from 'rxjs';
import { combinePerKey, fixedWindows, seconds, sum, testStream, timestamped, windowInto } from '../../src/index.js';
import type { KV } from '../../src/index.js';
import { traceDataflow } from '../../src/testing/index.js';

export function traceLate(): string {
  const script = testStream<KV<string, number>>()
    .addElements(timestamped(['s1', 1] as const, seconds(10)), timestamped(['s1', 4] as const, seconds(15)))
    .advanceProcessingTime(seconds(1))
    .advanceWatermarkTo(seconds(60)) //                           the ON_TIME pane
    .advanceProcessingTime(seconds(1))
    .addElements(timestamped(['s1', 2] as const, seconds(20))) // late, kept: a LATE pane at once
    .advanceWatermarkTo(seconds(90)) //                           passes gc = 59 999 + 30 000: the window expires
    .addElements(timestamped(['s1', 3] as const, seconds(30))) // expired: dropped, no output
    .advanceWatermarkToInfinity();
  const sums = pipe(
    windowInto<KV<string, number>>({ windowFn: fixedWindows(seconds(60)), allowedLateness: seconds(30) }),
    combinePerKey(sum()),
  );
  return traceDataflow(script, sums).toString();
}
