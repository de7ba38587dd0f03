/**
 * Triggers decide when a grouping emits a pane for a key and window. A trigger is an immutable value (a tree
 * of trigger nodes) that prints itself (`AfterWatermark(early=AfterCount(2))`) and compares structurally. It
 * holds no state: a grouping compiles it once into a {@link TriggerProgram}, and every key and window gets a
 * small state array (finished bits and slots such as a count or a deadline) that the program's nodes read and
 * write through a {@link TriggerContext}. The lifecycle is Beam's: `onElement`, `onMerge`, `shouldFire`,
 * `onFire`, `clear` (spec §3).
 */
import type { BoundedWindow } from '../windows/window.js';

/**
 * Per key and window trigger state: entry `i < nodeCount` is node `i`'s finished bit (0 or 1); the entries
 * after it are the nodes' slots (a count, a deadline, ...).
 */
export type TriggerState = number[];

/** What a trigger node sees and may do while it runs; provided by the grouping engine. */
export interface TriggerContext {
  /** The state of the window being worked on. */
  state: TriggerState;
  /** The window being worked on. */
  window: BoundedWindow;
  /** Input watermark of the grouping. */
  inputWatermark: number;
  /** Current processing time. */
  processingTime: number;
  /** Whether the window function merges windows (sessions). */
  isMerging: boolean;
  /** During `onMerge`: the states of the merged (active) windows, possibly none. */
  mergedStates: readonly TriggerState[];
  /** Sets an event-time timer for this key and window (idempotent). */
  setEventTimer(time: number): void;
  /** Sets a processing-time timer for this key and window (idempotent). */
  setProcessingTimer(time: number): void;
}

/** Whether the watermark has passed the end of the context's window (`IW > W.max`). */
export function endOfWindowReached(ctx: TriggerContext): boolean {
  return ctx.inputWatermark > ctx.window.maxTimestamp;
}

/** A node of a compiled trigger tree: a trigger definition at a position, with its state indices. */
export class TriggerNode {
  constructor(
    readonly trigger: Trigger,
    /** Position in pre-order; also the index of the node's finished bit. */
    readonly index: number,
    readonly children: readonly TriggerNode[],
    /** Index of the node's first slot in the state array, or -1. */
    readonly slot: number,
  ) {}

  isFinished(s: TriggerState): boolean {
    return s[this.index] === 1;
  }

  setFinished(s: TriggerState, finished: boolean): void {
    s[this.index] = finished ? 1 : 0;
  }

  /** Finished in every merged window (true when there is none). */
  finishedInAllMerged(ctx: TriggerContext): boolean {
    for (const m of ctx.mergedStates) if (m[this.index] !== 1) return false;
    return true;
  }

  /** Finished in some merged window (false when there is none). */
  finishedInAnyMerged(ctx: TriggerContext): boolean {
    for (const m of ctx.mergedStates) if (m[this.index] === 1) return true;
    return false;
  }

  firstUnfinishedChild(s: TriggerState): TriggerNode | undefined {
    for (const c of this.children) if (s[c.index] !== 1) return c;
    return undefined;
  }

  onElement(ctx: TriggerContext): void {
    this.trigger.onElement(this, ctx);
  }

  onMerge(ctx: TriggerContext): void {
    this.trigger.onMerge(this, ctx);
  }

  shouldFire(ctx: TriggerContext): boolean {
    return this.trigger.shouldFire(this, ctx);
  }

  onFire(ctx: TriggerContext): void {
    this.trigger.onFire(this, ctx);
  }

  /** Drops this subtree's state (not its finished bits, not its timers). */
  clear(ctx: TriggerContext): void {
    this.trigger.clear(this, ctx);
  }

  /** Clears this subtree's state and finished bits, as if it had just been created. */
  resetTree(ctx: TriggerContext): void {
    this.clearFinishedBits(ctx.state);
    this.clear(ctx);
  }

  private clearFinishedBits(s: TriggerState): void {
    s[this.index] = 0;
    for (const c of this.children) c.clearFinishedBits(s);
  }
}

