/**
 * Composite triggers built from sub-triggers: sequences (`afterEach`), the first of several (`afterAny`),
 * all of several (`afterAll`), repetition (`repeatedly`) and `orFinally` (spec §3.3).
 */
import {
  OrFinally,
  Repeatedly,
  Trigger,
  requireOnceTrigger,
  requireTrigger,
  type TriggerContext,
  type TriggerNode,
} from './trigger.js';

/** Runs sub-triggers one after another; finishes after the last (Beam's `AfterEach.inOrder`). */
export class AfterEach extends Trigger {
  readonly kind = 'AfterEach';
  readonly isOnce = false;

  constructor(triggers: readonly Trigger[]) {
    if (triggers.length < 2) throw new RangeError(`afterEach: needs at least two triggers, got ${triggers.length}`);
    super(triggers.map((t, i) => requireTrigger(t, `afterEach: trigger ${i + 1}`)));
  }

  override onElement(node: TriggerNode, ctx: TriggerContext): void {
    if (ctx.isMerging) {
      for (const c of node.children) c.onElement(ctx);
    } else {
      node.firstUnfinishedChild(ctx.state)?.onElement(ctx);
    }
  }

  override onMerge(node: TriggerNode, ctx: TriggerContext): void {
    const s = ctx.state;
    let i = 0;
    // Merge sub-triggers in order while the ones before are finished; the rest start over.
    for (; i < node.children.length; i++) {
      const c = node.children[i]!;
      c.onMerge(ctx);
      if (!c.isFinished(s)) {
        i++;
        break;
      }
    }
    for (; i < node.children.length; i++) node.children[i]!.clear(ctx);
    node.setFinished(s, node.firstUnfinishedChild(s) === undefined);
  }

  shouldFire(node: TriggerNode, ctx: TriggerContext): boolean {
    const current = node.firstUnfinishedChild(ctx.state);
    return current !== undefined && current.shouldFire(ctx);
  }

  onFire(node: TriggerNode, ctx: TriggerContext): void {
    node.firstUnfinishedChild(ctx.state)?.onFire(ctx);
    if (ctx.isMerging) {
      // The next sub-trigger only counts what arrives after this firing.
      for (const c of node.children) c.clear(ctx);
    }
    node.setFinished(ctx.state, node.firstUnfinishedChild(ctx.state) === undefined);
  }

  continuation(): Trigger {
    return new Repeatedly(new AfterAny(this.subTriggers.map((t) => t.continuation())));
  }

  toString(): string {
    return `AfterEach(${this.subTriggers.join(', ')})`;
  }
}

/** Fires when any sub-trigger fires, then finishes (Beam's `AfterFirst`). */
export class AfterAny extends Trigger {
  readonly kind = 'AfterAny';
  readonly isOnce = true;

  constructor(triggers: readonly Trigger[]) {
    if (triggers.length < 1) throw new RangeError('afterAny: needs at least one trigger');
    super(triggers.map((t, i) => requireOnceTrigger(t, `afterAny: trigger ${i + 1}`)));
  }

  override onMerge(node: TriggerNode, ctx: TriggerContext): void {
    super.onMerge(node, ctx);
    node.setFinished(ctx.state, node.children.some((c) => c.isFinished(ctx.state)));
  }

  shouldFire(node: TriggerNode, ctx: TriggerContext): boolean {
    for (const c of node.children) if (c.isFinished(ctx.state) || c.shouldFire(ctx)) return true;
    return false;
  }

  onFire(node: TriggerNode, ctx: TriggerContext): void {
    for (const c of node.children) {
      // A sub-trigger that is not ready still loses the pane it was tracking.
      if (c.shouldFire(ctx)) c.onFire(ctx);
      else c.clear(ctx);
    }
    node.setFinished(ctx.state, true);
  }

  continuation(): Trigger {
    return new AfterAny(this.subTriggers.map((t) => t.continuation()));
  }

