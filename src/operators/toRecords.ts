/**
 * `toRecords`: leaves the dataflow, turning windowed elements into plain records.
 */
import { Observable, type OperatorFunction } from 'rxjs';
import type { DataflowEvent } from '../events/dataflowEvent.js';
import type { PaneInfo } from '../panes/paneInfo.js';
import type { BoundedWindow } from '../windows/window.js';

/** One element in one window, with its pane: what {@link toRecords} emits. */
export interface WindowedRecord<T> {
  readonly value: T;
  /** Event time (for a grouping's output: the pane's timestamp). */
  readonly timestamp: number;
  readonly window: BoundedWindow;
  readonly pane: PaneInfo;
}

/**
 * Emits every element as a plain `{ value, timestamp, window, pane }` record, one per window, and drops
 * watermarks and other dataflow events (Beam's `Reify.windows()` followed by leaving the pipeline).
 *
 * ```
 * input:   --(panes u1,u2)--W--
 * output:  --(r1 r2)---------
 * ```
 *
 * @example
 * ```ts
 * import { toRecords } from 'rxjs-dataflow';
 * // ..., combinePerKey(count()), toRecords()  → Observable<{ value: [key, count], window, timestamp, pane }>
 * ```
 */
export function toRecords<T>(): OperatorFunction<DataflowEvent<T>, WindowedRecord<T>> {
  return (source) =>
    new Observable<WindowedRecord<T>>((subscriber) =>
      source.subscribe({
        next: (event) => {
          if (event.kind !== 'elements') return;
          for (const it of event.items) {
            for (const window of it.windows) {
              subscriber.next({ value: it.value, timestamp: it.timestamp, window, pane: it.pane });
            }
          }
        },
        error: (err) => subscriber.error(err),
        complete: () => subscriber.complete(),
      }),
    );
}
