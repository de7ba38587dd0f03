import { marbles } from 'rxjs-marbles/jest';
import { catchError, from, of, Subject, VirtualTimeScheduler } from 'rxjs';
import {
  elements,
  testStream,
  timestamped,
  watermark,
  withTimestamps,
  type DataflowEvent,
  type DeadLetter,
  type WatermarkEvent,
} from '../../src/index.js';
import { batch, collect, GLOBAL, item, plain, t0, withoutClock, wm, type PlainEvent } from '../helpers/dataflow.js';

interface Ev {
  readonly id: string;
  readonly at: number;
}
const ev = (id: string, offsetMs: number): Ev => ({ id, at: t0 + offsetMs });
const stamped = (e: Ev) => batch(item(e, e.at, [GLOBAL]));

/** Runs `values` through withTimestamps synchronously and returns the error it failed with. */
function failure(...values: unknown[]): Error {
  const input = new Subject<Ev | WatermarkEvent>();
  let error: unknown;
  input.pipe(withTimestamps((e: Ev) => e.at)).subscribe({ error: (e) => (error = e) });
  for (const v of values) input.next(v as Ev);
  if (!(error instanceof Error)) throw new Error('expected withTimestamps to fail');
  return error;
}

describe('withTimestamps', () => {
  it('should turn a synchronous bounded input into one batch followed by the watermark +Infinity', () => {
    const a = ev('a', 5_000);
    const b = ev('b', 1_000);
    const { values, completed } = collect(from([a, b]).pipe(withTimestamps((e: Ev) => e.at), plain()));

    expect(completed).toBe(true);
    expect(withoutClock(values)).toStrictEqual([batch(item(a, a.at, [GLOBAL]), item(b, b.at, [GLOBAL])), wm(Infinity)]);
  });

  it('should end the current synchronous batch at a watermark marker', () => {
    const a = ev('a', 1_000);
    const b = ev('b', 70_000);
    const { values } = collect(from([a, watermark(t0 + 60_000), b]).pipe(withTimestamps((e: Ev) => e.at), plain()));

    expect(withoutClock(values)).toStrictEqual([stamped(a), wm(t0 + 60_000), stamped(b), wm(Infinity)]);
  });

  it(
    'should stamp each later value as a batch of its own and forward watermark markers in place',
    marbles((m) => {
      const values = { a: ev('a', 5_000), b: ev('b', 20_000), c: ev('c', 50_000) };
      const input = '   a-b-W-c-|';
      const expected = 'a-b-W-c-(I|)';
      const source = m.hot<Ev | WatermarkEvent>(input, { ...values, W: watermark(t0 + 61_000) });

      m.expect(source.pipe(withTimestamps((e: Ev) => e.at), plain())).toBeObservable(expected, {
        a: stamped(values.a),
        b: stamped(values.b),
        W: wm(t0 + 61_000),
        c: stamped(values.c), // behind the watermark: late data is stamped like any other
        I: wm(Infinity),
      });
    }),
  );

  it(
    'should ignore a watermark marker equal to the current watermark',
    marbles((m) => {
      const input = '   W-V-|';
      const expected = 'W---(I|)';
      const source = m.hot<Ev | WatermarkEvent>(input, { W: watermark(t0), V: watermark(t0) });

      m.expect(source.pipe(withTimestamps((e: Ev) => e.at), plain())).toBeObservable(expected, { W: wm(t0), I: wm(Infinity) });
    }),
  );

  it(
    'should fail at a watermark marker that moves the watermark backwards',
    marbles((m) => {
      const a = ev('a', 1_000);
      const input = '   a-W-V-|';
      const expected = 'a-W-(E|)';
      const source = m.hot<Ev | WatermarkEvent>(input, { a, W: watermark(t0 + 60_000), V: watermark(t0 + 59_999) });
      const output = source.pipe(
        withTimestamps((e: Ev) => e.at),
        plain(),
        catchError((err: Error) => of<PlainEvent<Ev> | { error: string }>({ error: err.message })),
      );

      m.expect(output).toBeObservable(expected, {
        a: stamped(a),
        W: wm(t0 + 60_000),
        E: {
          error:
            'withTimestamps: watermark(1767225659999 (2026-01-01T00:00:59.999Z)) moves the watermark backwards ' +
            '(it is at 1767225660000 (2026-01-01T00:01:00.000Z))',
        },
      });
    }),
  );

  it('should end the stream with the error when a value cannot even be inspected (a revoked proxy)', () => {
    const { proxy, revoke } = Proxy.revocable({ at: t0 }, {});
    revoke();
    const seen: string[] = [];
    let error: unknown;
    from([{ at: t0 }, proxy, { at: t0 + 1 }])
      .pipe(withTimestamps((e: { at: number }) => e.at))
      .subscribe({ next: (e) => seen.push(e.kind), error: (e: unknown) => (error = e), complete: () => seen.push('complete') });
    expect(error).toBeInstanceOf(TypeError);
    expect(seen).toStrictEqual([]);
  });

  it('should fail naming the element when its event time is NaN', () => {
    const err = failure({ id: 'x1', at: Number.NaN });

    expect(err.message).toBe('withTimestamps: element {"id":"x1","at":null}: event time must be finite, got NaN');
  });

  it('should fail naming the element when its event time is not an integer', () => {
    expect(failure({ id: 'x2', at: 1.5 }).message).toBe(
      'withTimestamps: element {"id":"x2","at":1.5}: event time must be an integer number of milliseconds, got 1.5',
    );
  });

  it('should fail naming the element when its event time is missing', () => {
    expect(failure({ id: 'x3' }).message).toBe('withTimestamps: element {"id":"x3"}: event time must be a number of milliseconds, got undefined');
  });

  it('should fail naming the element when its event time is outside the Date range', () => {
    expect(failure({ id: 'x4', at: 8_640_000_000_000_000 }).message).toContain('element {"id":"x4","at":8640000000000000}: event time 8640000000000000 is outside');
  });

  it('should fail naming the element when the timestamp function throws, and use the given name', () => {
    const input = new Subject<Ev>();
    let error: Error | undefined;
    input
      .pipe(
        withTimestamps(
          (e: Ev) => {
            if (e.id === 'bad') throw new Error('boom');
            return e.at;
          },
          { name: 'purchases' },
        ),
      )
      .subscribe({ error: (e: Error) => (error = e) });
    input.next(ev('good', 1));
    input.next(ev('bad', 2));

    expect(error?.message).toMatch(/^purchases: element \{"id":"bad","at":1767225600002\}: .*boom/);
  });

  it('should send bad input to the dead-letter sink and go on when one is given', () => {
    const dead: DeadLetter[] = [];
    const good = ev('good', 1_000);
    const { values, error } = collect(
      from([{ id: 'bad', at: 0.5 }, good]).pipe(withTimestamps((e: Ev) => e.at, { deadLetter: (d) => dead.push(d) }), plain()),
    );

    expect(error).toBeUndefined();
    expect(withoutClock(values)).toStrictEqual([stamped(good), wm(Infinity)]);
    expect(dead).toStrictEqual([
      { value: { id: 'bad', at: 0.5 }, reason: 'event time must be an integer number of milliseconds, got 0.5', operator: 'withTimestamps' },
    ]);
  });

  it('should dead-letter the same bad input with the same reasons on every path (bounded, live, live batches, validated)', () => {
    const throwing = { id: 'throws', at: 0 };
    const values: Ev[] = [ev('a', 1), { id: 'half', at: 0.5 }, throwing, { id: 'missing' } as unknown as Ev, ev('b', 2)];
    const stampOf = (e: Ev): number => {
      if (e === throwing) throw new Error('boom');
      return e.at;
    };
    const expectedDead = [
      { value: values[1], reason: 'event time must be an integer number of milliseconds, got 0.5', operator: 'withTimestamps' },
      { value: throwing, reason: 'the timestamp function threw: boom', operator: 'withTimestamps' },
      { value: values[3], reason: 'event time must be a number of milliseconds, got undefined', operator: 'withTimestamps' },
    ];
    const run = (feed: (input: Subject<Ev | DataflowEvent<Ev>>) => void, validate?: (e: Ev) => boolean) => {
      const dead: DeadLetter[] = [];
      const input = new Subject<Ev | DataflowEvent<Ev>>();
      const { values: out, error } = collect(
        input.pipe(withTimestamps(stampOf, { deadLetter: (d) => dead.push(d), ...(validate ? { validate } : {}) }), plain()),
        () => feed(input),
      );
      expect(error).toBeUndefined();
      expect(dead).toStrictEqual(expectedDead);
      return out.flatMap((e) => ('elements' in e ? e.elements.map((i) => i.value) : []));
    };
    const oneByOne = (input: Subject<Ev | DataflowEvent<Ev>>) => {
      for (const v of values) input.next(v);
      input.complete();
    };
    const asOneBatch = (input: Subject<Ev | DataflowEvent<Ev>>) => {
      input.next(elements(values.map((v) => timestamped(v, 0))));
      input.complete();
    };
    for (const validate of [undefined, () => true]) {
      expect(run(oneByOne, validate)).toStrictEqual([ev('a', 1), ev('b', 2)]);
      expect(run(asOneBatch, validate)).toStrictEqual([ev('a', 1), ev('b', 2)]);
    }
    const dead: DeadLetter[] = [];
    const { values: bounded } = collect(from(values).pipe(withTimestamps(stampOf, { deadLetter: (d) => dead.push(d) }), plain()));
    expect(withoutClock(bounded)).toStrictEqual([batch(item(ev('a', 1), t0 + 1, [GLOBAL]), item(ev('b', 2), t0 + 2, [GLOBAL])), wm(Infinity)]);
    expect(dead).toStrictEqual(expectedDead);
  });

  it('should re-stamp the elements of a dataflow input with the timestamp function', () => {
    const clock = new VirtualTimeScheduler();
    const script = testStream<Ev>({ scheduler: clock }).addElements(timestamped(ev('a', 5), 999)).advanceWatermarkToInfinity();
    const { values } = collect(script.pipe(withTimestamps((e: Ev) => e.at), plain()), () => clock.flush());

    expect(values).toStrictEqual([{ processingTime: 0 }, stamped(ev('a', 5)), wm(Infinity)]);
  });

  it('should reject a timestamp function that is not a function', () => {
    expect(() => withTimestamps(42 as never)).toThrow(new TypeError('withTimestamps: timestampFn must be a function, got 42'));
  });
});