/** A trigger compiled for execution: its node tree and the layout of its per-window state. */
export class TriggerProgram {
  readonly root: TriggerNode;
  readonly nodeCount: number;
  /** Whether any node counts elements (then every element reaches the trigger). */
  readonly countsElements: boolean;
  private readonly initialState: TriggerState;
  /** Whether every window shares one state (a root that never writes its state, see `Trigger.keepsNoState`). */
  readonly sharesState: boolean;

  constructor(readonly trigger: Trigger) {
    const size = (t: Trigger): number => t.subTriggers.reduce((n, c) => n + size(c), 1);
    const nodeCount = size(trigger);
    // Finished bits come first, one per node in pre-order; each node's slots follow them.
    const state: number[] = new Array<number>(nodeCount).fill(0);
    let next = 0;
    const build = (t: Trigger): TriggerNode => {
      const index = next++;
      const slot = t.slotInit.length ? state.length : -1;
      state.push(...t.slotInit);
      return new TriggerNode(t, index, t.subTriggers.map(build), slot);
    };
    this.root = build(trigger);
    this.nodeCount = nodeCount;
    const counts = (t: Trigger): boolean => t.countsElements || t.subTriggers.some(counts);
    this.countsElements = counts(trigger);
    this.initialState = state;
    this.sharesState = nodeCount === 1 && state.length === 1 && trigger.keepsNoState;
  }

  /**
   * A fresh state: nothing finished, every slot at its initial value. Small states are array literals, which
   * V8 allocates in the old generation once it sees them survive (they live as long as their window). A root
   * that keeps no state (the default trigger) gets the one shared state, which nothing writes.
   */
  newState(): TriggerState {
    const s = this.initialState;
    if (this.sharesState) return s;
    switch (s.length) {
      case 1:
        return [s[0]!];
      case 2:
        return [s[0]!, s[1]!];
      case 3:
        return [s[0]!, s[1]!, s[2]!];
      case 4:
        return [s[0]!, s[1]!, s[2]!, s[3]!];
      case 5:
        return [s[0]!, s[1]!, s[2]!, s[3]!, s[4]!];
      case 6:
        return [s[0]!, s[1]!, s[2]!, s[3]!, s[4]!, s[5]!];
      default:
        return s.slice();
    }
  }

  /** Whether the root has finished (the window is closed). */
  isClosed(s: TriggerState): boolean {
    return s[0] === 1;
  }
}

/**
 * The base of every trigger: an immutable description plus the rules its nodes follow. Subclasses override
 * the lifecycle methods; state lives in the context, never in the trigger.
 */
export abstract class Trigger {
  /** The trigger's kind, e.g. `AfterCount`. */
  abstract readonly kind: string;
  /** Whether this is a once-trigger (Beam's `OnceTrigger`): it fires at most once, so it may serve as an early, late or until trigger. */
  abstract readonly isOnce: boolean;
  /** Initial values of this node's slots in the per-window state. */
  readonly slotInit: readonly number[] = [];
  /**
   * Whether `onElement` counts elements. Triggers that do not only react to the first element of a pane
   * (they set a timer or a deadline), which lets the engine skip them for the others.
   */
  readonly countsElements: boolean = false;
  /**
   * Whether this trigger, as the root, can ever finish (close its window). A grouping whose trigger cannot
   * may fold session elements into partial accumulators as they arrive: no element can be dropped as
   * closed-window data after merging.
   */
  get mayFinish(): boolean {
    return true;
  }
  /**
   * Whether this trigger, with no sub-triggers, never writes its window's state (no slots, never finished):
   * every window of a grouping with it as the root then shares one state array.
   */
  get keepsNoState(): boolean {
    return false;
  }

  constructor(readonly subTriggers: readonly Trigger[] = []) {}

  /** The trigger a downstream grouping uses for this grouping's output (spec §3.4). */
  abstract continuation(): Trigger;
  /** Printable form, e.g. `AfterWatermark(early=AfterCount(2))`. */
  abstract toString(): string;

  /** Structural equality. */
  equals(other: Trigger): boolean {
    return this === other || (other instanceof Trigger && other.toString() === this.toString());
  }

  /**
   * Fires like this trigger until `until` fires, then finishes (Beam's `orFinally`). `until` must be a
   * trigger that can finish.
   */
  orFinally(until: Trigger): Trigger {
    return new OrFinally(this, until);
  }

  // ---- lifecycle (spec §3.1); default implementations delegate to all sub-triggers ----

