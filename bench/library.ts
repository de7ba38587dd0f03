/**
 * The library side of the benchmark: the scenarios' pipelines built from the public operators, fed the way
 * real code feeds them.
 *
 * - `bounded`: `from(events)`: a bounded input, delivered synchronously while subscribing, which
 *   `withTimestamps` turns into one element batch followed by the final watermark.
 * - `per-element`: a live source (a pushed Observable, like `fromEvent`) emitting every event on its own,
 *   with `ProcessingTimeEvent`s and `watermark()` markers every {@link TICK} events.
 * - `batch-1000`: the same live source emitting `elements([...])` batches of {@link TICK} timestamped
 *   values (pre-built outside the timed region), then the processing-time advance and the watermark.
 *
 * Processing time is scripted in the stream (a `ProcessingTimeEvent(0)` first, then +1 s per tick), so the
 * early/late processing-time triggers fire deterministically and no real timer is ever scheduled.
 */
import { from, Observable, type OperatorFunction, type Subscriber } from 'rxjs';
import {
  afterProcessingTime,
  afterWatermark,
  combinePerKey,
  composeCombineFns,
  count,
  elements,
  fixedWindows,
  mapElements,
  ProcessingTimeEvent,
  seconds,
  sessions,
  slidingWindows,
  sum,
  timestamped,
  watermark,
  windowInto,
  withTimestamps,
  type DataflowEvent,
  type WindowedValue,
  type WindowFn,
} from '../src/index.js';
import { PT_PER_TICK, TICK, watermarkAfterTick, type Ev } from './workload.js';

export type Delivery = 'bounded' | 'per-element' | 'batch-1000';
export type WindowKind = 'fixed' | 'sliding' | 'sessions';

/** What a scenario's pipeline looks like. */
export interface PipelineSpec {
  readonly window: WindowKind;
  /** The seed's trigger (early/late after 10 s of processing time, accumulating, 120 s lateness); else the default trigger. */
  readonly seedTrigger: boolean;
}

export type Agg = { count: number; sum: number };
export type LibPane = WindowedValue<readonly [string, Agg]>;

export interface LibResult {
  readonly panes: LibPane[];
  readonly dropped: number;
}

export const WINDOW_SIZE = seconds(60);
export const SLIDE_PERIOD = seconds(10);
export const SESSION_GAP = seconds(30);
export const ALLOWED_LATENESS = seconds(120);
export const TRIGGER_DELAY = seconds(10);

function windowFnOf(kind: WindowKind): WindowFn {
  switch (kind) {
    case 'fixed':
      return fixedWindows(WINDOW_SIZE);
    case 'sliding':
      return slidingWindows(WINDOW_SIZE, SLIDE_PERIOD);
    case 'sessions':
      return sessions(SESSION_GAP);
  }
}

/** The pipeline, from raw events (and markers) to `[user, {count, sum}]` panes. */
export function pipeline(
  spec: PipelineSpec,
  onDrop: () => void,
): OperatorFunction<unknown, DataflowEvent<readonly [string, Agg]>> {
  const windowFn = windowFnOf(spec.window);
  const strategy = spec.seedTrigger
    ? {
        windowFn,
        trigger: afterWatermark({ early: afterProcessingTime(TRIGGER_DELAY), late: afterProcessingTime(TRIGGER_DELAY) }),
        accumulation: 'accumulating' as const,
        allowedLateness: ALLOWED_LATENESS,
      }
    : { windowFn };
  return (source) =>
    (source as Observable<Ev>).pipe(
      withTimestamps((e: Ev) => e.ts),
      windowInto<Ev>(strategy),
      mapElements((e: Ev) => [e.user, e.amount] as const),
      combinePerKey(composeCombineFns({ count: count(), sum: sum() }), { lateData: onDrop }),
    ) as Observable<DataflowEvent<readonly [string, Agg]>>;
}

/** Pre-built `timestamped` batches of TICK events, for the `batch-1000` delivery. */
export function buildBatches(events: readonly Ev[]): WindowedValue<Ev>[][] {
  const batches: WindowedValue<Ev>[][] = [];
  for (let i = 0; i < events.length; i += TICK) {
    const end = Math.min(i + TICK, events.length);
    const b = new Array<WindowedValue<Ev>>(end - i);
    for (let j = i; j < end; j++) b[j - i] = timestamped(events[j]!, events[j]!.ts);
    batches.push(b);
  }
  return batches;
}

/**
 * Runs one library pass synchronously and returns every pane it emitted. Throws if the pipeline errors or
 * does not complete synchronously.
 */
export function runLibrary(
  spec: PipelineSpec,
  delivery: Delivery,
  events: readonly Ev[],
  batches?: readonly WindowedValue<Ev>[][],
): LibResult {
  let dropped = 0;
  const panes: LibPane[] = [];
  let failure: unknown;
  let completed = false;
  const observer = {
    next: (ev: DataflowEvent<readonly [string, Agg]>) => {
      if (ev.kind === 'elements') {
        const items = ev.items;
        for (let i = 0; i < items.length; i++) panes.push(items[i]!);
      }
    },
    error: (err: unknown) => {
      failure = err;
    },
    complete: () => {
      completed = true;
    },
  };
  const op = pipeline(spec, () => {
    dropped++;
  });

  if (delivery === 'bounded') {
    from(events).pipe(op).subscribe(observer);
  } else {
    // A live source: values are pushed after subscription, one `next` per event or per batch.
    let sink: Subscriber<unknown> | undefined;
    const source = new Observable<unknown>((s) => {
      sink = s;
    });
    const subscription = source.pipe(op).subscribe(observer);
    const s = sink!;
    s.next(new ProcessingTimeEvent(0));
    let ticks = 0;
    if (delivery === 'per-element') {
      const n = events.length;
      for (let i = 0; i < n; i++) {
        s.next(events[i]!);
        if ((i + 1) % TICK === 0 || i + 1 === n) {
          ticks++;
          s.next(new ProcessingTimeEvent(ticks * PT_PER_TICK));
          s.next(watermark(watermarkAfterTick(ticks)));
        }
      }
    } else {
      const bs = batches ?? buildBatches(events);
      for (let k = 0; k < bs.length; k++) {
        s.next(elements(bs[k]!));
        ticks++;
        s.next(new ProcessingTimeEvent(ticks * PT_PER_TICK));
        s.next(watermark(watermarkAfterTick(ticks)));
      }
    }
    s.complete();
    subscription.unsubscribe();
  }
  if (failure !== undefined) throw failure;
  if (!completed) throw new Error('library pipeline did not complete synchronously');
  return { panes, dropped };
}
