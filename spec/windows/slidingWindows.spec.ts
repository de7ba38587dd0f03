import fc from 'fast-check';
import { slidingWindows, SlidingWindows } from '../../src/index.js';
import { t0 } from '../helpers/dataflow.js';

const bounds = (ws: readonly { start: number; end: number }[]) => ws.map((w) => [w.start, w.end]);
const mod = (a: number, b: number) => ((a % b) + b) % b;

/** Brute force: every window [s, s + size) containing ts whose start is on the period grid, newest first. */
function expected(ts: number, size: number, period: number, offset: number): number[][] {
  const out: number[][] = [];
  for (let s = ts; s > ts - size; s--) if (mod(s - offset, period) === 0) out.push([s, s + size]);
  return out;
}

describe('slidingWindows', () => {
  it('should assign every window [s, s + size) with s on the period grid and s > ts - size, newest first', () => {
    const fn = slidingWindows(60_000, 20_000);

    expect(bounds(fn.assignWindows(t0 + 35_000))).toStrictEqual([
      [t0 + 20_000, t0 + 80_000],
      [t0, t0 + 60_000],
      [t0 - 20_000, t0 + 40_000],
    ]);
  });

  it('should put every element in size / period windows when the period divides the size', () => {
    const fn = slidingWindows(60_000, 20_000);

    for (const ts of [t0, t0 + 1, t0 + 19_999, t0 + 20_000, -1, 0, -20_000, -59_999]) {
      expect(fn.assignWindows(ts)).toHaveLength(3);
    }
  });

  it('should use the mathematical modulo for negative timestamps and offsets', () => {
    const fn = slidingWindows(60_000, 20_000, 5_000);

    expect(bounds(fn.assignWindows(-1))).toStrictEqual([
      [-15_000, 45_000],
      [-35_000, 25_000],
      [-55_000, 5_000],
    ]);
    expect(bounds(fn.assignWindows(5_000))).toStrictEqual([
      [5_000, 65_000],
      [-15_000, 45_000],
      [-35_000, 25_000],
    ]);
  });

  it('should leave gaps when the period is larger than the size', () => {
    const fn = slidingWindows(10_000, 30_000);

    expect(bounds(fn.assignWindows(5_000))).toStrictEqual([[0, 10_000]]);
    expect(bounds(fn.assignWindows(9_999))).toStrictEqual([[0, 10_000]]);
    expect(bounds(fn.assignWindows(10_000))).toStrictEqual([]);
    expect(bounds(fn.assignWindows(29_999))).toStrictEqual([]);
    expect(bounds(fn.assignWindows(30_000))).toStrictEqual([[30_000, 40_000]]);
    expect(bounds(fn.assignWindows(-15_000))).toStrictEqual([]);
    expect(bounds(fn.assignWindows(-25_000))).toStrictEqual([[-30_000, -20_000]]);
  });

  it('should give a single window per element when period equals size (tumbling)', () => {
    const fn = slidingWindows(1_000, 1_000);

    expect(bounds(fn.assignWindows(1_500))).toStrictEqual([[1_000, 2_000]]);
    expect(bounds(fn.assignWindows(-1))).toStrictEqual([[-1_000, 0]]);
  });

  it('should give the brute-force windows for every timestamp of an out-of-order sequence (assignment cache)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 1, max: 120 }),
        fc.nat(119),
        fc.array(fc.integer({ min: -1_000, max: 1_000 }), { minLength: 1, maxLength: 50 }),
        (size, period, rawOffset, timestamps) => {
          const offset = rawOffset % period;
          const fn = slidingWindows(size, period, offset);
          for (const ts of timestamps) {
            expect(bounds(fn.assignWindows(ts))).toStrictEqual(expected(ts, size, period, offset));
          }
        },
      ),
    );
  });

  it('should not reuse the previous assignment for a timestamp with the same last start but fewer windows', () => {
    // 5 and 15 000 share the last start 0, but [-40 000, 10 000) only contains 5.
    const uneven = slidingWindows(50_000, 20_000);
    expect(bounds(uneven.assignWindows(5))).toStrictEqual([[0, 50_000], [-20_000, 30_000], [-40_000, 10_000]]);
    expect(bounds(uneven.assignWindows(15_000))).toStrictEqual([[0, 50_000], [-20_000, 30_000]]);
    expect(bounds(uneven.assignWindows(5))).toStrictEqual([[0, 50_000], [-20_000, 30_000], [-40_000, 10_000]]);
  });

  it('should reject invalid sizes, periods and offsets', () => {
    expect(() => slidingWindows(0, 1_000)).toThrow(new RangeError('slidingWindows: size must be an integer number of milliseconds >= 1, got 0'));
    expect(() => slidingWindows(60_000, 0)).toThrow(new RangeError('slidingWindows: period must be an integer number of milliseconds >= 1, got 0'));
    expect(() => slidingWindows(60_000, 20_000, -1)).toThrow(RangeError);
    expect(() => slidingWindows(60_000, 20_000, 20_000)).toThrow(
      new RangeError('slidingWindows: offset (20000) must be smaller than period (20000)'),
    );
    expect(() => slidingWindows(60_000, 0.5)).toThrow(RangeError);
  });

  it('should compare by size, period and offset and print itself', () => {
    expect(slidingWindows(60_000, 20_000).equals(new SlidingWindows(60_000, 20_000, 0))).toBe(true);
    expect(slidingWindows(60_000, 20_000).equals(slidingWindows(60_000, 30_000))).toBe(false);
    expect(slidingWindows(60_000, 20_000, 5).toString()).toBe('SlidingWindows(60000ms every 20000ms, offset 5ms)');
    expect(slidingWindows(60_000, 20_000).isMerging).toBe(false);
  });
});
