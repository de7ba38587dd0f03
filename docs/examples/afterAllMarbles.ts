// afterAll(t1, t2, ...): fires once every one of its triggers has been ready in the pane, then finishes.
// Repeated here: "at least 2 elements and at least 5 ms after the first one".
import { afterAll, afterCount, afterProcessingTime, fixedWindows, repeatedly, seconds } from '../../src/index.js';
import { ev, marbleRun, panes } from './marbleHarness.js';

export function afterAllMarbles(): string[] {
  return marbleRun(({ hot, expectObservable }) => {
    const trigger = repeatedly(afterAll(afterCount(2), afterProcessingTime(5)));
    const input = hot('-a-----------b-c-d------|', {
      a: ev('a', 1), // deadline 6 passes at 7, but there is only one element
      b: ev('b', 2), // second element: both are ready, fires at once
      c: ev('c', 3), // deadline 20
      d: ev('d', 4), // two elements, but the deadline has not passed: fires at 21
    });
    const output = input.pipe(
      panes({ windowFn: fixedWindows(seconds(60)), trigger, accumulation: 'discarding', allowedLateness: 0 }),
    );
    expectObservable(output).toBe('-------------x-------y--(z|)', {
      x: '[0s, 60s) ab EARLY#0(nsi -1, first)',
      y: '[0s, 60s) cd EARLY#1(nsi -1)',
      z: '[0s, 60s) ∅ ON_TIME#2(nsi 0, last)', // end of input: the on-time pane fires always
    });
  });
}
