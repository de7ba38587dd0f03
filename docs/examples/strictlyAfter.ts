// "Fires when time passes T" means strictly after: a watermark equal to W.max (59 999) does not close
// [0s, 60s), 60 000 does; a processing-time deadline of 5 fires at 6, not at 5.
import { afterProcessingTime, afterWatermark, fixedWindows, seconds, watermark } from '../../src/index.js';
import { ev, marbleRun, panes } from './marbleHarness.js';

export function strictlyAfter(): string[] {
  return marbleRun(({ hot, expectObservable }) => {
    const input = hot('-a-V---W-', {
      a: ev('a', 5), //              early deadline 1 + 4 = 5
      V: watermark(59_999), //       = W.max: the end of the window has not passed
      W: watermark(60_000), //       > W.max: it has
    });
    const trigger = afterWatermark({ early: afterProcessingTime(4) });
    const output = input.pipe(panes({ windowFn: fixedWindows(seconds(60)), trigger, accumulation: 'discarding', allowedLateness: 0 }));
    expectObservable(output).toBe('------xy-', {
      x: '[0s, 60s) a EARLY#0(nsi -1, first)',
      y: '[0s, 60s) ∅ ON_TIME#1(nsi 0, last)',
    });
  });
}