  toString(): string {
    return `AfterAny(${this.subTriggers.join(', ')})`;
  }
}

/** Fires when every sub-trigger has fired (been ready) in this pane, then finishes (Beam's `AfterAll`). */
export class AfterAll extends Trigger {
  readonly kind = 'AfterAll';
  readonly isOnce = true;

  constructor(triggers: readonly Trigger[]) {
    if (triggers.length < 1) throw new RangeError('afterAll: needs at least one trigger');
    super(triggers.map((t, i) => requireOnceTrigger(t, `afterAll: trigger ${i + 1}`)));
  }

  override onElement(node: TriggerNode, ctx: TriggerContext): void {
    for (const c of node.children) if (!c.isFinished(ctx.state)) c.onElement(ctx);
  }

  override onMerge(node: TriggerNode, ctx: TriggerContext): void {
    super.onMerge(node, ctx);
    node.setFinished(ctx.state, node.children.every((c) => c.isFinished(ctx.state)));
  }

  shouldFire(node: TriggerNode, ctx: TriggerContext): boolean {
    for (const c of node.children) if (!c.isFinished(ctx.state) && !c.shouldFire(ctx)) return false;
    return true;
  }

  onFire(node: TriggerNode, ctx: TriggerContext): void {
    for (const c of node.children) c.onFire(ctx);
    node.setFinished(ctx.state, true);
  }

  continuation(): Trigger {
    return new AfterAll(this.subTriggers.map((t) => t.continuation()));
  }

  toString(): string {
    return `AfterAll(${this.subTriggers.join(', ')})`;
  }
}

/**
 * Runs the triggers in sequence: fires when the current one fires, moves on when it finishes, and finishes
 * after the last.
 *
 * @example
 * ```ts
 * import { afterEach, afterCount, afterWatermark } from 'rxjs-dataflow';
 * afterEach(afterCount(2), afterWatermark()).toString(); // 'AfterEach(AfterCount(2), AfterWatermark)'
 * ```
 */
export function afterEach(...triggers: Trigger[]): AfterEach {
  return new AfterEach(triggers);
}

/**
 * Fires as soon as any of the triggers fires, then finishes (Beam's `AfterFirst`).
 *
 * @example
 * ```ts
 * import { afterAny, afterCount, afterProcessingTime, seconds } from 'rxjs-dataflow';
 * afterAny(afterCount(100), afterProcessingTime(seconds(5)));
 * ```
 */
export function afterAny(...triggers: Trigger[]): AfterAny {
  return new AfterAny(triggers);
}

/**
 * Fires once every one of the triggers has fired in the pane, then finishes.
 *
 * @example
 * ```ts
 * import { afterAll, afterCount, afterProcessingTime, seconds } from 'rxjs-dataflow';
 * afterAll(afterCount(10), afterProcessingTime(seconds(5)));
 * ```
 */
export function afterAll(...triggers: Trigger[]): AfterAll {
  return new AfterAll(triggers);
}

/**
 * Fires every time `trigger` fires, forever (Beam's `Repeatedly.forever`).
 *
 * @example
 * ```ts
 * import { repeatedly, afterCount } from 'rxjs-dataflow';
 * repeatedly(afterCount(2)).toString(); // 'Repeatedly(AfterCount(2))'
 * ```
 */
export function repeatedly(trigger: Trigger): Repeatedly {
  return new Repeatedly(trigger);
}

/**
 * Fires whenever `main` fires until `until` fires; that last firing finishes the trigger and closes the window.
 * Same as `main.orFinally(until)`.
 *
 * @example
 * ```ts
 * import { orFinally, repeatedly, afterCount } from 'rxjs-dataflow';
 * orFinally(repeatedly(afterCount(2)), afterCount(5)).toString();
 * // 'Repeatedly(AfterCount(2)).orFinally(AfterCount(5))'
 * ```
 */
export function orFinally(main: Trigger, until: Trigger): OrFinally {
  return new OrFinally(main, until);
}

