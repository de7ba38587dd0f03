/**
 * A handle on a running grouping: its metrics (as a snapshot or an observable) and its state (a JSON snapshot
 * to resume from). Pass one to `combinePerKey`, `groupByKey` or `coGroupByKey` with `{ handle }`.
 */
import { BehaviorSubject, type Observable } from 'rxjs';
import { zeroCounters, type GroupingEngine } from '../core/groupingEngine.js';
import type { EngineSnapshot } from '../core/snapshot.js';

/** What a grouping has done so far and what it holds now. */
export interface GroupingMetrics {
  /** Elements received. */
  readonly elementsIn: number;
  /** (element, window) pairs dropped because the window had expired. */
  readonly droppedDueToLateness: number;
  /** (element, window) pairs dropped because the window's trigger had finished. */
  readonly droppedDueToClosedWindow: number;
  /** Elements rejected as bad input (sent to the dead-letter sink). */
  readonly invalidElements: number;
  /** Panes emitted by timing. */
  readonly panesEarly: number;
  readonly panesOnTime: number;
  readonly panesLate: number;
  /** Windows holding state, keys holding state, watermark holds in place. */
  readonly liveWindows: number;
  readonly liveKeys: number;
  readonly liveHolds: number;
  readonly inputWatermark: number;
  readonly outputWatermark: number;
  readonly processingTime: number;
}

/**
 * The state of a grouping operator. Where processing time comes from after a restore is decided by the new
 * input (a scripted clock or the scheduler), not by the snapshot.
 */
export interface GroupingSnapshot {
  readonly engine: EngineSnapshot;
}

const ZERO: GroupingMetrics = Object.freeze({
  ...zeroCounters(),
  liveWindows: 0,
  liveKeys: 0,
  liveHolds: 0,
  inputWatermark: -Infinity,
  outputWatermark: -Infinity,
  processingTime: 0,
});

/**
 * Observes and checkpoints one grouping. While the grouping runs, `metrics()` and `metrics$` report its
 * counters after every step and `snapshot()` returns its state; a handle created with a snapshot makes the
 * grouping start from it. A handle follows the latest subscription of the operator it is given to.
 */
export class GroupingHandle {
  private readonly subject = new BehaviorSubject<GroupingMetrics>(ZERO);
  private engine: GroupingEngine<unknown, unknown, unknown, unknown> | undefined;

  constructor(
    /** The snapshot the grouping starts from, if any. */
    readonly restoreFrom?: GroupingSnapshot,
  ) {}

  /** The metrics after the latest step. */
  metrics(): GroupingMetrics {
    return this.subject.value;
  }

  /** The metrics after every step (starts with the current ones). */
  get metrics$(): Observable<GroupingMetrics> {
    return this.subject.asObservable();
  }

  /** The grouping's state as JSON-compatible data; take it between steps. */
  snapshot(): GroupingSnapshot {
    if (this.engine === undefined) {
      throw new Error('GroupingHandle.snapshot: the grouping is not running (not started yet, or completed, failed or unsubscribed)');
    }
    return { engine: this.engine.snapshot() };
  }

  /** @internal Binds the handle to a running grouping. */
  attach(engine: GroupingEngine<any, any, any, any>): void {
    this.engine = engine;
  }

  /** @internal Publishes the metrics after a step. */
  update(): void {
    const e = this.engine;
    if (e === undefined) return;
    const c = e.counters;
    this.subject.next({
      elementsIn: c.elementsIn,
      droppedDueToLateness: c.droppedDueToLateness,
      droppedDueToClosedWindow: c.droppedDueToClosedWindow,
      invalidElements: c.invalidElements,
      panesEarly: c.panesEarly,
      panesOnTime: c.panesOnTime,
      panesLate: c.panesLate,
      liveWindows: e.liveWindows,
      liveKeys: e.liveKeys,
      liveHolds: e.liveHolds,
      inputWatermark: e.inputWatermark,
      outputWatermark: e.outputWatermark,
      processingTime: e.processingTime,
    });
  }

  /** @internal The grouping stopped (completed, failed or unsubscribed): state is released. */
  detach(): void {
    this.engine = undefined;
  }
}

/**
 * Creates a {@link GroupingHandle}: pass it as `{ handle }` to a grouping to read its metrics and take
 * snapshots; give it a snapshot to resume a grouping where another one stopped.
 *
 * @example
 * ```ts
 * import { groupingHandle, combinePerKey, count } from 'rxjs-dataflow';
 * const handle = groupingHandle();
 * // ..., combinePerKey(count(), { handle }), ...
 * handle.metrics$.subscribe((m) => console.log(m.droppedDueToLateness, m.liveWindows));
 * const saved = JSON.stringify(handle.snapshot());
 * // later, in a new process: combinePerKey(count(), { handle: groupingHandle(JSON.parse(saved)) })
 * ```
 */
export function groupingHandle(restoreFrom?: GroupingSnapshot): GroupingHandle {
  return new GroupingHandle(restoreFrom);
}
