// With sliding windows an element is in several windows, and lateness is decided per window: a copy can be
// dropped for a window that has expired while another copy is kept in a window that is still open.
import { seconds, slidingWindows, watermark } from '../../src/index.js';
import { ev, marbleRun, panes } from './marbleHarness.js';

export function slidingLateness(): { panes: string[]; dropped: string[] } {
  const dropped: string[] = [];
  const windowFn = slidingWindows(seconds(60), seconds(20));
  const lines = marbleRun(({ hot, expectObservable }) => {
    const input = hot('-a-W-b-|', {
      a: ev('a', 35), //            in [20s, 80s), [0s, 60s) and [-20s, 40s)
      W: watermark(seconds(60)), // the two older windows end and, with no allowed lateness, expire
      b: ev('b', 35), //            dropped from the two expired windows, kept in [20s, 80s)
    });
    const output = input.pipe(panes({ windowFn, allowedLateness: 0 }, (d) => dropped.push(d)));
    expectObservable(output).toBe('---(xy)(z|)', {
      x: '[-20s, 40s) a ON_TIME#0(nsi 0, first, last)',
      y: '[0s, 60s) a ON_TIME#0(nsi 0, first, last)',
      z: '[20s, 80s) ab ON_TIME#0(nsi 0, first, last)',
    });
  });
  return { panes: lines, dropped };
}
