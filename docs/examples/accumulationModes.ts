// Accumulating panes carry everything so far (each replaces the previous one); discarding panes carry only
// what is new since the previous pane (deltas to add up). Same input, same trigger: an EARLY pane per
// element, then the ON_TIME pane, which is also the last one (allowed lateness 0).
import { afterCount, afterWatermark, fixedWindows, seconds, watermark, type AccumulationMode } from '../../src/index.js';
import { ev, marbleRun, panes } from './marbleHarness.js';

function run(accumulation: AccumulationMode, expected: Record<string, string>): string[] {
  return marbleRun(({ hot, expectObservable }) => {
    const input = hot('-a-b-c-W-', { a: ev('a', 5), b: ev('b', 7), c: ev('c', 9), W: watermark(seconds(60)) });
    const trigger = afterWatermark({ early: afterCount(1) });
    const output = input.pipe(panes({ windowFn: fixedWindows(seconds(60)), trigger, accumulation, allowedLateness: 0 }));
    expectObservable(output).toBe('-x-y-z-w-', expected);
  });
}

export function accumulationModes(): { accumulating: string[]; discarding: string[] } {
  return {
    accumulating: run('accumulating', {
      x: '[0s, 60s) a EARLY#0(nsi -1, first)',
      y: '[0s, 60s) ab EARLY#1(nsi -1)',
      z: '[0s, 60s) abc EARLY#2(nsi -1)',
      w: '[0s, 60s) abc ON_TIME#3(nsi 0, last)',
    }),
    discarding: run('discarding', {
      x: '[0s, 60s) a EARLY#0(nsi -1, first)',
      y: '[0s, 60s) b EARLY#1(nsi -1)',
      z: '[0s, 60s) c EARLY#2(nsi -1)',
      w: '[0s, 60s) ∅ ON_TIME#3(nsi 0, last)',
    }),
  };
}
