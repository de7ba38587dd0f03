// The seed pipeline fed by a plain hot marble stream: purchases are values, watermarks are `watermark(t)`
// markers among them. Under `TestScheduler.run` the 10 s processing-time triggers run on virtual time, so
// the expected marbles say exactly when each pane fires (time progression: `10s`, `4999ms`, ...).
import { map } from 'rxjs';
import { seconds, watermark, type WatermarkEvent } from '../../src/index.js';
import { marbleRun } from './marbleHarness.js';
import { perUserPerMinute, row, t0, type Purchase } from './seedPipeline.js';

export function seedHotMarbles(): string[] {
  return marbleRun(({ hot, expectObservable }) => {
    const input = hot<Purchase | WatermarkEvent>('- a 4999ms b 14998ms W 4999ms c 14999ms X', {
      a: { user: 'u1', amount: 20, at: t0 + seconds(5) }, //  PT 1: u1's early deadline 10 001
      b: { user: 'u2', amount: 8, at: t0 + seconds(35) }, //  PT 5 001: u2's early deadline 15 001
      W: watermark(t0 + seconds(61)), //                       PT 20 000: the first minute is complete
      c: { user: 'u1', amount: 15, at: t0 + seconds(20) }, // PT 25 000: late; u1's late deadline 35 000
      X: watermark(t0 + seconds(181)), //                      PT 40 000: gc(W1) = t0+179 999 passes
    });
    const output = perUserPerMinute(input).pipe(map(row));
    expectObservable(output).toBe('10002ms e 4999ms f 4997ms (ou) 14997ms l', {
      e: 'u1 | W1 | 1 | 20 | EARLY | 0 | -1 | true | false | t0+59999',
      f: 'u2 | W1 | 1 | 8 | EARLY | 0 | -1 | true | false | t0+59999',
      o: 'u1 | W1 | 1 | 20 | ON_TIME | 1 | 0 | false | false | t0+59999',
      u: 'u2 | W1 | 1 | 8 | ON_TIME | 1 | 0 | false | false | t0+59999',
      l: 'u1 | W1 | 2 | 35 | LATE | 2 | 1 | false | false | t0+59999',
    });
  });
}
