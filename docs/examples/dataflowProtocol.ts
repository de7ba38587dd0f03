// What travels between dataflow operators: the windowing strategy, batches of elements, watermarks (and,
// from scripted sources, processing-time advances). A plain hot stream scripts watermarks with
// `watermark(t)` markers among its values.
import { Subject, tap } from 'rxjs';
import {
  afterProcessingTime,
  afterWatermark,
  combinePerKey,
  fixedWindows,
  formatStrategy,
  mapElements,
  seconds,
  sum,
  watermark,
  windowInto,
  withTimestamps,
  type DataflowEvent,
  type WatermarkEvent,
} from '../../src/index.js';

interface Visit {
  readonly page: string;
  readonly at: number; // event time, ms
}

const s = (t: number) => (Number.isFinite(t) ? `${t / 1000}s` : String(t));

function show(e: DataflowEvent<unknown>): string {
  switch (e.kind) {
    case 'strategy':
      return `strategy: ${formatStrategy(e.strategy)}`;
    case 'elements':
      return `elements: ${e.items.map((it) => `${JSON.stringify(it.value)}@${s(it.timestamp)} in ${it.windows.map((w) => `[${s(w.start)}, ${s(w.end)})`).join(' ')}`).join(', ')}`;
    case 'watermark':
      return `watermark: ${s(e.time)}`;
    case 'processingTime':
      return `processingTime: ${e.time}`;
  }
}

export function dataflowProtocol(): string[] {
  const log: string[] = [];
  const live = new Subject<Visit | WatermarkEvent>();
  live
    .pipe(
      withTimestamps((v: Visit) => v.at),
      windowInto({
        windowFn: fixedWindows(seconds(10)),
        trigger: afterWatermark({ late: afterProcessingTime(seconds(5)) }),
        accumulation: 'discarding',
        allowedLateness: seconds(30),
      }),
      tap((e) => log.push(`windowInto    → ${show(e)}`)),
      mapElements((v: Visit) => [v.page, 1] as const),
      combinePerKey(sum()),
      tap((e) => log.push(`combinePerKey → ${show(e)}`)),
    )
    .subscribe();

  live.next({ page: 'home', at: 1_000 });
  live.next({ page: 'home', at: 4_000 });
  live.next(watermark(seconds(10))); // nothing before 10 s will come any more
  live.next({ page: 'docs', at: 12_000 });
  live.complete(); // the input is complete: watermark +∞
  return log;
}
