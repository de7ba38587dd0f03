/**
 * `flatten`: merges several dataflows into one (Beam's `Flatten`). The merged watermark is the minimum of the
 * inputs' watermarks (spec §1.2); all inputs must be windowed compatibly.
 */
import { Observable } from 'rxjs';
import {
  StrategyEvent,
  WatermarkEvent,
  type Dataflow,
  type DataflowEvent,
} from '../events/dataflowEvent.js';
import { DEFAULT_STRATEGY, formatStrategy, type WindowingStrategy } from '../strategy/windowingStrategy.js';

/** Whether two strategies can meet in one grouping: equal window functions and equal triggers. */
export function compatibleStrategies(a: WindowingStrategy, b: WindowingStrategy): boolean {
  return a.windowFn.equals(b.windowFn) && a.trigger.equals(b.trigger);
}

/**
 * Merges dataflows: elements of every input pass through as they come; the watermark is the minimum of the
 * inputs' watermarks, so it only advances when every input has advanced; processing time is the latest any
 * input announced; the result completes when every input has. Inputs must have equal window functions and
 * triggers (else the result errors, naming both strategies).
 *
 * @example
 * ```ts
 * import { flatten } from 'rxjs-dataflow';
 * const all$ = flatten(clicksEu$, clicksUs$);
 * ```
 */
export function flatten<T>(...inputs: Dataflow<T>[]): Dataflow<T> {
  return mergeDataflows('flatten', inputs);
}

/** The union behind `flatten` and `coGroupByKey`; `name` is used in error messages. */
export function mergeDataflows<T>(name: string, inputs: readonly Dataflow<T>[]): Dataflow<T> {
  if (inputs.length === 0) throw new RangeError(`${name}: needs at least one input`);
  return new Observable<DataflowEvent<T>>((subscriber) => {
    const n = inputs.length;
    const watermarks = new Array<number>(n).fill(-Infinity);
    const announced = new Array<boolean>(n).fill(false);
    let strategy: WindowingStrategy | undefined;
    let watermark = -Infinity;
    let processingTime = -Infinity;
    let completed = 0;

    const adopt = (i: number, s: WindowingStrategy): void => {
      announced[i] = true;
      if (strategy === undefined) {
        strategy = s;
        subscriber.next(new StrategyEvent(s));
      } else if (!compatibleStrategies(strategy, s)) {
        throw new Error(
          `${name}: input ${i + 1} is windowed incompatibly: ${formatStrategy(s)} vs ${formatStrategy(strategy)}; ` +
            'inputs need equal window functions and triggers',
        );
      }
    };
    const advance = (): void => {
      let min = Infinity;
      for (const w of watermarks) if (w < min) min = w;
      if (min > watermark) {
        watermark = min;
        subscriber.next(new WatermarkEvent(min));
      }
    };

    inputs.forEach((input, i) => {
      subscriber.add(
        input.subscribe({
          next: (event) => {
            try {
              switch (event.kind) {
                case 'strategy':
                  adopt(i, event.strategy);
                  return;
                case 'elements':
                  if (!announced[i]) adopt(i, DEFAULT_STRATEGY);
                  subscriber.next(event);
                  return;
                case 'watermark':
                  if (event.time > watermarks[i]!) {
                    watermarks[i] = event.time;
                    advance();
                  }
                  return;
                case 'processingTime':
                  if (event.time > processingTime) {
                    processingTime = event.time;
                    subscriber.next(event);
                  }
                  return;
              }
            } catch (err) {
              subscriber.error(err);
            }
          },
          error: (err) => subscriber.error(err),
          complete: () => {
            watermarks[i] = Infinity;
            advance();
            if (++completed === n) subscriber.complete();
          },
        }),
      );
    });
  });
}
