// The seed example as a stream (spec §11.2): the same operator chain, fed by a script that moves the
// watermark and the processing-time clock, with the u2 purchase at t0+50 s arriving after the watermark
// passed t0+61 s.
import { tap, VirtualTimeScheduler } from 'rxjs';
import { seconds, testStream, timestamped } from '../../src/index.js';
import { perUserPerMinute, purchases, row, t0, type Purchase } from './seedPipeline.js';

export function seedStream(): string[] {
  const [a, b, c, d, e, f, late] = purchases.map((p) => timestamped(p, p.at));
  // A virtual clock paces the script's processing-time advances, so the run takes no real time.
  const clock = new VirtualTimeScheduler();
  const script = testStream<Purchase>({ scheduler: clock })
    .advanceWatermarkTo(t0) //                     step 1
    .addElements(a!, b!, c!) //                    step 2
    .advanceProcessingTime(seconds(5)) //          step 3
    .advanceWatermarkTo(t0 + seconds(61)) //       step 4
    .addElements(d!, e!, f!) //                    step 5
    .advanceProcessingTime(seconds(5)) //          step 6
    .addElements(late!) //                         step 7: late, but within the allowed lateness
    .advanceWatermarkTo(t0 + seconds(121)) //      step 8
    .advanceWatermarkToInfinity(); //              step 9

  // Each script step is one event, processed to quiescence before the next: count them to label the panes.
  // Step 0 is the script's start (processing time 0).
  let step = -1;
  const rows: string[] = [];
  perUserPerMinute(script.pipe(tap(() => step++))).subscribe((r) => rows.push(`${step} | ${clock.now()} | ${row(r)}`));
  clock.flush();
  return rows;
}
