/**
 * A small transaction model for operator specs: plain events with an event time in ms, and a pipeline that
 * windows them into the W1 = [t0, t0+60 s) minute and sums amounts per user.
 */
import type { Observable, OperatorFunction } from 'rxjs';
import {
  combinePerKey,
  fixedWindows,
  mapElements,
  sum,
  windowInto,
  withTimestamps,
  type DataflowEvent,
  type GroupingOptions,
  type KV,
  type WatermarkEvent,
  type WindowIntoOptions,
} from '../../src/index.js';
import { plain, t0, type Bounds, type PlainEvent } from './dataflow.js';

/** A transaction: `at` is its event time in ms since the epoch. */
export interface Tx {
  readonly user: string;
  readonly amount: number;
  readonly at: number;
}

/** A transaction of `user` at `t0 + offsetMs`. */
export function tx(user: string, amount: number, offsetMs: number): Tx {
  return { user, amount, at: t0 + offsetMs };
}

/** The first minute after t0. */
export const W1: Bounds = [t0, t0 + 60_000];
/** `W1.max`. */
export const W1_MAX = t0 + 59_999;

/** Everything `windowInto` takes except the window function (always one-minute fixed windows here). */
export type MinuteOptions = Omit<WindowIntoOptions, 'windowFn'>;

/**
 * Stamps transactions with `at`, windows them into one-minute windows with `options`, sums amounts per user,
 * and shows the result as plain events (strategy announcements left out).
 */
export function sumPerUser(
  options: MinuteOptions = {},
  grouping: GroupingOptions<string, number> = {},
): OperatorFunction<Tx | WatermarkEvent | DataflowEvent<Tx>, PlainEvent<KV<string, number>>> {
  return (source: Observable<Tx | WatermarkEvent | DataflowEvent<Tx>>) =>
    source.pipe(
      withTimestamps((e: Tx) => e.at),
      windowInto<Tx>({ windowFn: fixedWindows(60_000), ...options }),
      mapElements((e: Tx) => [e.user, e.amount] as const),
      combinePerKey<string, number, number, number>(sum(), grouping),
      plain<KV<string, number>>(),
    );
}
