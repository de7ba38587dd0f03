import { marbles } from 'rxjs-marbles/jest';
import type { Observable } from 'rxjs';
import { flatMapElements, slidingWindows, watermark, windowInto, withTimestamps, type WatermarkEvent } from '../../src/index.js';
import { batch, item, plain, t0, wm } from '../helpers/dataflow.js';

interface Line {
  readonly text: string;
  readonly at: number;
}

/** Splits lines into words, in 30 s windows every 20 s. */
const words = () => (source: Observable<Line | WatermarkEvent>) =>
  source.pipe(
    withTimestamps((l: Line) => l.at),
    windowInto({ windowFn: slidingWindows(30_000, 20_000) }),
    flatMapElements((l: Line) => l.text.split(' ').filter(Boolean)),
    plain(),
  );

describe('flatMapElements', () => {
  it(
    'should map each element to several values that keep its timestamp and windows',
    marbles((m) => {
      const a = { text: 'to be or', at: t0 + 25_000 };
      const windows = [[t0 + 20_000, t0 + 50_000], [t0, t0 + 30_000]] as const;
      const input = '   a-W-|';
      const expected = 'a-W-(I|)';
      const source = m.hot<Line | WatermarkEvent>(input, { a, W: watermark(t0 + 30_000) });

      m.expect(source.pipe(words())).toBeObservable(expected, {
        a: batch(item('to', a.at, windows), item('be', a.at, windows), item('or', a.at, windows)),
        W: wm(t0 + 30_000),
        I: wm(Infinity),
      });
    }),
  );

  it(
    'should emit no batch for an element that maps to no value',
    marbles((m) => {
      const e = { text: '', at: t0 + 26_000 };
      const input = '   e-W-|';
      const expected = '--W-(I|)';
      const source = m.hot<Line | WatermarkEvent>(input, { e, W: watermark(t0 + 30_000) });

      m.expect(source.pipe(words())).toBeObservable(expected, { W: wm(t0 + 30_000), I: wm(Infinity) });
    }),
  );
});
