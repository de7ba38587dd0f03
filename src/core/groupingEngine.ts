/**
 * The grouping engine: Beam's per-key-and-window state machine (its `ReduceFnRunner`), pure and synchronous,
 * with no RxJS inside. An operator feeds it steps (a batch of elements, a watermark, a processing time) and it
 * emits panes in a deterministic order (spec §1.5, §10).
 *
 * The flow for one element: find its key, drop each of its windows that has expired (`gc(W) < watermark`),
 * merge windows if the window function merges, drop it for windows whose trigger has finished (closed), else
 * fold it into the window's accumulator, place its watermark hold, set the garbage-collection timer and tell
 * the trigger. After the batch every touched window asks its trigger whether to fire. Watermark and
 * processing-time steps pop due timers from ordered queues and check only those windows. A firing releases
 * holds, computes the pane's timestamp and `PaneInfo`, emits unless the pane is empty and nothing asks for
 * it, and clears the accumulator when discarding. When the watermark passes `gc(W)` the window gets its final
 * pane and is forgotten.
 */
import type { CombineFn } from '../combiners/combineFn.js';
import type { WindowedValue } from '../events/windowedValue.js';
import type { PaneInfo } from '../panes/paneInfo.js';
import type { WindowingStrategy } from '../strategy/windowingStrategy.js';
import { END_OF_GLOBAL_WINDOW } from '../time/constants.js';
import { TriggerProgram, type TriggerContext, type TriggerState } from '../triggers/trigger.js';
import type { BoundedWindow } from '../windows/window.js';
import type { WindowFn } from '../windows/windowFn.js';
import { FreshStep } from './freshStep.js';
import { DataflowError, describeValue, errorMessage } from './errors.js';
import { encodeKey, type EncodedKey } from './keyEncoding.js';
import { decodeTime, encodeTime, type EngineSnapshot, type KeySnapshot } from './snapshot.js';
import { HoldIndex, TimerQueue } from './timeIndex.js';
import { formatStrategy } from '../strategy/windowingStrategy.js';
import { GLOBAL_WINDOW, IntervalWindow } from '../windows/window.js';
import { Sessions } from '../windows/sessions.js';
import { byTimerOrder, sortByTimerOrder } from './dueOrder.js';

/** A pane produced by the engine. */
export interface EmittedPane<K, O> {
  readonly key: K;
  readonly value: O;
  readonly window: BoundedWindow;
  /** `[window]`, shared by the panes of the window (of all keys that fire it in a row); never mutate. */
  readonly windows: readonly BoundedWindow[];
  /** The pane's output timestamp (spec §7.3). */
  readonly timestamp: number;
  /** Shared and frozen for the common values (first panes, and later panes with small indexes). */
  readonly pane: PaneInfo;
}

/** Why an element did not make it into a window. */
export type DropReason = 'expired' | 'closedWindow';

/** An element (for one of its windows) that was dropped. */
export interface DroppedElement<K, V> {
  readonly key: K;
  readonly value: V;
  readonly timestamp: number;
  readonly window: BoundedWindow;
  readonly reason: DropReason;
  /** The input watermark when it was dropped. */
  readonly inputWatermark: number;
}

/** Counters of a grouping (spec §1.3). */
export interface GroupingCounters {
  /** Elements received (one per element, whatever its number of windows). */
  elementsIn: number;
  /** (element, window) pairs dropped because the window had expired. */
  droppedDueToLateness: number;
  /** (element, window) pairs dropped because the window's trigger had finished. */
  droppedDueToClosedWindow: number;
  /** Elements that could not be grouped (not a `[key, value]` pair, or a key that cannot be encoded). */
  invalidElements: number;
  /** Panes emitted, by timing. */
  panesEarly: number;
  panesOnTime: number;
  panesLate: number;
}

/** Counters before anything happened. */
export function zeroCounters(): GroupingCounters {
  return {
    elementsIn: 0,
    droppedDueToLateness: 0,
    droppedDueToClosedWindow: 0,
    invalidElements: 0,
    panesEarly: 0,
    panesOnTime: 0,
    panesLate: 0,
  };
}

/** What the engine needs: the strategy, the combine function, and where panes (and drops) go. */
export interface GroupingEngineOptions<K, V, A, O> {
  readonly strategy: WindowingStrategy;
  readonly combineFn: CombineFn<V, A, O>;
  /** Receives every pane, in the order of spec §1.5, after the step that produced it. */
  readonly emit: (pane: EmittedPane<K, O>) => void;
  /** Receives every dropped (element, window) pair, if given. */
  readonly onDrop?: (drop: DroppedElement<K, V>) => void;
  /**
   * Receives every element that cannot be grouped (not a `[key, value]` pair, or a key that cannot be
   * encoded) with the reason. Without it such an element is an error.
   */
  readonly onInvalid?: (value: unknown, reason: string) => void;
  /** Processing time at creation (default 0). */
  readonly processingTime?: number;
  /** The operator's name, for error messages (default `grouping`). */
  readonly name?: string;
}

class KeyState<K> {
  /** The state of the window of this key's previous element, when it had one window (see `lastStates`). */
  last0: WindowState<K> | undefined = undefined;
  /**
   * The state `last0` held before it changed: out-of-order input near a window boundary goes back and forth
   * between two windows, and both stay on the quick path.
   */
  last1: WindowState<K> | undefined = undefined;
  /**
   * The key's window states by window start (a number key, no string building); states of windows with the
   * same start and other ends (sessions) are chained through `sameStart`.
   */
  readonly windows = new Map<number, WindowState<K>>();
  /** Number of window states of the key. */
  count = 0;
  /**
   * The states of this key's previous element with several windows, by position in its window list:
   * consecutive elements often share their windows (the same window objects). Swapped with the engine's
   * spare list after each such element.
   */
  lastStates: (WindowState<K> | undefined)[] = [];
  /**
   * Merging window functions: the (value, timestamp, window) entries of the open element step, in arrival
   * order. Merging waits for the end of the step (all windows merge before elements are added, spec §2.3).
   */
  readonly stepValues: unknown[] = [];
  readonly stepTimestamps: number[] = [];
  readonly stepWindows: BoundedWindow[] = [];
  /** Interval merging: the unions of the open step (sorted by start) and each buffered entry's union. */
  readonly stepRoots: IntervalNode<K>[] = [];
  readonly stepNodes: IntervalNode<K>[] = [];
  /**
   * The last of `stepRoots` and the end of the one before it (-Infinity if none), kept by `joinUnion`: what
   * the quick extension of the last union reads, without going through the list.
   */
  lastRoot: IntervalNode<K> | undefined = undefined;
  lastRootFloor = -Infinity;
  /** The element step in which the key last got entries. */
  stepMark = 0;
  constructor(
    readonly key: K,
    readonly encoded: EncodedKey,
    readonly ordinal: number,
  ) {}
}

/**
 * The state of one (key, window). Created only by {@link newWindowStateObject}: an object literal rather than
 * a class instance, because V8 tracks the survival of literals by allocation site and then allocates them
 * directly in the old generation. Window states live until their window expires, and copying them out of the
 * young generation was most of the garbage collector's work in a bounded run.
 */
interface WindowState<K> {
  readonly ks: KeyState<K>;
  trigger: TriggerState;
  // The fields the quick path of addOne reads come first (one cache line).
  /**
   * Adding an element to this window only counts and combines it while the window is not late (see
   * `addElement`); cleared when the window fires, merges or goes.
   */
  quick: boolean;
  /** Elements added since the last firing. */
  newCount: number;
  acc: unknown;
  window: BoundedWindow;
  hasAcc: boolean;
  elementHold: number;
  extraHold: number;
  lastPane: PaneInfo | undefined;
  /** The root trigger finished: the window only keeps its finished bits until garbage collection. */
  closed: boolean;
  /** Merged away or garbage collected: pending timers for this state do nothing. */
  dead: boolean;
  /** Pending event-time timers (due times), to make setting one idempotent. */
  eventTimers: number[];
  /** Pending processing-time timers set by this state. */
  processingTimers: number[];
  /** The next state of this key whose window has the same start. */
  sameStart: WindowState<K> | undefined;
  /** Step number in which this state was last collected (batch touch or timer activation). */
  mark: number;
  /** The garbage-collection timer is set (it only fires to collect the window). */
  gcTimerSet: boolean;
  /**
   * The trigger has not seen an element since the window was created, fired or merged. Triggers that do not
   * count elements only react to the first element of a pane, so later ones skip the trigger.
   */
  needsOnElement: boolean;
  /** `[window]`, for the panes of this window (shared; set with the first). */
  windowList: readonly BoundedWindow[] | undefined;
}

/**
 * The key's state before last (`last1`) if it is of window `w`, swapped with the last one (`last0`); used
 * when the last one is not of `w`.
 */
function swapLastStates<K>(ks: KeyState<K>, w: BoundedWindow): WindowState<K> | undefined {
  const other = ks.last1;
  if (other === undefined || other.window !== w) return undefined;
  ks.last1 = ks.last0;
  ks.last0 = other;
  return other;
}

/** A fresh window state (the one place they are made, so that all share one shape and allocation site). */
function newWindowStateObject<K>(ks: KeyState<K>, window: BoundedWindow, trigger: TriggerState): WindowState<K> {
  return {
    ks,
    trigger,
    quick: false,
    newCount: 0,
    acc: undefined,
    window,
    hasAcc: false,
    elementHold: NaN,
    extraHold: NaN,
    lastPane: undefined,
    closed: false,
    dead: false,
    eventTimers: NO_TIMERS,
    processingTimers: NO_TIMERS,
    sameStart: undefined,
    mark: 0,
    gcTimerSet: false,
    needsOnElement: true,
    windowList: undefined,
  };
}

const byFiringOrder = (a: WindowState<unknown>, b: WindowState<unknown>): number =>
  a.ks.ordinal - b.ks.ordinal ||
  a.window.maxTimestamp - b.window.maxTimestamp ||
  a.window.start - b.window.start;

/**
 * One grouping's state for all keys and windows. Feed it with {@link processElements},
 * {@link advanceWatermark} and {@link advanceProcessingTime}; panes come out through `emit`. An error thrown
 * by user code (the combine function) ends the grouping: the step it interrupted is left half done, so the
 * engine should not be fed again (the operators end their stream with the error).
 */
export class GroupingEngine<K, V, A, O> {
  readonly strategy: WindowingStrategy;
  private readonly fn: CombineFn<V, A, O>;
  private readonly program: TriggerProgram;
  private readonly windowFn: WindowFn;
  private readonly lateness: number;
  private readonly discarding: boolean;
  private readonly holdCombiner: 0 | 1 | 2; // endOfWindow | earliest | latest
  private readonly fireIfNonEmptyOnly: boolean;
  private readonly closingAlways: boolean;
  private readonly onTimeAlways: boolean;
  private readonly emitFn: (pane: EmittedPane<K, O>) => void;
  private readonly onDrop: ((drop: DroppedElement<K, V>) => void) | undefined;
  private readonly onInvalid: ((value: unknown, reason: string) => void) | undefined;
  /** The operator's name, for error messages. */
  readonly name: string;

