import { IntervalWindow, mergeOverlappingIntervals, sessions, Sessions, type MergeGroup } from '../../src/index.js';

const w = (start: number, end: number) => new IntervalWindow(start, end);
const plainGroups = (groups: MergeGroup[]) =>
  groups.map((g) => ({ members: g.members.map((m) => [m.start, m.end]), result: [g.result.start, g.result.end] }));

describe('sessions', () => {
  it('should give each element the proto-window [ts, ts + gap)', () => {
    const fn = sessions(10_000);

    expect(fn.assignWindows(1_000).map((x) => [x.start, x.end])).toStrictEqual([[1_000, 11_000]]);
    expect(fn.assignWindows(-5).map((x) => [x.start, x.end])).toStrictEqual([[-5, 9_995]]);
    expect(fn.isMerging).toBe(true);
  });

  it('should merge overlapping windows into their span (spec §2.3 example)', () => {
    const fn = sessions(10_000);

    expect(plainGroups(fn.mergeWindows([w(1_000, 11_000), w(5_000, 15_000)]))).toStrictEqual([
      { members: [[1_000, 11_000], [5_000, 15_000]], result: [1_000, 15_000] },
    ]);
  });

  it('should not merge windows that only touch', () => {
    expect(sessions(10_000).mergeWindows([w(1_000, 15_000), w(15_000, 25_000)])).toStrictEqual([]);
  });

  it('should merge two sessions through a window that bridges them', () => {
    const groups = sessions(10_000).mergeWindows([w(1_000, 15_000), w(15_000, 25_000), w(12_000, 22_000)]);

    expect(plainGroups(groups)).toStrictEqual([
      { members: [[1_000, 15_000], [12_000, 22_000], [15_000, 25_000]], result: [1_000, 25_000] },
    ]);
  });

  it('should merge transitively through the sweep and keep separate groups apart', () => {
    const groups = sessions(10).mergeWindows([w(40, 50), w(25, 35), w(0, 10), w(5, 20), w(18, 30), w(60, 70), w(70, 80)]);

    expect(plainGroups(groups)).toStrictEqual([
      { members: [[0, 10], [5, 20], [18, 30], [25, 35]], result: [0, 35] },
    ]);
  });

  it('should merge a window contained in another and sort members by start then end', () => {
    const groups = mergeOverlappingIntervals([w(10, 20), w(0, 100), w(10, 15), w(50, 60)], (a, b) => w(Math.min(a.start, b.start), Math.max(a.end, b.end)));

    expect(plainGroups(groups)).toStrictEqual([
      { members: [[0, 100], [10, 15], [10, 20], [50, 60]], result: [0, 100] },
    ]);
  });

  it('should return no group for fewer than two windows', () => {
    expect(sessions(10).mergeWindows([])).toStrictEqual([]);
    expect(sessions(10).mergeWindows([w(0, 10)])).toStrictEqual([]);
  });

  it('should reject a gap that is not a positive integer', () => {
    expect(() => sessions(0)).toThrow(new RangeError('sessions: gap must be an integer number of milliseconds >= 1, got 0'));
    expect(() => sessions(-10)).toThrow(RangeError);
    expect(() => sessions(Number.NaN)).toThrow(RangeError);
  });

  it('should compare by gap and print itself', () => {
    expect(sessions(10).equals(new Sessions(10))).toBe(true);
    expect(sessions(10).equals(sessions(11))).toBe(false);
    expect(sessions(10_000).toString()).toBe('Sessions(gap 10000ms)');
  });
});
