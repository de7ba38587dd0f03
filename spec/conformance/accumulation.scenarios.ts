/**
 * Accumulation modes (spec §5, §8.2): ACCUMULATING panes are refinements, DISCARDING panes are deltas; empty
 * panes emitted under FIRE_ALWAYS carry the whole accumulated value or the combine of nothing.
 */
import { afterCount, afterWatermark, defaultTrigger, repeatedly } from '../../src/triggers/index.js';
import { fixedWindows, sessions } from '../../src/windows/index.js';
import { el, p, wm, type CombineName, type Scenario } from './scenario.js';

const F60 = fixedWindows(60_000);
const W: readonly [number, number] = [0, 60_000];

/** Five elements (values 1..5) one per batch under repeatedly(afterCount(2)), then the end of input. */
function everyTwo(combine: CombineName, accumulation: 'accumulating' | 'discarding', values: readonly unknown[]): Scenario {
  return {
    section: '§5',
    name: `repeatedly(afterCount(2)), ${accumulation}, ${combine}: panes after elements 2 and 4, rest at GC`,
    windowFn: F60,
    trigger: repeatedly(afterCount(2)),
    accumulation,
    allowedLateness: 0,
    combine,
    steps: [
      el(['k', 1, 1_000]),
      el(['k', 2, 2_000]),
      el(['k', 3, 3_000]),
      el(['k', 4, 4_000]),
      el(['k', 5, 5_000]),
      wm(Infinity),
    ],
    expected: [
      p(1, 'k', W, values[0], 'EARLY 0 -1 first', 59_999),
      p(3, 'k', W, values[1], 'EARLY 1 -1', 59_999),
      p(5, 'k', W, values[2], 'ON_TIME 2 0 last', 59_999),
    ],
  };
}

/** One element (value 4), an early pane, then an empty ON_TIME final pane (FIRE_ALWAYS). */
function emptyOnTime(combine: CombineName, accumulation: 'accumulating' | 'discarding', early: unknown, onTime: unknown): Scenario {
  return {
    section: '§8.2',
    name: `empty on-time pane, ${accumulation}, ${combine}`,
    windowFn: F60,
    trigger: afterWatermark({ early: afterCount(1) }),
    accumulation,
    allowedLateness: 0,
    combine,
    steps: [el(['k', 4, 1_000]), wm(60_000)],
    expected: [p(0, 'k', W, early, 'EARLY 0 -1 first', 59_999), p(1, 'k', W, onTime, 'ON_TIME 1 0 last', 59_999)],
  };
}

/** Values 1, 3 then 5, 7 under repeatedly(afterCount(2)), then an empty final ON_TIME pane. */
function pairs(combine: CombineName, accumulation: 'accumulating' | 'discarding', values: readonly unknown[]): Scenario {
  return {
    section: '§8.2',
    name: `${combine} ${accumulation}: running vs delta aggregates, then the empty final pane`,
    windowFn: F60,
    trigger: repeatedly(afterCount(2)),
    accumulation,
    allowedLateness: 0,
    combine,
    steps: [el(['k', 1, 1_000]), el(['k', 3, 2_000]), el(['k', 5, 3_000]), el(['k', 7, 4_000]), wm(Infinity)],
    expected: [
      p(1, 'k', W, values[0], 'EARLY 0 -1 first', 59_999),
      p(3, 'k', W, values[1], 'EARLY 1 -1', 59_999),
      p(4, 'k', W, values[2], 'ON_TIME 2 0 last', 59_999),
    ],
  };
}

