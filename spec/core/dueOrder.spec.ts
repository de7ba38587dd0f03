import fc from 'fast-check';
import { byTimerOrder, sortByTimerOrder, type Due } from '../../src/core/dueOrder.js';
import { IntervalWindow } from '../../src/windows/window.js';

/** Due states: each a window (from a small or a large set of bounds) and a key ordinal. */
const dueStates = (windowCount: number, maxOrdinal: number) =>
  fc.array(
    fc.record({
      w: fc.integer({ min: 0, max: windowCount - 1 }),
      length: fc.integer({ min: 1, max: 3 }),
      ordinal: fc.integer({ min: 0, max: maxOrdinal }),
    }),
    { maxLength: 60 },
  );

const build = (specs: { w: number; length: number; ordinal: number }[]): Due[] =>
  specs.map(({ w, length, ordinal }) => ({ window: new IntervalWindow(w * 1_000, w * 1_000 + length * 1_000), ks: { ordinal } }));

describe('sortByTimerOrder', () => {
  const check = (states: Due[], order: 'as built' | 'by window' | 'by window, reversed') => {
    const items = [...states];
    if (order !== 'as built') items.sort((a, b) => a.window.maxTimestamp - b.window.maxTimestamp || a.window.start - b.window.start);
    if (order === 'by window, reversed') items.reverse();
    const expected = [...items].sort(byTimerOrder);
    const slots: (Due | undefined)[] = [];
    // Spare capacity past n must be left alone.
    const sentinel: Due = { window: new IntervalWindow(-5, -4), ks: { ordinal: -1 } };
    items.push(sentinel);
    sortByTimerOrder(items, items.length - 1, slots);
    expect(items.slice(0, -1).map((d) => [d.window.start, d.window.end, d.ks.ordinal])).toStrictEqual(
      expected.map((d) => [d.window.start, d.window.end, d.ks.ordinal]),
    );
    expect(items[items.length - 1]).toBe(sentinel);
    expect(slots.every((s) => s === undefined)).toBe(true);
  };

  it('should sort like byTimerOrder: few windows, dense ordinals (placement), in any arrival order', () => {
    fc.assert(
      fc.property(dueStates(4, 20), fc.constantFrom('as built', 'by window', 'by window, reversed'), (specs, order) =>
        check(build(specs), order as 'as built'),
      ),
    );
  });

  it('should sort like byTimerOrder: many windows (full sort) and sparse ordinals (comparison sort)', () => {
    fc.assert(
      fc.property(dueStates(30, 100_000), fc.constantFrom('as built', 'by window', 'by window, reversed'), (specs, order) =>
        check(build(specs), order as 'as built'),
      ),
    );
  });

  it('should keep states of one key and window together whatever their order (no ordinal slot is lost)', () => {
    const w = new IntervalWindow(0, 1_000);
    const a: Due = { window: w, ks: { ordinal: 3 } };
    const b: Due = { window: w, ks: { ordinal: 1 } };
    const c: Due = { window: w, ks: { ordinal: 3 } };
    const items = [a, b, c];
    const slots: (Due | undefined)[] = [];
    sortByTimerOrder(items, 3, slots);
    expect(items).toStrictEqual([b, a, c]);
    expect(slots.every((s) => s === undefined)).toBe(true);
  });
});
