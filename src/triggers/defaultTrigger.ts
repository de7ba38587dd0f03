/**
 * The default trigger: fires once when the watermark passes the end of the window, then again for every
 * batch of late data until the window is garbage collected (spec §3.2).
 */
import { Trigger, endOfWindowReached, type TriggerContext, type TriggerNode } from './trigger.js';

/** Beam's `DefaultTrigger`: `Repeatedly(AfterWatermark())` that never finishes. */
export class DefaultTrigger extends Trigger {
  readonly kind = 'Default';
  readonly isOnce = false;

  override get mayFinish(): boolean {
    return false;
  }

  override get keepsNoState(): boolean {
    // Not a subclass's instance: it may keep state of its own.
    return Object.getPrototypeOf(this) === DefaultTrigger.prototype;
  }

  override onElement(_node: TriggerNode, ctx: TriggerContext): void {
    if (!endOfWindowReached(ctx)) ctx.setEventTimer(ctx.window.maxTimestamp);
  }

  override onMerge(_node: TriggerNode, ctx: TriggerContext): void {
    if (!endOfWindowReached(ctx)) ctx.setEventTimer(ctx.window.maxTimestamp);
  }

  shouldFire(_node: TriggerNode, ctx: TriggerContext): boolean {
    return endOfWindowReached(ctx);
  }

  onFire(_node: TriggerNode, _ctx: TriggerContext): void {}

  continuation(): Trigger {
    return this;
  }

  toString(): string {
    return 'DefaultTrigger';
  }
}

const DEFAULT = new DefaultTrigger();

/**
 * The default trigger: an ON_TIME pane when the watermark passes the end of the window, then a LATE pane for
 * every batch of late data within the allowed lateness.
 *
 * @example
 * ```ts
 * import { windowInto, fixedWindows, defaultTrigger, minutes } from 'rxjs-dataflow';
 * windowInto({ windowFn: fixedWindows(minutes(1)), trigger: defaultTrigger() });
 * ```
 * @see afterWatermark
 */
export function defaultTrigger(): DefaultTrigger {
  return DEFAULT;
}
