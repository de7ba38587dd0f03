/**
 * Fusion of element-wise operators. `windowInto`, `mapElements`, `filterElements` and `withKeys` are stages
 * that read and write one element at a time through a cursor; consecutive stages piped one after another run
 * in one pass over each batch and allocate one output element per input element, instead of one per stage
 * (as RxJS's `lift` lets consecutive operators share a subscriber). Semantics are those of the unfused chain.
 */
import { Observable, type OperatorFunction } from 'rxjs';
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

/** One subscription's instance of a stage. */
export interface StageInstance {
  /** Transforms the element in place; returns false to drop it. */
  item?(cursor: ElementCursor): boolean;
  /** Sees every event other than elements; forwards it (or others) with `emit`. Default: forwards it. */
  control?(event: DataflowEvent<unknown>, emit: Emit): void;
  /** Called before every batch of elements reaches this stage; may emit events first. */
  beforeElements?(emit: Emit): void;
}

/** A stage: creates fresh per-subscription state. */
export type Stage = () => StageInstance;

/** A dataflow produced by a chain of fused stages over `upstream`. */
export class FusedDataflow<T> extends Observable<DataflowEvent<T>> {
  constructor(
    readonly upstream: Observable<DataflowEvent<unknown>>,
    readonly stages: readonly Stage[],
  ) {
    super((subscriber) => {
      const n = stages.length;
      const instances = stages.map((s) => s());
      const itemSteps: ((c: ElementCursor) => boolean)[] = [];
      for (const inst of instances) if (inst.item !== undefined) itemSteps.push(inst.item.bind(inst));
      const k = itemSteps.length;
      // emits[i] hands an event to stage i's control hook (or downstream when i === n).
      const emits: Emit[] = new Array(n + 1);
      emits[n] = (e) => subscriber.next(e as DataflowEvent<T>);
      for (let i = n - 1; i >= 0; i--) {
        const inst = instances[i]!;
        const next = emits[i + 1]!;
        emits[i] = inst.control === undefined ? next : (e) => inst.control!(e, next);
      }
      const before = instances.map((inst, i) => (inst.beforeElements ? () => inst.beforeElements!(emits[i + 1]!) : undefined));
      const cursor: ElementCursor = { value: undefined, timestamp: 0, windows: [], pane: undefined as never };
      // Whether a chunk of an unfinished step went downstream: its last chunk must follow, even if empty.
      let stepOpen = false;
      return upstream.subscribe({
        next: (event) => {
          try {
            if (event.kind !== 'elements') {
              emits[0]!(event);
              return;
            }
            for (const b of before) b?.();
            const items = event.items;
            const out: WindowedValue<unknown>[] = [];
            for (let i = 0; i < items.length; i++) {
              const it = items[i]!;
              cursor.value = it.value;
              cursor.timestamp = it.timestamp;
              cursor.windows = it.windows;
              cursor.pane = it.pane;
              let keep = true;
              for (let j = 0; j < k && keep; j++) keep = itemSteps[j]!(cursor);
              if (keep) out.push({ value: cursor.value, timestamp: cursor.timestamp, windows: cursor.windows, pane: cursor.pane });
            }
            if (out.length > 0 || (stepOpen && !event.continues)) {
              stepOpen = event.continues;
              subscriber.next(new ElementsEvent(out as WindowedValue<T>[], event.continues));
            }
          } catch (err) {
            subscriber.error(err);
          }
        },
        error: (err) => subscriber.error(err),
        complete: () => subscriber.complete(),
      });
    });
  }
}

/** An operator from a stage; applied to a fused dataflow it extends the chain instead of adding a hop. */
export function fused<T, R>(stage: Stage): OperatorFunction<DataflowEvent<T>, DataflowEvent<R>> {
  return (source) =>
    source instanceof FusedDataflow
      ? new FusedDataflow<R>(source.upstream, [...source.stages, stage])
      : new FusedDataflow<R>(source as Observable<DataflowEvent<unknown>>, [stage]);
}
