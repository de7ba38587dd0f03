/**
 * The RxJS shell around the grouping engine, shared by `combinePerKey` and `groupByKey`. It turns dataflow
 * events into engine steps, emits each step's panes as one batch followed by the new output watermark, and
 * keeps processing time: from the scheduler (one scheduler action for the earliest pending processing-time
 * deadline), or from the stream when the source scripts it (`testStream()`).
 */
import { asyncScheduler, Observable, type OperatorFunction, type SchedulerLike, type Subscription } from 'rxjs';
import type { CombineFn } from '../combiners/combineFn.js';
import { DataflowError } from '../core/errors.js';
import { GroupingEngine, type DroppedElement, type EmittedPane } from '../core/groupingEngine.js';
import {
  ElementsEvent,
  StrategyEvent,
  WatermarkEvent,
  type DataflowEvent,
} from '../events/dataflowEvent.js';
import type { KV, WindowedValue } from '../events/windowedValue.js';
import { formatTime } from '../time/constants.js';
import { DefaultTrigger } from '../triggers/defaultTrigger.js';
import { GlobalWindows } from '../windows/globalWindows.js';
import type { BoundedWindow } from '../windows/window.js';
import { dataflowHead, FusedDataflow } from './fusion.js';
import type { GroupingHandle } from './groupingHandle.js';
import { sinkFn, type DeadLetter, type Sink } from './sinks.js';
import {
  continuationStrategy,
  DEFAULT_STRATEGY,
  formatStrategy,
  type WindowingStrategy,
} from '../strategy/windowingStrategy.js';

/** Options of the grouping operators. */
export interface GroupingOptions<K = unknown, V = unknown> {
  /**
   * Scheduler for processing time and processing-time triggers (default `asyncScheduler`, which
   * `TestScheduler.run()` virtualizes). Ignored when the source scripts processing time.
   */
  readonly scheduler?: SchedulerLike;
  /**
   * Receives every (element, window) pair dropped as too late (`reason: 'expired'`) or for a window whose
   * trigger has finished (`'closedWindow'`), with the window and the watermark: a late-data side output.
   * Dropped data is counted whether or not this is given.
   */
  readonly lateData?: Sink<DroppedElement<K, V>>;
  /**
   * Receives elements that cannot be grouped (not a `[key, value]` pair, an undefined key, a key that is not
   * a primitive, array or plain object); without it such an element fails the stream.
   */
  readonly deadLetter?: Sink<DeadLetter>;
  /** Metrics and snapshots of this grouping; see {@link groupingHandle}. */
  readonly handle?: GroupingHandle;
}

