// Sessions on a stream: a late element can merge into a session that has already fired. The merged window
// [1s, 18s) is a new window, so its pane numbering starts over (index 0, first), although part of its
// content was emitted before in the pane of [1s, 11s).
import { defaultTrigger, seconds, sessions, watermark } from '../../src/index.js';
import { ev, marbleRun, panes } from './marbleHarness.js';

export function sessionsStream(): string[] {
  return marbleRun(({ hot, expectObservable }) => {
    const input = hot('-a-W-b-X-|', {
      a: ev('a', 1), //             session [1s, 11s)
      W: watermark(seconds(12)), // passes its end: ON_TIME pane
      b: ev('b', 8), //             late, [8s, 18s) overlaps [1s, 11s): they merge into [1s, 18s)
      X: watermark(seconds(20)), // passes the end of [1s, 18s)
    });
    const strategy = { windowFn: sessions(seconds(10)), trigger: defaultTrigger(), accumulation: 'accumulating', allowedLateness: seconds(60) } as const;
    expectObservable(input.pipe(panes(strategy))).toBe('---x---y-|', {
      x: '[1s, 11s) a ON_TIME#0(nsi 0, first)',
      y: '[1s, 18s) ab ON_TIME#0(nsi 0, first)',
    });
  });
}
