/**
 * Watermark triggers: fire when the watermark passes the end of the window, optionally with repeated early
 * firings before and late firings after (spec §3.2).
 */
import { NeverTrigger } from './never.js';
import {
  Trigger,
  endOfWindowReached,
  requireOnceTrigger,
  type TriggerContext,
  type TriggerNode,
} from './trigger.js';

/** Beam's `AfterWatermark.pastEndOfWindow()`: fires once when `IW > W.max`, then finishes. */
export class AfterWatermark extends Trigger {
  readonly kind = 'AfterWatermark';
  readonly isOnce = true;

  override onElement(_node: TriggerNode, ctx: TriggerContext): void {
    if (!endOfWindowReached(ctx)) ctx.setEventTimer(ctx.window.maxTimestamp);
  }

  override onMerge(node: TriggerNode, ctx: TriggerContext): void {
    // Done for good only if done in every merged window and the merged window's end has passed.
    node.setFinished(ctx.state, node.finishedInAllMerged(ctx) && endOfWindowReached(ctx));
  }

  shouldFire(_node: TriggerNode, ctx: TriggerContext): boolean {
    return endOfWindowReached(ctx);
  }

  onFire(node: TriggerNode, ctx: TriggerContext): void {
    node.setFinished(ctx.state, true);
  }

  /** With repeated early firings (before the end of the window). */
  withEarlyFirings(early: Trigger): AfterWatermarkEarlyAndLate {
    return new AfterWatermarkEarlyAndLate(early, undefined);
  }

  /** With repeated late firings (after the on-time pane). */
  withLateFirings(late: Trigger): AfterWatermarkEarlyAndLate {
    return new AfterWatermarkEarlyAndLate(undefined, late);
  }

  continuation(): Trigger {
    return this;
  }

  toString(): string {
    return 'AfterWatermark';
  }
}

const EARLY = 0;
const LATE = 1;

/**
 * `AfterWatermark` with early and/or late firings. Sub-trigger 0 is the early trigger (Never when absent),
 * sub-trigger 1 the late one (absent: the trigger finishes with the on-time pane). Both repeat.
 */
export class AfterWatermarkEarlyAndLate extends Trigger {
  readonly kind = 'AfterWatermarkEarlyAndLate';
  readonly isOnce = false;
  readonly early: Trigger | undefined;
  readonly late: Trigger | undefined;

  /** With late firings the trigger repeats them until garbage collection; without, it finishes on time. */
  override get mayFinish(): boolean {
    return this.late === undefined;
  }

  constructor(early: Trigger | undefined, late: Trigger | undefined) {
    const e = early === undefined ? new NeverTrigger() : requireOnceTrigger(early, 'afterWatermark: early');
    const l = late === undefined ? undefined : requireOnceTrigger(late, 'afterWatermark: late');
    super(l ? [e, l] : [e]);
    this.early = early;
    this.late = late;
  }

  withEarlyFirings(early: Trigger): AfterWatermarkEarlyAndLate {
    return new AfterWatermarkEarlyAndLate(early, this.late);
  }

  withLateFirings(late: Trigger): AfterWatermarkEarlyAndLate {
    return new AfterWatermarkEarlyAndLate(this.early, late);
  }

  override onElement(node: TriggerNode, ctx: TriggerContext): void {
    if (!endOfWindowReached(ctx)) ctx.setEventTimer(ctx.window.maxTimestamp);
    if (ctx.isMerging) {
      // Windows may merge and re-open the early phase: every sub-trigger keeps counting.
      for (const c of node.children) c.onElement(ctx);
    } else {
      node.firstUnfinishedChild(ctx.state)?.onElement(ctx);
    }
  }

  override onMerge(node: TriggerNode, ctx: TriggerContext): void {
    const s = ctx.state;
    const early = node.children[EARLY]!;
    const late = node.children[LATE];
    if (!early.finishedInAllMerged(ctx) || !endOfWindowReached(ctx)) {
      early.onMerge(ctx);
      early.setFinished(s, false);
      if (late) {
        late.setFinished(s, false);
        late.clear(ctx);
      }
    } else {
      early.setFinished(s, true);
      late?.onMerge(ctx);
    }
  }

  shouldFire(node: TriggerNode, ctx: TriggerContext): boolean {
    const early = node.children[EARLY]!;
    if (!early.isFinished(ctx.state)) return early.shouldFire(ctx) || endOfWindowReached(ctx);
    const late = node.children[LATE];
    return late !== undefined && late.shouldFire(ctx);
  }

  onFire(node: TriggerNode, ctx: TriggerContext): void {
    const s = ctx.state;
    const early = node.children[EARLY]!;
    const late = node.children[LATE];
    if (!early.isFinished(s)) {
      if (!endOfWindowReached(ctx)) {
        // An early firing: the early trigger repeats.
        early.onFire(ctx);
        early.clear(ctx);
        early.setFinished(s, false);
        return;
      }
      // The on-time firing: move to the late phase.
      if (early.shouldFire(ctx)) early.onFire(ctx);
      early.setFinished(s, true);
      early.clear(ctx);
      if (late === undefined) node.setFinished(s, true);
      else late.clear(ctx);
    } else if (late !== undefined) {
      // A late firing: the late trigger repeats.
      late.onFire(ctx);
      late.clear(ctx);
      late.setFinished(s, false);
    } else {
      node.setFinished(s, true);
    }
  }

  continuation(): Trigger {
    return new AfterWatermarkEarlyAndLate(this.early?.continuation(), this.late?.continuation());
  }

  toString(): string {
    const parts = [this.early && `early=${this.early}`, this.late && `late=${this.late}`].filter(Boolean);
    return `AfterWatermark(${parts.join(', ')})`;
  }
}

/** Options of {@link afterWatermark}. */
export interface AfterWatermarkOptions {
  /** Fires EARLY panes before the end of the window, each time it fires (must be able to finish). */
  early?: Trigger;
  /** Fires LATE panes after the on-time pane, each time it fires (must be able to finish). */
  late?: Trigger;
}

/**
 * Fires an ON_TIME pane when the watermark passes the end of the window (`watermark > window.maxTimestamp`).
 * With `early`, fires EARLY panes whenever the early trigger fires before that; with `late`, fires LATE panes
 * whenever the late trigger fires after it, until the window expires. Without `late` the trigger finishes
 * with the on-time pane and later data for the window is dropped.
 *
 * @example
 * ```ts
 * import { afterWatermark, afterProcessingTime, seconds } from 'rxjs-dataflow';
 * const trigger = afterWatermark({
 *   early: afterProcessingTime(seconds(10)),
 *   late: afterProcessingTime(seconds(10)),
 * });
 * trigger.toString();
 * // 'AfterWatermark(early=AfterProcessingTime(delay=10000ms), late=AfterProcessingTime(delay=10000ms))'
 * ```
 */
export function afterWatermark(options: AfterWatermarkOptions = {}): AfterWatermark | AfterWatermarkEarlyAndLate {
  if (options.early === undefined && options.late === undefined) return new AfterWatermark();
  return new AfterWatermarkEarlyAndLate(options.early, options.late);
}
