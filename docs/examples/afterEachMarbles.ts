// afterEach(t1, t2, ...): fires when the current trigger fires, moves on when it finishes and finishes after
// the last; then the window is closed and later data for it is dropped.
import { afterCount, afterEach, afterWatermark, fixedWindows, seconds, watermark } from '../../src/index.js';
import { ev, marbleRun, panes } from './marbleHarness.js';

export function afterEachMarbles(): { panes: string[]; dropped: string[] } {
  const dropped: string[] = [];
  const lines = marbleRun(({ hot, expectObservable }) => {
    const trigger = afterEach(afterCount(2), afterWatermark());
    const input = hot('-a-b-c---W---d-|', {
      a: ev('a', 5),
      b: ev('b', 10),
      c: ev('c', 20),
      W: watermark(seconds(60)),
      d: ev('d', 30), // the trigger has finished: the window is closed
    });
    const output = input.pipe(
      panes({ windowFn: fixedWindows(seconds(60)), trigger, accumulation: 'discarding', allowedLateness: seconds(60) }, (d) =>
        dropped.push(d),
      ),
    );
    expectObservable(output).toBe('---x-----y-----|', {
      x: '[0s, 60s) ab EARLY#0(nsi -1, first)',
      y: '[0s, 60s) c ON_TIME#1(nsi 0, last)',
    });
  });
  return { panes: lines, dropped };
}
