// defaultTrigger(): an ON_TIME pane when the watermark passes the end of the window, then a LATE pane for
// every batch of late data until the window expires; after that, late data is dropped.
import { defaultTrigger, fixedWindows, seconds, watermark } from '../../src/index.js';
import { ev, marbleRun, panes } from './marbleHarness.js';

export function defaultTriggerMarbles(): { panes: string[]; dropped: string[] } {
  const dropped: string[] = [];
  const lines = marbleRun(({ hot, expectObservable }) => {
    const input = hot('-a-b---W---c---X---d-|', {
      a: ev('a', 5),
      b: ev('b', 20),
      W: watermark(seconds(60)), // passes W.max = 59 999: on time
      c: ev('c', 30), //            late, but gc(W) = 59 999 + 60 000 is not passed: kept
      X: watermark(seconds(120)), // passes gc(W) = 119 999: the window expires
      d: ev('d', 40), //            expired: dropped and counted
    });
    const output = input.pipe(
      panes({ windowFn: fixedWindows(seconds(60)), trigger: defaultTrigger(), allowedLateness: seconds(60) }, (d) =>
        dropped.push(d),
      ),
    );
    expectObservable(output).toBe('-------x---y---------|', {
      x: '[0s, 60s) ab ON_TIME#0(nsi 0, first)',
      y: '[0s, 60s) c LATE#1(nsi 1)',
    });
  });
  return { panes: lines, dropped };
}
