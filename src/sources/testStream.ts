/**
 * A scripted unbounded source with Beam TestStream's verbs (spec §9). The script says exactly when elements
 * arrive, when the watermark moves and when processing time advances, so late and out-of-order data can be
 * tested deterministically. Processing time is the script's own clock, starting at 0, carried in the stream
 * to the groupings downstream; the steps are paced on a scheduler (by default `asyncScheduler`, virtual inside
 * `TestScheduler.run()`), so marble diagrams show panes at the processing time they fire.
 */
import { asyncScheduler, Observable, type SchedulerLike, type Subscriber } from 'rxjs';
import {
  ElementsEvent,
  ProcessingTimeEvent,
  WatermarkEvent,
  type DataflowEvent,
} from '../events/dataflowEvent.js';
import { TimestampedValue, type WindowedValue } from '../events/windowedValue.js';
import { MAX_TIMESTAMP, MIN_TIMESTAMP, formatTime, invalidTimestampReason } from '../time/constants.js';
import { describeValue } from '../core/errors.js';

/** One step of a test stream script. */
export type TestStreamStep<T> =
  | { readonly kind: 'addElements'; readonly elements: readonly WindowedValue<T>[] }
  | { readonly kind: 'advanceWatermarkTo'; readonly watermark: number }
  | { readonly kind: 'advanceProcessingTime'; readonly delta: number; readonly processingTime: number }
  | { readonly kind: 'advanceWatermarkToInfinity' };

/** Options of {@link testStream}. */
export interface TestStreamOptions {
  /** Paces the script's processing-time advances (default `asyncScheduler`). */
  readonly scheduler?: SchedulerLike;
}

interface ScriptState {
  readonly watermark: number;
  readonly processingTime: number;
  readonly ended: boolean;
}

/**
 * An immutable script of elements, watermarks and processing-time advances, and the Observable that plays it.
 * Each verb returns a new script; subscribing plays it from the start.
 */
export class TestStream<T> extends Observable<DataflowEvent<T>> {
  private constructor(
    /** The script's steps, in order. */
    readonly steps: readonly TestStreamStep<T>[],
    private readonly state: ScriptState,
    private readonly scheduler: SchedulerLike,
  ) {
    super((subscriber) => play(steps, scheduler, subscriber));
  }

  /** @internal */
  static begin<T>(options: TestStreamOptions): TestStream<T> {
    return new TestStream<T>([], { watermark: -Infinity, processingTime: 0, ended: false }, options.scheduler ?? asyncScheduler);
  }

  /** The same script, played on `scheduler`. */
  withScheduler(scheduler: SchedulerLike): TestStream<T> {
    return new TestStream<T>(this.steps, this.state, scheduler);
  }

  /** The script's watermark after its last step. */
  get currentWatermark(): number {
    return this.state.watermark;
  }

  /** The script's processing time after its last step. */
  get currentProcessingTime(): number {
    return this.state.processingTime;
  }

  /**
   * Adds a batch of elements, processed as one step at the current processing time. Give event times with
   * `timestamped(value, ts)`; a plain value gets the current watermark as its timestamp. Timestamps may be
   * behind the watermark: that is how late data is scripted.
   */
  addElements(...elements: Array<T | TimestampedValue<T>>): TestStream<T> {
    this.checkOpen('addElements');
    const wm = this.state.watermark;
    const items = elements.map((e): WindowedValue<T> => {
      if (e instanceof TimestampedValue) {
        const reason = invalidTimestampReason(e.timestamp);
        if (reason !== undefined) throw new RangeError(`testStream.addElements: element ${describeValue(e.value)}: ${reason}`);
        return e;
      }
      return new TimestampedValue(e as T, wm === -Infinity ? MIN_TIMESTAMP : wm);
    });
    return this.next({ kind: 'addElements', elements: items }, this.state);
  }