  onElement(node: TriggerNode, ctx: TriggerContext): void {
    for (const c of node.children) c.onElement(ctx);
  }

  onMerge(node: TriggerNode, ctx: TriggerContext): void {
    for (const c of node.children) c.onMerge(ctx);
  }

  abstract shouldFire(node: TriggerNode, ctx: TriggerContext): boolean;

  abstract onFire(node: TriggerNode, ctx: TriggerContext): void;

  clear(node: TriggerNode, ctx: TriggerContext): void {
    for (const c of node.children) c.clear(ctx);
  }
}

/** Throws unless `t` can finish, naming the place that needs such a trigger. */
export function requireOnceTrigger(t: unknown, where: string): Trigger {
  if (!(t instanceof Trigger)) throw new TypeError(`${where} must be a trigger, got ${String(t)}`);
  if (!t.isOnce) {
    throw new TypeError(
      `${where} must be a once-trigger (one that fires at most once: afterCount, afterProcessingTime, ` +
        `afterWatermark() without early/late, afterAny, afterAll or never), but ${t} can fire repeatedly`,
    );
  }
  return t;
}

/** Throws unless `t` is a trigger. */
export function requireTrigger(t: unknown, where: string): Trigger {
  if (!(t instanceof Trigger)) throw new TypeError(`${where} must be a trigger, got ${String(t)}`);
  return t;
}

/**
 * `main.orFinally(until)`: fires whenever `main` fires, and one final time when `until` fires; `until`
 * counts over the whole window, not per pane (spec §3.3).
 */
export class OrFinally extends Trigger {
  readonly kind = 'OrFinally';
  readonly isOnce = false;

  constructor(main: Trigger, until: Trigger) {
    super([requireTrigger(main, 'orFinally: the main trigger'), requireOnceTrigger(until, 'orFinally: until')]);
  }

  get main(): Trigger {
    return this.subTriggers[0]!;
  }

  get until(): Trigger {
    return this.subTriggers[1]!;
  }

  override onMerge(node: TriggerNode, ctx: TriggerContext): void {
    super.onMerge(node, ctx);
    updateOrFinallyFinished(node, ctx);
  }

  shouldFire(node: TriggerNode, ctx: TriggerContext): boolean {
    return node.children[0]!.shouldFire(ctx) || node.children[1]!.shouldFire(ctx);
  }

  onFire(node: TriggerNode, ctx: TriggerContext): void {
    const [main, until] = node.children as [TriggerNode, TriggerNode];
    if (until.shouldFire(ctx)) {
      until.onFire(ctx);
      main.clear(ctx);
    } else {
      // `until` keeps its state: it counts across panes.
      main.onFire(ctx);
    }
    updateOrFinallyFinished(node, ctx);
  }

  continuation(): Trigger {
    return new Repeatedly(new OrFinally(this.main.continuation(), this.until.continuation()));
  }

  toString(): string {
    return `${this.main}.orFinally(${this.until})`;
  }
}

function updateOrFinallyFinished(node: TriggerNode, ctx: TriggerContext): void {
  const s = ctx.state;
  node.setFinished(s, node.children[0]!.isFinished(s) || node.children[1]!.isFinished(s));
}

/**
 * `repeatedly(t)`: fires every time `t` fires, resetting `t` after each firing; never finishes (spec §3.3).
 */
export class Repeatedly extends Trigger {
  readonly kind = 'Repeatedly';
  readonly isOnce = false;

  override get mayFinish(): boolean {
    return false;
  }

  constructor(repeated: Trigger) {
    super([requireTrigger(repeated, 'repeatedly: the repeated trigger')]);
  }

  get repeated(): Trigger {
    return this.subTriggers[0]!;
  }

  shouldFire(node: TriggerNode, ctx: TriggerContext): boolean {
    return node.children[0]!.shouldFire(ctx);
  }

  onFire(node: TriggerNode, ctx: TriggerContext): void {
    const sub = node.children[0]!;
    sub.onFire(ctx);
    if (sub.isFinished(ctx.state)) sub.resetTree(ctx);
  }

  continuation(): Trigger {
    return new Repeatedly(this.repeated.continuation());
  }

  toString(): string {
    return `Repeatedly(${this.repeated})`;
  }
}