  private readonly keys = new Map<EncodedKey, KeyState<K>>();
  private nextOrdinal = 0;
  /**
   * First-seen order of every key ever seen (spec §1.5: kept for the operator's lifetime, also after a key
   * lost all its state). One small entry per distinct key.
   */
  private readonly ordinals = new Map<EncodedKey, number>();
  private readonly eventTimers = new TimerQueue<WindowState<K>>();
  private readonly processingTimers = new TimerQueue<WindowState<K>>();
  private readonly holds = new HoldIndex();
  private iw = -Infinity;
  private ow = -Infinity;
  private pt: number;
  private step = 0;
  private liveWindowCount = 0;
  private readonly ctx: EngineTriggerContext<K>;
  private readonly collected = new Bag<WindowState<K>>();
  private readonly firing = new Bag<WindowState<K>>();
  /**
   * The step of watermark +Infinity (end of input) is under way: every window expires in it, so discarded
   * states stay linked to their keys and holds stay indexed until {@link endSweep} drops them all at once.
   */
  private sweeping = false;
  /** States discarded while sweeping. */
  private swept = 0;
  /** The window list last made for panes (see {@link windowListOf}). */
  private lastWindowList: readonly BoundedWindow[] | undefined = undefined;
  /** Scratch space of {@link sortByTimerOrder}: empty between sorts. */
  private readonly ordinalSlots: (WindowState<K> | undefined)[] = [];
  /** An element step delivered in several chunks: its number, output-watermark snapshot and touched windows. */
  private openStep = 0;
  private openSnapshot = -Infinity;
  private readonly touched = new Bag<WindowState<K>>();
  /** Merging window functions: keys with entries in the open element step, in first-seen order. */
  private readonly mergeKeys = new Bag<KeyState<K>>();
  /** The window function merges overlapping intervals (sessions): merges are found incrementally. */
  private readonly intervalMerging: boolean;
  /**
   * Interval merging under a trigger that never finishes (no element can be dropped as closed-window data
   * after merging) with an order-insensitive combine function: entries are folded into their union's
   * accumulator as they arrive instead of being kept until the step ends.
   */
  private readonly foldEagerly: boolean;
  /**
   * Sessions folded eagerly whose window function makes plain `IntervalWindow`s: their elements may be given
   * by their proto-window's bounds (see addInProtoWindow).
   */
  private readonly foldsProtoWindows: boolean;
  private readonly countsElements: boolean;
  /**
   * Windows may take the quick path of `addOne` (END_OF_WINDOW holds, a trigger that does not count elements,
   * a window function that does not merge).
   */
  private readonly quickAdds: boolean;
  /**
   * The first element step of a new engine is taken as a table (see FreshStep): quick adds under a trigger
   * that keeps no state (the default trigger).
   */
  private readonly takesFreshStep: boolean;
  /**
   * That table, while the first step is open and after it, until something needs window states (they are
   * then made from it) or the input ends (its panes are then made from it).
   */
  private fresh: FreshStep<K, V, A> | undefined = undefined;
  /**
   * Sessions folded on arrival under the default trigger with end-of-window timestamps: the unions of a new
   * engine's first element step are left unmerged when the step ends (nothing can fire before the watermark
   * moves), until something needs window states (see settleUnions), or the input ends (finishUnions).
   */
  private readonly defersFirstMerge: boolean;
  private unionsPending = false;
  /** The key of the previous element of the open step and its state (consecutive elements often share a key). */
  private lastKey: unknown = undefined;
  private lastKeyState: KeyState<K> | undefined = undefined;
  /** The spare list that becomes a key's `lastStates` (see addToWindows). */
  private nextStates: (WindowState<K> | undefined)[] = [];
  private outbox: EmittedPane<K, O>[] = [];
  private readonly emptyKeys = new Bag<KeyState<K>>();
  readonly counters: GroupingCounters = zeroCounters();

  constructor(options: GroupingEngineOptions<K, V, A, O>) {
    const s = options.strategy;
    this.strategy = s;
    this.fn = options.combineFn;
    this.program = new TriggerProgram(s.trigger);
    this.windowFn = s.windowFn;
    this.lateness = s.allowedLateness;
    this.discarding = s.accumulation === 'discarding';
    this.holdCombiner = s.timestampCombiner === 'endOfWindow' ? 0 : s.timestampCombiner === 'earliest' ? 1 : 2;
    this.closingAlways = s.closingBehavior === 'fireAlways';
    this.onTimeAlways = s.onTimeBehavior === 'fireAlways';
    this.fireIfNonEmptyOnly = !this.closingAlways && !this.onTimeAlways;
    this.emitFn = options.emit;
    this.onDrop = options.onDrop;
    this.onInvalid = options.onInvalid;
    this.name = options.name ?? 'grouping';
    this.pt = options.processingTime ?? 0;
    this.ctx = new EngineTriggerContext(this, s.windowFn.isMerging);
    this.countsElements = this.program.countsElements;
    this.quickAdds = this.holdCombiner === 0 && !this.countsElements && !this.windowFn.isMerging;
    this.takesFreshStep = this.quickAdds && this.program.sharesState;
    // Exactly Sessions' own merge rule (a subclass may merge differently).
    this.intervalMerging = s.windowFn instanceof Sessions && s.windowFn.mergeWindows === Sessions.prototype.mergeWindows;
    this.foldEagerly = this.intervalMerging && !s.trigger.mayFinish && options.combineFn.orderInsensitive === true;
    this.foldsProtoWindows = this.foldEagerly && s.windowFn.assignWindows === Sessions.prototype.assignWindows;
    this.defersFirstMerge = this.foldEagerly && this.holdCombiner === 0 && this.program.sharesState;
  }

  /** The input watermark. */
  get inputWatermark(): number {
    return this.iw;
  }

  /** The output watermark: `min(input watermark, holds)`, never decreasing (spec §7.4). */
  get outputWatermark(): number {
    return this.ow;
  }

  /** Whether an element step delivered in chunks is still open (more chunks to come). */
  get inElementStep(): boolean {
    return this.openStep !== 0;
  }

  /** The engine's processing time. */
  get processingTime(): number {
    return this.pt;
  }

  /** Windows holding state (including closed markers). */
  get liveWindows(): number {
    if (this.unionsPending) this.settleUnions();
    // A first-step table (the engine's only state while it is pending) stands for one window state, holding
    // one hold, per entry.
    return this.fresh === undefined ? this.liveWindowCount : this.fresh.entries.length;
  }

  /** Keys holding state. */
  get liveKeys(): number {
    if (this.unionsPending) this.settleUnions();
    return this.fresh === undefined ? this.keys.size : this.fresh.keys.length;
  }

  /** Watermark holds in place. */
  get liveHolds(): number {
    if (this.unionsPending) this.settleUnions();
    return this.fresh === undefined ? this.holds.size : this.fresh.entries.length;
  }

  /** The earliest pending processing-time timer, if any: the engine wants a processing-time step after it. */
  nextProcessingTimer(): number | undefined {
    return this.processingTimers.peekTime();
  }

  /** Number of distinct pending processing-time due times. */
  get pendingProcessingTimes(): number {
    return this.processingTimers.distinctTimes;
  }

  /** Garbage-collection time of a window: `W.max + allowedLateness`, capped at the end of the global window. */
  gcTime(w: BoundedWindow): number {
    return this.gcTimeAt(w.maxTimestamp);
  }

  /** {@link gcTime} of a window whose maximum timestamp is `maxTimestamp`. */
  private gcTimeAt(maxTimestamp: number): number {
    return maxTimestamp > END_OF_GLOBAL_WINDOW - this.lateness ? END_OF_GLOBAL_WINDOW : maxTimestamp + this.lateness;
  }

  // ---------------------------------------------------------------------------------------------------
  // Snapshot and restore
  // ---------------------------------------------------------------------------------------------------

  /** The engine's whole state as JSON-compatible data (take it between steps). */
  snapshot(): EngineSnapshot {
    if (this.fresh !== undefined) this.settleFresh();
    if (this.unionsPending) this.settleUnions();
    const keys: KeySnapshot[] = [];
    for (const ks of this.keys.values()) {
      keys.push({
        key: ks.key,
        ordinal: ks.ordinal,
        windows: statesOf(ks).map((ws) => ({
          start: ws.window.start,
          end: ws.window.end,
          ...(ws.window === GLOBAL_WINDOW ? { global: true as const } : {}),
          ...(ws.hasAcc ? { acc: ws.acc } : {}),
          newCount: ws.newCount,
          elementHold: encodeTime(ws.elementHold),
          extraHold: encodeTime(ws.extraHold),
          lastPane: ws.lastPane ?? null,
          closed: ws.closed,
          trigger: ws.trigger.map((x) => (Number.isNaN(x) ? null : x)),
          eventTimers: [...ws.eventTimers],
          processingTimers: [...ws.processingTimers],
        })),
      });
    }
    return {
      version: 1,
      strategy: formatStrategy(this.strategy),
      combineFn: String(this.fn),
      inputWatermark: encodeTime(this.iw),
      outputWatermark: encodeTime(this.ow),
      processingTime: this.pt,
      nextOrdinal: this.nextOrdinal,
      // Keys are never undefined (such elements are invalid); bigints are written as { bigint }.
      ordinals: [...this.ordinals].map(([k, o]) => [typeof k === 'bigint' ? { bigint: String(k) } : (k as string | number | boolean | null), o] as const),
      counters: { ...this.counters },
      keys,
    };
  }

