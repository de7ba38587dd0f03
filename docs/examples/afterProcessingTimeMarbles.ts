// afterProcessingTime: fires once processing time passes a deadline counted from the first element of the
// pane: `delay` later, or rounded up to a multiple of `alignTo`. Repeated here, so it fires once per pane.
import { afterProcessingTime, fixedWindows, repeatedly, seconds } from '../../src/index.js';
import { ev, marbleRun, panes } from './marbleHarness.js';

const windowFn = fixedWindows(seconds(60));
const values = { a: ev('a', 1), b: ev('b', 2), c: ev('c', 3) };

export function afterProcessingTimeMarbles(): { delay: string[]; alignTo: string[] } {
  const delay = marbleRun(({ hot, expectObservable }) => {
    const trigger = repeatedly(afterProcessingTime({ delay: 5 }));
    const input = hot('-a-b-----c------|', values); // deadlines: 1 + 5 = 6 and 9 + 5 = 14
    const output = input.pipe(panes({ windowFn, trigger, accumulation: 'discarding', allowedLateness: 0 }));
    expectObservable(output).toBe('-------x-------y(z|)', {
      x: '[0s, 60s) ab EARLY#0(nsi -1, first)',
      y: '[0s, 60s) c EARLY#1(nsi -1)',
      z: '[0s, 60s) ∅ ON_TIME#2(nsi 0, last)', // end of input: the on-time pane fires always
    });
  });
  const alignTo = marbleRun(({ hot, expectObservable }) => {
    const trigger = repeatedly(afterProcessingTime({ alignTo: 10 }));
    const input = hot('-a-b--------c----------|', values); // deadlines: 10 and 20
    const output = input.pipe(panes({ windowFn, trigger, accumulation: 'discarding', allowedLateness: 0 }));
    expectObservable(output).toBe('-----------x---------y-(z|)', {
      x: '[0s, 60s) ab EARLY#0(nsi -1, first)',
      y: '[0s, 60s) c EARLY#1(nsi -1)',
      z: '[0s, 60s) ∅ ON_TIME#2(nsi 0, last)', // end of input: the on-time pane fires always
    });
  });
  return { delay, alignTo };
}
