/**
 * Fusion of element-wise operators. `windowInto`, `mapElements`, `filterElements` and `withKeys` are stages
 * that hand one element at a time to the next (by value, or through a shared cursor for stages written that
 * way); consecutive stages piped one after another run in one pass over each batch and allocate one output
 * element per input element, instead of one per stage (as RxJS's `lift` lets consecutive operators share a
 * subscriber). Semantics are those of the unfused chain.
 */
import { Observable, type OperatorFunction, type Subscription } from 'rxjs';
import { ElementsEvent, type DataflowEvent } from '../events/dataflowEvent.js';
import type { WindowedValue } from '../events/windowedValue.js';
import type { PaneInfo } from '../panes/paneInfo.js';
import type { BoundedWindow } from '../windows/window.js';

/** The element a stage works on; stages replace its fields. */
export interface ElementCursor {
  value: unknown;
  timestamp: number;
  windows: readonly BoundedWindow[];
  pane: PaneInfo;
}

/** Emits a dataflow event to the next stage (or downstream). */
export type Emit = (event: DataflowEvent<unknown>) => void;

/** Hands one element on, by value, to the rest of a chain. */
export type ItemFn = (value: unknown, timestamp: number, windows: readonly BoundedWindow[], pane: PaneInfo) => void;

/** One subscription's instance of a stage. */
export interface StageInstance {
  /** Transforms the element in place; returns false to drop it. */
  item?(cursor: ElementCursor): boolean;
  /**
   * The same step in continuation-passing form, used instead of `item` when present: given the rest of the
   * chain, returns a function that hands each kept element on by value. Elements then travel in arguments
   * rather than through the shared cursor, which lets the JIT compile the whole chain as one straight path.
   */
  pipe?(next: ItemFn): ItemFn;
  /** Sees every event other than elements; forwards it (or others) with `emit`. Default: forwards it. */
  control?(event: DataflowEvent<unknown>, emit: Emit): void;
  /** Called before every batch of elements reaches this stage; may emit events first. */
  beforeElements?(emit: Emit): void;
}

/** A stage: creates fresh per-subscription state. */
export type Stage = () => StageInstance;

/** What a fused chain delivers to whoever drives it (see {@link FusedDataflow.connect}). */
export interface FusedSink {
  /** An event other than elements, after the stages' control hooks. */
  control(event: DataflowEvent<unknown>): void;
  /** A batch of elements starts (after the stages' `beforeElements` hooks). */
  batchStart(): void;
  /** An element that passed every stage, by value. */
  item: ItemFn;
  /** The batch ended; `continues` says whether more chunks of the same step follow. */
  batchEnd(continues: boolean): void;
  error(err: unknown): void;
  complete(): void;
}

/** What the head of a chain feeds: events, and batches of elements one element at a time. */
export interface ChainInput {
  /** An event other than elements. */
  event(event: DataflowEvent<unknown>): void;
  batchStart(): void;
  item(value: unknown, timestamp: number, windows: readonly BoundedWindow[], pane: PaneInfo): void;
  batchEnd(continues: boolean): void;
  error(err: unknown): void;
  complete(): void;
}

/** The head of a fused chain: subscribes to its source and feeds `input`. */
export type ChainHead = (input: ChainInput) => Subscription;

/** A head that reads a dataflow. */
export function dataflowHead(upstream: Observable<DataflowEvent<unknown>>): ChainHead {
  return (input) => {
    let failed = false;
    return upstream.subscribe({
      next: (event) => {
        if (failed) return;
        try {
          if (event.kind !== 'elements') {
            input.event(event);
            return;
          }
          input.batchStart();
          const items = event.items;
          for (let i = 0; i < items.length; i++) {
            const it = items[i]!;
            input.item(it.value, it.timestamp, it.windows, it.pane);
          }
          input.batchEnd(event.continues);
        } catch (err) {
          failed = true;
          input.error(err);
        }
      },
      error: (err) => input.error(err),
      complete: () => input.complete(),
    });
  };
}

