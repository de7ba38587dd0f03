import { marbles } from 'rxjs-marbles/jest';
import { from } from 'rxjs';
import { fixedWindows, watermark, windowInto, withKeys, withTimestamps, type DeadLetter, type WatermarkEvent } from '../../src/index.js';
import { batch, collect, GLOBAL, item, plain, t0, withoutClock, wm } from '../helpers/dataflow.js';
import { tx, W1, type Tx } from '../helpers/transactions.js';

/** A transaction whose user may be missing. */
interface MaybeTx {
  readonly user: string | undefined;
  readonly amount: number;
  readonly at: number;
}

describe('withKeys', () => {
  it(
    'should pair every value with its key',
    marbles((m) => {
      const a = tx('u1', 20, 5_000);
      const b = tx('u2', 8, 6_000);
      const input = '   a-b-W-|';
      const expected = 'a-b-W-(I|)';
      const source = m.hot<Tx | WatermarkEvent>(input, { a, b, W: watermark(t0 + 61_000) });
      const output = source.pipe(withTimestamps((e: Tx) => e.at), windowInto({ windowFn: fixedWindows(60_000) }), withKeys((e: Tx) => e.user), plain());

      m.expect(output).toBeObservable(expected, {
        a: batch(item(['u1', a] as const, a.at, [W1])),
        b: batch(item(['u2', b] as const, b.at, [W1])),
        W: wm(t0 + 61_000),
        I: wm(Infinity),
      });
    }),
  );

  it('should fail naming the element when the key function returns undefined', () => {
    const { error } = collect(
      from<MaybeTx[]>([{ user: undefined, amount: 1, at: t0 }]).pipe(
        withTimestamps((e: MaybeTx) => e.at),
        withKeys((e: MaybeTx) => e.user),
      ),
    );

    expect((error as Error).message).toBe('withKeys: element {"amount":1,"at":1767225600000}: the key function returned undefined');
  });

  it('should send values without a key to the dead-letter sink when one is given', () => {
    const dead: DeadLetter[] = [];
    const good = tx('u1', 1, 0);
    const bad: MaybeTx = { user: undefined, amount: 2, at: t0 };
    const { values } = collect(
      from<MaybeTx[]>([bad, good]).pipe(
        withTimestamps((e: MaybeTx) => e.at),
        withKeys((e: MaybeTx) => e.user, { deadLetter: (d) => dead.push(d) }),
        plain(),
      ),
    );

    expect(withoutClock(values)).toStrictEqual([batch(item(['u1', good] as const, good.at, [GLOBAL])), wm(Infinity)]);
    expect(dead).toStrictEqual([{ value: bad, reason: 'the key function returned undefined', operator: 'withKeys' }]);
  });
});
