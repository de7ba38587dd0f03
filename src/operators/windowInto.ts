/**
 * `windowInto`: assigns windows to elements and sets the windowing strategy (trigger, accumulation, allowed
 * lateness, ...) that downstream groupings apply (spec §2.5).
 */
import { Observable, type OperatorFunction } from 'rxjs';
import { ElementsEvent, StrategyEvent, type DataflowEvent } from '../events/dataflowEvent.js';
import type { WindowedValue } from '../events/windowedValue.js';
import {
  applyWindowInto,
  DEFAULT_STRATEGY,
  sameStrategy,
  type WindowingStrategy,
  type WindowIntoOptions,
} from '../strategy/windowingStrategy.js';

/**
 * Assigns each element to the windows of `windowFn` by its timestamp and sets how downstream groupings fire:
 * `trigger`, `accumulation`, `allowedLateness`, `timestampCombiner`, `closingBehavior`, `onTimeBehavior`
 * (Beam's `Window.into`). Options not given keep the input's (initially: default trigger, discarding, no
 * lateness). A trigger other than the default on non-global windows requires `accumulation` and
 * `allowedLateness` to be given.
 *
 * @example
 * ```ts
 * import { windowInto, fixedWindows, afterWatermark, afterProcessingTime, seconds } from 'rxjs-dataflow';
 * windowInto({
 *   windowFn: fixedWindows(seconds(60)),
 *   trigger: afterWatermark({ early: afterProcessingTime(seconds(10)), late: afterProcessingTime(seconds(10)) }),
 *   accumulation: 'accumulating',
 *   allowedLateness: seconds(120),
 * });
 * ```
 * @see fixedWindows, afterWatermark, combinePerKey
 */
export function windowInto<T>(options: WindowIntoOptions): OperatorFunction<DataflowEvent<T>, DataflowEvent<T>> {
  // Validate eagerly so that a bad configuration fails where the pipeline is built.
  applyWindowInto(DEFAULT_STRATEGY, options);
  const windowFn = options.windowFn;
  return (source) =>
    new Observable<DataflowEvent<T>>((subscriber) => {
      let strategy: WindowingStrategy | undefined;
      const announce = (previous: WindowingStrategy): void => {
        const next = applyWindowInto(previous, options);
        // An upstream announcement that changes nothing here is not repeated downstream.
        if (strategy !== undefined && sameStrategy(strategy, next)) return;
        strategy = next;
        subscriber.next(new StrategyEvent(strategy));
      };
      return source.subscribe({
        next: (event) => {
          try {
            if (event.kind === 'strategy') {
              announce(event.strategy);
              return;
            }
            if (strategy === undefined) announce(DEFAULT_STRATEGY);
            if (event.kind !== 'elements') {
              subscriber.next(event);
              return;
            }
            const items = event.items;
            const out = new Array<WindowedValue<T>>(items.length);
            for (let i = 0; i < items.length; i++) {
              const it = items[i]!;
              out[i] = { value: it.value, timestamp: it.timestamp, windows: windowFn.assignWindows(it.timestamp), pane: it.pane };
            }
            subscriber.next(new ElementsEvent(out, event.continues));
          } catch (err) {
            subscriber.error(err);
          }
        },
        error: (err) => subscriber.error(err),
        complete: () => subscriber.complete(),
      });
    });
}
