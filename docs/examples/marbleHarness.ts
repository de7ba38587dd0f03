// The notation of the marble examples, defined once. The marble column is processing time (one character =
// one virtual millisecond under `TestScheduler.run`); event time travels in the value: `ev('a', 5)` is an
// element named `a` at event time 5 s. Each output value describes one pane as
// `<window> <elements> <PaneInfo>`, e.g. `[0s, 60s) ab EARLY#0(nsi -1, first)`; `∅` is a pane without
// elements.
import { deepStrictEqual } from 'node:assert';
import { map, type OperatorFunction } from 'rxjs';
import { TestScheduler, type RunHelpers } from 'rxjs/testing';
import {
  formatPane,
  groupByKey,
  mapElements,
  seconds,
  toRecords,
  windowInto,
  withTimestamps,
  type BoundedWindow,
  type DataflowEvent,
  type DroppedElement,
  type WatermarkEvent,
  type WindowIntoOptions,
} from '../../src/index.js';

/** An element: a name and an event time in ms. */
export interface Ev {
  readonly name: string;
  readonly t: number;
}

/** The element `name` at event time `s` seconds. */
export const ev = (name: string, s: number): Ev => ({ name, t: seconds(s) });

/** `[0s, 60s)`: a window with times in seconds. */
export const showWindow = (w: BoundedWindow): string => `[${w.start / 1000}s, ${w.end / 1000}s)`;

/**
 * The pipeline under test: event time from `t`, the given windowing strategy, every element under one key,
 * `groupByKey()`, and each pane described as `<window> <names> <PaneInfo>`. Dropped elements are reported
 * to `onDrop` as `<name>:<reason>`.
 */
export function panes(
  strategy: WindowIntoOptions,
  onDrop?: (drop: string) => void,
): OperatorFunction<Ev | WatermarkEvent | DataflowEvent<Ev>, string> {
  return (input$) =>
    input$.pipe(
      withTimestamps((e: Ev) => e.t),
      windowInto(strategy),
      mapElements((e: Ev) => ['k', e.name] as const),
      groupByKey(onDrop ? { lateData: (d: DroppedElement<string, string>) => onDrop(`${d.value}:${d.reason}`) } : {}),
      toRecords(),
      map((r) => `${showWindow(r.window)} ${r.value[1].join('') || '∅'} ${formatPane(r.pane)}`),
    );
}

/**
 * Runs `body` under `TestScheduler.run` (virtual time for every scheduler, processing-time triggers
 * included), checks its `expectObservable` assertions with Node's `deepStrictEqual`, and returns what the
 * asserted observables actually emitted, one `frame: value` line per notification.
 */
export function marbleRun(body: (helpers: RunHelpers) => void): string[] {
  const seen: string[] = [];
  const scheduler = new TestScheduler((actual, expected) => {
    for (const m of actual as { frame: number; notification: { kind: string; value?: unknown } }[]) {
      const n = m.notification;
      seen.push(`${m.frame}: ${n.kind === 'N' ? String(n.value) : n.kind === 'C' ? '|' : '#'}`);
    }
    deepStrictEqual(actual, expected);
  });
  scheduler.run(body);
  return seen;
}
