// Allowed lateness, the other side: the same late u2 purchase (t0+50 s) arrives once more at the boundary
// (watermark t0+179 999 = gc(W1): kept) and once after it (watermark t0+180 s: dropped and counted).
import { VirtualTimeScheduler } from 'rxjs';
import { groupingHandle, seconds, testStream, timestamped, type DroppedElement } from '../../src/index.js';
import { perUserPerMinute, purchases, row, t0, type Purchase } from './seedPipeline.js';

function lateArrival(watermarkBeforeLateElement: number): { panes: string[]; dropped: string[]; counted: number } {
  const [a, b, c, , , , late] = purchases.map((p) => timestamped(p, p.at));
  const clock = new VirtualTimeScheduler();
  const script = testStream<Purchase>({ scheduler: clock })
    .advanceWatermarkTo(t0)
    .addElements(a!, b!, c!)
    .advanceWatermarkTo(watermarkBeforeLateElement)
    .addElements(late!)
    .advanceWatermarkToInfinity();

  const panes: string[] = [];
  const dropped: string[] = [];
  // Dropped data goes to the `lateData` side output (if given) and is counted in the grouping's metrics.
  const lateData = (d: DroppedElement<string, number>) =>
    dropped.push(`${d.key} ${d.value} at t0+${d.timestamp - t0}: ${d.reason} (watermark t0+${d.inputWatermark - t0})`);
  const handle = groupingHandle();
  perUserPerMinute(script, { lateData, handle }).subscribe((r) => panes.push(row(r)));
  clock.flush();
  return { panes, dropped, counted: handle.metrics().droppedDueToLateness };
}

/** gc(W1) = W1.max + allowed lateness = t0 + 59 999 + 120 000 = t0 + 179 999. */
const gcW1 = t0 + seconds(60) - 1 + seconds(120);

export function seedTooLate() {
  return {
    atGc: lateArrival(gcW1), //        watermark = gc(W1): not yet expired, the element makes a LATE pane
    afterGc: lateArrival(gcW1 + 1), // watermark > gc(W1): expired, the element is dropped and counted
  };
}
