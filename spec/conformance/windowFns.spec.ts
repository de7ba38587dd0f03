/**
 * Window assignment formulas of spec §2 checked directly on the window functions (the scenario tables check
 * them end to end): the spec's examples, floorMod for negative timestamps, sliding multiplicity and order,
 * construction constraints.
 */
import { END_OF_GLOBAL_WINDOW, MIN_TIMESTAMP } from '../../src/time/constants.js';
import { fixedWindows, globalWindows, sessions, slidingWindows, type WindowFn } from '../../src/windows/index.js';
import { t0 } from './scenario.js';

const bounds = (fn: WindowFn, ts: number): [number, number][] => fn.assignWindows(ts).map((w) => [w.start, w.end]);

describe('fixed windows (§2.1)', () => {
  it.each<[number, number, number, [number, number]]>([
    [60_000, 0, t0 + 62_000, [t0 + 60_000, t0 + 120_000]],
    [60_000, 10_000, t0 + 5_000, [t0 - 50_000, t0 + 10_000]],
    [60_000, 0, 0, [0, 60_000]],
    [60_000, 0, -1, [-60_000, 0]],
    [60_000, 0, -60_000, [-60_000, 0]],
    [60_000, 0, -60_001, [-120_000, -60_000]],
    [60_000, 10_000, -55_000, [-110_000, -50_000]],
    [7, 3, -5, [-11, -4]],
  ])('size %d offset %d: ts %d -> %j', (size, offset, ts, expected) => {
    expect(bounds(fixedWindows(size, offset), ts)).toEqual([expected]);
  });

  it('W.max = end - 1; end clamped to END_OF_GLOBAL_WINDOW + 1', () => {
    const [w] = fixedWindows(60_000).assignWindows(5_000);
    expect(w!.maxTimestamp).toBe(59_999);
    const [c] = fixedWindows(172_800_000).assignWindows(END_OF_GLOBAL_WINDOW);
    expect([c!.end, c!.maxTimestamp]).toEqual([END_OF_GLOBAL_WINDOW + 1, END_OF_GLOBAL_WINDOW]);
  });

  it.each([
    [0, 0],
    [-1, 0],
    [60_000, 60_000],
    [60_000, -1],
  ])('size %d offset %d is a construction error', (size, offset) => {
    expect(() => fixedWindows(size, offset)).toThrow();
  });
});

describe('sliding windows (§2.2)', () => {
  it('spec example: size 60 s, period 20 s, ts t0+35 000 -> three windows, newest first', () => {
    expect(bounds(slidingWindows(60_000, 20_000), t0 + 35_000)).toEqual([
      [t0 + 20_000, t0 + 80_000],
      [t0, t0 + 60_000],
      [t0 - 20_000, t0 + 40_000],
    ]);
  });

  it('negative timestamps, offsets, and gaps when period >= size', () => {
    expect(bounds(slidingWindows(60_000, 20_000), -1)).toEqual([
      [-20_000, 40_000],
      [-40_000, 20_000],
      [-60_000, 0],
    ]);
    expect(bounds(slidingWindows(60_000, 20_000, 5_000), 5_000)).toEqual([
      [5_000, 65_000],
      [-15_000, 45_000],
      [-35_000, 25_000],
    ]);
    expect(bounds(slidingWindows(10_000, 30_000), 15_000)).toEqual([]);
    expect(bounds(slidingWindows(10_000, 30_000), 5_000)).toEqual([[0, 10_000]]);
    expect(bounds(slidingWindows(30_000, 30_000), 29_999)).toEqual([[0, 30_000]]);
  });

  it('every assigned window contains the element, and there are ceil(size / period) of them when period divides size', () => {
    const fn = slidingWindows(60_000, 20_000, 7_000);
    for (const ts of [-100_001, -1, 0, 6_999, 7_000, 26_999, 123_456]) {
      const ws = fn.assignWindows(ts);
      expect(ws).toHaveLength(3);
      for (const w of ws) expect(ts >= w.start && ts < w.end).toBe(true);
    }
  });

  it.each([
    [0, 1, 0],
    [10, 0, 0],
    [60_000, 20_000, 20_000],
    [60_000, 20_000, -1],
  ])('size %d period %d offset %d is a construction error', (size, period, offset) => {
    expect(() => slidingWindows(size, period, offset)).toThrow();
  });
});

describe('sessions (§2.3) and the global window (§2.4)', () => {
  it('a session element gets the proto-window [ts, ts + gap); gap must be > 0', () => {
    expect(bounds(sessions(10_000), 1_000)).toEqual([[1_000, 11_000]]);
    expect(bounds(sessions(10_000), -5)).toEqual([[-5, 9_995]]);
    expect(sessions(10).isMerging).toBe(true);
    expect(() => sessions(0)).toThrow();
  });

  it('the global window is [MIN_TIMESTAMP, END_OF_GLOBAL_WINDOW + 1)', () => {
    const global: WindowFn = globalWindows();
    const [g] = global.assignWindows(123);
    expect([g!.start, g!.end, g!.maxTimestamp]).toEqual([MIN_TIMESTAMP, END_OF_GLOBAL_WINDOW + 1, END_OF_GLOBAL_WINDOW]);
    expect(END_OF_GLOBAL_WINDOW).toBe(8_640_000_000_000_000 - 86_400_000);
  });
});
