/**
 * The dataflow protocol: what travels between dataflow operators. A dataflow is an
 * `Observable<DataflowEvent<T>>` carrying, in order, an optional windowing strategy, batches of windowed
 * elements, watermarks and (from scripted sources) processing-time advances. Elements always come before a
 * watermark that would make them late (spec §1.2).
 */
import type { Observable } from 'rxjs';
import type { WindowingStrategy } from '../strategy/windowingStrategy.js';
import { formatTime } from '../time/constants.js';
import type { WindowedValue } from './windowedValue.js';

/** Brand shared by all dataflow events (a registered symbol, so it survives duplicate module copies). */
export const DATAFLOW_EVENT: unique symbol = Symbol.for('rxjs-dataflow.event') as never;

abstract class DataflowEventBase {
  get [DATAFLOW_EVENT](): true {
    return true;
  }
}

/**
 * A batch of elements processed as one step (Beam's bundle). A large step may be split into chunks: every
 * chunk but the last has `continues = true`, and groupings run their fire checks after the last one.
 */
export class ElementsEvent<T> extends DataflowEventBase {
  readonly kind = 'elements';
  constructor(
    readonly items: readonly WindowedValue<T>[],
    /** More chunks of the same step follow. */
    readonly continues = false,
  ) {
    super();
  }
}

/**
 * A watermark: no element with a timestamp before `time` is expected any more. `+Infinity` means the input
 * is complete.
 */
export class WatermarkEvent extends DataflowEventBase {
  readonly kind = 'watermark';
  constructor(readonly time: number) {
    super();
  }
  override toString(): string {
    return `watermark(${formatTime(this.time)})`;
  }
}

/** Processing time advanced to `time` (scripted sources drive processing time this way). */
export class ProcessingTimeEvent extends DataflowEventBase {
  readonly kind = 'processingTime';
  constructor(readonly time: number) {
    super();
  }
}

/** The windowing strategy of the elements that follow. */
export class StrategyEvent extends DataflowEventBase {
  readonly kind = 'strategy';
  constructor(readonly strategy: WindowingStrategy) {
    super();
  }
}

/** Anything that travels in a dataflow. */
export type DataflowEvent<T> = ElementsEvent<T> | WatermarkEvent | ProcessingTimeEvent | StrategyEvent;

/** A stream of dataflow events: the type dataflow operators consume and produce. */
export type Dataflow<T> = Observable<DataflowEvent<T>>;

/** Whether `x` is a dataflow event (rather than a plain value). */
export function isDataflowEvent(x: unknown): x is DataflowEvent<unknown> {
  return typeof x === 'object' && x !== null && (x as { [DATAFLOW_EVENT]?: true })[DATAFLOW_EVENT] === true;
}

/**
 * A watermark marker: put it in a plain stream to say that no element before `time` will come. Use it to
 * script watermarks in marble tests: `hot('a-b-W-c', { W: watermark(t0 + 61_000), ... })`.
 *
 * @param time ms since the epoch; `Infinity` ends the input
 * @example
 * ```ts
 * import { watermark } from 'rxjs-dataflow';
 * const w = watermark(Date.UTC(2026, 0, 1, 0, 1, 1));
 * ```
 */
export function watermark(time: number): WatermarkEvent {
  if (typeof time !== 'number' || Number.isNaN(time) || time === -Infinity) {
    throw new RangeError(`watermark: time must be a number of ms or +Infinity, got ${String(time)}`);
  }
  return new WatermarkEvent(time);
}

/** A batch of elements as one dataflow event. */
export function elements<T>(items: readonly WindowedValue<T>[]): ElementsEvent<T> {
  return new ElementsEvent(items);
}
