/**
 * Test helpers for the dataflow specs: plain, comparable views of dataflow events and windowed records (so that
 * marble tests can use `toStrictEqual` on them), builders for expected panes, and a synchronous collector.
 */
import { filter, map, type Observable, type OperatorFunction } from 'rxjs';
import type { DataflowEvent, PaneInfo, PaneTiming, WindowedRecord, WindowedValue } from '../../src/index.js';

/** The seed epoch, `2026-01-01T00:00:00Z` in ms (spec §0). */
export const t0 = Date.UTC(2026, 0, 1, 0, 0, 0);

/** A window as `[start, end)` bounds. */
export type Bounds = readonly [start: number, end: number];

/** A plain pane description: `{ timing, index, nonSpeculativeIndex, isFirst, isLast }`. */
export function pane(timing: PaneTiming, index: number, nonSpeculativeIndex: number, isFirst: boolean, isLast: boolean): PaneInfo {
  return { timing, index, nonSpeculativeIndex, isFirst, isLast };
}

/** The pane of a value that no grouping produced (spec §1.1). */
export const NO_FIRING_PANE: PaneInfo = pane('UNKNOWN', 0, 0, true, true);

/** A windowed value as plain data. */
export interface PlainItem<T> {
  readonly value: T;
  readonly timestamp: number;
  readonly windows: readonly Bounds[];
  readonly pane: PaneInfo;
}

/** A dataflow event as plain data (strategy events are left out by {@link plain}). */
export type PlainEvent<T> =
  | { readonly elements: readonly PlainItem<T>[] }
  | { readonly watermark: number }
  | { readonly processingTime: number };

/** One expected element. */
export function item<T>(value: T, timestamp: number, windows: readonly Bounds[], p: PaneInfo = NO_FIRING_PANE): PlainItem<T> {
  return { value, timestamp, windows, pane: p };
}

/**
 * One expected element batch. Items may have different literal value types (panes of different keys), so the
 * result is typed loosely to fit any expected-value table.
 */
export function batch(...items: PlainItem<unknown>[]): PlainEvent<any> {
  return { elements: items };
}

/** One expected watermark event. */
export function wm(time: number): PlainEvent<never> {
  return { watermark: time };
}

function plainPane(p: PaneInfo): PaneInfo {
  return pane(p.timing, p.index, p.nonSpeculativeIndex, p.isFirst, p.isLast);
}

/** Converts one windowed value to plain data. */
export function plainItem<T>(it: WindowedValue<T>): PlainItem<T> {
  return {
    value: it.value,
    timestamp: it.timestamp,
    windows: it.windows.map((w) => [w.start, w.end] as const),
    pane: plainPane(it.pane),
  };
}

/** Converts one dataflow event to plain data; `undefined` for strategy events. */
export function plainEvent<T>(event: DataflowEvent<T>): PlainEvent<T> | undefined {
  switch (event.kind) {
    case 'elements':
      return { elements: event.items.map(plainItem) };
    case 'watermark':
      return { watermark: event.time };
    case 'processingTime':
      return { processingTime: event.time };
    case 'strategy':
      return undefined;
  }
}

/** Maps a dataflow to plain events, leaving out windowing-strategy announcements. */
export function plain<T>(): OperatorFunction<DataflowEvent<T>, PlainEvent<T>> {
  return (source) =>
    source.pipe(
      map((e) => plainEvent(e)),
      filter((e): e is PlainEvent<T> => e !== undefined),
    );
}

/** A windowed record as plain data. */
export interface PlainRecord<T> {
  readonly value: T;
  readonly timestamp: number;
  readonly window: Bounds;
  readonly pane: PaneInfo;
}

/** Converts a {@link WindowedRecord} to plain data. */
export function plainRecord<T>(r: WindowedRecord<T>): PlainRecord<T> {
  return { value: r.value, timestamp: r.timestamp, window: [r.window.start, r.window.end], pane: plainPane(r.pane) };
}

/** Maps records to plain data. */
export function plainRecords<T>(): OperatorFunction<WindowedRecord<T>, PlainRecord<T>> {
  return map(plainRecord);
}

/** What a synchronous subscription saw. */
export interface Collected<T> {
  readonly values: T[];
  readonly error: unknown;
  readonly completed: boolean;
}

/** Subscribes, lets `flush` run (e.g. a virtual scheduler), and returns what was emitted. */
export function collect<T>(source: Observable<T>, flush?: () => void): Collected<T> {
  const values: T[] = [];
  let error: unknown = undefined;
  let completed = false;
  const sub = source.subscribe({
    next: (v) => values.push(v),
    error: (e) => (error = e),
    complete: () => (completed = true),
  });
  flush?.();
  sub.unsubscribe();
  return { values, error, completed };
}

/** The error a synchronous subscription failed with (fails the test if there was none). */
export function errorOf(source: Observable<unknown>, flush?: () => void): Error {
  const { error } = collect(source, flush);
  if (!(error instanceof Error)) throw new Error(`expected the observable to error, got ${String(error)}`);
  return error;
}

/** Whether a plain event is a processing-time announcement (a bounded input may announce its frozen clock). */
export function isClock<T>(e: PlainEvent<T>): e is { readonly processingTime: number } {
  return 'processingTime' in e;
}

/** The plain events other than processing-time announcements. */
export function withoutClock<T>(events: readonly PlainEvent<T>[]): PlainEvent<T>[] {
  return events.filter((e) => !isClock(e));
}

/** The bounds of the global window. */
export const GLOBAL: Bounds = [-8_640_000_000_000_000, 8_640_000_000_000_000 - 86_400_000 + 1];
