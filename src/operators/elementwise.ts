/**
 * The shared shell of element-wise operators: they transform batches of elements and forward watermarks,
 * processing-time advances and the windowing strategy unchanged (spec §1.2).
 */
import { Observable, type OperatorFunction } from 'rxjs';
import { ElementsEvent, type DataflowEvent } from '../events/dataflowEvent.js';
import type { WindowedValue } from '../events/windowedValue.js';

/**
 * Builds an element-wise dataflow operator from a function over one batch. `transform` may return the same
 * array, a new one, or an empty one (then nothing is emitted).
 */
export function elementwise<T, R>(
  transform: (items: readonly WindowedValue<T>[]) => readonly WindowedValue<R>[],
): OperatorFunction<DataflowEvent<T>, DataflowEvent<R>> {
  return (source) =>
    new Observable<DataflowEvent<R>>((subscriber) => {
      // Whether a chunk of an unfinished step went downstream: its last chunk must follow, even if empty.
      let stepOpen = false;
      return source.subscribe({
        next: (event) => {
          if (event.kind !== 'elements') {
            subscriber.next(event);
            return;
          }
          let out: readonly WindowedValue<R>[];
          try {
            out = transform(event.items);
          } catch (err) {
            subscriber.error(err);
            return;
          }
          if (out.length > 0 || (stepOpen && !event.continues)) {
            stepOpen = event.continues;
            subscriber.next(new ElementsEvent(out, event.continues));
          }
        },
        error: (err) => subscriber.error(err),
        complete: () => subscriber.complete(),
      });
    });
}