  /** Loads a snapshot into this engine, which must be new and have the snapshot's strategy. */
  restore(snapshot: EngineSnapshot): void {
    const refuse = (reason: string): never => {
      throw new DataflowError(`${this.name}: cannot restore the snapshot: ${reason}`, { operator: this.name });
    };
    if (snapshot === null || typeof snapshot !== 'object' || snapshot.version !== 1) refuse('it is not a version 1 grouping snapshot');
    const expected = formatStrategy(this.strategy);
    if (snapshot.strategy !== expected) refuse(`it was taken under ${snapshot.strategy}, not ${expected}`);
    if (snapshot.combineFn !== String(this.fn)) refuse(`it holds accumulators of ${snapshot.combineFn}, not of ${String(this.fn)}`);
    if (this.step !== 0 || this.keys.size !== 0) refuse('the grouping has already started');
    this.iw = decodeTime(snapshot.inputWatermark);
    this.ow = decodeTime(snapshot.outputWatermark);
    this.pt = snapshot.processingTime;
    this.nextOrdinal = snapshot.nextOrdinal;
    for (const [k, o] of snapshot.ordinals) {
      const encoded = k !== null && typeof k === 'object' ? BigInt(k.bigint) : k;
      this.ordinals.set(encoded, o);
    }
    Object.assign(this.counters, { invalidElements: 0 }, snapshot.counters);
    for (const k of snapshot.keys) {
      const encoded = encodeKey(k.key);
      const ks = new KeyState<K>(k.key as K, encoded, k.ordinal);
      this.ordinals.set(encoded, k.ordinal);
      this.keys.set(ks.encoded, ks);
      for (const wsnap of k.windows) {
        const window = wsnap.global ? GLOBAL_WINDOW : new IntervalWindow(wsnap.start, wsnap.end);
        const ws = this.newWindowState(ks, window);
        // A new array: a fresh state may be shared by every window (see TriggerProgram.newState).
        ws.trigger = wsnap.trigger.map((x) => (x === null ? NaN : x));
        if ('acc' in wsnap) {
          ws.acc = wsnap.acc;
          ws.hasAcc = true;
        }
        ws.newCount = wsnap.newCount;
        const eh = decodeTime(wsnap.elementHold);
        const xh = decodeTime(wsnap.extraHold);
        if (!Number.isNaN(eh)) this.setElementHold(ws, eh);
        if (!Number.isNaN(xh)) this.setExtraHold(ws, xh);
        ws.lastPane = wsnap.lastPane ?? undefined;
        ws.closed = wsnap.closed;
        for (const t of wsnap.eventTimers) this.setEventTimer(ws, t);
        ws.gcTimerSet = wsnap.eventTimers.includes(this.gcTime(window));
        for (const t of wsnap.processingTimers) this.setProcessingTimer(ws, t);
      }
    }
    this.step = 1;
  }

  // ---------------------------------------------------------------------------------------------------
  // Steps
  // ---------------------------------------------------------------------------------------------------

