import fc from 'fast-check';
import { TimerQueue } from '../../src/core/timeIndex.js';

function drain<E>(q: TimerQueue<E>, limit: number): Array<[number, E[]]> {
  const out: Array<[number, E[]]> = [];
  q.popBefore(limit, (time, entries) => out.push([time, [...entries]]));
  return out;
}

describe('TimerQueue', () => {
  it('should bucket entries by due time and count distinct times', () => {
    const q = new TimerQueue<string>();
    q.add(20, 'a');
    q.add(10, 'b');
    q.add(20, 'c');

    expect(q.distinctTimes).toBe(2);
    expect(q.peekTime()).toBe(10);
  });

  it('should pop only times strictly before the limit, in ascending order, entries in insertion order', () => {
    const q = new TimerQueue<string>();
    q.add(30, 'x');
    q.add(20, 'a');
    q.add(10, 'b');
    q.add(20, 'c');

    expect(drain(q, 20)).toStrictEqual([[10, ['b']]]);
    expect(drain(q, 20)).toStrictEqual([]);
    expect(drain(q, 30)).toStrictEqual([[20, ['a', 'c']]]);
    expect(q.distinctTimes).toBe(1);
    expect(q.peekTime()).toBe(30);
    expect(drain(q, Infinity)).toStrictEqual([[30, ['x']]]);
    expect(q.peekTime()).toBeUndefined();
  });

  it('should accept a timer again after its bucket was popped', () => {
    const q = new TimerQueue<string>();
    q.add(5, 'a');
    drain(q, 6);
    q.add(5, 'b');

    expect(q.distinctTimes).toBe(1);
    expect(drain(q, 6)).toStrictEqual([[5, ['b']]]);
  });

  it('should forget everything on clear', () => {
    const q = new TimerQueue<number>();
    q.add(1, 1);
    q.add(2, 2);
    q.clear();

    expect(q.distinctTimes).toBe(0);
    expect(q.peekTime()).toBeUndefined();
    expect(drain(q, Infinity)).toStrictEqual([]);
  });

  it('should deliver every added entry exactly once, at the first pop whose limit passes its time', () => {
    const op = fc.oneof(
      fc.record({ add: fc.integer({ min: 0, max: 50 }) }),
      fc.record({ popBefore: fc.integer({ min: 0, max: 60 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 150 }), (ops) => {
        const q = new TimerQueue<number>();
        let pending: Array<{ time: number; id: number }> = [];
        let id = 0;
        for (const o of ops) {
          if ('add' in o) {
            q.add(o.add, id);
            pending.push({ time: o.add, id: id++ });
          } else {
            const due = pending.filter((p) => p.time < o.popBefore);
            pending = pending.filter((p) => !(p.time < o.popBefore));
            const times = [...new Set(due.map((p) => p.time))].sort((a, b) => a - b);
            const expected = times.map((t) => [t, due.filter((p) => p.time === t).map((p) => p.id)]);
            expect(drain(q, o.popBefore)).toStrictEqual(expected);
          }
          expect(q.distinctTimes).toBe(new Set(pending.map((p) => p.time)).size);
          expect(q.peekTime()).toBe(pending.length ? Math.min(...pending.map((p) => p.time)) : undefined);
        }
      }),
    );
  });

  it('popAll takes every bucket in time order, empties the queue, and the queue keeps working', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { maxLength: 60 }), fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 5 }), (times, later) => {
        const q = new TimerQueue<number>();
        times.forEach((t, i) => q.add(t, i));
        const seen: Array<[number, number[]]> = [];
        q.popAll((t, entries) => seen.push([t, [...entries]]));
        const expected = [...new Set(times)].sort((a, b) => a - b).map((t) => [t, times.flatMap((x, i) => (x === t ? [i] : []))]);
        expect(seen).toStrictEqual(expected);
        expect(q.distinctTimes).toBe(0);
        expect(q.peekTime()).toBeUndefined();
        later.forEach((t, i) => q.add(t, 100 + i));
        expect(q.peekTime()).toBe(later.length ? Math.min(...later) : undefined);
        expect(q.distinctTimes).toBe(new Set(later).size);
      }),
    );
  });
});
