import { marbles } from 'rxjs-marbles/jest';
import { combinePerKey, count, slidingWindows, toRecords, watermark, windowInto, withKeys, withTimestamps, type WatermarkEvent } from '../../src/index.js';
import { pane, plainRecords, t0, NO_FIRING_PANE } from '../helpers/dataflow.js';
import { tx, type Tx } from '../helpers/transactions.js';

describe('toRecords', () => {
  it(
    'should emit one plain record per element and window, drop watermarks, and complete with the input',
    marbles((m) => {
      const a = tx('u1', 1, 35_000);
      const input = '   a-W--|';
      const expected = '(xyz)|';
      const source = m.hot<Tx | WatermarkEvent>(input, { a, W: watermark(t0 + 40_000) });
      const output = source.pipe(withTimestamps((e: Tx) => e.at), windowInto({ windowFn: slidingWindows(60_000, 20_000) }), toRecords(), plainRecords());

      m.expect(output).toBeObservable(expected, {
        x: { value: a, timestamp: a.at, window: [t0 + 20_000, t0 + 80_000], pane: NO_FIRING_PANE },
        y: { value: a, timestamp: a.at, window: [t0, t0 + 60_000], pane: NO_FIRING_PANE },
        z: { value: a, timestamp: a.at, window: [t0 - 20_000, t0 + 40_000], pane: NO_FIRING_PANE },
      });
    }),
  );

  it(
    'should emit a grouping\'s panes as records carrying the pane timestamp, window and pane info',
    marbles((m) => {
      const a = tx('u1', 1, 35_000);
      const input = '   a-W---|';
      const expected = '--(xy)(z|)';
      const source = m.hot<Tx | WatermarkEvent>(input, { a, W: watermark(t0 + 60_000) });
      const output = source.pipe(
        withTimestamps((e: Tx) => e.at),
        windowInto({ windowFn: slidingWindows(60_000, 20_000) }),
        withKeys((e: Tx) => e.user),
        combinePerKey(count()),
        toRecords(),
        plainRecords(),
      );

      // The watermark t0+60 s passes the ends of [t0-20 s, t0+40 s) and [t0, t0+60 s), not of [t0+20 s, t0+80 s).
      m.expect(output).toBeObservable(expected, {
        x: { value: ['u1', 1], timestamp: t0 + 39_999, window: [t0 - 20_000, t0 + 40_000], pane: pane('ON_TIME', 0, 0, true, true) },
        y: { value: ['u1', 1], timestamp: t0 + 59_999, window: [t0, t0 + 60_000], pane: pane('ON_TIME', 0, 0, true, true) },
        z: { value: ['u1', 1], timestamp: t0 + 79_999, window: [t0 + 20_000, t0 + 80_000], pane: pane('ON_TIME', 0, 0, true, true) },
      });
    }),
  );
});
