// Variant C of the seed stream (spec §11.3): an extra 11 s of processing time right after the late element
// (PT 21 s) lets the late trigger fire a non-final LATE pane, and the W2 early deadlines pass too.
import { tap, VirtualTimeScheduler } from 'rxjs';
import { seconds, testStream, timestamped } from '../../src/index.js';
import { perUserPerMinute, purchases, row, t0, type Purchase } from './seedPipeline.js';

export function seedStreamVariantC(): string[] {
  const [a, b, c, d, e, f, late] = purchases.map((p) => timestamped(p, p.at));
  const clock = new VirtualTimeScheduler();
  const script = testStream<Purchase>({ scheduler: clock })
    .advanceWatermarkTo(t0) //                     step 1
    .addElements(a!, b!, c!) //                    step 2
    .advanceProcessingTime(seconds(5)) //          step 3
    .advanceWatermarkTo(t0 + seconds(61)) //       step 4
    .addElements(d!, e!, f!) //                    step 5: early deadlines 15 s
    .advanceProcessingTime(seconds(5)) //          step 6
    .addElements(late!) //                         step 7: late deadline 20 s
    .advanceProcessingTime(seconds(11)) //         step 8: PT 21 s
    .advanceWatermarkTo(t0 + seconds(121)) //      step 9
    .advanceWatermarkToInfinity(); //              step 10

  let step = -1;
  const rows: string[] = [];
  perUserPerMinute(script.pipe(tap(() => step++))).subscribe((r) => rows.push(`${step} | ${clock.now()} | ${row(r)}`));
  clock.flush();
  return rows;
}
