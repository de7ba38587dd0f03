// A trigger that finishes closes its window: that firing is the last pane, and later data for the window is
// dropped as 'closedWindow' until the window expires; after that, late data is dropped as 'expired'. Both go
// to the `lateData` side output and are counted in the grouping's metrics.
import { map, Subject } from 'rxjs';
import {
  afterCount,
  afterWatermark,
  fixedWindows,
  groupingHandle,
  seconds,
  watermark,
  type DroppedElement,
  type Trigger,
} from '../../src/index.js';
import { keyedPanes, showDrop } from './lateBoundaryMarbles.js';
import { ev, marbleRun } from './marbleHarness.js';

/** Plays `input` through a grouping with `trigger`; checks the panes and the `lateData` side output. */
function closing(
  trigger: Trigger,
  allowedLateness: number,
  [input, panes, late]: [string, string, string],
  values: Record<string, string>,
) {
  const handle = groupingHandle();
  const lines = marbleRun(({ hot, expectObservable }) => {
    const source = hot(input, {
      a: ev('a', 10),
      b: ev('b', 20),
      c: ev('c', 30),
      W: watermark(seconds(60)),
      X: watermark(seconds(120)),
    });
    const lateData = new Subject<DroppedElement<string, string>>();
    const windowFn = fixedWindows(seconds(60));
    const strategy = { windowFn, trigger, accumulation: 'discarding', allowedLateness } as const;
    expectObservable(source.pipe(keyedPanes(strategy, { lateData, handle }))).toBe(panes, values);
    expectObservable(lateData.pipe(map(showDrop))).toBe(late, values);
  });
  const { droppedDueToClosedWindow, droppedDueToLateness } = handle.metrics();
  return { lines, droppedDueToClosedWindow, droppedDueToLateness };
}

export function lateClosedWindow() {
  return {
    // afterWatermark() without late firings finishes at the ON_TIME pane, although gc(W) is 60 s later.
    afterWatermark: closing(
      afterWatermark(),
      seconds(60),
      ['-a--W--b--X--c--|', '----x-----------|', '-------b-----c'],
      {
        x: '[0s, 60s) a ON_TIME#0(nsi 0, first, last)',
        b: 'b@20s [0s, 60s) closedWindow, watermark 60000', //  gc(W) = 119 999 not passed: closed, not expired
        c: 'c@30s [0s, 60s) expired, watermark 120000', //       X collected the window; now it has expired
      },
    ),
    // afterCount(2) alone fires once: the second element closes the window before the watermark reaches it.
    afterCount: closing(afterCount(2), 0, ['-a-b-c-W-|', '---x-----|', '-----c'], {
      x: '[0s, 60s) ab EARLY#0(nsi -1, first, last)',
      c: 'c@30s [0s, 60s) closedWindow, watermark -Infinity',
    }),
  };
}
