import fc from 'fast-check';
import { MinHeap } from '../../src/core/timeIndex.js';

describe('MinHeap', () => {
  it('should pop numbers in ascending order, duplicates included', () => {
    const heap = new MinHeap();
    for (const x of [5, 3, 8, 3, -1, 0]) heap.push(x);

    expect(heap.size).toBe(6);
    expect(heap.peek()).toBe(-1);
    expect([heap.pop(), heap.pop(), heap.pop(), heap.pop(), heap.pop(), heap.pop()]).toStrictEqual([-1, 0, 3, 3, 5, 8]);
    expect(heap.size).toBe(0);
  });

  it('should return undefined when empty', () => {
    const heap = new MinHeap();

    expect(heap.peek()).toBeUndefined();
    expect(heap.pop()).toBeUndefined();
    heap.push(1);
    heap.clear();
    expect(heap.size).toBe(0);
    expect(heap.pop()).toBeUndefined();
  });

  it('should handle infinite values', () => {
    const heap = new MinHeap();
    for (const x of [Infinity, 1, -Infinity]) heap.push(x);

    expect([heap.pop(), heap.pop(), heap.pop()]).toStrictEqual([-Infinity, 1, Infinity]);
  });

  it('should behave like a sorted list under any interleaving of pushes and pops', () => {
    const op = fc.oneof(fc.record({ push: fc.integer({ min: -1_000, max: 1_000 }) }), fc.constant({ pop: true as const }));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const heap = new MinHeap();
        const model: number[] = [];
        for (const o of ops) {
          if ('push' in o) {
            heap.push(o.push);
            model.push(o.push);
            model.sort((a, b) => a - b);
          } else {
            expect(heap.pop()).toBe(model.shift());
          }
          expect(heap.size).toBe(model.length);
          expect(heap.peek()).toBe(model[0]);
        }
      }),
    );
  });
});
