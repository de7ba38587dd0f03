/**
 * Processing-time triggers: fire once processing time passes a deadline set by the first element of the pane
 * (spec §3.2). The deadline is mapped from the processing time of that element: plus a delay, aligned to a
 * grid, in the order given.
 */
import { checkDuration, floorMod } from '../time/duration.js';
import { Trigger, type TriggerContext, type TriggerNode } from './trigger.js';

/** A step that maps the first element's processing time to the deadline. */
export type TimestampMapper =
  | { readonly kind: 'delay'; readonly delay: number }
  | { readonly kind: 'alignTo'; readonly size: number; readonly offset: number };

function applyMapper(m: TimestampMapper, t: number): number {
  if (m.kind === 'delay') return t + m.delay;
  const r = floorMod(t - m.offset, m.size);
  return r === 0 ? t : t + m.size - r;
}

function formatMapper(m: TimestampMapper): string {
  return m.kind === 'delay' ? `delay=${m.delay}ms` : `alignTo=${m.size}ms${m.offset ? `@${m.offset}ms` : ''}`;
}

/** Shared rules of the two processing-time triggers: one deadline slot. */
abstract class DeadlineTrigger extends Trigger {
  readonly isOnce = true;
  override readonly slotInit = [NaN];

  protected abstract deadlineFor(processingTime: number): number;

  override onElement(node: TriggerNode, ctx: TriggerContext): void {
    // The first element of the pane sets the deadline; later ones do not move it.
    if (Number.isNaN(ctx.state[node.slot]!)) {
      const deadline = this.deadlineFor(ctx.processingTime);
      ctx.state[node.slot] = deadline;
      ctx.setProcessingTimer(deadline);
    }
  }

  override onMerge(node: TriggerNode, ctx: TriggerContext): void {
    const s = ctx.state;
    if (node.isFinished(s)) {
      s[node.slot] = NaN;
      return;
    }
    let earliest = NaN;
    for (const m of ctx.mergedStates) {
      const d = m[node.slot]!;
      if (!Number.isNaN(d) && !(d >= earliest)) earliest = d;
    }
    s[node.slot] = earliest;
    if (!Number.isNaN(earliest)) ctx.setProcessingTimer(earliest);
  }

  shouldFire(node: TriggerNode, ctx: TriggerContext): boolean {
    const deadline = ctx.state[node.slot]!;
    return ctx.processingTime > deadline;
  }

  onFire(node: TriggerNode, ctx: TriggerContext): void {
    ctx.state[node.slot] = NaN;
    node.setFinished(ctx.state, true);
  }

  override clear(node: TriggerNode, ctx: TriggerContext): void {
    ctx.state[node.slot] = NaN;
  }
}

/** Beam's `AfterProcessingTime.pastFirstElementInPane()` with its timestamp mappers. */
export class AfterProcessingTime extends DeadlineTrigger {
  readonly kind = 'AfterProcessingTime';

  constructor(readonly mappers: readonly TimestampMapper[] = []) {
    super();
  }

  /** The same trigger with a further delay of `delay` ms (Beam's `plusDelayOf`). */
  plusDelayOf(delay: number): AfterProcessingTime {
    checkDuration('afterProcessingTime', 'delay', delay);
    return new AfterProcessingTime([...this.mappers, { kind: 'delay', delay }]);
  }

  /** The same trigger with the deadline rounded up to a multiple of `size` ms (Beam's `alignedTo`). */
  alignedTo(size: number, offset = 0): AfterProcessingTime {
    checkDuration('afterProcessingTime', 'alignTo size', size, 1);
    checkDuration('afterProcessingTime', 'alignTo offset', offset);
    return new AfterProcessingTime([...this.mappers, { kind: 'alignTo', size, offset: floorMod(offset, size) }]);
  }

  protected deadlineFor(processingTime: number): number {
    let t = processingTime;
    for (const m of this.mappers) t = applyMapper(m, t);
    return t;
  }

  continuation(): Trigger {
    return new AfterSynchronizedProcessingTime();
  }

  toString(): string {
    return `AfterProcessingTime(${this.mappers.map(formatMapper).join(', ')})`;
  }
}

/**
 * Beam's `AfterSynchronizedProcessingTime`, produced only as the continuation of `AfterProcessingTime`: fires
 * at the first processing-time step after the pane's first element arrived.
 */
export class AfterSynchronizedProcessingTime extends DeadlineTrigger {
  readonly kind = 'AfterSynchronizedProcessingTime';

  protected deadlineFor(processingTime: number): number {
    return processingTime;
  }

  continuation(): Trigger {
    return this;
  }

  toString(): string {
    return 'AfterSynchronizedProcessingTime';
  }
}

/** Options of {@link afterProcessingTime}. */
export interface AfterProcessingTimeOptions {
  /** Milliseconds after the pane's first element. */
  delay?: number;
  /** Round the deadline up to a multiple of `size` ms (shifted by `offset`), applied after `delay`. */
  alignTo?: number | { size: number; offset?: number };
}

/**
 * Fires once processing time passes a deadline counted from the first element of the pane: `delay` ms later
 * (a number is the delay), optionally aligned to a grid. Strictly after: a clock that reaches the deadline
 * exactly does not fire it. Finishes after firing; wrap in {@link repeatedly}, or use it as the early or late
 * trigger of {@link afterWatermark}, to fire again.
 *
 * @example
 * ```ts
 * import { afterProcessingTime, seconds } from 'rxjs-dataflow';
 * afterProcessingTime(seconds(10)).toString(); // 'AfterProcessingTime(delay=10000ms)'
 * afterProcessingTime({ alignTo: seconds(5) });
 * ```
 */
export function afterProcessingTime(options: number | AfterProcessingTimeOptions = {}): AfterProcessingTime {
  const opts: AfterProcessingTimeOptions = typeof options === 'number' ? { delay: options } : options;
  let t = new AfterProcessingTime();
  if (opts.delay !== undefined) t = t.plusDelayOf(opts.delay);
  if (opts.alignTo !== undefined) {
    const a = typeof opts.alignTo === 'number' ? { size: opts.alignTo } : opts.alignTo;
    t = t.alignedTo(a.size, a.offset ?? 0);
  }
  return t;
}

/** The continuation of a processing-time trigger; see {@link AfterSynchronizedProcessingTime}. */
export function afterSynchronizedProcessingTime(): AfterSynchronizedProcessingTime {
  return new AfterSynchronizedProcessingTime();
}