  /**
   * An element batch (spec §10): every element is a `[key, value]` pair with its timestamp and windows.
   * `processingTime` is the time of the step (it never moves the clock backwards). A large batch may come in
   * chunks: pass `endOfStep = false` for every chunk but the last; fire checks wait for the last one.
   */
  processElements(items: readonly WindowedValue<readonly [K, V]>[], processingTime = this.pt, endOfStep = true): void {
    this.openElementStep(processingTime);
    if (this.fresh !== undefined) this.settleFresh();
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      this.addElementOf(item.value, item.timestamp, item.windows);
    }
    if (endOfStep) this.endElementStep();
  }

  /**
   * Adds one element to the current element step, opening one if none is open; call
   * {@link endElementStep} after the step's last element. Same as a one-element chunk of `processElements`,
   * without the batch array.
   */
  addToElementStep(kv: readonly [K, V], timestamp: number, windows: readonly BoundedWindow[], processingTime = this.pt): void {
    if (this.openStep === 0 || processingTime > this.pt) this.openElementStep(processingTime);
    if (this.fresh !== undefined) this.settleFresh();
    this.addElementOf(kv, timestamp, windows);
  }

  /**
   * {@link addToElementStep} for the pair `[key, value]`, given as its parts. Callers that take pairs apart
   * (the grouping operators do, for pairs with a string or number key) never hand the pair itself to the
   * engine, so a pair made just before (`mapElements((e) => [e.user, e.amount])`) need not be allocated at
   * all: V8 can replace it by its two parts when nothing keeps it (for sessions' proto-windows, see
   * {@link addInProtoWindow}).
   */
  addPairToElementStep(key: K, value: V, timestamp: number, windows: readonly BoundedWindow[], processingTime = this.pt): void {
    if (this.openStep === 0 || processingTime > this.pt) this.openElementStep(processingTime);
    const fresh = this.fresh;
    if (fresh !== undefined) {
      // An element in several windows (sliding windows) with a string or number key joins the table too.
      if (windows.length > 1 && (typeof key === 'string' || typeof key === 'number')) {
        this.counters.elementsIn++;
        for (let j = 0; j < windows.length; j++) this.addFresh(fresh, key, value, windows[j]!);
        return;
      }
      this.settleFresh();
    }
    if (this.windowFn.isMerging) this.stageMerging(key, value, undefined, timestamp, windows);
    else this.addOne(key, value, undefined, timestamp, windows, this.openStep, this.touched);
  }

  /**
   * The gap of the sessions this engine folds on arrival by their windows' bounds (sessions with the window
   * function's own `assignWindows`, a trigger that cannot finish, an order-insensitive combine function), or
   * NaN. Elements of such sessions may then be given with {@link addInProtoWindow}.
   */
  get protoWindowGap(): number {
    return this.foldsProtoWindows ? (this.windowFn as Sessions).gap : NaN;
  }

  /**
   * Adds `[key, value]` (a string or number key) at `timestamp` in the proto-window
   * `[timestamp, timestamp + protoWindowGap)` its sessions window function assigns, as
   * {@link addPairToElementStep} would with that window, except that the window is not needed: the engine
   * makes an `IntervalWindow` with those bounds where it needs one (a new session, a drop report). A caller
   * that reads the proto-window's bounds and calls this instead of handing the window on leaves the
   * proto-window unused, and V8 need not allocate it. Only for engines whose `protoWindowGap` is a number.
   */
  addInProtoWindow(key: string | number, value: V, timestamp: number, processingTime: number): void {
    if (!this.foldsProtoWindows) throw new TypeError(`${this.name}: addInProtoWindow needs sessions folded on arrival (see protoWindowGap)`);
    if (this.openStep === 0 || processingTime > this.pt) this.openElementStep(processingTime);
    const end = timestamp + (this.windowFn as Sessions).gap;
    const ks = this.stageKey(key as K, value, undefined);
    if (ks !== undefined && !this.extendLastUnion(ks, value, timestamp, timestamp, end)) {
      this.stageEntries(ks, value, timestamp, [new IntervalWindow(timestamp, end)]);
    }
  }

  /**
   * The quick path of {@link addPairToElementStep}, for an element in one window (of a window function that
   * does not merge) with a string or number key: adds `[key, value]` if the window's state is the one the
   * key's previous element (or the one before, in another window) went to, and that state only needs
   * counting and combining (see `addElement`), or to the first-step table while the engine's first element
   * step is taken as one (see `FreshStep`). It takes no event time, which neither case needs: a caller that V8
   * does not compile together with this method then need not box one for the call.
   *
   * Returns false when the element needs the full path: call `addPairToElementStep` then, with the same
   * arguments and its timestamp (the element step may have been opened at `processingTime`, as that call
   * would; nothing else was done).
   */
  addQuickly(key: K, value: V, windows: readonly BoundedWindow[], processingTime: number): boolean {
    return (
      this.quickAdds &&
      windows.length === 1 &&
      (typeof key === 'string' || typeof key === 'number') &&
      this.addToLastWindow(key, value, windows[0]!, processingTime)
    );
  }

  /** {@link addQuickly} with non-merging windows: adds to the key's state of `w` if it is quick. */
  private addToLastWindow(key: string | number, value: V, w: BoundedWindow, processingTime: number): boolean {
    if (this.openStep === 0 || processingTime > this.pt) this.openElementStep(processingTime);
    const fresh = this.fresh;
    if (fresh !== undefined) {
      this.counters.elementsIn++;
      this.addFresh(fresh, key as K, value, w);
      return true;
    }
    const ks = this.keys.get(key);
    if (ks === undefined) return false;
    const ws = this.quickState(ks, w);
    if (ws === undefined) return false;
    this.counters.elementsIn++;
    ws.newCount++;
    try {
      ws.acc = this.fn.addInput(ws.acc as A, value);
    } catch (err) {
      throw this.addInputError(err, key, value, ks.key, w);
    }
    return true;
  }

  /** Adds `[key, value]` in window `w` to the first-step table (the element is counted by the caller). */
  private addFresh(fresh: FreshStep<K, V, A>, key: K, value: V, w: BoundedWindow): void {
    try {
      fresh.add(key, value, w);
    } catch (err) {
      throw this.addInputError(err, key, value, fresh.firstKey(key), w);
    }
  }

  /**
   * Makes the window states of a pending first-step table, as the step would have made them: keys and
   * windows in the order they were first seen, each with its accumulator and element count, its timers and
   * its hold. While the step is open they are touched, as they would have been.
   */
  private settleFresh(): void {
    const fresh = this.fresh!;
    this.fresh = undefined;
    const inStep = this.openStep !== 0;
    const entries = fresh.entries;
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      const ks = this.keyState(e.key);
      const ws = this.newWindowState(ks, e.window);
      ws.newCount = e.count;
      ws.acc = e.acc;
      ws.hasAcc = true;
      ws.mark = 1;
      if (this.noteElement(ws, e.window.maxTimestamp) && inStep) this.touched.push(ws);
      ks.last1 = ks.last0;
      ks.last0 = ws;
    }
  }

  /**
   * The end of the input right after the first element step, taken as a table: every (key, window) fires
   * its one pane, final (ON_TIME, or EARLY for a window without end), in the order the watermark step would
   * fire them, and nothing is left.
   */
  private finishFresh(): void {
    const fresh = this.fresh!;
    this.fresh = undefined;
    this.iw = Infinity;
    this.step++;
    // The keys get their ordinals, as they would have with window states.
    const keys = fresh.keys;
    for (let i = 0; i < keys.length; i++) this.ordinals.set(keys[i]!.key as EncodedKey, this.nextOrdinal++);
    const entries = fresh.inFiringOrder();
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      this.finalPane(e.ks.key, e.acc, e.window);
    }
    this.finishStep();
  }

  /**
   * The one pane of a window that never fired, at the end of the input: final, ON_TIME as the watermark
   * passed the window (EARLY for a window without end: paneFor's rule), stamped at the window's end.
   */
  private finalPane(key: K, acc: A, w: BoundedWindow): void {
    let value: O;
    try {
      value = this.fn.extractOutput(acc);
    } catch (err) {
      throw this.userError(err, 'extracting the output', key, w);
    }
    const pane = FIRST_PANES[this.iw <= w.maxTimestamp ? 0 : 1]![1];
    if (pane.timing === 'EARLY') this.counters.panesEarly++;
    else this.counters.panesOnTime++;
    this.outbox.push({ key, value, window: w, windows: this.listOf(w), timestamp: w.maxTimestamp, pane });
  }

  /**
   * Merges pending first-step unions into window states, as the end of the first step would have: nothing
   * they touch fires before the watermark moves. Then forgets the step's keys that got no window.
   */
  private settleUnions(): void {
    this.unionsPending = false;
    this.mergeStep(1, this.touched);
    this.touched.clear();
    this.forgetEmptyKeys();
  }

  /**
   * Whether every pending union is a window of its own: not so for empty or NaN bounds (windows no window
   * function makes), which never join a union, while window states with equal bounds are one state.
   */
  private unionsAreWindows(): boolean {
    const keys = this.mergeKeys;
    for (let k = 0; k < keys.size; k++) {
      for (const root of keys.items[k]!.stepRoots) if (!(root.start < root.end)) return false;
    }
    return true;
  }

  /**
   * The end of the input right after the first element step, its unions pending: every union fires its one
   * pane, final (ON_TIME, or EARLY for a window without end), in the order the watermark step would fire
   * them, and nothing is left.
   */
  private finishUnions(): void {
    this.unionsPending = false;
    this.iw = Infinity;
    this.step++;
    const keys = this.mergeKeys;
    const panes: { ks: KeyState<K>; root: IntervalNode<K>; window: BoundedWindow }[] = [];
    for (let k = 0; k < keys.size; k++) {
      const ks = keys.items[k]!;
      for (const root of ks.stepRoots) {
        // A union that grew past its first window is a window of its own (see mergeUnions).
        if (root.count > 0) panes.push({ ks, root, window: root.multi ? new IntervalWindow(root.start, root.end) : root.first });
      }
    }
    panes.sort(byTimerOrder);
    try {
      for (const { ks, root, window } of panes) this.finalPane(ks.key, root.acc as A, window);
    } finally {
      for (let k = 0; k < keys.size; k++) clearStepEntries(keys.items[k]!);
      keys.clear();
      this.emptyKeys.clear();
      this.keys.clear();
    }
    this.finishStep();
  }

  /**
   * The error of a combine function that threw adding `[key, value]` to window `w`, naming the key as first
   * seen (built apart from the element paths).
   */
  private addInputError(err: unknown, key: unknown, value: V, firstKey: unknown, w: BoundedWindow): Error {
    return this.userError(err, 'adding element ' + describeValue([key, value]), firstKey, w);
  }

  /** Adds an element of the open element step: a `[key, value]` pair, or bad input to report. */
  private addElementOf(kv: readonly [K, V], timestamp: number, windows: readonly BoundedWindow[]): void {
    if (!Array.isArray(kv) || kv.length !== 2) {
      this.counters.elementsIn++;
      this.invalid(kv, 'expected a [key, value] pair');
      return;
    }
    if (this.windowFn.isMerging) this.stageMerging(kv[0], kv[1], kv, timestamp, windows);
    else this.addOne(kv[0], kv[1], kv, timestamp, windows, this.openStep, this.touched);
  }

  /**
   * The key's state for window `w` when adding an element to it only needs counting and combining (see
   * `addElement`): the state of the key's previous element (`last0`), or of the one before (`last1`, then
   * swapped in), still quick and not late. Undefined when the element needs the full path.
   */
  private quickState(ks: KeyState<K>, w: BoundedWindow): WindowState<K> | undefined {
    let ws = ks.last0;
    if (ws === undefined || ws.window !== w) ws = swapLastStates(ks, w);
    return ws !== undefined && ws.quick && w.maxTimestamp >= this.iw ? ws : undefined;
  }

  private openElementStep(processingTime: number): void {
    if (processingTime > this.pt) this.pt = processingTime;
    if (this.openStep === 0) {
      if (this.fresh !== undefined) this.settleFresh();
      if (this.unionsPending) this.settleUnions();
      this.openStep = ++this.step;
      this.openSnapshot = this.ow;
      this.lastKeyState = undefined;
      if (this.openStep === 1 && this.takesFreshStep) this.fresh = new FreshStep<K, V, A>(this.fn);
    }
  }

  /** Ends an element step: fire checks for the touched windows, in order (spec §10 step 5). */
  endElementStep(): void {
    if (this.openStep === 0) return;
    if (this.mergeKeys.size > 0) {
      if (this.openStep === 1 && this.defersFirstMerge) this.unionsPending = true;
      else this.mergeStep(this.openStep, this.touched);
    }
    const touched = this.touched;
    const snapshot = this.openSnapshot;
    this.openStep = 0;
    // shouldFire has no side effects: ask every touched window first, then fire the ready ones in order.
    const root = this.program.root;
    const firing = this.firing;
    for (let i = 0; i < touched.size; i++) {
      const ws = touched.items[i]!;
      if (!ws.closed && !ws.dead && root.shouldFire(this.ctx.bind(ws))) firing.push(ws);
    }
    touched.clear();
    firing.sort(byFiringOrder);
    for (let i = 0; i < firing.size; i++) this.fire(firing.items[i]!, snapshot, false);
    firing.clear();
    this.finishStep();
  }

  /** A watermark step: fire what the watermark passed, collect expired windows (spec §6.3). */
  advanceWatermark(watermark: number): void {
    this.endElementStep();
    if (!(watermark > this.iw)) return; // equal: no-op; backwards: ignored for derived watermarks
    if (this.fresh !== undefined) {
      if (watermark === Infinity) {
        this.finishFresh();
        return;
      }
      this.settleFresh();
    }
    if (this.unionsPending) {
      if (watermark === Infinity && this.unionsAreWindows()) {
        this.finishUnions();
        return;
      }
      this.settleUnions();
    }
    this.iw = watermark;
    const step = ++this.step;
    const due = this.collected;
    let earliestFiring = Infinity;
    const collect = (time: number, entries: WindowState<K>[]): void => {
      for (const ws of entries) {
        if (ws.dead) continue;
        // A timer counts only while its time is in its state's list (see regrow).
        if (!takeEventTimer(ws, time)) continue;
        if (time < earliestFiring) earliestFiring = time;
        if (ws.mark !== step) {
          ws.mark = step;
          due.push(ws);
        }
      }
    };
    // Activations are sorted below, so the order timers are collected in does not matter: at the end of the
    // input all of them are due and are taken without heap work.
    if (watermark === Infinity) this.eventTimers.popAll(collect);
    else this.eventTimers.popBefore(watermark, collect);
    const snapshot = Math.min(watermark, this.holds.min(), earliestFiring);
    sortByTimerOrder(due.items as WindowState<K>[], due.size, this.ordinalSlots);
    this.sweeping = watermark === Infinity;
    try {
      this.activateAll(due, snapshot);
    } finally {
      if (this.sweeping) this.endSweep();
    }
    due.clear();
    this.finishStep();
  }

  /**
   * The activations of a watermark step, in order. A loop of their own: a step that fires thousands of windows
   * (the end of a bounded input) gets it compiled while it runs, and the rest of the step, which the compiled
   * code would not have seen yet, stays out of it.
   */
  private activateAll(due: Bag<WindowState<K>>, snapshot: number): void {
    for (let i = 0; i < due.size; i++) this.activate(due.items[i]!, snapshot);
  }

  /**
   * Ends the step of watermark +Infinity: forgets the states it discarded. Normally that is all of them and
   * every index is simply emptied; a state the step did not reach (one without a pending timer, or the rest
   * after an error thrown by user code) keeps its key and holds.
   */
  private endSweep(): void {
    this.sweeping = false;
    const swept = this.swept;
    this.swept = 0;
    if (swept === this.liveWindowCount) {
      this.keys.clear();
      this.holds.clear();
      this.liveWindowCount = 0;
      return;
    }
    this.holds.clear();
    for (const ks of this.keys.values()) {
      for (const ws of statesOf(ks)) {
        if (ws.dead) this.unlinkState(ks, ws);
        else {
          if (!Number.isNaN(ws.elementHold)) this.holds.add(ws.elementHold);
          if (!Number.isNaN(ws.extraHold)) this.holds.add(ws.extraHold);
        }
      }
      if (ks.count === 0) this.keys.delete(ks.encoded);
    }
  }

  /** A processing-time step: fire windows whose processing-time timers are due (`PT > T`). */
  advanceProcessingTime(processingTime: number): void {
    // A pending first-step table stays as it is: under a trigger that keeps no state there is nothing that
    // processing time could fire.
    this.endElementStep();
    if (processingTime > this.pt) this.pt = processingTime;
    const step = ++this.step;
    const snapshot = this.ow;
    const due = this.collected;
    this.processingTimers.popBefore(this.pt, (time, entries) => {
      for (const setter of entries) {
        takeProcessingTimer(setter, time);
        // A timer belongs to its (key, window), whichever state now holds that window.
        const ws = setter.dead ? findState(setter.ks, setter.window) : setter;
        if (ws === undefined || ws.dead || ws.mark === step) continue;
        ws.mark = step;
        due.push(ws);
      }
    });
    sortByTimerOrder(due.items as WindowState<K>[], due.size, this.ordinalSlots);
    for (let i = 0; i < due.size; i++) {
      const ws = due.items[i]!;
      // Processing timers of expired windows are ignored, like too-late data.
      if (this.iw > this.gcTime(ws.window)) continue;
      this.activate(ws, snapshot);
    }
    due.clear();
    this.finishStep();
  }

  // ---------------------------------------------------------------------------------------------------
  // Adding elements
  // ---------------------------------------------------------------------------------------------------

  /**
   * Adds one element of an element step (non-merging window functions): the pair `[key, value]`, which is
   * `element` if the caller has it (reported as it is if the key cannot be grouped), else made when needed.
   */
  private addOne(
    key: K,
    value: V,
    element: readonly [K, V] | undefined,
    timestamp: number,
    windows: readonly BoundedWindow[],
    step: number,
    touched: Bag<WindowState<K>>,
  ): void {
    const ks = this.admit(key, value, element);
    if (ks === undefined) return;
    if (windows.length !== 1) {
      this.addToWindows(ks, key, value, timestamp, windows, step, touched);
      return;
    }
    const w = windows[0]!;
    try {
      const quick = this.quickState(ks, w);
      if (quick !== undefined) {
        quick.newCount++;
        quick.acc = this.fn.addInput(quick.acc as A, value);
      } else {
        // quickState left the key's state of this window, if it knows it, in last0.
        const last = ks.last0;
        const ws = this.addToWindow(ks, value, timestamp, w, last, step, touched);
        if (ws !== last) {
          ks.last1 = last;
          ks.last0 = ws;
        }
      }
    } catch (err) {
      throw this.addInputError(err, key, value, ks.key, w);
    }
  }

  /** {@link addOne} for an element in several windows (or none). */
  private addToWindows(
    ks: KeyState<K>,
    key: K,
    value: V,
    timestamp: number,
    windows: readonly BoundedWindow[],
    step: number,
    touched: Bag<WindowState<K>>,
  ): void {
    const prev = ks.lastStates;
    const next = this.nextStates;
    const iw = this.iw;
    const n = windows.length;
    let j = 0;
    try {
      for (; j < n; j++) {
        const w = windows[j]!;
        // The previous element's state of this window: at the same position, or one off (sliding windows
        // whose list moved on by a period).
        let last = prev[j];
        if (last === undefined || last.window !== w) {
          last = j > 0 ? prev[j - 1] : undefined;
          if ((last === undefined || last.window !== w) && j + 1 < prev.length) last = prev[j + 1];
          if (last !== undefined && last.window !== w) last = undefined;
        }
        if (last !== undefined && last.quick && w.maxTimestamp >= iw) {
          last.newCount++;
          last.acc = this.fn.addInput(last.acc as A, value);
          next[j] = last;
        } else {
          next[j] = this.addToWindow(ks, value, timestamp, w, last, step, touched);
        }
      }
    } catch (err) {
      throw this.addInputError(err, key, value, ks.key, windows[j]!);
    }
    next.length = n;
    ks.lastStates = next;
    this.nextStates = prev;
  }

  /**
   * Adds an element to one of its windows (the full path of {@link addOne}); `hint` is the key's state that
   * held the window for its previous element, if any. Returns the window's state, if it has one.
   */
  private addToWindow(
    ks: KeyState<K>,
    value: V,
    timestamp: number,
    w: BoundedWindow,
    hint: WindowState<K> | undefined,
    step: number,
    touched: Bag<WindowState<K>>,
  ): WindowState<K> | undefined {
    const iw = this.iw;
    if (iw !== -Infinity && this.gcTime(w) < iw) {
      this.drop(ks, value, timestamp, w, 'expired');
      return undefined;
    }
    const ws = hint !== undefined && hint.window === w && !hint.dead ? hint : (findState(ks, w) ?? this.newWindowState(ks, w));
    if (ws.closed) this.drop(ks, value, timestamp, w, 'closedWindow');
    // Only a window whose trigger saw the element can have become ready (see addElement).
    else if (this.addElement(ws, value, timestamp) && ws.mark !== step) {
      ws.mark = step;
      touched.push(ws);
    }
    return ws;
  }

  /**
   * Counts an arriving element `[key, value]` (`element`, if the caller has it) and returns its key's state,
   * or undefined after reporting an element whose key cannot be grouped.
   */
  private admit(key: K, value: V, element: readonly [K, V] | undefined): KeyState<K> | undefined {
    this.counters.elementsIn++;
    return this.lookUpKey(key, value, element);
  }

  /** The state of an element's key, or undefined after reporting an element whose key cannot be grouped. */
  private lookUpKey(key: K, value: V, element: readonly [K, V] | undefined): KeyState<K> | undefined {
    // Strings and numbers are their own encoding: look them up directly.
    if (typeof key === 'string' || typeof key === 'number') {
      const known = this.keys.get(key);
      if (known !== undefined) return known;
    } else if (this.lastKeyState !== undefined && key === this.lastKey) {
      // Keys that need encoding (composite keys) are often repeated by consecutive elements.
      return this.lastKeyState;
    }
    const ks = this.keyStateOrInvalid(key, element ?? [key, value]);
    if (ks === undefined) return undefined;
    this.lastKey = key;
    this.lastKeyState = ks;
    return ks;
  }

  /**
   * Merging window functions: files an element's (value, window) entries under its key until the step ends.
   * For interval merging (sessions) each entry joins its key's unions at once, and when `foldEagerly` its
   * value is folded into the union's accumulator right away: no element is kept until the step ends (spec
   * §8.1 lets the engine combine partial accumulators).
   */
  private stageMerging(
    key: K,
    value: V,
    element: readonly [K, V] | undefined,
    timestamp: number,
    windows: readonly BoundedWindow[],
  ): void {
    const ks = this.stageKey(key, value, element);
    if (ks === undefined) return;
    if (this.foldEagerly && windows.length === 1 && this.extendLastUnion(ks, value, timestamp, windows[0]!.start, windows[0]!.end)) {
      return;
    }
    this.stageEntries(ks, value, timestamp, windows);
  }

  /** Counts an element of a merging window function and files its key under the open step. */
  private stageKey(key: K, value: V, element: readonly [K, V] | undefined): KeyState<K> | undefined {
    const ks = this.admit(key, value, element);
    if (ks !== undefined) this.stageKnownKey(ks);
    return ks;
  }

  /** Files a key under the open step of a merging window function, once per step. */
  private stageKnownKey(ks: KeyState<K>): void {
    if (ks.stepMark === this.openStep) return;
    ks.stepMark = this.openStep;
    this.mergeKeys.push(ks);
    if (this.intervalMerging) this.startUnions(ks);
  }

  /**
   * The common case of sessions folded eagerly: an element whose window [start, end) is not expired and
   * overlaps only its key's last union of the step (nearly ordered input) extends that union and is folded
   * into it (joinUnion's general case, without its scans). Returns false, having done nothing, for any other
   * case.
   */
  private extendLastUnion(ks: KeyState<K>, value: V, timestamp: number, start: number, end: number): boolean {
    const last = ks.lastRoot;
    const iw = this.iw;
    if (
      last === undefined ||
      !(last.start < end && last.end > start) ||
      ks.lastRootFloor > start ||
      (iw !== -Infinity && this.gcTimeAt(end - 1) < iw)
    ) {
      return false;
    }
    extendUnion(last, start, end);
    this.foldInto(last, value, timestamp, ks, start, end);
    return true;
  }

  /** Files an element's (value, window) entries under its key (the general case of {@link stageMerging}). */
  private stageEntries(ks: KeyState<K>, value: V, timestamp: number, windows: readonly BoundedWindow[]): void {
    const iw = this.iw;
    for (let j = 0; j < windows.length; j++) {
      const w = windows[j]!;
      if (iw !== -Infinity && this.gcTime(w) < iw) {
        this.drop(ks, value, timestamp, w, 'expired');
        continue;
      }
      if (!this.intervalMerging) {
        ks.stepValues.push(value);
        ks.stepTimestamps.push(timestamp);
        ks.stepWindows.push(w);
        continue;
      }
      const node = this.joinUnion(ks.stepRoots, w, undefined, ks);
      if (this.foldEagerly) {
        this.foldInto(node, value, timestamp, ks, w.start, w.end);
      } else {
        ks.stepValues.push(value);
        ks.stepTimestamps.push(timestamp);
        ks.stepNodes.push(node);
      }
    }
  }

  /** Ends the element step of a merging window function: per key (first-seen order), merge, then add. */
  private mergeStep(step: number, touched: Bag<WindowState<K>>): void {
    const keys = this.mergeKeys;
    try {
      for (let k = 0; k < keys.size; k++) {
        const ks = keys.items[k]!;
        if (this.intervalMerging) this.mergeUnions(ks, step, touched);
        else this.mergeGeneric(ks, step, touched);
      }
    } finally {
      for (let k = 0; k < keys.size; k++) clearStepEntries(keys.items[k]!);
      keys.clear();
    }
  }

  /** Any merging window function: merge through its `mergeWindows`, then add the key's entries. */
  private mergeGeneric(ks: KeyState<K>, step: number, touched: Bag<WindowState<K>>): void {
    const values = ks.stepValues as V[];
    const timestamps = ks.stepTimestamps;
    const windows = ks.stepWindows;
    let value: V | undefined;
    let target: BoundedWindow | undefined;
    try {
      const resolve = this.mergeKey(ks, windows);
      for (let i = 0; i < values.length; i++) {
        value = values[i]!;
        target = resolve(windows[i]!);
        this.addAfterMerging(ks, findState(ks, target) ?? this.newWindowState(ks, target), value, timestamps[i]!, step, touched);
      }
    } catch (err) {
      const what = target ? 'adding element ' + describeValue(value) : 'merging windows';
      throw this.userError(err, what, ks.key, target);
    }
  }

  /** Adds an element to the window it went to after merging, unless that window is closed (spec §2.3). */
  private addAfterMerging(ks: KeyState<K>, ws: WindowState<K>, value: V, timestamp: number, step: number, touched: Bag<WindowState<K>>): void {
    if (ws.closed) this.drop(ks, value, timestamp, ws.window, 'closedWindow');
    else if (this.addElement(ws, value, timestamp) && ws.mark !== step) {
      ws.mark = step;
      touched.push(ws);
    }
  }

  // Interval merging (sessions): the same merges as mergeGeneric, found incrementally. The key's active
  // windows, then its entries' windows, join a list of disjoint unions sorted by start (nearly ordered input
  // touches only its end); each union of two or more distinct windows is one merge group (equal windows are
  // one candidate, so nothing merges with its own copy).

  /** Opens the key's unions for a step: one per active window. */
  private startUnions(ks: KeyState<K>): void {
    const roots = ks.stepRoots;
    for (let head of ks.windows.values()) {
      for (let ws: WindowState<K> | undefined = head; ws !== undefined; ws = ws.sameStart) {
        if (!ws.closed) this.joinUnion(roots, ws.window, ws, ks);
      }
    }
  }

  /**
   * Adds window `w` (of active state `state`, if any) to `roots`, merging the unions it overlaps (windows
   * that only touch stay apart); returns the union it joined.
   */
  private joinUnion(roots: IntervalNode<K>[], w: BoundedWindow, state: WindowState<K> | undefined, ks: KeyState<K>): IntervalNode<K> {
    const s = w.start;
    const e = w.end;
    let hi = roots.length - 1;
    while (hi >= 0 && roots[hi]!.start >= e) hi--;
    let lo = hi;
    while (lo >= 0 && roots[lo]!.end > s) lo--;
    lo++;
    if (lo > hi) {
      const node = new IntervalNode(w, state);
      if (hi === roots.length - 1) roots.push(node);
      else roots.splice(hi + 1, 0, node);
      noteLastRoot(ks, roots);
      return node;
    }
    const root = roots[lo]!;
    if (hi > lo) {
      for (let j = lo + 1; j <= hi; j++) this.absorbUnion(root, roots[j]!, ks, w);
      roots.splice(lo + 1, hi - lo);
    }
    extendUnion(root, w.start, w.end);
    if (state !== undefined) {
      root.members.push(state);
      root.state = undefined;
    }
    noteLastRoot(ks, roots);
    return root;
  }

  /** Union `other` joins `root`: members, bounds and folded contents. */
  private absorbUnion(root: IntervalNode<K>, other: IntervalNode<K>, ks: KeyState<K>, w: BoundedWindow): void {
    root.multi = true;
    for (let m = 0; m < other.members.length; m++) root.members.push(other.members[m]!);
    if (other.end > root.end) root.end = other.end;
    other.parent = root;
    if (other.count === 0) return;
    if (root.count === 0) root.acc = other.acc;
    else {
      try {
        root.acc = this.fn.mergeAccumulators([root.acc as A, other.acc as A]);
      } catch (err) {
        throw this.userError(err, 'merging accumulators', ks.key, w);
      }
    }
    root.count += other.count;
    if (other.lateTs) root.lateTs = true;
    root.holdTs = this.combineHold(root.holdTs, other.holdTs);
    other.acc = undefined;
  }

  /** Folds an entry into its union (eager mode): accumulator, count, what its hold will be. */
  private foldInto(node: IntervalNode<K>, value: V, timestamp: number, ks: KeyState<K>, start: number, end: number): void {
    try {
      node.acc = this.fn.addInput(node.count === 0 ? this.fn.createAccumulator() : (node.acc as A), value);
    } catch (err) {
      throw this.userError(err, 'adding element ' + describeValue(value), ks.key, new IntervalWindow(start, end));
    }
    node.count++;
    if (this.holdCombiner !== 0) {
      if (timestamp < this.ow) node.lateTs = true;
      else node.holdTs = this.combineHold(node.holdTs, timestamp);
    }
  }

  /** Two element holds under the timestamp combiner (earliest or latest); NaN is no hold. */
  private combineHold(a: number, b: number): number {
    if (a !== a) return b;
    if (b !== b) return a;
    return this.holdCombiner === 2 ? (a > b ? a : b) : a < b ? a : b;
  }

  /** Ends the step for a key of an interval-merging window function: merge groups, then add its entries. */
  private mergeUnions(ks: KeyState<K>, step: number, touched: Bag<WindowState<K>>): void {
    const roots = ks.stepRoots;
    let value: V | undefined;
    let target: BoundedWindow | undefined;
    try {
      for (let r = 0; r < roots.length; r++) {
        const root = roots[r]!;
        if (!root.multi) continue;
        const members = root.members;
        if (members.length > 1) members.sort(byWindowBounds);
        root.state = this.mergeInto(ks, new IntervalWindow(root.start, root.end), members);
      }
      if (this.foldEagerly) {
        for (let r = 0; r < roots.length; r++) {
          const root = roots[r]!;
          if (root.count === 0) continue;
          const ws = this.unionState(ks, root);
          target = ws.window;
          if (this.addFolded(ws, root) && ws.mark !== step) {
            ws.mark = step;
            touched.push(ws);
          }
        }
        return;
      }
      const values = ks.stepValues as V[];
      const timestamps = ks.stepTimestamps;
      const nodes = ks.stepNodes;
      for (let i = 0; i < values.length; i++) {
        let root = nodes[i]!;
        while (root.parent !== undefined) root = root.parent;
        const ws = this.unionState(ks, root);
        value = values[i]!;
        target = ws.window;
        this.addAfterMerging(ks, ws, value, timestamps[i]!, step, touched);
      }
    } catch (err) {
      const what = target ? (this.foldEagerly ? 'adding elements' : 'adding element ' + describeValue(value)) : 'merging windows';
      throw this.userError(err, what, ks.key, target);
    }
  }

  /** The state a union's elements go to: its merge result, its active window, or its (new) window. */
  private unionState(ks: KeyState<K>, root: IntervalNode<K>): WindowState<K> {
    let ws = root.state;
    if (ws === undefined) ws = root.state = findState(ks, root.first) ?? this.newWindowState(ks, root.first);
    return ws;
  }

  /**
   * Adds a union's folded entries to its window: the same bookkeeping as {@link addElement} for each of them
   * (counts, accumulator, GC timer, holds, trigger), done once. Returns whether the trigger saw them.
   */
  private addFolded(ws: WindowState<K>, root: IntervalNode<K>): boolean {
    const n = root.count;
    ws.newCount += n;
    if (ws.hasAcc) ws.acc = this.fn.mergeAccumulators([ws.acc as A, root.acc as A]);
    else {
      ws.acc = root.acc;
      ws.hasAcc = true;
    }
    root.acc = undefined;
    const w = ws.window;
    if (!ws.gcTimerSet) {
      ws.gcTimerSet = true;
      this.setEventTimer(ws, this.gcTime(w));
    }
    // Holds (spec §7.2), as addElement places them for each element.
    const windowLate = w.maxTimestamp < this.iw;
    let late: boolean;
    if (this.holdCombiner === 0) {
      late = windowLate || w.maxTimestamp < this.ow;
      if (!late && ws.elementHold !== ws.elementHold) this.setElementHold(ws, w.maxTimestamp);
    } else {
      late = windowLate || root.lateTs;
      const h = root.holdTs;
      if (!windowLate && h === h) {
        const cur = ws.elementHold;
        if (cur !== cur || (this.holdCombiner === 1 ? h < cur : h > cur)) this.setElementHold(ws, h);
      }
    }
    if (late) {
      const gc = this.gcTime(w);
      if (gc >= this.iw && ws.extraHold !== gc) this.setExtraHold(ws, gc);
    }
    if (this.countsElements) {
      const ctx = this.ctx.bind(ws);
      for (let i = 0; i < n; i++) this.program.root.onElement(ctx);
      ws.needsOnElement = false;
      return true;
    }
    if (ws.needsOnElement) {
      ws.needsOnElement = false;
      this.program.root.onElement(this.ctx.bind(ws));
      return true;
    }
    return false;
  }

  /**
   * Merges the key's active windows with the batch's proto-windows (spec §2.3), performing each group's
   * merge, and returns where an element of each proto-window goes. Windows are compared by their bounds:
   * equal windows are one candidate (an active window first), so nothing merges with its own copy.
   */
  private mergeKey(ks: KeyState<K>, protos: readonly BoundedWindow[]): (w: BoundedWindow) => BoundedWindow {
    const candidates: BoundedWindow[] = [];
    for (const ws of statesOf(ks)) if (!ws.closed) candidates.push(ws.window);
    for (let i = 0; i < protos.length; i++) candidates.push(protos[i]!);
    if (candidates.length < 2) return identity;
    // A stable sort keeps active windows before equal proto-windows.
    candidates.sort(byBounds);
    const unique: BoundedWindow[] = [];
    const alias = new Map<BoundedWindow, BoundedWindow>();
    for (const w of candidates) {
      const last = unique[unique.length - 1];
      if (last !== undefined && last.start === w.start && last.end === w.end) alias.set(w, last);
      else unique.push(w);
    }
    const groups = unique.length < 2 ? [] : this.windowFn.mergeWindows!(unique);
    const redirect = new Map<BoundedWindow, BoundedWindow>();
    for (const group of groups) {
      const result = group.result;
      const merged: WindowState<K>[] = [];
      for (const m of group.members) {
        const ws = findState(ks, m);
        if (ws !== undefined && !ws.closed && !merged.includes(ws)) merged.push(ws);
        redirect.set(m, result);
      }
      this.mergeInto(ks, result, merged);
    }
    return (w) => {
      const canonical = alias.get(w) ?? w;
      return redirect.get(canonical) ?? canonical;
    };
  }

  private mergeInto(ks: KeyState<K>, result: BoundedWindow, merged: WindowState<K>[]): WindowState<K> {
    const existing = findState(ks, result);
    // Copies of the merged windows' trigger states, for onMerge below.
    const mergedStates = merged.map((ws) => ws.trigger.slice());
    // One window growing into a brand-new one (a session extended by its elements) is the common case: its
    // state object becomes the new window's state, with everything a new state starts from, instead of being
    // replaced. Not when it has processing-time timers: those stay with its old bounds (see below).
    const grown = existing === undefined && merged.length === 1 && merged[0]!.processingTimers.length === 0 ? merged[0]! : undefined;
    const target = existing ?? grown ?? this.newWindowState(ks, result);
    const wasActive = existing !== undefined && !existing.closed;
    // Accumulators, counts and holds of the merged windows (the target itself is one of them if it was active).
    const accs: A[] = [];
    let newCount = 0;
    let elementHold = NaN;
    let anyExtra = false;
    for (const ws of merged) {
      if (ws.hasAcc) accs.push(ws.acc as A);
      newCount += ws.newCount;
      if (!Number.isNaN(ws.elementHold)) {
        elementHold = Number.isNaN(elementHold)
          ? ws.elementHold
          : this.holdCombiner === 2
            ? Math.max(elementHold, ws.elementHold)
            : Math.min(elementHold, ws.elementHold);
      }
      if (!Number.isNaN(ws.extraHold)) anyExtra = true;
      this.releaseHolds(ws);
    }
    if (grown !== undefined) this.regrow(ks, grown, result);
    if (accs.length > 0) {
      target.acc = accs.length === 1 ? accs[0] : this.fn.mergeAccumulators(accs);
      target.hasAcc = true;
    }
    target.newCount = newCount;
    if (!Number.isNaN(elementHold)) {
      if (this.holdCombiner === 0) {
        const h = result.maxTimestamp;
        if (!(h < this.ow || result.maxTimestamp < this.iw)) this.setElementHold(target, h);
      } else {
        this.setElementHold(target, elementHold);
      }
    }
    if (anyExtra) this.setExtraHold(target, this.gcTime(result));
    // Trigger state: the root's onMerge, reading copies of the merged windows' states.
    const ctx = this.ctx.bind(target);
    ctx.mergedStates = mergedStates;
    this.program.root.onMerge(ctx);
    ctx.mergedStates = NO_STATES;
    if (!wasActive) target.lastPane = undefined;
    target.needsOnElement = true;
    target.quick = false;
    target.closed = this.program.isClosed(target.trigger);
    if (target.closed) {
      this.discardContents(target);
      // A window closed by the merge keeps its closed marker until garbage collection removes it.
      if (!target.gcTimerSet) {
        target.gcTimerSet = true;
        this.setEventTimer(target, this.gcTime(result));
      }
    }
    for (const ws of merged) {
      if (ws === target) continue;
      this.unlinkState(ks, ws);
      ws.dead = true;
      ws.quick = false;
    }
    return target;
  }

  /**
   * Adds an element to a window: accumulator, GC timer, holds, trigger. Returns whether the trigger saw the
   * element. A trigger that does not count elements only reacts to the first element of a pane; for the
   * others its state does not change, so it cannot have become ready and the window needs no fire check
   * (readiness through time comes with a timer).
   */
  private addElement(ws: WindowState<K>, value: V, timestamp: number): boolean {
    ws.newCount++;
    if (!ws.hasAcc) {
      ws.acc = this.fn.createAccumulator();
      ws.hasAcc = true;
    }
    ws.acc = this.fn.addInput(ws.acc as A, value);
    return this.noteElement(ws, timestamp);
  }

  /**
   * What an element does to its window state besides being counted and combined: the GC timer, the hold,
   * the trigger. Returns whether the trigger saw the element.
   */
  private noteElement(ws: WindowState<K>, timestamp: number): boolean {
    const w = ws.window;
    if (!ws.gcTimerSet) {
      ws.gcTimerSet = true;
      this.setEventTimer(ws, this.gcTime(w));
    }
    // Holds (spec §7.2): an element that is too late to hold the watermark holds it at gc(W) instead.
    const h = this.holdCombiner === 0 ? w.maxTimestamp : timestamp;
    if (h < this.ow || w.maxTimestamp < this.iw) {
      const gc = this.gcTime(w);
      if (gc >= this.iw && ws.extraHold !== gc) this.setExtraHold(ws, gc);
    } else {
      const cur = ws.elementHold;
      if (cur !== cur) this.setElementHold(ws, h); // NaN: no hold yet
      else if (this.holdCombiner === 1 ? h < cur : this.holdCombiner === 2 ? h > cur : false) this.setElementHold(ws, h);
    }
    let saw = false;
    if (ws.needsOnElement || this.countsElements) {
      ws.needsOnElement = false;
      this.program.root.onElement(this.ctx.bind(ws));
      saw = true;
    }
    // The window's next elements only need counting and combining until it fires, merges or goes, as long as
    // it is not late: the GC timer is set, an END_OF_WINDOW hold is the same for every element that is not
    // late, and a trigger that does not count elements has seen this pane's first.
    if (this.quickAdds) ws.quick = true;
    return saw;
  }

  // ---------------------------------------------------------------------------------------------------
  // Firing
  // ---------------------------------------------------------------------------------------------------

  /** A timer activation (spec §6.3): a GC activation when the window expired, else a fire check. */
  private activate(ws: WindowState<K>, snapshot: number): void {
    const w = ws.window;
    if (this.iw > this.gcTime(w)) {
      if (!ws.closed) this.fire(ws, snapshot, true);
      this.discard(ws);
      return;
    }
    if (!ws.closed && this.program.root.shouldFire(this.ctx.bind(ws))) this.fire(ws, snapshot, false);
    if (!ws.dead && this.iw > w.maxTimestamp && !ws.gcTimerSet) {
      ws.gcTimerSet = true;
      this.setEventTimer(ws, this.gcTime(w));
    }
  }

  /** The firing sequence (spec §6.4). */
  private fire(ws: WindowState<K>, snapshot: number, isGC: boolean): void {
    const w = ws.window;
    ws.quick = false;
    let isFinal = true;
    if (!isGC) {
      this.program.root.onFire(this.ctx.bind(ws));
      isFinal = this.program.isClosed(ws.trigger);
    }
    // The pane's timestamp comes from the holds, which the firing releases (spec §7.3).
    const held = Math.min(
      Number.isNaN(ws.elementHold) ? Infinity : ws.elementHold,
      Number.isNaN(ws.extraHold) ? Infinity : ws.extraHold,
    );
    const timestamp = held > w.maxTimestamp ? w.maxTimestamp : held;
    this.releaseHolds(ws);
    const empty = ws.newCount === 0;
    if (!(empty && this.fireIfNonEmptyOnly)) {
      const pane = this.paneFor(ws, snapshot, isFinal);
      if (!empty || (pane.timing === 'ON_TIME' && this.onTimeAlways) || (isFinal && this.closingAlways)) {
        let value: O;
        try {
          value = this.fn.extractOutput(ws.hasAcc ? (ws.acc as A) : this.fn.createAccumulator());
        } catch (err) {
          throw this.userError(err, 'extracting the output', ws.ks.key, w);
        }
        ws.lastPane = pane;
        if (pane.timing === 'EARLY') this.counters.panesEarly++;
        else if (pane.timing === 'ON_TIME') this.counters.panesOnTime++;
        else this.counters.panesLate++;
        this.outbox.push({ key: ws.ks.key, value, window: w, windows: ws.windowList ?? this.windowListOf(ws), timestamp, pane });
      }
    }
    if (!isFinal && this.closingAlways) this.setExtraHold(ws, this.gcTime(w));
    ws.newCount = 0;
    ws.needsOnElement = true;
    if (this.discarding || isFinal) {
      ws.acc = undefined;
      ws.hasAcc = false;
    }
    if (isFinal && !isGC) {
      ws.closed = true;
      this.discardContents(ws);
    }
  }

  /**
   * `[window]` for the panes of a window state, made with its first pane. Panes of one window object fire
   * one after another (a watermark fires a window for all its keys), so the last list made is shared.
   */
  private windowListOf(ws: WindowState<K>): readonly BoundedWindow[] {
    return (ws.windowList = this.listOf(ws.window));
  }

  /** `[w]`, shared with the previous pane's list if that was of the same window object. */
  private listOf(w: BoundedWindow): readonly BoundedWindow[] {
    const list = this.lastWindowList;
    return list !== undefined && list[0] === w ? list : (this.lastWindowList = [w]);
  }

  /** PaneInfo of a firing (spec §4.2). */
  private paneFor(ws: WindowState<K>, snapshot: number, isFinal: boolean): PaneInfo {
    const p = ws.lastPane;
    const max = ws.window.maxTimestamp;
    let nsi = p === undefined ? 0 : p.nonSpeculativeIndex + 1;
    let timing: PaneInfo['timing'];
    if (max < snapshot || (p !== undefined && p.timing !== 'EARLY')) timing = 'LATE';
    else if (this.iw <= max) {
      timing = 'EARLY';
      nsi = -1;
    } else timing = 'ON_TIME';
    // A window's first pane is one of six values, shared (frozen) instead of allocated per pane.
    if (p === undefined) return FIRST_PANES[timing === 'EARLY' ? 0 : timing === 'ON_TIME' ? 1 : 2]![isFinal ? 1 : 0];
    return laterPane(timing, p.index + 1, nsi, isFinal);
  }

  // ---------------------------------------------------------------------------------------------------
  // State bookkeeping
  // ---------------------------------------------------------------------------------------------------

  /** The key's state, or undefined after reporting an element whose key cannot be grouped. */
  private keyStateOrInvalid(key: K, element: unknown): KeyState<K> | undefined {
    if (key === undefined) {
      this.invalid(element, 'the key is undefined');
      return undefined;
    }
    let encoded: EncodedKey;
    try {
      encoded = encodeKey(key);
    } catch (err) {
      this.invalid(element, errorMessage(err));
      return undefined;
    }
    return this.keyState(key, encoded);
  }

  /** Reports an element that cannot be grouped, or throws when nobody listens. */
  private invalid(element: unknown, reason: string): void {
    this.counters.invalidElements++;
    if (this.onInvalid !== undefined) {
      this.onInvalid(element, reason);
      return;
    }
    throw new DataflowError(`${this.name}: invalid element ${describeValue(element)}: ${reason}`, {
      operator: this.name,
      value: element,
    });
  }

  /** Wraps an error thrown by user code (the combine function) with the operator, key and window. */
  private userError(err: unknown, what: string, key: unknown, window: BoundedWindow | undefined): Error {
    if (err instanceof DataflowError) return err;
    const where = `${key === undefined ? '' : ` for key ${describeValue(key)}`}${window ? ` in window ${window}` : ''}`;
    return new DataflowError(`${this.name}: ${what}${where} failed: ${errorMessage(err)}`, {
      operator: this.name,
      key,
      ...(window ? { window } : {}),
      cause: err,
    });
  }

  private keyState(key: K, encoded: EncodedKey = encodeKey(key)): KeyState<K> {
    let ks = this.keys.get(encoded);
    if (ks === undefined) {
      let ordinal = this.ordinals.get(encoded);
      if (ordinal === undefined) {
        ordinal = this.nextOrdinal++;
        this.ordinals.set(encoded, ordinal);
      }
      ks = new KeyState(key, encoded, ordinal);
      this.keys.set(encoded, ks);
      // A new key whose elements are all dropped holds no state; it is forgotten when the step ends.
      this.emptyKeys.push(ks);
    }
    return ks;
  }

  private newWindowState(ks: KeyState<K>, w: BoundedWindow): WindowState<K> {
    const ws = newWindowStateObject(ks, w, this.program.newState());
    ws.sameStart = ks.windows.get(w.start);
    ks.windows.set(w.start, ws);
    ks.count++;
    this.liveWindowCount++;
    return ws;
  }

  /**
   * Turns `ws` into a new state for window `w` (which replaces its window): a fresh trigger state, no timers
   * and no pane history. Its pending event timers stay in the queue and are ignored when they come due (a
   * timer counts only while its time is in the state's list).
   */
  private regrow(ks: KeyState<K>, ws: WindowState<K>, w: BoundedWindow): void {
    if (w.start !== ws.window.start) {
      this.unlinkState(ks, ws);
      ws.window = w;
      ws.sameStart = ks.windows.get(w.start);
      ks.windows.set(w.start, ws);
      ks.count++;
      this.liveWindowCount++;
    } else {
      ws.window = w;
    }
    ws.trigger = this.program.newState();
    ws.eventTimers = NO_TIMERS;
    ws.gcTimerSet = false;
    ws.lastPane = undefined;
    ws.windowList = undefined;
    ws.mark = 0;
  }

  /** Removes a window state from its key. */
  private unlinkState(ks: KeyState<K>, ws: WindowState<K>): void {
    const start = ws.window.start;
    const head = ks.windows.get(start);
    if (head === ws) {
      if (ws.sameStart === undefined) ks.windows.delete(start);
      else ks.windows.set(start, ws.sameStart);
    } else {
      let prev = head;
      while (prev !== undefined && prev.sameStart !== ws) prev = prev.sameStart;
      if (prev === undefined) return;
      prev.sameStart = ws.sameStart;
    }
    ws.sameStart = undefined;
    ks.count--;
    this.liveWindowCount--;
  }

  /** Clears a closed window's contents; its finished bits stay as the closed marker. */
  private discardContents(ws: WindowState<K>): void {
    ws.quick = false;
    this.releaseHolds(ws);
    this.program.root.clear(this.ctx.bind(ws));
    ws.acc = undefined;
    ws.hasAcc = false;
    ws.newCount = 0;
    ws.lastPane = undefined;
  }

  /** Forgets a window entirely (garbage collection). */
  private discard(ws: WindowState<K>): void {
    if (ws.dead) return;
    ws.quick = false;
    this.releaseHolds(ws);
    ws.dead = true;
    ws.acc = undefined;
    ws.hasAcc = false;
    if (this.sweeping) {
      this.swept++;
      return;
    }
    const ks = ws.ks;
    this.unlinkState(ks, ws);
    if (ks.count === 0) this.keys.delete(ks.encoded);
  }

  private drop(ks: KeyState<K>, value: V, timestamp: number, window: BoundedWindow, reason: DropReason): void {
    if (reason === 'expired') this.counters.droppedDueToLateness++;
    else this.counters.droppedDueToClosedWindow++;

    this.onDrop?.({ key: ks.key, value, timestamp, window, reason, inputWatermark: this.iw });
  }

  private setElementHold(ws: WindowState<K>, t: number): void {
    if (!Number.isNaN(ws.elementHold)) this.holds.remove(ws.elementHold);
    ws.elementHold = t;
    this.holds.add(t);
  }

  private setExtraHold(ws: WindowState<K>, t: number): void {
    if (ws.extraHold === t) return;
    if (!Number.isNaN(ws.extraHold)) this.holds.remove(ws.extraHold);
    ws.extraHold = t;
    this.holds.add(t);
  }

  private releaseHolds(ws: WindowState<K>): void {
    if (this.sweeping) {
      // The index is emptied when the sweep ends.
      ws.elementHold = NaN;
      ws.extraHold = NaN;
      return;
    }
    if (!Number.isNaN(ws.elementHold)) {
      this.holds.remove(ws.elementHold);
      ws.elementHold = NaN;
    }
    if (!Number.isNaN(ws.extraHold)) {
      this.holds.remove(ws.extraHold);
      ws.extraHold = NaN;
    }
  }

  /** @internal Sets an event-time timer for the window (idempotent). */
  setEventTimer(ws: WindowState<K>, time: number): void {
    // Most windows have one timer at a time: their list is allocated at its size (a push would reserve 17).
    if (ws.eventTimers === NO_TIMERS) ws.eventTimers = [time];
    else if (ws.eventTimers.includes(time)) return;
    else ws.eventTimers.push(time);
    this.eventTimers.add(time, ws);
  }

  /** @internal Sets a processing-time timer for the window (idempotent). */
  setProcessingTimer(ws: WindowState<K>, time: number): void {
    if (ws.processingTimers === NO_TIMERS) ws.processingTimers = [time];
    else if (ws.processingTimers.includes(time)) return;
    else ws.processingTimers.push(time);
    this.processingTimers.add(time, ws);
  }

  /** Forgets the keys made in the step that got no window state (all their elements were dropped). */
  private forgetEmptyKeys(): void {
    const empty = this.emptyKeys;
    for (let i = 0; i < empty.size; i++) {
      const ks = empty.items[i]!;
      if (ks.count === 0) this.keys.delete(ks.encoded);
    }
    empty.clear();
  }

  /** Ends a step: recompute the output watermark, then hand out the step's panes. */
  private finishStep(): void {
    // (Keys of pending unions have no window state yet: they are kept until the unions are settled.)
    if (!this.unionsPending) this.forgetEmptyKeys();
    const ow = Math.min(this.iw, this.holds.min());
    if (ow > this.ow) this.ow = ow;
    if (this.outbox.length === 0) return;
    const out = this.outbox;
    this.outbox = [];
    for (let i = 0; i < out.length; i++) this.emitFn(out[i]!);
  }

}

