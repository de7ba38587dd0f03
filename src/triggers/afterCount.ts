/**
 * A trigger that fires once the pane holds at least `n` elements (Beam's `AfterPane.elementCountAtLeast`,
 * spec §3.2).
 */
import { Trigger, type TriggerContext, type TriggerNode } from './trigger.js';

/** Fires when `count >= n` elements arrived since the last firing; then finishes. */
export class AfterCount extends Trigger {
  readonly kind = 'AfterCount';
  readonly isOnce = true;
  override readonly slotInit = [0];
  override readonly countsElements = true;

  constructor(readonly count: number) {
    super();
    if (!Number.isInteger(count) || count < 1) {
      throw new RangeError(`afterCount: the element count must be an integer >= 1, got ${String(count)}`);
    }
  }

  override onElement(node: TriggerNode, ctx: TriggerContext): void {
    ctx.state[node.slot]! += 1;
  }

  override onMerge(node: TriggerNode, ctx: TriggerContext): void {
    const s = ctx.state;
    if (node.finishedInAnyMerged(ctx)) {
      node.setFinished(s, true);
      s[node.slot] = 0;
      return;
    }
    let sum = 0;
    for (const m of ctx.mergedStates) sum += m[node.slot]!;
    s[node.slot] = sum;
  }

  shouldFire(node: TriggerNode, ctx: TriggerContext): boolean {
    return ctx.state[node.slot]! >= this.count;
  }

  onFire(node: TriggerNode, ctx: TriggerContext): void {
    ctx.state[node.slot] = 0;
    node.setFinished(ctx.state, true);
  }

  override clear(node: TriggerNode, ctx: TriggerContext): void {
    ctx.state[node.slot] = 0;
  }

  continuation(): Trigger {
    return this.count === 1 ? this : new AfterCount(1);
  }

  toString(): string {
    return `AfterCount(${this.count})`;
  }
}

/**
 * Fires as soon as at least `n` elements arrived in the pane, then finishes. Elements of one batch are
 * counted together, so a pane may hold more than `n`. Wrap in {@link repeatedly} to fire every `n` elements.
 *
 * @example
 * ```ts
 * import { afterCount, repeatedly } from 'rxjs-dataflow';
 * repeatedly(afterCount(100)).toString(); // 'Repeatedly(AfterCount(100))'
 * ```
 */
export function afterCount(n: number): AfterCount {
  return new AfterCount(n);
}
