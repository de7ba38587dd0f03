/**
 * The trigger that never fires: data comes out only in the garbage-collection pane, when the watermark passes
 * the end of the window plus the allowed lateness (spec §3.2).
 */
import { Trigger } from './trigger.js';

/** Beam's `Never.ever()`. */
export class NeverTrigger extends Trigger {
  readonly kind = 'Never';
  readonly isOnce = true;

  shouldFire(): boolean {
    return false;
  }

  onFire(): void {}

  continuation(): Trigger {
    return this;
  }

  toString(): string {
    return 'Never';
  }
}

const NEVER = new NeverTrigger();

/**
 * A trigger that never fires; each window emits one final pane when it is garbage collected.
 *
 * @example
 * ```ts
 * import { never, fixedWindows, windowInto } from 'rxjs-dataflow';
 * windowInto({ windowFn: fixedWindows(60_000), trigger: never(), accumulation: 'discarding', allowedLateness: 0 });
 * ```
 */
export function never(): NeverTrigger {
  return NEVER;
}
