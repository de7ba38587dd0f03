// afterCount(n): fires once the pane holds at least n elements. Elements of one batch are counted together.
import { afterCount, fixedWindows, repeatedly, seconds, testStream, timestamped } from '../../src/index.js';
import { ev, marbleRun, panes, type Ev } from './marbleHarness.js';

const strategy = {
  windowFn: fixedWindows(seconds(60)),
  trigger: repeatedly(afterCount(2)),
  accumulation: 'discarding',
  allowedLateness: 0,
} as const;

export function afterCountMarbles(): { oneByOne: string[]; batched: string[] } {
  const oneByOne = marbleRun(({ hot, expectObservable }) => {
    const input = hot('-a-b-c-d-e-|', { a: ev('a', 1), b: ev('b', 2), c: ev('c', 3), d: ev('d', 4), e: ev('e', 5) });
    expectObservable(input.pipe(panes(strategy))).toBe('---x---y---(z|)', {
      x: '[0s, 60s) ab EARLY#0(nsi -1, first)',
      y: '[0s, 60s) cd EARLY#1(nsi -1)',
      z: '[0s, 60s) e ON_TIME#2(nsi 0, last)', // the rest comes out when the window expires
    });
  });
  const batched = marbleRun(({ expectObservable }) => {
    const at = (e: Ev) => timestamped(e, e.t);
    // Three elements in one step: one fire check, one pane of three.
    const script = testStream<Ev>()
      .addElements(at(ev('a', 1)), at(ev('b', 2)), at(ev('c', 3)))
      .addElements(at(ev('d', 4)))
      .advanceWatermarkToInfinity();
    expectObservable(script.pipe(panes(strategy))).toBe('(xy|)', {
      x: '[0s, 60s) abc EARLY#0(nsi -1, first)',
      y: '[0s, 60s) d ON_TIME#1(nsi 0, last)',
    });
  });
  return { oneByOne, batched };
}
