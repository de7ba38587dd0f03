// Late data as a pair of scripts that differ only in how far the watermark has moved when the late element
// arrives, collected as exact pane lists with `collectDataflow` (from 'rxjs-dataflow/testing'): value,
// window, timestamp and PaneInfo fields of every pane, in order, plus the watermarks.
import { from, VirtualTimeScheduler, type Observable } from 'rxjs';
import {
  combinePerKey,
  defaultTrigger,
  fixedWindows,
  mapElements,
  seconds,
  sum,
  testStream,
  timestamped,
  windowInto,
  withTimestamps,
  type DataflowEvent,
  type WatermarkEvent,
} from '../../src/index.js';
import { collectDataflow } from '../../src/testing/index.js';

interface Reading {
  readonly sensor: string;
  readonly value: number;
  readonly at: number;
}

/** Sum per sensor and 60 s window, default trigger, 60 s allowed lateness. Dropped elements are counted. */
function sumPerSensor(input$: Observable<Reading | WatermarkEvent | DataflowEvent<Reading>>, drops: string[]) {
  return input$.pipe(
    withTimestamps((r: Reading) => r.at),
    windowInto({ windowFn: fixedWindows(seconds(60)), trigger: defaultTrigger(), allowedLateness: seconds(60) }),
    mapElements((r: Reading) => [r.sensor, r.value] as const),
    combinePerKey(sum(), { lateData: (d) => drops.push(`${d.key} ${d.value}: ${d.reason}`) }),
  );
}

/** The late reading (20 s, value 2) arrives when the watermark is at `watermarkThen`. */
function run(watermarkThen: number) {
  const clock = new VirtualTimeScheduler();
  const script = testStream<Reading>({ scheduler: clock })
    .addElements(timestamped({ sensor: 's1', value: 1, at: 10_000 }, 10_000))
    .advanceWatermarkTo(seconds(60)) //  the window [0s, 60s) fires ON_TIME
    .advanceWatermarkTo(watermarkThen)
    .addElements(timestamped({ sensor: 's1', value: 2, at: 20_000 }, 20_000)) // late
    .advanceWatermarkToInfinity();
  const drops: string[] = [];
  const { panes, watermarks } = collectDataflow(sumPerSensor(script, drops), { flush: () => clock.flush() });
  return { panes, watermarks, drops };
}

/** gc([0s, 60s)) = 59 999 + 60 000: at that watermark the late reading is kept, one ms later it is dropped. */
export function latePanes() {
  return { kept: run(119_999), dropped: run(120_000) };
}

/** The same pipeline on the same two readings as a bounded input: one ON_TIME pane, nothing is late. */
export function latePanesBatch() {
  const drops: string[] = [];
  const input = from([
    { sensor: 's1', value: 1, at: 10_000 },
    { sensor: 's1', value: 2, at: 20_000 },
  ]);
  return { ...collectDataflow(sumPerSensor(input, drops)), drops };
}