const NO_STATES: readonly TriggerState[] = [];

/**
 * The event-time or processing-time timers of a window that has none set: shared, replaced by a list of its
 * own at the first (never pushed to).
 */
const NO_TIMERS: number[] = [];

/** The first pane of a window: by timing (EARLY, ON_TIME, LATE), then not last / last. */
const FIRST_PANES: readonly (readonly [PaneInfo, PaneInfo])[] = (['EARLY', 'ON_TIME', 'LATE'] as const).map((timing) => {
  const first = (isLast: boolean): PaneInfo =>
    Object.freeze({ timing, index: 0, nonSpeculativeIndex: timing === 'EARLY' ? -1 : 0, isFirst: true, isLast });
  return [first(false), first(true)] as const;
});

/** Later panes with small indexes are shared (frozen) too: a stream with early firings has many of them. */
const SHARED_PANE_INDEXES = 64;
const LATER_PANES = new Array<PaneInfo | undefined>(SHARED_PANE_INDEXES * (SHARED_PANE_INDEXES + 1) * 6).fill(undefined);

/** The PaneInfo of a window's pane after its first (`index` > 0). */
function laterPane(timing: PaneInfo['timing'], index: number, nsi: number, isLast: boolean): PaneInfo {
  // nsi <= index always holds for panes the engine numbered; a restored history that breaks it is not shared.
  if (index >= SHARED_PANE_INDEXES || nsi < -1 || nsi > index) {
    return { timing, index, nonSpeculativeIndex: nsi, isFirst: false, isLast };
  }
  const t = timing === 'EARLY' ? 0 : timing === 'ON_TIME' ? 1 : 2;
  const slot = ((index * (SHARED_PANE_INDEXES + 1) + nsi + 1) * 3 + t) * 2 + (isLast ? 1 : 0);
  return (LATER_PANES[slot] ??= Object.freeze({ timing, index, nonSpeculativeIndex: nsi, isFirst: false, isLast }));
}

