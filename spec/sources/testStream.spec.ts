import { marbles } from 'rxjs-marbles/jest';
import { VirtualTimeScheduler } from 'rxjs';
import { MIN_TIMESTAMP, testStream, timestamped } from '../../src/index.js';
import { batch, collect, GLOBAL, item, plain, t0, wm } from '../helpers/dataflow.js';

describe('testStream', () => {
  it(
    'should play each step at the processing time of the script, in virtual time',
    marbles((m) => {
      const script = testStream<string>()
        .advanceWatermarkTo(t0)
        .addElements(timestamped('a', t0 + 5_000))
        .advanceProcessingTime(10)
        .addElements(timestamped('b', t0 + 6_000))
        .advanceProcessingTime(5)
        .advanceWatermarkToInfinity();

      // Frame = scripted processing time: 0, 10, 15.
      m.expect(script.pipe(plain())).toBeObservable('(pWa) 5ms (qb) 1ms (rI|)', {
        p: { processingTime: 0 },
        W: wm(t0),
        a: batch(item('a', t0 + 5_000, [GLOBAL])),
        q: { processingTime: 10 },
        b: batch(item('b', t0 + 6_000, [GLOBAL])),
        r: { processingTime: 15 },
        I: wm(Infinity),
      });
    }),
  );

  it(
    'should play the script from the start for every subscriber',
    marbles((m) => {
      const script = testStream<string>().addElements(timestamped('a', 1)).advanceProcessingTime(10).advanceWatermarkToInfinity();
      const values = { p: { processingTime: 0 }, a: batch(item('a', 1, [GLOBAL])), q: { processingTime: 10 }, I: wm(Infinity) };

      const late = '    --^';
      const early = '   (pa) 6ms (qI|)';
      const delayed = ' --(pa) 6ms (qI|)';

      m.expect(script.pipe(plain())).toBeObservable(early, values);
      m.expect(script.pipe(plain()), late).toBeObservable(delayed, values);
    }),
  );

  it('should give elements without a timestamp the current script watermark (MIN_TIMESTAMP before the first one)', () => {
    const clock = new VirtualTimeScheduler();
    const script = testStream<string>({ scheduler: clock }).addElements('x').advanceWatermarkTo(t0).addElements('y', timestamped('z', 5)).advanceWatermarkToInfinity();

    expect(collect(script.pipe(plain()), () => clock.flush()).values).toStrictEqual([
      { processingTime: 0 },
      batch(item('x', MIN_TIMESTAMP, [GLOBAL])),
      wm(t0),
      batch(item('y', t0, [GLOBAL]), item('z', 5, [GLOBAL])),
      wm(Infinity),
    ]);
  });

  it('should be an immutable builder whose verbs return new scripts', () => {
    const start = testStream<string>();
    const withWatermark = start.advanceWatermarkTo(t0);
    const later = withWatermark.advanceProcessingTime(1_000).advanceProcessingTime(500);

    expect(start.steps).toStrictEqual([]);
    expect(withWatermark.steps).toStrictEqual([{ kind: 'advanceWatermarkTo', watermark: t0 }]);
    expect(later.steps.map((s) => s.kind)).toStrictEqual(['advanceWatermarkTo', 'advanceProcessingTime', 'advanceProcessingTime']);
    expect([start.currentWatermark, start.currentProcessingTime]).toStrictEqual([-Infinity, 0]);
    expect([later.currentWatermark, later.currentProcessingTime]).toStrictEqual([t0, 1_500]);
    expect(later.advanceWatermarkToInfinity().currentWatermark).toBe(Infinity);
  });

  it('should reject any step after advanceWatermarkToInfinity', () => {
    const ended = testStream<string>().advanceWatermarkToInfinity();

    expect(() => ended.addElements('a')).toThrow(
      new Error('testStream.addElements: the script already ended with advanceWatermarkToInfinity(); no step may follow'),
    );
    expect(() => ended.advanceWatermarkTo(t0)).toThrow(/testStream\.advanceWatermarkTo: the script already ended/);
    expect(() => ended.advanceProcessingTime(1)).toThrow(/testStream\.advanceProcessingTime: the script already ended/);
    expect(() => ended.advanceWatermarkToInfinity()).toThrow(/testStream\.advanceWatermarkToInfinity: the script already ended/);
  });

  it('should reject a watermark that moves backwards, and one that is not finite', () => {
    const script = testStream<string>().advanceWatermarkTo(t0);

    expect(() => script.advanceWatermarkTo(t0 - 1)).toThrow(RangeError);
    expect(() => script.advanceWatermarkTo(t0 - 1)).toThrow(
      'testStream.advanceWatermarkTo(1767225599999 (2025-12-31T23:59:59.999Z)): the watermark cannot move backwards ' +
        '(it is at 1767225600000 (2026-01-01T00:00:00.000Z))',
    );
    expect(() => script.advanceWatermarkTo(t0)).not.toThrow();
    expect(() => script.advanceWatermarkTo(Infinity)).toThrow(/use advanceWatermarkToInfinity\(\) to end the stream/);
    expect(() => script.advanceWatermarkTo(Number.NaN)).toThrow(RangeError);
  });

  it('should reject a processing-time advance that is not positive', () => {
    const script = testStream<string>();

    expect(() => script.advanceProcessingTime(0)).toThrow(
      new RangeError('testStream.advanceProcessingTime(0): the advance must be a positive number of ms'),
    );
    expect(() => script.advanceProcessingTime(-5)).toThrow(RangeError);
    expect(() => script.advanceProcessingTime(Number.NaN)).toThrow(RangeError);
    expect(() => script.advanceProcessingTime(Infinity)).toThrow(RangeError);
  });

  it('should reject an element timestamp that is not a valid event time, naming the element', () => {
    expect(() => testStream<{ id: number }>().addElements(timestamped({ id: 7 }, 1.5))).toThrow(
      new RangeError('testStream.addElements: element {"id":7}: event time must be an integer number of milliseconds, got 1.5'),
    );
    expect(() => testStream<string>().addElements(timestamped('a', Number.NaN))).toThrow(RangeError);
  });
});
