/**
 * The windowing strategy of a dataflow: how elements are windowed and when and how groupings emit panes. It
 * travels with the stream (set by `windowInto`, replaced by a grouping with the continuation trigger), so a
 * grouping needs no configuration of its own (spec §2.5).
 */
import { checkDuration } from '../time/duration.js';
import { defaultTrigger, DefaultTrigger } from '../triggers/defaultTrigger.js';
import type { Trigger } from '../triggers/trigger.js';
import { Trigger as TriggerClass } from '../triggers/trigger.js';
import { AlreadyMergedWindows, GlobalWindows, globalWindows } from '../windows/globalWindows.js';
import type { WindowFn } from '../windows/windowFn.js';

/** Whether panes carry everything so far (`accumulating`) or only what is new since the last pane. */
export type AccumulationMode = 'accumulating' | 'discarding';
/** The accumulation modes as constants. */
export const AccumulationMode = { ACCUMULATING: 'accumulating', DISCARDING: 'discarding' } as const;

/** Which timestamp a pane carries (spec §7.1). */
export type TimestampCombiner = 'endOfWindow' | 'earliest' | 'latest';
/** The timestamp combiners as constants. */
export const TimestampCombiner = { END_OF_WINDOW: 'endOfWindow', EARLIEST: 'earliest', LATEST: 'latest' } as const;

/** Whether the final (garbage-collection) pane is emitted when it has no new data (spec §4.3). */
export type ClosingBehavior = 'fireIfNonEmpty' | 'fireAlways';
/** The closing behaviours as constants. */
export const ClosingBehavior = { FIRE_IF_NON_EMPTY: 'fireIfNonEmpty', FIRE_ALWAYS: 'fireAlways' } as const;

/** Whether the on-time pane is emitted when it has no new data (spec §4.3). */
export type OnTimeBehavior = 'fireAlways' | 'fireIfNonEmpty';
/** The on-time behaviours as constants. */
export const OnTimeBehavior = { FIRE_ALWAYS: 'fireAlways', FIRE_IF_NON_EMPTY: 'fireIfNonEmpty' } as const;

/** A complete windowing strategy. */
export interface WindowingStrategy {
  readonly windowFn: WindowFn;
  readonly trigger: Trigger;
  readonly accumulation: AccumulationMode;
  /** Allowed lateness in ms. */
  readonly allowedLateness: number;
  readonly timestampCombiner: TimestampCombiner;
  readonly closingBehavior: ClosingBehavior;
  readonly onTimeBehavior: OnTimeBehavior;
}

/** The strategy of every source: global window, default trigger, discarding, no lateness. */
export const DEFAULT_STRATEGY: WindowingStrategy = Object.freeze({
  windowFn: globalWindows(),
  trigger: defaultTrigger(),
  accumulation: 'discarding',
  allowedLateness: 0,
  timestampCombiner: 'endOfWindow',
  closingBehavior: 'fireIfNonEmpty',
  onTimeBehavior: 'fireAlways',
});

/** Options of `windowInto`: the window function plus any strategy properties to replace. */
export interface WindowIntoOptions {
  /** How elements are assigned to windows. */
  windowFn: WindowFn;
  /** When panes fire (default: `defaultTrigger()`). */
  trigger?: Trigger;
  /** `'accumulating'` or `'discarding'` (default). Required with a non-default trigger. */
  accumulation?: AccumulationMode;
  /** How late data may be, in ms, before it is dropped (default 0). Required with a non-default trigger. */
  allowedLateness?: number;
  /** Pane timestamps (default `'endOfWindow'`). */
  timestampCombiner?: TimestampCombiner;
  /** Default `'fireIfNonEmpty'`. */
  closingBehavior?: ClosingBehavior;
  /** Default `'fireAlways'`. */
  onTimeBehavior?: OnTimeBehavior;
}

const oneOf = <T extends string>(name: string, value: unknown, allowed: readonly T[]): T => {
  if (!allowed.includes(value as T)) {
    throw new TypeError(`windowInto: ${name} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${String(value)}`);
  }
  return value as T;
};

