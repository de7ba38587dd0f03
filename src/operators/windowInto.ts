/**
 * `windowInto`: assigns windows to elements and sets the windowing strategy (trigger, accumulation, allowed
 * lateness, ...) that downstream groupings apply (spec §2.5).
 */
import type { OperatorFunction } from 'rxjs';
import { StrategyEvent, type DataflowEvent } from '../events/dataflowEvent.js';
import { fused, type Emit } from './fusion.js';
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
  return fused<T, T>(() => {
    let strategy: WindowingStrategy | undefined;
    const announce = (previous: WindowingStrategy, emit: Emit): void => {
      const next = applyWindowInto(previous, options);
      // An upstream announcement that changes nothing here is not repeated downstream.
      if (strategy !== undefined && sameStrategy(strategy, next)) return;
      strategy = next;
      emit(new StrategyEvent(strategy));
    };
    return {
      // The strategy is announced before anything else passes, from upstream's if it has one.
      control(event, emit) {
        if (event.kind === 'strategy') {
          announce(event.strategy, emit);
          return;
        }
        if (strategy === undefined) announce(DEFAULT_STRATEGY, emit);
        emit(event);
      },
      beforeElements(emit) {
        if (strategy === undefined) announce(DEFAULT_STRATEGY, emit);
      },
      pipe: (next) => (value, timestamp, _windows, pane) => next(value, timestamp, windowFn.assignWindows(timestamp), pane),
    };
  });
}
