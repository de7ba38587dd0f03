/**
 * The worked example of spec §11: per-user `(count, sum)` in fixed 60 s windows under
 * `AfterWatermark{early: APT(10 s), late: APT(10 s)}`, ACCUMULATING, allowed lateness 120 s — as a batch
 * (§11.1), as a stream (§11.2) and in the variants B and C of §11.3.
 */
import { afterProcessingTime, afterWatermark } from '../../src/triggers/index.js';
import { fixedWindows } from '../../src/windows/index.js';
import { el, p, pt, t0, wm, type ElementSpec, type Scenario, type Step } from './scenario.js';

const W1: readonly [number, number] = [t0, t0 + 60_000];
const W2: readonly [number, number] = [t0 + 60_000, t0 + 120_000];
const W1max = t0 + 59_999;
const W2max = t0 + 119_999;

/** `(offset s, user, amount)` → `[user, amount, t0 + offset]`. */
const e = (offsetS: number, user: string, amount: number): ElementSpec => [user, amount, t0 + offsetS * 1_000];

const base = {
  windowFn: fixedWindows(60_000),
  trigger: afterWatermark({ early: afterProcessingTime(10_000), late: afterProcessingTime(10_000) }),
  accumulation: 'accumulating',
  allowedLateness: 120_000,
  combine: 'countSum',
} as const;

const batch1 = el(e(5, 'u1', 20), e(20, 'u1', 15), e(35, 'u2', 8));
const batch2 = el(e(62, 'u1', -5), e(70, 'u2', 12), e(75, 'u3', 9));
const late = el(e(50, 'u2', 3));

/** The §11.2 script with the processing-time advance of step 6 (to `pt6`) and extra steps after the late element. */
function stream(pt6: number, afterLate: Step[]): Step[] {
  return [wm(t0), batch1, pt(5_000), wm(t0 + 61_000), batch2, pt(pt6), late, ...afterLate, wm(t0 + 121_000), wm(Infinity)];
}

export const seedScenarios: Scenario[] = [
  {
    ...base,
    section: '§11.1',
    name: 'worked example as a batch: one ON_TIME only-firing pane per user and window',
    steps: [
      el(e(5, 'u1', 20), e(20, 'u1', 15), e(35, 'u2', 8), e(62, 'u1', -5), e(70, 'u2', 12), e(75, 'u3', 9), e(50, 'u2', 3)),
      wm(Infinity),
    ],
    expected: [
      p(1, 'u1', W1, [2, 35], 'ON_TIME 0 0 first last', W1max),
      p(1, 'u2', W1, [2, 11], 'ON_TIME 0 0 first last', W1max),
      p(1, 'u1', W2, [1, -5], 'ON_TIME 0 0 first last', W2max),
      p(1, 'u2', W2, [1, 12], 'ON_TIME 0 0 first last', W2max),
      p(1, 'u3', W2, [1, 9], 'ON_TIME 0 0 first last', W2max),
    ],
    expectedOutputWatermarks: [-Infinity, Infinity],
  },
  {
    ...base,
    section: '§11.2',
    name: 'worked example as a stream',
    steps: stream(10_000, []),
    expected: [
      p(3, 'u1', W1, [2, 35], 'ON_TIME 0 0 first', W1max),
      p(3, 'u2', W1, [1, 8], 'ON_TIME 0 0 first', W1max),
      p(7, 'u1', W2, [1, -5], 'ON_TIME 0 0 first', W2max),
      p(7, 'u2', W2, [1, 12], 'ON_TIME 0 0 first', W2max),
      p(7, 'u3', W2, [1, 9], 'ON_TIME 0 0 first', W2max),
      p(8, 'u2', W1, [2, 11], 'LATE 1 1 last', W1max),
    ],
    expectedOutputWatermarks: [
      t0,
      t0,
      t0,
      t0 + 61_000,
      t0 + 61_000,
      t0 + 61_000,
      t0 + 61_000,
      t0 + 121_000,
      Infinity,
    ],
  },
  {
    ...base,
    section: '§11.3',
    name: 'variant B: step 6 advances PT to 16 000 -> EARLY W2 panes, then empty ON_TIME W2 panes (FIRE_ALWAYS)',
    steps: stream(16_000, []),
    expected: [
      p(3, 'u1', W1, [2, 35], 'ON_TIME 0 0 first', W1max),
      p(3, 'u2', W1, [1, 8], 'ON_TIME 0 0 first', W1max),
      p(5, 'u1', W2, [1, -5], 'EARLY 0 -1 first', W2max),
      p(5, 'u2', W2, [1, 12], 'EARLY 0 -1 first', W2max),
      p(5, 'u3', W2, [1, 9], 'EARLY 0 -1 first', W2max),
      p(7, 'u1', W2, [1, -5], 'ON_TIME 1 0', W2max),
      p(7, 'u2', W2, [1, 12], 'ON_TIME 1 0', W2max),
      p(7, 'u3', W2, [1, 9], 'ON_TIME 1 0', W2max),
      p(8, 'u2', W1, [2, 11], 'LATE 1 1 last', W1max),
    ],
    expectedOutputWatermarks: [
      t0,
      t0,
      t0,
      t0 + 61_000,
      t0 + 61_000,
      t0 + 61_000,
      t0 + 61_000,
      t0 + 121_000,
      Infinity,
    ],
  },
  {
    ...base,
    section: '§11.3',
    name: 'variant C: extra PT advance to 21 000 after the late element -> LATE u2/W1 then EARLY W2 panes',
    steps: stream(10_000, [pt(21_000)]),
    expected: [
      p(3, 'u1', W1, [2, 35], 'ON_TIME 0 0 first', W1max),
      p(3, 'u2', W1, [1, 8], 'ON_TIME 0 0 first', W1max),
      p(7, 'u2', W1, [2, 11], 'LATE 1 1', W1max),
      p(7, 'u1', W2, [1, -5], 'EARLY 0 -1 first', W2max),
      p(7, 'u2', W2, [1, 12], 'EARLY 0 -1 first', W2max),
      p(7, 'u3', W2, [1, 9], 'EARLY 0 -1 first', W2max),
      p(8, 'u1', W2, [1, -5], 'ON_TIME 1 0', W2max),
      p(8, 'u2', W2, [1, 12], 'ON_TIME 1 0', W2max),
      p(8, 'u3', W2, [1, 9], 'ON_TIME 1 0', W2max),
    ],
    expectedOutputWatermarks: [
      t0,
      t0,
      t0,
      t0 + 61_000,
      t0 + 61_000,
      t0 + 61_000,
      t0 + 61_000,
      t0 + 61_000,
      t0 + 121_000,
      Infinity,
    ],
  },
];