/**
 * A union of overlapping windows while a step of an interval-merging window function is merged: its bounds,
 * its first window, the key's active window states in it, whether it holds two distinct windows (then it is
 * a merge group) and, when entries are folded eagerly, their accumulator, count and holds. A union absorbed
 * by another points to it through `parent`.
 */
class IntervalNode<K> {
  start: number;
  end: number;
  multi = false;
  readonly members: WindowState<K>[] = [];
  /** The state the union's elements go to, once known. */
  state: WindowState<K> | undefined;
  parent: IntervalNode<K> | undefined = undefined;
  /** Folded entries: accumulator (valid when count > 0), count, a timestamp below the output watermark, hold. */
  acc: unknown = undefined;
  count = 0;
  lateTs = false;
  holdTs = NaN;

  constructor(
    readonly first: BoundedWindow,
    state: WindowState<K> | undefined,
  ) {
    this.start = first.start;
    this.end = first.end;
    this.state = state;
    if (state !== undefined) this.members.push(state);
  }
}

/** Notes the key's last union of the step and the end of the one before it (see `KeyState.lastRoot`). */
function noteLastRoot<K>(ks: KeyState<K>, roots: readonly IntervalNode<K>[]): void {
  const n = roots.length;
  ks.lastRoot = roots[n - 1];
  ks.lastRootFloor = n > 1 ? roots[n - 2]!.end : -Infinity;
}

