import fc from 'fast-check';
import { END_OF_GLOBAL_WINDOW, FixedWindows, fixedWindows, IntervalWindow } from '../../src/index.js';
import { t0 } from '../helpers/dataflow.js';

const bounds = (ws: readonly { start: number; end: number }[]) => ws.map((w) => [w.start, w.end]);
const mod = (a: number, b: number) => ((a % b) + b) % b;

describe('fixedWindows', () => {
  it('should assign the window [start, start + size) with start = ts - floorMod(ts - offset, size)', () => {
    const fn = fixedWindows(60_000);

    expect(bounds(fn.assignWindows(t0 + 62_000))).toStrictEqual([[t0 + 60_000, t0 + 120_000]]);
    expect(bounds(fn.assignWindows(t0))).toStrictEqual([[t0, t0 + 60_000]]);
    expect(bounds(fn.assignWindows(t0 + 59_999))).toStrictEqual([[t0, t0 + 60_000]]);
    expect(bounds(fn.assignWindows(t0 + 60_000))).toStrictEqual([[t0 + 60_000, t0 + 120_000]]);
  });

  it('should shift window boundaries by the offset', () => {
    const fn = fixedWindows(60_000, 10_000);

    expect(bounds(fn.assignWindows(t0 + 5_000))).toStrictEqual([[t0 - 50_000, t0 + 10_000]]);
    expect(bounds(fn.assignWindows(t0 + 10_000))).toStrictEqual([[t0 + 10_000, t0 + 70_000]]);
  });

  it('should use the mathematical modulo for negative timestamps', () => {
    const fn = fixedWindows(60_000);

    expect(bounds(fn.assignWindows(-1))).toStrictEqual([[-60_000, 0]]);
    expect(bounds(fn.assignWindows(-60_000))).toStrictEqual([[-60_000, 0]]);
    expect(bounds(fn.assignWindows(-60_001))).toStrictEqual([[-120_000, -60_000]]);
    expect(bounds(fixedWindows(60_000, 10_000).assignWindows(-1))).toStrictEqual([[-50_000, 10_000]]);
    expect(bounds(fixedWindows(60_000, 10_000).assignWindows(-50_001))).toStrictEqual([[-110_000, -50_000]]);
  });

  it('should clamp the end of the last window to the end of the global window + 1', () => {
    const day = 86_400_000;
    const fn = fixedWindows(day);

    expect(bounds(fn.assignWindows(END_OF_GLOBAL_WINDOW))).toStrictEqual([[END_OF_GLOBAL_WINDOW, END_OF_GLOBAL_WINDOW + 1]]);
    expect(bounds(fn.assignWindows(END_OF_GLOBAL_WINDOW - 1))).toStrictEqual([[END_OF_GLOBAL_WINDOW - day, END_OF_GLOBAL_WINDOW]]);
  });

  it('should return interval windows', () => {
    const [w] = fixedWindows(1_000).assignWindows(1_500);

    expect(w).toBeInstanceOf(IntervalWindow);
    expect(w!.maxTimestamp).toBe(1_999);
  });

  it('should give the formula window for every timestamp of an out-of-order sequence (assignment cache)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.nat(499),
        fc.array(fc.integer({ min: -5_000, max: 5_000 }), { minLength: 1, maxLength: 60 }),
        (size, rawOffset, timestamps) => {
          const offset = rawOffset % size;
          const fn = fixedWindows(size, offset);
          for (const ts of timestamps) {
            const start = ts - mod(ts - offset, size);
            expect(bounds(fn.assignWindows(ts))).toStrictEqual([[start, start + size]]);
          }
        },
      ),
    );
  });

  it('should give the same window list each time for input going back and forth across a boundary', () => {
    const fn = fixedWindows(60_000);
    const first = fn.assignWindows(59_000);
    const second = fn.assignWindows(61_000);
    for (const ts of [58_000, 62_000, 59_999, 60_000, 1_000, 119_999]) {
      expect(fn.assignWindows(ts)).toBe(ts < 60_000 ? first : second);
    }
    expect(bounds(fn.assignWindows(120_000))).toStrictEqual([[120_000, 180_000]]);
    expect(fn.assignWindows(60_001)).toBe(second);
    expect(fn.assignWindows(30_000)).toBe(first);
    // A time that is no number of ms is in neither.
    expect(() => fn.assignWindows(NaN)).toThrow('IntervalWindow: end (NaN) must be after start (NaN)');
  });

  it('should reject a size that is not a positive integer and an offset outside [0, size)', () => {
    expect(() => fixedWindows(0)).toThrow(new RangeError('fixedWindows: size must be an integer number of milliseconds >= 1, got 0'));
    expect(() => fixedWindows(1.5)).toThrow(RangeError);
    expect(() => fixedWindows(Number.NaN)).toThrow(RangeError);
    expect(() => fixedWindows(60_000, -1)).toThrow(new RangeError('fixedWindows: offset must be an integer number of milliseconds >= 0, got -1'));
    expect(() => fixedWindows(60_000, 60_000)).toThrow(new RangeError('fixedWindows: offset (60000) must be smaller than size (60000)'));
  });

  it('should compare by size and offset and print itself', () => {
    expect(fixedWindows(60_000).equals(new FixedWindows(60_000, 0))).toBe(true);
    expect(fixedWindows(60_000).equals(fixedWindows(60_000, 1))).toBe(false);
    expect(fixedWindows(60_000).toString()).toBe('FixedWindows(60000ms)');
    expect(fixedWindows(60_000, 5).toString()).toBe('FixedWindows(60000ms, offset 5ms)');
    expect(fixedWindows(60_000).isMerging).toBe(false);
  });
});
