import fc from 'fast-check';
import { HoldIndex } from '../../src/core/timeIndex.js';

describe('HoldIndex', () => {
  it('should report Infinity as the minimum when empty', () => {
    const holds = new HoldIndex();

    expect(holds.min()).toBe(Infinity);
    expect(holds.size).toBe(0);
  });

  it('should keep a multiset: a time held twice stays until released twice', () => {
    const holds = new HoldIndex();
    holds.add(10);
    holds.add(10);
    holds.add(20);

    expect(holds.size).toBe(3);
    expect(holds.min()).toBe(10);
    holds.remove(10);
    expect(holds.min()).toBe(10);
    holds.remove(10);
    expect(holds.min()).toBe(20);
    expect(holds.size).toBe(1);
  });

  it('should find a time added again after it was released', () => {
    const holds = new HoldIndex();
    holds.add(5);
    holds.remove(5);
    holds.add(7);
    holds.add(5);

    expect(holds.min()).toBe(5);
    holds.remove(5);
    expect(holds.min()).toBe(7);
    holds.remove(7);
    expect(holds.min()).toBe(Infinity);
    holds.add(5);
    expect(holds.min()).toBe(5);
  });

  it('should hold a time again, added right after its released entry was dropped from the top', () => {
    const holds = new HoldIndex();
    holds.add(5);
    holds.add(7);
    holds.remove(5);
    // The released entry at 5 reaches the top and is dropped.
    expect(holds.min()).toBe(7);
    holds.add(5);
    holds.add(7);
    expect(holds.size).toBe(3);
    holds.remove(5);
    expect(holds.min()).toBe(7);
    holds.remove(7);
    holds.remove(7);
    expect(holds.min()).toBe(Infinity);
  });

  it('should refuse to release a hold that is not there', () => {
    const holds = new HoldIndex();
    holds.add(1);
    holds.remove(1);

    expect(() => holds.remove(1)).toThrow(new Error('HoldIndex: no hold at 1 to release'));
    expect(() => holds.remove(2)).toThrow(new Error('HoldIndex: no hold at 2 to release'));
    expect(holds.size).toBe(0);
  });

  it('should forget every hold on clear', () => {
    const holds = new HoldIndex();
    holds.add(1);
    holds.add(2);
    holds.clear();

    expect(holds.size).toBe(0);
    expect(holds.min()).toBe(Infinity);
  });

  it('should agree with a sorted multiset under any sequence of adds and releases', () => {
    const op = fc.oneof(fc.record({ add: fc.integer({ min: 0, max: 30 }) }), fc.record({ removeAt: fc.nat() }));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), fc.array(fc.boolean(), { maxLength: 200 }), (ops, peeks) => {
        const holds = new HoldIndex();
        const model: number[] = [];
        ops.forEach((o, i) => {
          if ('add' in o) {
            holds.add(o.add);
            model.push(o.add);
          } else if (model.length > 0) {
            const [t] = model.splice(o.removeAt % model.length, 1);
            holds.remove(t!);
          }
          expect(holds.size).toBe(model.length);
          // Reading the minimum only sometimes exercises the lazy clean-up of released times.
          if (peeks[i]) expect(holds.min()).toBe(model.length ? Math.min(...model) : Infinity);
        });
        expect(holds.min()).toBe(model.length ? Math.min(...model) : Infinity);
      }),
    );
  });
});