/** A window [start, end), which overlaps union `root`, joins it: a distinct window makes the union a merge group. */
function extendUnion<K>(root: IntervalNode<K>, start: number, end: number): void {
  if (root.first.start !== start || root.first.end !== end) root.multi = true;
  if (start < root.start) root.start = start;
  if (end > root.end) root.end = end;
}

function clearStepEntries<K>(ks: KeyState<K>): void {
  // Setting an array's length is a runtime call: only for lists that hold something.
  if (ks.stepValues.length !== 0) ks.stepValues.length = 0;
  if (ks.stepTimestamps.length !== 0) ks.stepTimestamps.length = 0;
  if (ks.stepWindows.length !== 0) ks.stepWindows.length = 0;
  if (ks.stepRoots.length !== 0) {
    ks.stepRoots.length = 0;
    ks.lastRoot = undefined;
    ks.lastRootFloor = -Infinity;
  }
  if (ks.stepNodes.length !== 0) ks.stepNodes.length = 0;
}

const byWindowBounds = (a: WindowState<unknown>, b: WindowState<unknown>): number =>
  a.window.start - b.window.start || a.window.end - b.window.end;

const identity = <T>(x: T): T => x;
const byBounds = (a: BoundedWindow, b: BoundedWindow): number => a.start - b.start || a.end - b.end;