export const accumulationScenarios: Scenario[] = [
  everyTwo('toList', 'accumulating', [[1, 2], [1, 2, 3, 4], [1, 2, 3, 4, 5]]),
  everyTwo('toList', 'discarding', [[1, 2], [3, 4], [5]]),
  everyTwo('count', 'accumulating', [2, 4, 5]),
  everyTwo('count', 'discarding', [2, 2, 1]),
  everyTwo('sum', 'accumulating', [3, 10, 15]),
  everyTwo('sum', 'discarding', [3, 7, 5]),
  emptyOnTime('toList', 'discarding', [4], []),
  emptyOnTime('count', 'discarding', 1, 0),
  emptyOnTime('sum', 'discarding', 4, 0),
  emptyOnTime('mean', 'discarding', 4, NaN),
  emptyOnTime('top2', 'discarding', [4], []),
  emptyOnTime('mean', 'accumulating', 4, 4),
  pairs('mean', 'discarding', [2, 6, NaN]),
  pairs('mean', 'accumulating', [2, 4, 4]),
  pairs('top2', 'discarding', [[3, 1], [7, 5], []]),
  pairs('top2', 'accumulating', [[3, 1], [7, 5], [7, 5]]),
  {
    section: '§4.4',
    name: 'spec §4.4 first example in ACCUMULATING mode: the empty on-time pane carries everything',
    windowFn: F60,
    trigger: afterWatermark({ early: afterCount(1) }),
    accumulation: 'accumulating',
    allowedLateness: 0,
    steps: [wm(0), el(['k', 'a', 5_000]), wm(30_000), el(['k', 'b', 7_000]), wm(60_000)],
    expected: [
      p(1, 'k', W, ['a'], 'EARLY 0 -1 first', 59_999),
      p(3, 'k', W, ['a', 'b'], 'EARLY 1 -1', 59_999),
      p(4, 'k', W, ['a', 'b'], 'ON_TIME 2 0 last', 59_999),
    ],
  },
  {
    section: '§5',
    name: 'default trigger ACCUMULATING: each LATE pane refines the previous one',
    windowFn: F60,
    trigger: defaultTrigger(),
    accumulation: 'accumulating',
    allowedLateness: 60_000,
    combine: 'count',
    steps: [el(['k', 1, 1_000]), wm(60_000), el(['k', 2, 2_000]), el(['k', 3, 3_000]), wm(120_000)],
    expected: [
      p(1, 'k', W, 1, 'ON_TIME 0 0 first', 59_999),
      p(2, 'k', W, 2, 'LATE 1 1', 59_999),
      p(3, 'k', W, 3, 'LATE 2 2', 59_999),
    ],
  },
  {
    section: '§5',
    name: 'ACCUMULATING + closing FIRE_ALWAYS: the empty final pane carries the whole accumulated value',
    windowFn: F60,
    trigger: defaultTrigger(),
    accumulation: 'accumulating',
    allowedLateness: 60_000,
    closingBehavior: 'fireAlways',
    combine: 'count',
    steps: [el(['k', 1, 1_000]), wm(60_000), el(['k', 2, 2_000]), el(['k', 3, 3_000]), wm(120_000)],
    expected: [
      p(1, 'k', W, 1, 'ON_TIME 0 0 first', 59_999),
      p(2, 'k', W, 2, 'LATE 1 1', 59_999),
      p(3, 'k', W, 3, 'LATE 2 2', 59_999),
      p(4, 'k', W, 3, 'LATE 3 3 last', 59_999),
    ],
    expectedOutputWatermarks: [-Infinity, 60_000, 60_000, 60_000, 120_000],
  },
  {
    section: '§2.3',
    name: 'ACCUMULATING under sessions: accumulators of merged sessions are merged',
    windowFn: sessions(10_000),
    trigger: repeatedly(afterCount(1)),
    accumulation: 'accumulating',
    allowedLateness: 0,
    steps: [el(['k', 'a', 1_000]), el(['k', 'b', 20_000]), el(['k', 'c', 10_500]), wm(Infinity)],
    expected: [
      p(0, 'k', [1_000, 11_000], ['a'], 'EARLY 0 -1 first', 10_999),
      p(1, 'k', [20_000, 30_000], ['b'], 'EARLY 0 -1 first', 29_999),
      p(2, 'k', [1_000, 30_000], ['a', 'b', 'c'], 'EARLY 0 -1 first', 29_999),
      p(3, 'k', [1_000, 30_000], ['a', 'b', 'c'], 'ON_TIME 1 0 last', 29_999),
    ],
  },
];
