// Variant B of the seed stream (spec §11.3): processing time advances 11 s instead of 5 s before the late
// element, so the early deadlines of the second window (10 s after its first elements) pass first.
import { tap, VirtualTimeScheduler } from 'rxjs';
import { seconds, testStream, timestamped } from '../../src/index.js';
import { perUserPerMinute, purchases, row, t0, type Purchase } from './seedPipeline.js';

export function seedStreamVariantB(): string[] {
  const [a, b, c, d, e, f, late] = purchases.map((p) => timestamped(p, p.at));
  const clock = new VirtualTimeScheduler();
  const script = testStream<Purchase>({ scheduler: clock })
    .advanceWatermarkTo(t0)
    .addElements(a!, b!, c!)
    .advanceProcessingTime(seconds(5))
    .advanceWatermarkTo(t0 + seconds(61))
    .addElements(d!, e!, f!) //                    at PT 5 s: early deadlines 15 s
    .advanceProcessingTime(seconds(11)) //         PT 16 s > 15 s: EARLY panes
    .addElements(late!)
    .advanceWatermarkTo(t0 + seconds(121))
    .advanceWatermarkToInfinity();

  // Each script step is one event, processed to quiescence before the next: count them to label the panes.
  // Step 0 is the script's start (processing time 0).
  let step = -1;
  const rows: string[] = [];
  perUserPerMinute(script.pipe(tap(() => step++))).subscribe((r) => rows.push(`${step} | ${clock.now()} | ${row(r)}`));
  clock.flush();
  return rows;
}
