// The late-data pair with rxjs-marbles: `marbles(...)` wraps a test body in `TestScheduler.run`, and
// `m.expect(...).toBeObservable(...)` checks the output. In Jest, import `marbles` from 'rxjs-marbles/jest'
// and pass the wrapped body to `it(...)`; here the framework-agnostic form is called directly.
import { marbles } from 'rxjs-marbles';
import { defaultTrigger, fixedWindows, seconds, watermark } from '../../src/index.js';
import { ev, panes } from './marbleHarness.js';

const strategy = { windowFn: fixedWindows(seconds(60)), trigger: defaultTrigger(), allowedLateness: seconds(60) };

export function rxjsMarblesLateness(): { kept: string[]; dropped: string[] } {
  const kept: string[] = [];
  const dropped: string[] = [];

  // A late element within the allowed lateness makes a LATE pane ...
  marbles((m) => {
    const input = m.hot('-a--W--l--|', { a: ev('a', 10), W: watermark(seconds(60)), l: ev('l', 20) });
    m.expect(input.pipe(panes(strategy, (d) => kept.push(d)))).toBeObservable('----x--y--|', {
      x: '[0s, 60s) a ON_TIME#0(nsi 0, first)',
      y: '[0s, 60s) l LATE#1(nsi 1)',
    });
  })();

  // ... and its twin, arriving once the watermark has passed gc(W) = 119 999, is dropped and counted.
  marbles((m) => {
    const input = m.hot('-a--W--X--l--|', {
      a: ev('a', 10),
      W: watermark(seconds(60)),
      X: watermark(seconds(120)),
      l: ev('l', 20),
    });
    m.expect(input.pipe(panes(strategy, (d) => dropped.push(d)))).toBeObservable('----x--------|', {
      x: '[0s, 60s) a ON_TIME#0(nsi 0, first)',
    });
  })();

  return { kept, dropped };
}
