import { from } from 'rxjs';
import {
  combinePerKey,
  count,
  filterElements,
  fixedWindows,
  fused,
  mapElements,
  windowInto,
  withTimestamps,
  type ElementCursor,
} from '../../src/index.js';
import { batch, collect, item, plain, t0, withoutClock, type PlainEvent } from '../helpers/dataflow.js';

/** A stage written against the cursor (the public `fused` API): doubles numbers, shifts timestamps by 1 ms and drops values above `max`. */
const doubleUpTo = (max: number) =>
  fused<number, number>(() => ({
    item(c: ElementCursor): boolean {
      c.value = (c.value as number) * 2;
      c.timestamp += 1;
      return (c.value as number) <= max;
    },
  }));

const W0: readonly [number, number] = [t0, t0 + 60_000];
const elementsOf = <T>(events: readonly unknown[]) => withoutClock(events as PlainEvent<T>[]).filter((e) => 'elements' in e);

describe('fused chains', () => {
  it('should run a cursor stage between stages that pass elements by value', () => {
    const out = collect(
      from([1, 2, 3, 4, 5, 6]).pipe(
        withTimestamps((v: number) => t0 + v),
        windowInto({ windowFn: fixedWindows(60_000) }),
        mapElements((v: number) => v + 1),
        doubleUpTo(10),
        filterElements((v: number) => v !== 8),
        plain(),
      ),
    );
    expect(out.error).toBeUndefined();
    // 1..6 → +1 → 2..7 → ×2 → 4, 6, 8, 10 kept (12, 14 dropped) → 8 filtered out; timestamps +1 ms.
    expect(elementsOf<number>(out.values)).toStrictEqual([batch(item(4, t0 + 2, [W0]), item(6, t0 + 3, [W0]), item(10, t0 + 5, [W0]))]);
  });

  it('should feed a grouping through a cursor stage', () => {
    const out = collect(
      from([1, 2, 3, 4]).pipe(
        withTimestamps((v: number) => t0 + v),
        windowInto({ windowFn: fixedWindows(60_000) }),
        doubleUpTo(6),
        mapElements((v: number) => ['k', v] as const),
        combinePerKey(count()),
        plain(),
      ),
    );
    expect(out.error).toBeUndefined();
    const panes = elementsOf<readonly [string, number]>(out.values) as { readonly elements: readonly { value: unknown }[] }[];
    expect(panes.flatMap((p) => p.elements.map((e) => e.value))).toStrictEqual([['k', 3]]);
  });
});
