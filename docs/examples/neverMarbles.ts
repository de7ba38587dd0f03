// never(): no firing at all; each window's data comes out in one final pane when the window expires
// (the watermark passes W.max + allowed lateness).
import { fixedWindows, never, seconds, watermark } from '../../src/index.js';
import { ev, marbleRun, panes } from './marbleHarness.js';

export function neverMarbles(): string[] {
  return marbleRun(({ hot, expectObservable }) => {
    const input = hot('-a-b---W---X-|', {
      a: ev('a', 5),
      b: ev('b', 20),
      W: watermark(seconds(60)), // the end of the window passes: nothing
      X: watermark(seconds(90)), // gc(W) = 59 999 + 30 000 passes: the final pane
    });
    const output = input.pipe(
      panes({ windowFn: fixedWindows(seconds(60)), trigger: never(), accumulation: 'discarding', allowedLateness: seconds(30) }),
    );
    expectObservable(output).toBe('-----------x-|', { x: '[0s, 60s) ab ON_TIME#0(nsi 0, first, last)' });
  });
}
