import { compareWindows, IntervalWindow } from '../../src/index.js';
import { t0 } from '../helpers/dataflow.js';

describe('IntervalWindow', () => {
  it('should be half-open with maxTimestamp = end - 1', () => {
    const win = new IntervalWindow(t0, t0 + 60_000);

    expect(win.maxTimestamp).toBe(t0 + 59_999);
    expect(win.contains(t0)).toBe(true);
    expect(win.contains(t0 + 59_999)).toBe(true);
    expect(win.contains(t0 + 60_000)).toBe(false);
    expect(win.contains(t0 - 1)).toBe(false);
  });

  it('should compare structurally', () => {
    const a = new IntervalWindow(0, 10);

    expect(a.equals(new IntervalWindow(0, 10))).toBe(true);
    expect(a.equals(a)).toBe(true);
    expect(a.equals(new IntervalWindow(0, 11))).toBe(false);
    expect(a.equals(new IntervalWindow(1, 10))).toBe(false);
    expect(a.id).toBe(new IntervalWindow(0, 10).id);
    expect(a.id).toBe('0/10');
    expect(a.id).not.toBe(new IntervalWindow(0, 11).id);
  });

  it('should print ISO-8601 bounds', () => {
    expect(new IntervalWindow(t0, t0 + 60_000).toString()).toBe('[2026-01-01T00:00:00.000Z, 2026-01-01T00:01:00.000Z)');
    expect(String(new IntervalWindow(-1_000, 0))).toBe('[1969-12-31T23:59:59.000Z, 1970-01-01T00:00:00.000Z)');
  });

  it('should intersect only when sharing a timestamp (touching windows do not)', () => {
    const a = new IntervalWindow(0, 10);

    expect(a.intersects(new IntervalWindow(9, 20))).toBe(true);
    expect(a.intersects(new IntervalWindow(10, 20))).toBe(false);
    expect(a.intersects(new IntervalWindow(-5, 1))).toBe(true);
    expect(a.intersects(new IntervalWindow(-5, 0))).toBe(false);
  });

  it('should span two windows', () => {
    const s = new IntervalWindow(0, 10).span(new IntervalWindow(20, 30));

    expect([s.start, s.end]).toStrictEqual([0, 30]);
  });

  it('should reject an end that is not after the start', () => {
    expect(() => new IntervalWindow(5, 5)).toThrow(new RangeError('IntervalWindow: end (5) must be after start (5)'));
    expect(() => new IntervalWindow(5, 4)).toThrow(RangeError);
    expect(() => new IntervalWindow(0, Number.NaN)).toThrow(RangeError);
  });

  it('should order windows by (maxTimestamp, start)', () => {
    const ws = [new IntervalWindow(5, 20), new IntervalWindow(0, 20), new IntervalWindow(10, 15)];

    expect([...ws].sort(compareWindows).map((x) => x.id)).toStrictEqual(['10/15', '0/20', '5/20']);
  });
});