/** A reusable list: cleared without giving its storage back, so steps do not allocate. */
class Bag<T> {
  readonly items: (T | undefined)[] = [];
  size = 0;

  push(x: T): void {
    this.items[this.size++] = x;
  }

  sort(compare: (a: T, b: T) => number): void {
    if (this.size < 2) return;
    const sorted = (this.items.slice(0, this.size) as T[]).sort(compare);
    for (let i = 0; i < sorted.length; i++) this.items[i] = sorted[i];
  }

  clear(): void {
    for (let i = 0; i < this.size; i++) this.items[i] = undefined;
    this.size = 0;
  }
}

/** The key's state for window `w`, if any. */
function findState<K>(ks: KeyState<K>, w: BoundedWindow): WindowState<K> | undefined {
  let ws = ks.windows.get(w.start);
  while (ws !== undefined && ws.window.end !== w.end) ws = ws.sameStart;
  return ws;
}

/** All window states of a key. */
function statesOf<K>(ks: KeyState<K>): WindowState<K>[] {
  const out: WindowState<K>[] = [];
  for (let ws of ks.windows.values()) {
    for (; ws !== undefined; ws = ws.sameStart!) out.push(ws);
  }
  return out;
}

/** Removes `t` from the state's event timers; returns whether it was there. */
function takeEventTimer<K>(ws: WindowState<K>, t: number): boolean {
  const times = ws.eventTimers;
  // The common case, a state's only timer: the list is dropped rather than emptied (shortening an array
  // is a call into the runtime).
  if (times.length !== 1) return removeTime(times, t);
  if (times[0] !== t) return false;
  ws.eventTimers = NO_TIMERS;
  return true;
}

/** Removes `t` from the state's processing-time timers, as {@link takeEventTimer} does. */
function takeProcessingTimer<K>(ws: WindowState<K>, t: number): void {
  const times = ws.processingTimers;
  if (times.length !== 1) removeTime(times, t);
  else if (times[0] === t) ws.processingTimers = NO_TIMERS;
}

/** Removes `t` from `times` (without allocating, unlike `splice`); returns whether it was there. */
function removeTime(times: number[], t: number): boolean {
  const n = times.length;
  let i = 0;
  while (i < n && times[i] !== t) i++;
  if (i === n) return false;
  for (; i < n - 1; i++) times[i] = times[i + 1]!;
  times.length = n - 1;
  return true;
}

/** The trigger context the engine hands to trigger nodes; one object, re-bound to each window. */
class EngineTriggerContext<K> implements TriggerContext {
  state: TriggerState = [];
  window!: BoundedWindow;
  inputWatermark = -Infinity;
  processingTime = 0;
  mergedStates: readonly TriggerState[] = NO_STATES;
  private ws!: WindowState<K>;

  constructor(
    private readonly engine: GroupingEngine<K, any, any, any>,
    readonly isMerging: boolean,
  ) {}

  bind(ws: WindowState<K>): this {
    this.ws = ws;
    this.state = ws.trigger;
    this.window = ws.window;
    this.inputWatermark = this.engine.inputWatermark;
    this.processingTime = this.engine.processingTime;
    return this;
  }

  setEventTimer(time: number): void {
    this.engine.setEventTimer(this.ws, time);
  }

  setProcessingTimer(time: number): void {
    this.engine.setProcessingTimer(this.ws, time);
  }
}
