import { marbles } from 'rxjs-marbles/jest';
import { fixedWindows, filterElements, watermark, windowInto, withTimestamps, type WatermarkEvent } from '../../src/index.js';
import { batch, item, plain, t0, wm } from '../helpers/dataflow.js';
import { tx, W1, type Tx } from '../helpers/transactions.js';

describe('filterElements', () => {
  it(
    'should keep the elements that satisfy the predicate, with their timestamps and windows',
    marbles((m) => {
      const a = tx('u1', 20, 5_000);
      const c = tx('u2', 8, 7_000);
      const input = '   a-W-c-|';
      const expected = 'a-W-c-(I|)';
      const source = m.hot<Tx | WatermarkEvent>(input, { a, c, W: watermark(t0 + 6_000) });
      const output = source.pipe(
        withTimestamps((e: Tx) => e.at),
        windowInto({ windowFn: fixedWindows(60_000) }),
        filterElements((e: Tx) => e.amount > 0),
        plain(),
      );

      m.expect(output).toBeObservable(expected, {
        a: batch(item(a, a.at, [W1])),
        W: wm(t0 + 6_000),
        c: batch(item(c, c.at, [W1])),
        I: wm(Infinity),
      });
    }),
  );

  it(
    'should emit no batch for a batch whose elements are all filtered out',
    marbles((m) => {
      const a = tx('u1', 20, 5_000);
      const b = tx('u1', -5, 6_000);
      const input = '   a-b-W-|';
      const expected = 'a---W-(I|)';
      const source = m.hot<Tx | WatermarkEvent>(input, { a, b, W: watermark(t0 + 61_000) });
      const output = source.pipe(
        withTimestamps((e: Tx) => e.at),
        windowInto({ windowFn: fixedWindows(60_000) }),
        filterElements((e: Tx) => e.amount > 0),
        plain(),
      );

      m.expect(output).toBeObservable(expected, {
        a: batch(item(a, a.at, [W1])),
        W: wm(t0 + 61_000),
        I: wm(Infinity),
      });
    }),
  );
});
