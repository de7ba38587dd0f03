// afterWatermark({ early, late }): EARLY panes whenever `early` fires before the end of the window, the
// ON_TIME pane when the watermark passes it, LATE panes whenever `late` fires afterwards.
import { afterCount, afterProcessingTime, afterWatermark, fixedWindows, seconds, watermark } from '../../src/index.js';
import { ev, marbleRun, panes } from './marbleHarness.js';

export function afterWatermarkMarbles(): string[] {
  return marbleRun(({ hot, expectObservable }) => {
    const trigger = afterWatermark({ early: afterProcessingTime(5), late: afterCount(1) });
    const input = hot('-a-b-----c----------W---d-----|', {
      a: ev('a', 5), //  first element of the pane: early deadline 1 + 5 = 6, fires at 7 (strictly after)
      b: ev('b', 20), // does not move the deadline
      c: ev('c', 40), // first element of the next pane: deadline 14, fires at 15
      W: watermark(seconds(60)),
      d: ev('d', 30), // late: the late trigger afterCount(1) fires at once
    });
    const output = input.pipe(
      panes({ windowFn: fixedWindows(seconds(60)), trigger, accumulation: 'accumulating', allowedLateness: seconds(60) }),
    );
    expectObservable(output).toBe('-------x-------y----z---l-----|', {
      x: '[0s, 60s) ab EARLY#0(nsi -1, first)',
      y: '[0s, 60s) abc EARLY#1(nsi -1)',
      z: '[0s, 60s) abc ON_TIME#2(nsi 0)', // no new element, but on-time panes fire always
      l: '[0s, 60s) abcd LATE#3(nsi 1)',
    });
  });
}