  /** Advances the watermark to `watermark` (finite, not behind the current one). */
  advanceWatermarkTo(watermark: number): TestStream<T> {
    this.checkOpen('advanceWatermarkTo');
    if (typeof watermark !== 'number' || !Number.isFinite(watermark)) {
      throw new RangeError(`testStream.advanceWatermarkTo(${String(watermark)}): the watermark must be a finite number of ms; use advanceWatermarkToInfinity() to end the stream`);
    }
    if (watermark < this.state.watermark) {
      throw new RangeError(
        `testStream.advanceWatermarkTo(${formatTime(watermark)}): the watermark cannot move backwards (it is at ${formatTime(this.state.watermark)})`,
      );
    }
    if (watermark >= MAX_TIMESTAMP) throw new RangeError(`testStream.advanceWatermarkTo(${watermark}): beyond MAX_TIMESTAMP`);
    return this.next({ kind: 'advanceWatermarkTo', watermark }, { ...this.state, watermark });
  }

  /** Advances processing time by `delta` ms (`> 0`). */
  advanceProcessingTime(delta: number): TestStream<T> {
    this.checkOpen('advanceProcessingTime');
    if (typeof delta !== 'number' || !Number.isFinite(delta) || delta <= 0) {
      throw new RangeError(`testStream.advanceProcessingTime(${String(delta)}): the advance must be a positive number of ms`);
    }
    const processingTime = this.state.processingTime + delta;
    return this.next({ kind: 'advanceProcessingTime', delta, processingTime }, { ...this.state, processingTime });
  }

  /** Advances the watermark to `+Infinity` and ends the stream; no step may follow. */
  advanceWatermarkToInfinity(): TestStream<T> {
    this.checkOpen('advanceWatermarkToInfinity');
    return this.next({ kind: 'advanceWatermarkToInfinity' }, { ...this.state, watermark: Infinity, ended: true });
  }

  private next(step: TestStreamStep<T>, state: ScriptState): TestStream<T> {
    return new TestStream<T>([...this.steps, step], state, this.scheduler);
  }

  private checkOpen(verb: string): void {
    if (this.state.ended) {
      throw new Error(`testStream.${verb}: the script already ended with advanceWatermarkToInfinity(); no step may follow`);
    }
  }
}

/** Plays a script: each step runs to completion; a processing-time advance waits on the scheduler. */
function play<T>(steps: readonly TestStreamStep<T>[], scheduler: SchedulerLike, subscriber: Subscriber<DataflowEvent<T>>) {
  let i = 0;
  const run = (): void => {
    while (i < steps.length && !subscriber.closed) {
      const step = steps[i++]!;
      switch (step.kind) {
        case 'addElements':
          subscriber.next(new ElementsEvent(step.elements));
          break;
        case 'advanceWatermarkTo':
          subscriber.next(new WatermarkEvent(step.watermark));
          break;
        case 'advanceWatermarkToInfinity':
          subscriber.next(new WatermarkEvent(Infinity));
          subscriber.complete();
          return;
        case 'advanceProcessingTime':
          subscriber.add(
            scheduler.schedule(() => {
              subscriber.next(new ProcessingTimeEvent(step.processingTime));
              run();
            }, step.delta),
          );
          return;
      }
    }
  };
  // Start on the scheduler, not during subscribe, so every subscriber of a shared script sees every step.
  subscriber.add(
    scheduler.schedule(() => {
      subscriber.next(new ProcessingTimeEvent(0));
      run();
    }),
  );
}

/**
 * Starts a scripted stream (Beam's `TestStream`): chain `addElements`, `advanceWatermarkTo`,
 * `advanceProcessingTime` and `advanceWatermarkToInfinity`, then pipe it into the same operators as any
 * other input.
 *
 * @example
 * ```ts
 * import { testStream, timestamped, seconds } from 'rxjs-dataflow';
 * const t0 = Date.UTC(2026, 0, 1);
 * const script = testStream<{ user_id: string; amount: number; event_time: number }>()
 *   .advanceWatermarkTo(t0)
 *   .addElements(timestamped({ user_id: 'u1', amount: 20, event_time: t0 / 1000 + 5 }, t0 + 5_000))
 *   .advanceProcessingTime(seconds(5))
 *   .advanceWatermarkTo(t0 + seconds(61))
 *   .advanceWatermarkToInfinity();
 * ```
 */
export function testStream<T>(options: TestStreamOptions = {}): TestStream<T> {
  return TestStream.begin<T>(options);
}
