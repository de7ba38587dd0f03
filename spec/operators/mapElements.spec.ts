import { marbles } from 'rxjs-marbles/jest';
import { from } from 'rxjs';
import { fixedWindows, mapElements, watermark, windowInto, withTimestamps, type WatermarkEvent } from '../../src/index.js';
import { batch, collect, item, plain, t0, wm } from '../helpers/dataflow.js';
import { tx, W1, type Tx } from '../helpers/transactions.js';

describe('mapElements', () => {
  it(
    'should map values and keep timestamps, windows and panes; watermarks pass through',
    marbles((m) => {
      const a = tx('u1', 20, 5_000);
      const b = tx('u2', 8, 35_000);
      const input = '   a-W-b-|';
      const expected = 'a-W-b-(I|)';
      const source = m.hot<Tx | WatermarkEvent>(input, { a, b, W: watermark(t0 + 10_000) });
      const output = source.pipe(
        withTimestamps((e: Tx) => e.at),
        windowInto({ windowFn: fixedWindows(60_000) }),
        mapElements((e: Tx) => [e.user, e.amount * 2] as const),
        plain(),
      );

      m.expect(output).toBeObservable(expected, {
        a: batch(item(['u1', 40] as const, a.at, [W1])),
        W: wm(t0 + 10_000),
        b: batch(item(['u2', 16] as const, b.at, [W1])),
        I: wm(Infinity),
      });
    }),
  );

  it('should fail naming the element when the function throws', () => {
    const { error } = collect(
      from([tx('u1', 1, 0), tx('boom', 2, 0)]).pipe(
        withTimestamps((e: Tx) => e.at),
        mapElements((e: Tx) => {
          if (e.user === 'boom') throw new Error('no such user');
          return e.amount;
        }),
      ),
    );

    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(
      'mapElements: the function threw for element {"user":"boom","amount":2,"at":1767225600000}: no such user',
    );
    expect((error as Error).cause).toStrictEqual(new Error('no such user'));
  });
});
