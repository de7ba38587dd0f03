// afterAny(t1, t2, ...): fires as soon as one of its triggers is ready, then finishes. Repeated here: "every
// 3 elements or 5 ms after the first element of the pane, whichever comes first".
import { afterAny, afterCount, afterProcessingTime, fixedWindows, repeatedly, seconds } from '../../src/index.js';
import { ev, marbleRun, panes } from './marbleHarness.js';

export function afterAnyMarbles(): string[] {
  return marbleRun(({ hot, expectObservable }) => {
    const trigger = repeatedly(afterAny(afterCount(3), afterProcessingTime(5)));
    const input = hot('-a-b-------c-d-e---|', {
      a: ev('a', 1), // deadline 6: fires at 7 with two elements
      b: ev('b', 2),
      c: ev('c', 3), // deadline 16, but the third element (e, at 15) fires first
      d: ev('d', 4),
      e: ev('e', 5),
    });
    const output = input.pipe(
      panes({ windowFn: fixedWindows(seconds(60)), trigger, accumulation: 'discarding', allowedLateness: 0 }),
    );
    expectObservable(output).toBe('-------x-------y---(z|)', {
      x: '[0s, 60s) ab EARLY#0(nsi -1, first)',
      y: '[0s, 60s) cde EARLY#1(nsi -1)',
      z: '[0s, 60s) ∅ ON_TIME#2(nsi 0, last)', // end of input: the on-time pane fires always
    });
  });
}
