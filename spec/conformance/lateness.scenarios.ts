/**
 * Lateness, expiry and garbage collection (spec §1.3, §6): the exact expiry boundary `gc(W) < IW`, per-window
 * drops, closed-window drops, zero allowed lateness, single activations, batch semantics (§6.5).
 */
import {
  afterProcessingTime,
  afterWatermark,
  afterCount,
  defaultTrigger,
  repeatedly,
} from '../../src/triggers/index.js';
import { fixedWindows, sessions, slidingWindows } from '../../src/windows/index.js';
import { el, p, pt, t0, wm, type Scenario } from './scenario.js';

const F60 = fixedWindows(60_000);
const W: readonly [number, number] = [0, 60_000];
const W1: readonly [number, number] = [t0, t0 + 60_000];

export const latenessScenarios: Scenario[] = [
  {
    section: '§1.3',
    name: 'spec example: late but kept at IW t0+61 000 and t0+179 999, dropped at t0+180 000',
    windowFn: F60,
    trigger: defaultTrigger(),
    accumulation: 'discarding',
    allowedLateness: 120_000,
    steps: [
      wm(t0 + 61_000),
      el(['k', 'a', t0 + 50_000]),
      wm(t0 + 179_999),
      el(['k', 'b', t0 + 50_000]),
      wm(t0 + 180_000),
      el(['k', 'c', t0 + 50_000]),
    ],
    expected: [
      p(1, 'k', W1, ['a'], 'LATE 0 0 first', t0 + 59_999),
      p(3, 'k', W1, ['b'], 'LATE 1 1', t0 + 59_999),
    ],
    expectedCounters: { droppedDueToLateness: 1 },
    expectedOutputWatermarks: [t0 + 61_000, t0 + 61_000, t0 + 179_999, t0 + 179_999, t0 + 180_000, t0 + 180_000],
  },
  {
    section: '§6.6',
    name: 'L = 0: the on-time pane is final and later data is expired, even with a late trigger',
    windowFn: F60,
    trigger: afterWatermark({ late: afterCount(1) }),
    accumulation: 'discarding',
    allowedLateness: 0,
    steps: [el(['k', 1, 1_000]), wm(60_000), el(['k', 2, 2_000])],
    expected: [p(1, 'k', W, [1], 'ON_TIME 0 0 first last', 59_999)],
    expectedCounters: { droppedDueToLateness: 1 },
    expectedOutputWatermarks: [-Infinity, 60_000, 60_000],
  },
  {
    section: '§1.3',
    name: 'dropping is per (element, window): a sliding-window copy is expired, the other is kept',
    windowFn: slidingWindows(20_000, 10_000),
    trigger: defaultTrigger(),
    accumulation: 'discarding',
    allowedLateness: 0,
    steps: [wm(20_000), el(['k', 1, 15_000]), wm(30_000)],
    expected: [p(2, 'k', [10_000, 30_000], [1], 'ON_TIME 0 0 first last', 29_999)],
    expectedCounters: { droppedDueToLateness: 1 },
    expectedOutputWatermarks: [20_000, 20_000, 30_000],
  },
  {
    section: '§1.3',
    name: 'closed-window drops are per (element, window): one sliding copy dropped as closed, the other kept',
    windowFn: slidingWindows(20_000, 10_000),
    trigger: afterWatermark(),
    accumulation: 'discarding',
    allowedLateness: 100_000,
    steps: [el(['k', 'a', 5_000]), wm(10_000), el(['k', 'b', 6_000]), wm(20_000), wm(Infinity)],
    expected: [
      p(1, 'k', [-10_000, 10_000], ['a'], 'ON_TIME 0 0 first last', 9_999),
      p(3, 'k', [0, 20_000], ['a', 'b'], 'ON_TIME 0 0 first last', 19_999),
    ],
    expectedCounters: { droppedDueToClosedWindow: 1 },
    expectedOutputWatermarks: [-Infinity, 10_000, 10_000, 20_000, Infinity],
  },
  {
    section: '§6.3',
    name: 'a jump past both W.max and gc(W) is a single GC activation: one ON_TIME final pane',
    windowFn: F60,
    trigger: afterWatermark({ late: afterCount(1) }),
    accumulation: 'discarding',
    allowedLateness: 10_000,
    steps: [el(['k', 1, 1_000]), wm(100_000), el(['k', 2, 2_000])],
    expected: [p(1, 'k', W, [1], 'ON_TIME 0 0 first last', 59_999)],
    expectedCounters: { droppedDueToLateness: 1 },
    expectedOutputWatermarks: [-Infinity, 100_000, 100_000],
  },
  {
    section: '§6.3',
    name: 'processing-time timers of an expired window are ignored',
    windowFn: F60,
    trigger: afterWatermark({ early: afterProcessingTime(10_000) }),
    accumulation: 'discarding',
    allowedLateness: 0,
    steps: [el(['k', 1, 1_000]), wm(60_000), pt(20_000)],
    expected: [p(1, 'k', W, [1], 'ON_TIME 0 0 first last', 59_999)],
  },
  {
    section: '§6.3',
    name: 'late data waits for a processing-time late trigger; the GC pane takes what is left',
    windowFn: F60,
    trigger: afterWatermark({ late: afterProcessingTime(5_000) }),
    accumulation: 'discarding',
    allowedLateness: 60_000,
    steps: [
      el(['k', 'a', 1_000]),
      wm(60_000),
      el(['k', 'b', 2_000]),
      pt(5_001),
      el(['k', 'c', 3_000]),
      wm(119_999),
      wm(120_000),
    ],
    expected: [
      p(1, 'k', W, ['a'], 'ON_TIME 0 0 first', 59_999),
      p(3, 'k', W, ['b'], 'LATE 1 1', 59_999),
      p(6, 'k', W, ['c'], 'LATE 2 2 last', 59_999),
    ],
    expectedOutputWatermarks: [-Infinity, 60_000, 60_000, 60_000, 60_000, 119_999, 120_000],
  },
  {
    section: '§2.3',
    name: 'sessions: expiry is tested on the proto-window before merging: [10 000, 20 000) expired, [16 000, 26 000) kept',
    windowFn: sessions(10_000),
    trigger: defaultTrigger(),
    accumulation: 'discarding',
    allowedLateness: 5_000,
    steps: [wm(30_000), el(['k', 'a', 10_000]), el(['k', 'b', 16_000])],
    expected: [p(2, 'k', [16_000, 26_000], ['b'], 'LATE 0 0 first', 25_999)],
    expectedCounters: { droppedDueToLateness: 1 },
    expectedOutputWatermarks: [30_000, 30_000, 30_000],
  },
  // ---- Batch (§6.5) --------------------------------------------------------------------------------------
  {
    section: '§6.5',
    name: 'batch: element-count trigger fires once during the batch; the rest comes out in the GC pane',
    windowFn: F60,
    trigger: repeatedly(afterCount(3)),
    accumulation: 'discarding',
    allowedLateness: 0,
    steps: [
      el(['k', 1, 1_000], ['k', 2, 2_000], ['k', 3, 3_000], ['k', 4, 4_000], ['k', 5, 61_000], ['k', 6, 62_000]),
      wm(Infinity),
    ],
    expected: [
      p(0, 'k', W, [1, 2, 3, 4], 'EARLY 0 -1 first', 59_999),
      p(1, 'k', W, [], 'ON_TIME 1 0 last', 59_999),
      p(1, 'k', [60_000, 120_000], [5, 6], 'ON_TIME 0 0 first last', 119_999),
    ],
    expectedOutputWatermarks: [-Infinity, Infinity],
  },
  {
    section: '§6.5',
    name: 'batch: processing-time triggers never fire; one ON_TIME only-firing pane per window, input order irrelevant',
    windowFn: F60,
    trigger: repeatedly(afterProcessingTime(1)),
    accumulation: 'discarding',
    allowedLateness: 0,
    steps: [el(['k', 3, 70_000], ['k', 1, 59_999], ['j', 2, 0], ['k', 0, 0]), wm(Infinity)],
    expected: [
      p(1, 'k', W, [0, 1], 'ON_TIME 0 0 first last', 59_999),
      p(1, 'j', W, [2], 'ON_TIME 0 0 first last', 59_999),
      p(1, 'k', [60_000, 120_000], [3], 'ON_TIME 0 0 first last', 119_999),
    ],
  },
  {
    section: '§6.5',
    name: 'batch with sessions: out-of-order elements merge into their sessions',
    windowFn: sessions(10_000),
    trigger: defaultTrigger(),
    accumulation: 'discarding',
    allowedLateness: 0,
    steps: [el(['k', 1, 12_000], ['k', 2, 1_000], ['k', 3, 30_000], ['k', 4, 6_000]), wm(Infinity)],
    expected: [
      p(1, 'k', [1_000, 22_000], [1, 2, 4], 'ON_TIME 0 0 first last', 21_999),
      p(1, 'k', [30_000, 40_000], [3], 'ON_TIME 0 0 first last', 39_999),
    ],
  },
];
