/**
 * Test helpers: run a dataflow to the end and collect what it emitted, in a shape that reads well in
 * `expect(...).toEqual(...)` diffs. Import them from `rxjs-dataflow/testing`.
 */
import type { Observable, SchedulerLike } from 'rxjs';
import type { DataflowEvent } from '../events/dataflowEvent.js';
import type { PaneTiming } from '../panes/paneInfo.js';

/** One emitted element in one window, flattened for assertions. */
export interface PaneRecord<T> {
  readonly value: T;
  /** Window start and end (ms). */
  readonly window: readonly [number, number];
  readonly timestamp: number;
  readonly timing: PaneTiming;
  readonly index: number;
  readonly nonSpeculativeIndex: number;
  readonly isFirst: boolean;
  readonly isLast: boolean;
  /** Processing time (the scheduler's `now()`) at which it was emitted, when a scheduler was given. */
  readonly at?: number;
}

/** Everything a dataflow emitted. */
export interface CollectedDataflow<T> {
  /** Every element, one record per window, in emission order. */
  readonly panes: PaneRecord<T>[];
  /** Every watermark, in emission order. */
  readonly watermarks: number[];
  readonly completed: boolean;
  readonly error: unknown;
}

/**
 * Subscribes to `dataflow$`, runs `flush` (e.g. a `VirtualTimeScheduler`'s `flush`) if given, and returns what
 * was emitted. With `scheduler`, each record carries the processing time it was emitted at.
 *
 * @example
 * ```ts
 * import { from } from 'rxjs';
 * import { windowedUserAgg, seedBatchEvents } from 'rxjs-dataflow';
 * import { collectDataflow } from 'rxjs-dataflow/testing';
 * const { panes } = collectDataflow(from(seedBatchEvents()).pipe(windowedUserAgg()));
 * panes[0]; // { value: { user_id: 'u1', count: 2, sum_amount: 35 }, timing: 'ON_TIME', index: 0, ... }
 * ```
 */
export function collectDataflow<T>(
  dataflow$: Observable<DataflowEvent<T>>,
  options: { scheduler?: SchedulerLike; flush?: () => void } = {},
): CollectedDataflow<T> {
  const panes: PaneRecord<T>[] = [];
  const watermarks: number[] = [];
  let completed = false;
  let error: unknown;
  const { scheduler } = options;
  const subscription = dataflow$.subscribe({
    next: (event) => {
      if (event.kind === 'watermark') watermarks.push(event.time);
      if (event.kind !== 'elements') return;
      for (const it of event.items) {
        for (const w of it.windows) {
          panes.push({
            value: it.value,
            window: [w.start, w.end],
            timestamp: it.timestamp,
            timing: it.pane.timing,
            index: it.pane.index,
            nonSpeculativeIndex: it.pane.nonSpeculativeIndex,
            isFirst: it.pane.isFirst,
            isLast: it.pane.isLast,
            ...(scheduler ? { at: scheduler.now() } : {}),
          });
        }
      }
    },
    error: (err) => (error = err),
    complete: () => (completed = true),
  });
  options.flush?.();
  subscription.unsubscribe();
  return { panes, watermarks, completed, error };
}
