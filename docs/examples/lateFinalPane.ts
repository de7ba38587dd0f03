// Knowing when a result is final. The grouping's output shows panes and its output watermark (`OW`) in
// order. With the default closing behaviour ('fireIfNonEmpty') the window expires at G without a last pane:
// nothing was new. With closingBehavior 'fireAlways' the expiry emits a last pane, empty if need be, so a
// consumer can wait for `isLast`. In both, once OW has passed gc(W) = 119 999 no pane of W can follow.
import { mergeMap, type OperatorFunction } from 'rxjs';
import {
  defaultTrigger,
  fixedWindows,
  formatPane,
  groupByKey,
  mapElements,
  seconds,
  watermark,
  windowInto,
  withTimestamps,
  type ClosingBehavior,
  type DataflowEvent,
  type KV,
  type WatermarkEvent,
} from '../../src/index.js';
import { ev, marbleRun, showWindow, type Ev } from './marbleHarness.js';

/** Panes as `<window> <names> <PaneInfo>` and the output watermark as `OW <ms>`, in the order emitted. */
const describeOutput: OperatorFunction<DataflowEvent<KV<string, string[]>>, string> = mergeMap((e) =>
  e.kind === 'elements'
    ? e.items.map((it) => `${showWindow(it.windows[0]!)} ${it.value[1].join('') || '∅'} ${formatPane(it.pane)}`)
    : e.kind === 'watermark'
      ? [`OW ${e.time}`]
      : [],
);

function closingWith(closingBehavior: ClosingBehavior, expected: string, values: Record<string, string>): string[] {
  return marbleRun(({ hot, expectObservable }) => {
    const input = hot<Ev | WatermarkEvent>('-a--W----l----G', {
      a: ev('a', 10),
      W: watermark(seconds(60)), //  the ON_TIME pane; gc(W) = 59 999 + 60 000 = 119 999
      l: ev('l', 20), //             late, within the allowed lateness: a LATE pane at once
      G: watermark(seconds(120)), // passes gc(W): the window expires
    });
    const output = input.pipe(
      withTimestamps((e: Ev) => e.t),
      windowInto({
        windowFn: fixedWindows(seconds(60)),
        trigger: defaultTrigger(),
        allowedLateness: seconds(60),
        closingBehavior,
      }),
      mapElements((e: Ev) => ['k', e.name] as const),
      groupByKey(),
      describeOutput,
    );
    expectObservable(output).toBe(expected, values);
  });
}

export function lateFinalPane() {
  const common = {
    p: '[0s, 60s) a ON_TIME#0(nsi 0, first)',
    w: 'OW 60000',
    l: '[0s, 60s) l LATE#1(nsi 1)',
    g: 'OW 120000',
  };
  return {
    fireIfNonEmpty: closingWith('fireIfNonEmpty', '----(pw)-l----g', common),
    fireAlways: closingWith('fireAlways', '----(pw)-l----(zg)', { ...common, z: '[0s, 60s) ∅ LATE#2(nsi 2, last)' }),
  };
}