/** Builds a grouping operator that folds each key's values per window with `combineFn`. */
export function groupAlsoByWindow<K, V, A, O>(
  name: string,
  combineFn: CombineFn<V, A, O>,
  options: GroupingOptions<K, V> = {},
): OperatorFunction<DataflowEvent<KV<K, V>>, DataflowEvent<KV<K, O>>> {
  const scheduler = options.scheduler ?? asyncScheduler;
  const lateData = sinkFn(options.lateData);
  const deadLetter = sinkFn(options.deadLetter);
  const handle = options.handle;
  return (source) =>
    new Observable<DataflowEvent<KV<K, O>>>((subscriber) => {
      let strategy: WindowingStrategy = DEFAULT_STRATEGY;
      let engine: GroupingEngine<K, V, A, O> | undefined;
      // Processing time comes from the stream once the source scripts it.
      let streamClock = false;
      // The scripted processing time seen before the grouping started.
      let clockTime = -Infinity;
      let sawStrategy = false;
      let timer: Subscription | undefined;
      let timerDue = NaN;
      let emittedWatermark = -Infinity;
      let out: WindowedValue<KV<K, O>>[] = [];

      const collect = (p: EmittedPane<K, O>): void => {
        out.push({ value: [p.key, p.value], timestamp: p.timestamp, windows: p.windows, pane: p.pane });
      };
      const start = (processingTime: number): GroupingEngine<K, V, A, O> => {
        const e = new GroupingEngine<K, V, A, O>({
          strategy,
          combineFn,
          emit: collect,
          name,
          processingTime,
          ...(lateData ? { onDrop: lateData } : {}),
          ...(deadLetter ? { onInvalid: (value: unknown, reason: string) => deadLetter({ value, reason, operator: name }) } : {}),
        });
        engine = e;
        gap = e.protoWindowGap;
        const restored = handle?.restoreFrom;
        if (restored !== undefined) {
          e.restore(restored.engine);
          emittedWatermark = e.outputWatermark;
        }
        handle?.attach(e);
        subscriber.next(new StrategyEvent(continuationStrategy(strategy)));
        // A restored grouping catches up with the processing time its new input has reached.
        if (restored !== undefined && processingTime > e.processingTime) {
          e.advanceProcessingTime(processingTime);
          endStep(e);
        }
        return e;
      };
      // Processing time at the start: the script's clock if the source scripts it, else the scheduler's.
      const now = (): number => (streamClock ? clockTime : scheduler.now());
      const cancelTimer = (): void => {
        timer?.unsubscribe();
        timer = undefined;
        timerDue = NaN;
      };
      // After every step: the step's panes as one batch, then the output watermark if it moved.
      const endStep = (e: GroupingEngine<K, V, A, O>): void => {
        if (out.length > 0) {
          const batch = out;
          out = [];
          subscriber.next(new ElementsEvent(batch));
        }
        const ow = e.outputWatermark;
        if (ow > emittedWatermark) {
          emittedWatermark = ow;
          subscriber.next(new WatermarkEvent(ow));
        }
        if (!streamClock) schedule(e);
        handle?.update();
      };
      // One scheduler action, for the earliest pending processing-time deadline ("strictly after": +1 ms).
      const schedule = (e: GroupingEngine<K, V, A, O>): void => {
        const due = e.nextProcessingTimer();
        if (due === undefined || e.inputWatermark === Infinity) {
          cancelTimer();
          return;
        }
        if (timer !== undefined && timerDue === due) return;
        cancelTimer();
        timerDue = due;
        timer = scheduler.schedule(() => {
          timer = undefined;
          timerDue = NaN;
          guard(() => {
            e.advanceProcessingTime(scheduler.now());
            endStep(e);
          });
        }, Math.max(0, due + 1 - scheduler.now()));
      };
      // With the scheduler's clock, due processing-time timers fire in a step of their own before new input.
      const catchUp = (e: GroupingEngine<K, V, A, O>): void => {
        if (streamClock) return;
        const due = e.nextProcessingTimer();
        const now = scheduler.now();
        if (due !== undefined && now > due) {
          e.advanceProcessingTime(now);
          endStep(e);
        }
      };
      const guard = (fn: () => void): void => {
        try {
          fn();
        } catch (err) {
          cancelTimer();
          subscriber.error(err);
        }
      };

      // One step per event; any failure (bad input, user code) cancels the timers and ends the stream.
      const onEvent = (event: DataflowEvent<KV<K, V>>): void => {
        switch (event.kind) {
          case 'strategy':
            if (engine !== undefined) {
              throw new DataflowError(
                `${name}: the windowing strategy changed after data arrived (to ${formatStrategy(event.strategy)}); apply windowInto before the first element or watermark`,
                { operator: name },
              );
            }
            strategy = event.strategy;
            sawStrategy = true;
            return;
          case 'processingTime': {
            // Downstream learns the new processing time before it sees the panes fired at it.
            subscriber.next(event);
            if (engine === undefined) {
              streamClock = true;
              clockTime = Math.max(clockTime, event.time);
              // Without state there is nothing to fire: a new grouping starts (and takes its strategy) with its
              // first data. One restored from a snapshot has state and starts at once, so that each advance
              // of the clock is a step of its own, once its strategy is known.
              if (handle?.restoreFrom === undefined || !sawStrategy) return;
              start(clockTime);
              return;
            }
            if (!streamClock) {
              streamClock = true;
              cancelTimer();
            }
            // A clock announced within a step (a bounded input freezing processing time) that does not
            // move the clock leaves the step open.
            if (engine.inElementStep && event.time <= engine.processingTime) return;
            engine.advanceProcessingTime(event.time);
            endStep(engine);
            return;
          }
          case 'watermark': {
            if (event.time !== Infinity && strategy.windowFn instanceof GlobalWindows && strategy.trigger instanceof DefaultTrigger) {
              throw new DataflowError(
                `${name}: the input is unbounded (it has watermark ${formatTime(event.time)}) but is in the global window ` +
                  'with the default trigger, which would fire only when the input ends; apply windowInto with a window ' +
                  'function (e.g. fixedWindows) or a trigger first',
                { operator: name },
              );
            }
            const e = engine ?? start(now());
            catchUp(e);
            e.advanceWatermark(event.time);
            endStep(e);
            return;
          }
        }
      };
      const fail = (err: unknown): void => {
        cancelTimer();
        subscriber.error(err);
      };

      const complete = (): void =>
        guard(() => {
          const e = engine ?? start(now());
          e.advanceWatermark(Infinity);
          endStep(e);
          cancelTimer();
          subscriber.complete();
        });
      // The grouping takes elements straight from a fused element-wise chain (a chain of none over any other
      // dataflow), one at a time by value, without an element object per element.
      const input = source instanceof FusedDataflow ? source : new FusedDataflow<KV<K, V>>(dataflowHead(source), []);
      let batchTime = 0;
      // The gap of sessions whose elements the engine takes by their proto-window's time, or NaN (set when
      // it starts).
      let gap = NaN;
      // The full path of an element whose pair the sink took apart, with the event time left in `stampSlot`:
      // passed as an argument, the time would be boxed (allocated) for every element, before V8 knows whether
      // the quick path takes it, since the sink's code is compiled into the chain's.
      const stampSlot = new Float64Array(1);
      const addFully = (key: K, v: V, windows: readonly BoundedWindow[]): void =>
        engine!.addPairToElementStep(key, v, stampSlot[0]!, windows, batchTime);
      const subscription = input.connect({
        control: onEvent,
        batchStart: () => {
          const e = engine ?? start(now());
          if (!e.inElementStep) catchUp(e);
          batchTime = streamClock ? e.processingTime : scheduler.now();
        },
        item: (value, timestamp, windows) => {
          const e = engine!;
          // A pair with a string or number key is taken apart here and only its parts go on: a pair made just
          // before (by `mapElements((e) => [e.user, e.amount])`) is then used by nothing but this function,
          // which V8 compiles together with the chain that made it and can keep the pair from being allocated.
          if (Array.isArray(value) && value.length === 2) {
            const key = value[0] as K;
            if (typeof key === 'string' || typeof key === 'number') {
              const v = value[1] as V;
              // Sessions folded on arrival: an element in its proto-window goes by its time only, which leaves
              // the proto-window (and its list) unused: V8 need not allocate them.
              if (gap === gap && windows.length === 1 && windows[0]!.start === timestamp && windows[0]!.end === timestamp + gap) {
                e.addInProtoWindow(key, v, timestamp, batchTime);
                return;
              }
              // The quick path first: it needs no event time, so none is boxed for the call.
              if (!e.addQuickly(key, v, windows, batchTime)) {
                stampSlot[0] = timestamp;
                addFully(key, v, windows);
              }
              return;
            }
          }
          e.addToElementStep(value as KV<K, V>, timestamp, windows, batchTime);
        },
        batchEnd: (continues) => {
          const e = engine!;
          if (continues || !e.inElementStep) return;
          e.endElementStep();
          endStep(e);
        },
        error: fail,
        complete,
      });
      return () => {
        cancelTimer();
        subscription.unsubscribe();
        if (engine !== undefined) handle?.detach();
        engine = undefined;
      };
    });
}
