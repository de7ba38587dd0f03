/**
 * Session merging: the engine finds the merges of `sessions()` incrementally (and, under a trigger that never
 * finishes, folds elements into their session's accumulator as they arrive). It must give exactly the panes
 * and output watermarks of the general path, which merges through the window function's `mergeWindows`
 * (spec §2.3, §10) — here taken by the same session windows behind a window function the engine does not
 * recognise.
 */
import fc from 'fast-check';
import { sessions, type BoundedWindow, type MergeGroup, type WindowFn } from '../../src/index.js';
import { buildScenario, params, rawScenarioArb, runEngine, strategyArb, type StrategySpec } from './harness.js';

/** `sessions(gap)` behind a plain object: the engine merges it through `mergeWindows`. */
function opaqueSessions(gap: number): WindowFn {
  const inner = sessions(gap);
  return {
    isMerging: true,
    assignWindows: (ts: number): readonly BoundedWindow[] => inner.assignWindows(ts),
    mergeWindows: (windows: readonly BoundedWindow[]): MergeGroup[] => inner.mergeWindows(windows),
    equals: (other: WindowFn) => other === inner,
    toString: () => `Opaque${inner}`,
  };
}

const sessionStrategyArb: fc.Arbitrary<StrategySpec> = fc
  .tuple(strategyArb, fc.integer({ min: 2, max: 8 }))
  .map(([s, gap]) => ({ ...s, window: { kind: 'sessions' as const, gap } }));

const show = (x: unknown) => JSON.stringify(x);

describe('session merging', () => {
  it('gives exactly the panes and output watermarks of merging through mergeWindows', () => {
    fc.assert(
      fc.property(rawScenarioArb({ strategy: sessionStrategyArb, maxEvents: 16 }), fc.boolean(), (raw0, bigSteps) => {
        // Half of the runs deliver larger element steps, where sessions merge among the step's own elements.
        const raw = bigSteps ? { ...raw0, events: raw0.events.map((e, i) => ({ ...e, a1: { ...e.a1, cut: e.a1.cut && i % 4 === 3 } })) } : raw0;
        const sc = buildScenario(raw);
        const gap = (sc.strategy.window as { gap: number }).gap;
        const fast = runEngine(sc);
        const general = runEngine(sc, opaqueSessions(gap));
        if (show(fast) !== show(general)) {
          throw new Error(`incremental merging:\n${show(fast)}\nmergeWindows:\n${show(general)}`);
        }
      }),
      params(),
    );
  });
});