/** A dataflow produced by a chain of fused stages after a head. */
export class FusedDataflow<T> extends Observable<DataflowEvent<T>> {
  constructor(
    /** Where the chain's input comes from. */
    readonly head: ChainHead,
    readonly stages: readonly Stage[],
  ) {
    super((subscriber) => {
      // Materializes the chain's output: one element object per kept element, one event per batch.
      let out: WindowedValue<unknown>[] = [];
      // Whether a chunk of an unfinished step went downstream: its last chunk must follow, even if empty.
      let stepOpen = false;
      return this.connect({
        control: (event) => subscriber.next(event as DataflowEvent<T>),
        batchStart: () => {
          out = [];
        },
        item: (value, timestamp, windows, pane) => {
          out.push({ value, timestamp, windows, pane });
        },
        batchEnd: (continues) => {
          if (out.length > 0 || (stepOpen && !continues)) {
            stepOpen = continues;
            subscriber.next(new ElementsEvent(out as WindowedValue<T>[], continues));
          }
        },
        error: (err) => subscriber.error(err),
        complete: () => subscriber.complete(),
      });
    });
  }

  /**
   * Subscribes to the head and runs the stages, delivering to `sink`. A grouping uses this to take the
   * chain's elements one by one, without an element object per element.
   */
  connect(sink: FusedSink): Subscription {
    const stages = this.stages;
    const n = stages.length;
    const instances = stages.map((s) => s());
    // Shared by the stages that work on a cursor (see stepOf).
    const cursor: ElementCursor = { value: undefined, timestamp: 0, windows: [], pane: undefined as never };
    // The item path, composed from the sink backwards: stages with `pipe` pass elements on by value, the
    // others through the cursor.
    let item: ItemFn = sink.item;
    for (let i = n - 1; i >= 0; i--) item = stepOf(instances[i]!, item, cursor);
    // emits[i] hands an event to stage i's control hook (or to the sink when i === n).
    const emits: Emit[] = new Array(n + 1);
    emits[n] = (e) => sink.control(e);
    for (let i = n - 1; i >= 0; i--) {
      const inst = instances[i]!;
      const next = emits[i + 1]!;
      emits[i] = inst.control === undefined ? next : (e) => inst.control!(e, next);
    }
    const before: (() => void)[] = [];
    instances.forEach((inst, i) => {
      if (inst.beforeElements) before.push(() => inst.beforeElements!(emits[i + 1]!));
    });
    return this.head({
      event: (event) => emits[0]!(event),
      batchStart: () => {
        for (let i = 0; i < before.length; i++) before[i]!();
        sink.batchStart();
      },
      item,
      batchEnd: (continues) => sink.batchEnd(continues),
      error: (err) => sink.error(err),
      complete: () => sink.complete(),
    });
  }
}

/** A stage's item step in front of `next`: its `pipe` form, or its cursor form behind an adapter. */
function stepOf(inst: StageInstance, next: ItemFn, cursor: ElementCursor): ItemFn {
  if (inst.pipe !== undefined) return inst.pipe(next);
  if (inst.item === undefined) return next;
  return (value, timestamp, windows, pane) => {
    cursor.value = value;
    cursor.timestamp = timestamp;
    cursor.windows = windows;
    cursor.pane = pane;
    if (inst.item!(cursor)) next(cursor.value, cursor.timestamp, cursor.windows, cursor.pane);
  };
}

/** An operator from a stage; applied to a fused dataflow it extends the chain instead of adding a hop. */
export function fused<T, R>(stage: Stage): OperatorFunction<DataflowEvent<T>, DataflowEvent<R>> {
  return (source) =>
    source instanceof FusedDataflow
      ? new FusedDataflow<R>(source.head, [...source.stages, stage])
      : new FusedDataflow<R>(dataflowHead(source as Observable<DataflowEvent<unknown>>), [stage]);
}
