// main.orFinally(until): fires whenever `main` fires, until `until` fires; that firing is the last one and
// closes the window. `until` counts over the whole window, not per pane.
import { afterCount, fixedWindows, repeatedly, seconds } from '../../src/index.js';
import { ev, marbleRun, panes } from './marbleHarness.js';

export function orFinallyMarbles(): { panes: string[]; dropped: string[] } {
  const dropped: string[] = [];
  const lines = marbleRun(({ hot, expectObservable }) => {
    const trigger = repeatedly(afterCount(2)).orFinally(afterCount(5));
    const input = hot('-a-b-c-d-e-f-|', {
      a: ev('a', 1), b: ev('b', 2), c: ev('c', 3), d: ev('d', 4), e: ev('e', 5), f: ev('f', 6),
    });
    const output = input.pipe(
      panes({ windowFn: fixedWindows(seconds(60)), trigger, accumulation: 'discarding', allowedLateness: 0 }, (d) =>
        dropped.push(d),
      ),
    );
    expectObservable(output).toBe('---x---y-z---|', {
      x: '[0s, 60s) ab EARLY#0(nsi -1, first)',
      y: '[0s, 60s) cd EARLY#1(nsi -1)',
      z: '[0s, 60s) e EARLY#2(nsi -1, last)', // the fifth element: `until` fires
    });
  });
  return { panes: lines, dropped };
}
