// A `testStream()` script under `TestScheduler.run`: the script paces its processing-time advances on the
// (virtualized) default scheduler, so panes appear at the script's processing time in the marble diagram.
import { map } from 'rxjs';
import { seconds, testStream, timestamped } from '../../src/index.js';
import { marbleRun } from './marbleHarness.js';
import { perUserPerMinute, purchases, row, t0, type Purchase } from './seedPipeline.js';

export function seedScriptMarbles(): string[] {
  return marbleRun(({ expectObservable }) => {
    const [a, b, c, d, e, f, late] = purchases.map((p) => timestamped(p, p.at));
    const script = testStream<Purchase>() // no scheduler given: asyncScheduler, virtual inside run()
      .advanceWatermarkTo(t0)
      .addElements(a!, b!, c!)
      .advanceProcessingTime(seconds(5))
      .advanceWatermarkTo(t0 + seconds(61))
      .addElements(d!, e!, f!)
      .advanceProcessingTime(seconds(5))
      .addElements(late!)
      .advanceWatermarkTo(t0 + seconds(121))
      .advanceWatermarkToInfinity();
    expectObservable(perUserPerMinute(script).pipe(map(row))).toBe('5s (12) 4996ms (3456|)', {
      1: 'u1 | W1 | 2 | 35 | ON_TIME | 0 | 0 | true | false | t0+59999',
      2: 'u2 | W1 | 1 | 8 | ON_TIME | 0 | 0 | true | false | t0+59999',
      3: 'u1 | W2 | 1 | -5 | ON_TIME | 0 | 0 | true | false | t0+119999',
      4: 'u2 | W2 | 1 | 12 | ON_TIME | 0 | 0 | true | false | t0+119999',
      5: 'u3 | W2 | 1 | 9 | ON_TIME | 0 | 0 | true | false | t0+119999',
      6: 'u2 | W1 | 2 | 11 | LATE | 1 | 1 | false | true | t0+59999',
    });
  });
}