/**
 * Applies `windowInto` options to the strategy of the input (spec §2.5): only the given properties change;
 * allowed lateness becomes `max(new, previous)`; a non-default trigger on non-global windows needs explicit
 * accumulation and allowed lateness.
 */
export function applyWindowInto(previous: WindowingStrategy, options: WindowIntoOptions): WindowingStrategy {
  const { windowFn } = options;
  if (windowFn === null || typeof windowFn !== 'object' || typeof windowFn.assignWindows !== 'function') {
    throw new TypeError(`windowInto: windowFn must be a window function such as fixedWindows(60_000), got ${String(windowFn)}`);
  }
  if (options.trigger !== undefined && !(options.trigger instanceof TriggerClass)) {
    throw new TypeError(`windowInto: trigger must be a trigger such as afterWatermark(), got ${String(options.trigger)}`);
  }
  const trigger = options.trigger ?? previous.trigger;
  const isGlobal = windowFn instanceof GlobalWindows;
  if (options.trigger !== undefined && !(options.trigger instanceof DefaultTrigger) && !isGlobal) {
    const missing = [
      options.accumulation === undefined ? 'accumulation' : '',
      options.allowedLateness === undefined ? 'allowedLateness' : '',
    ].filter(Boolean);
    if (missing.length) {
      throw new TypeError(
        `windowInto: a trigger other than the default (${options.trigger}) on ${windowFn} requires ` +
          `${missing.join(' and ')} to be given explicitly`,
      );
    }
  }
  const lateness =
    options.allowedLateness === undefined
      ? previous.allowedLateness
      : Math.max(checkDuration('windowInto', 'allowedLateness', options.allowedLateness), previous.allowedLateness);
  return Object.freeze({
    windowFn,
    trigger,
    accumulation:
      options.accumulation === undefined
        ? previous.accumulation
        : oneOf('accumulation', options.accumulation, ['accumulating', 'discarding']),
    allowedLateness: lateness,
    timestampCombiner:
      options.timestampCombiner === undefined
        ? previous.timestampCombiner
        : oneOf('timestampCombiner', options.timestampCombiner, ['endOfWindow', 'earliest', 'latest']),
    closingBehavior:
      options.closingBehavior === undefined
        ? previous.closingBehavior
        : oneOf('closingBehavior', options.closingBehavior, ['fireIfNonEmpty', 'fireAlways']),
    onTimeBehavior:
      options.onTimeBehavior === undefined
        ? previous.onTimeBehavior
        : oneOf('onTimeBehavior', options.onTimeBehavior, ['fireAlways', 'fireIfNonEmpty']),
  });
}

/**
 * The strategy of a grouping's output (spec §3.4): the trigger becomes its continuation and a merging window
 * function is marked already merged; everything else is kept.
 */
export function continuationStrategy(input: WindowingStrategy): WindowingStrategy {
  return Object.freeze({
    ...input,
    windowFn: input.windowFn.isMerging ? new AlreadyMergedWindows(input.windowFn) : input.windowFn,
    trigger: input.trigger.continuation(),
  });
}

/** Whether two strategies are the same in every property. */
export function sameStrategy(a: WindowingStrategy, b: WindowingStrategy): boolean {
  return (
    a.windowFn.equals(b.windowFn) &&
    a.trigger.equals(b.trigger) &&
    a.accumulation === b.accumulation &&
    a.allowedLateness === b.allowedLateness &&
    a.timestampCombiner === b.timestampCombiner &&
    a.closingBehavior === b.closingBehavior &&
    a.onTimeBehavior === b.onTimeBehavior
  );
}

/** Printable form of a strategy, for messages. */
export function formatStrategy(s: WindowingStrategy): string {
  return (
    `${s.windowFn}, trigger ${s.trigger}, ${s.accumulation}, allowedLateness ${s.allowedLateness}ms, ` +
    `timestampCombiner ${s.timestampCombiner}, closing ${s.closingBehavior}, onTime ${s.onTimeBehavior}`
  );
}
