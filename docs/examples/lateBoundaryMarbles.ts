// The lateness boundary as a marble twin pair. Window [0s, 60s), allowed lateness 60 s, so
// gc(W) = W.max + 60 000 = 119 999. The late element `l` (event time 20 s) arrives after the watermark `G`:
// at G = gc(W) it is kept and makes a LATE pane; at G = gc(W) + 1 it is dropped, and the `lateData` side
// output (here a Subject, shown as a second marble line) receives it with its window, reason and watermark.
import { map, Subject, type OperatorFunction } from 'rxjs';
import {
  defaultTrigger,
  fixedWindows,
  formatPane,
  groupByKey,
  mapElements,
  seconds,
  toRecords,
  watermark,
  windowInto,
  withTimestamps,
  type DataflowEvent,
  type DroppedElement,
  type GroupingOptions,
  type WatermarkEvent,
  type WindowIntoOptions,
} from '../../src/index.js';
import { ev, marbleRun, showWindow, type Ev } from './marbleHarness.js';

/**
 * Like `panes()` of the marble harness (one key, `groupByKey`, each pane as `<window> <names> <PaneInfo>`),
 * but with the grouping's options: `lateData` receives whole dropped-element records, `handle` the metrics.
 */
export function keyedPanes(
  strategy: WindowIntoOptions,
  options: GroupingOptions<string, string>,
): OperatorFunction<Ev | WatermarkEvent | DataflowEvent<Ev>, string> {
  return (input$) =>
    input$.pipe(
      withTimestamps((e: Ev) => e.t),
      windowInto(strategy),
      mapElements((e: Ev) => ['k', e.name] as const),
      groupByKey(options),
      toRecords(),
      map((r) => `${showWindow(r.window)} ${r.value[1].join('') || '∅'} ${formatPane(r.pane)}`),
    );
}

/** A dropped element as one line: `<name>@<event time> <window> <reason>, watermark <ms>`. */
export const showDrop = (d: DroppedElement<string, string>): string =>
  `${d.value}@${d.timestamp / 1000}s ${showWindow(d.window)} ${d.reason}, watermark ${d.inputWatermark}`;

/** Runs the twin whose watermark is at `g` when `l` arrives; returns what both marble lines showed. */
function twin(g: number, panes: string, late: string, values: Record<string, string>) {
  const records: DroppedElement<string, string>[] = [];
  const lines = marbleRun(({ hot, expectObservable }) => {
    const input = hot<Ev | WatermarkEvent>('-a--W--G--l--|', {
      a: ev('a', 10),
      W: watermark(seconds(60)), // passes W.max = 59 999: the ON_TIME pane
      G: watermark(g), //           gc(W) or gc(W) + 1
      l: ev('l', 20), //            late: its window's end has passed
    });
    const lateData = new Subject<DroppedElement<string, string>>(); // a Sink: a function or any observer
    lateData.subscribe((d) => records.push(d));
    const strategy = { windowFn: fixedWindows(seconds(60)), trigger: defaultTrigger(), allowedLateness: seconds(60) };
    const output = input.pipe(keyedPanes(strategy, { lateData }));
    expectObservable(output).toBe(panes, values);
    expectObservable(lateData.pipe(map(showDrop))).toBe(late, values);
  });
  return { lines, records };
}

const gc = seconds(60) - 1 + seconds(60); // 119 999

export function lateBoundaryMarbles() {
  return {
    // G = gc(W): the window has not expired (gc(W) < watermark is false); `l` makes a LATE pane at once.
    kept: twin(gc, '----x-----y--|', '', {
      x: '[0s, 60s) a ON_TIME#0(nsi 0, first)',
      y: '[0s, 60s) l LATE#1(nsi 1)',
    }),
    // G = gc(W) + 1: the window expires at G (nothing new: no pane); `l` is dropped and reported.
    dropped: twin(gc + 1, '----x--------|', '----------d', {
      x: '[0s, 60s) a ON_TIME#0(nsi 0, first)',
      d: 'l@20s [0s, 60s) expired, watermark 120000',
    }),
  };
}
