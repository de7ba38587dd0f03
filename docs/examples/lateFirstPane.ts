// The first pane of a window can already be LATE: here the first element of [0s, 60s) arrives when the
// watermark is at 70 s, and the default trigger fires it at once.
import { defaultTrigger, fixedWindows, seconds, watermark } from '../../src/index.js';
import { ev, marbleRun, panes } from './marbleHarness.js';

export function lateFirstPane(): string[] {
  return marbleRun(({ hot, expectObservable }) => {
    const input = hot('-W-a-', { W: watermark(seconds(70)), a: ev('a', 10) });
    const output = input.pipe(
      panes({ windowFn: fixedWindows(seconds(60)), trigger: defaultTrigger(), allowedLateness: seconds(60) }),
    );
    expectObservable(output).toBe('---x-', { x: '[0s, 60s) a LATE#0(nsi 0, first)' });
  });
}
