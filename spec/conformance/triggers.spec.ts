/**
 * Triggers as values (spec §3): printed forms, structural equality, the continuation table of §3.4 (every row)
 * and construction errors for invalid compositions. Printed forms are those documented in the library's API
 * examples; the spec itself only requires that triggers print and compare structurally.
 */
import {
  afterAll,
  afterAny,
  afterCount,
  afterEach,
  afterProcessingTime,
  afterSynchronizedProcessingTime,
  afterWatermark,
  defaultTrigger,
  never,
  orFinally,
  repeatedly,
  type Trigger,
} from '../../src/triggers/index.js';
import {
  applyWindowInto,
  continuationStrategy,
  DEFAULT_STRATEGY,
} from '../../src/strategy/windowingStrategy.js';
import { fixedWindows, globalWindows, sessions } from '../../src/windows/index.js';

const apt10 = (): Trigger => afterProcessingTime(10_000);
const sync = (): Trigger => afterSynchronizedProcessingTime();

/** A corpus of distinct triggers, built twice to check structural (not identity) equality. */
const corpus = (): Trigger[] => [
  defaultTrigger(),
  never(),
  afterWatermark(),
  afterWatermark({ early: afterCount(1) }),
  afterWatermark({ late: afterCount(1) }),
  afterWatermark({ early: afterCount(1), late: afterCount(1) }),
  afterWatermark({ early: afterCount(2), late: afterCount(1) }),
  afterProcessingTime(),
  afterProcessingTime(10_000),
  afterProcessingTime(20_000),
  afterProcessingTime({ alignTo: 5_000 }),
  afterProcessingTime({ alignTo: { size: 5_000, offset: 1_000 } }),
  afterProcessingTime({ delay: 2_000, alignTo: 5_000 }),
  afterProcessingTime().alignedTo(5_000).plusDelayOf(2_000),
  afterSynchronizedProcessingTime(),
  afterCount(1),
  afterCount(2),
  repeatedly(afterCount(2)),
  repeatedly(afterCount(3)),
  afterEach(afterCount(1), afterCount(2)),
  afterEach(afterCount(2), afterCount(1)),
  afterAny(afterCount(1), afterCount(2)),
  afterAll(afterCount(1), afterCount(2)),
  repeatedly(afterCount(2)).orFinally(afterCount(5)),
  repeatedly(afterCount(2)).orFinally(afterCount(6)),
];

describe('triggers print themselves', () => {
  it.each([
    [
      afterWatermark({ early: afterProcessingTime(10_000), late: afterProcessingTime(10_000) }),
      'AfterWatermark(early=AfterProcessingTime(delay=10000ms), late=AfterProcessingTime(delay=10000ms))',
    ],
    [afterWatermark({ early: afterCount(2) }), 'AfterWatermark(early=AfterCount(2))'],
    [repeatedly(afterCount(100)), 'Repeatedly(AfterCount(100))'],
    [repeatedly(afterCount(2)), 'Repeatedly(AfterCount(2))'],
    [afterEach(afterCount(2), afterWatermark()), 'AfterEach(AfterCount(2), AfterWatermark)'],
    [orFinally(repeatedly(afterCount(2)), afterCount(5)), 'Repeatedly(AfterCount(2)).orFinally(AfterCount(5))'],
    [repeatedly(afterCount(2)).orFinally(afterCount(5)), 'Repeatedly(AfterCount(2)).orFinally(AfterCount(5))'],
    [afterProcessingTime(10_000), 'AfterProcessingTime(delay=10000ms)'],
  ] as const)('%s', (trigger, printed) => {
    expect(trigger.toString()).toBe(printed);
  });

  it('distinct triggers print distinctly, and a composite shows its sub-triggers', () => {
    const printed = corpus().map(String);
    expect(new Set(printed).size).toBe(printed.length);
    const inner = afterWatermark({ early: afterCount(3), late: afterProcessingTime(7_000) });
    for (const composite of [repeatedly(inner), afterEach(inner, never()), inner.orFinally(afterCount(9))]) {
      expect(String(composite)).toContain(String(afterCount(3)));
      expect(String(composite)).toContain(String(afterProcessingTime(7_000)));
    }
  });
});

describe('triggers compare structurally', () => {
  it('equal when built separately with the same structure; unequal otherwise', () => {
    const a = corpus();
    const b = corpus();
    for (let i = 0; i < a.length; i++) {
      for (let j = 0; j < b.length; j++) {
        expect([String(a[i]), String(b[j]), a[i]!.equals(b[j]!)]).toEqual([String(a[i]), String(b[j]), i === j]);
      }
    }
  });

  it('orFinally(main, until) is main.orFinally(until); a numeric delay is {delay}', () => {
    expect(orFinally(repeatedly(afterCount(2)), afterCount(5)).equals(repeatedly(afterCount(2)).orFinally(afterCount(5)))).toBe(
      true,
    );
    expect(afterProcessingTime(10_000).equals(afterProcessingTime({ delay: 10_000 }))).toBe(true);
  });

  it('timestamp mappers are ordered: alignTo-then-delay differs from delay-then-alignTo', () => {
    expect(afterProcessingTime().alignedTo(5_000).plusDelayOf(2_000).equals(afterProcessingTime().plusDelayOf(2_000).alignedTo(5_000))).toBe(
      false,
    );
  });
});

describe('continuation triggers (§3.4, every row)', () => {
  it.each<[string, Trigger, Trigger]>([
    ['Default -> Default', defaultTrigger(), defaultTrigger()],
    ['AfterWatermark -> AfterWatermark', afterWatermark(), afterWatermark()],
    [
      'AfterWatermark{early e, late l} -> AfterWatermark{early cont(e), late cont(l)} (spec example)',
      afterWatermark({ early: apt10(), late: apt10() }),
      afterWatermark({ early: sync(), late: sync() }),
    ],
    [
      'AfterWatermark{early AfterCount(5)} -> AfterWatermark{early AfterCount(1)}',
      afterWatermark({ early: afterCount(5) }),
      afterWatermark({ early: afterCount(1) }),
    ],
    [
      'AfterWatermark{late AfterCount(3)} -> AfterWatermark{late AfterCount(1)}',
      afterWatermark({ late: afterCount(3) }),
      afterWatermark({ late: afterCount(1) }),
    ],
    ['AfterProcessingTime (delay) -> AfterSynchronizedProcessingTime', apt10(), sync()],
    ['AfterProcessingTime (alignTo) -> AfterSynchronizedProcessingTime', afterProcessingTime({ alignTo: 5_000 }), sync()],
    [
      'AfterProcessingTime (delay + alignTo) -> AfterSynchronizedProcessingTime',
      afterProcessingTime({ delay: 1_000, alignTo: { size: 5_000, offset: 1_000 } }),
      sync(),
    ],
    ['AfterProcessingTime (no mapper) -> AfterSynchronizedProcessingTime', afterProcessingTime(), sync()],
    ['AfterSynchronizedProcessingTime -> itself', sync(), sync()],
    ['AfterCount(n) -> AfterCount(1)', afterCount(7), afterCount(1)],
    ['AfterCount(1) -> AfterCount(1)', afterCount(1), afterCount(1)],
    ['Never -> Never', never(), never()],
    ['Repeatedly(t) -> Repeatedly(cont(t))', repeatedly(afterCount(3)), repeatedly(afterCount(1))],
    [
      'AfterEach(t1..tn) -> Repeatedly(AfterAny(cont(t1)..cont(tn)))',
      afterEach(afterCount(2), apt10(), afterWatermark()),
      repeatedly(afterAny(afterCount(1), sync(), afterWatermark())),
    ],
    ['AfterAny(t1..tn) -> AfterAny(cont(t1)..cont(tn))', afterAny(afterCount(4), apt10()), afterAny(afterCount(1), sync())],
    ['AfterAll(t1..tn) -> AfterAll(cont(t1)..cont(tn))', afterAll(afterCount(4), apt10()), afterAll(afterCount(1), sync())],
    [
      'main.orFinally(until) -> Repeatedly(cont(main).orFinally(cont(until)))',
      repeatedly(afterCount(2)).orFinally(afterCount(5)),
      repeatedly(repeatedly(afterCount(1)).orFinally(afterCount(1))),
    ],
    [
      'nested composites inside AfterWatermark{early, late} continue member-wise',
      afterWatermark({ early: afterAny(afterCount(10), apt10()), late: afterAll(afterCount(2), apt10()) }),
      afterWatermark({ early: afterAny(afterCount(1), sync()), late: afterAll(afterCount(1), sync()) }),
    ],
  ])('%s', (_row, trigger, expected) => {
    const cont = trigger.continuation();
    expect(String(cont)).toBe(String(expected));
    expect(cont.equals(expected)).toBe(true);
  });

  it('a grouping output strategy keeps everything but the trigger and marks merging windows as already merged', () => {
    const input = applyWindowInto(DEFAULT_STRATEGY, {
      windowFn: sessions(10_000),
      trigger: afterWatermark({ early: apt10(), late: apt10() }),
      accumulation: 'accumulating',
      allowedLateness: 120_000,
      timestampCombiner: 'earliest',
      closingBehavior: 'fireAlways',
      onTimeBehavior: 'fireIfNonEmpty',
    });
    const out = continuationStrategy(input);
    expect(out.trigger.equals(afterWatermark({ early: sync(), late: sync() }))).toBe(true);
    expect(out.windowFn.isMerging).toBe(false);
    expect(out.windowFn.equals(input.windowFn)).toBe(false);
    expect([out.accumulation, out.allowedLateness, out.timestampCombiner, out.closingBehavior, out.onTimeBehavior]).toEqual([
      'accumulating',
      120_000,
      'earliest',
      'fireAlways',
      'fireIfNonEmpty',
    ]);
    const fixed = continuationStrategy(
      applyWindowInto(DEFAULT_STRATEGY, { windowFn: fixedWindows(60_000), trigger: afterCount(3), accumulation: 'discarding', allowedLateness: 0 }),
    );
    expect(fixed.windowFn.equals(fixedWindows(60_000))).toBe(true);
    expect(fixed.trigger.equals(afterCount(1))).toBe(true);
  });
});

describe('invalid trigger compositions are construction errors', () => {
  it.each<[string, () => unknown]>([
    ['early must be a once-trigger: repeatedly(afterCount(1))', () => afterWatermark({ early: repeatedly(afterCount(1)) })],
    ['late must be a once-trigger: repeatedly(afterCount(1))', () => afterWatermark({ late: repeatedly(afterCount(1)) })],
    ['early must be a once-trigger: defaultTrigger()', () => afterWatermark({ early: defaultTrigger() })],
    [
      'late must be a once-trigger: afterWatermark with early firings',
      () => afterWatermark({ late: afterWatermark({ early: afterCount(1) }) }),
    ],
    ['early must be a once-trigger: afterEach(...)', () => afterWatermark({ early: afterEach(afterCount(1), afterCount(2)) })],
    ['early must be a once-trigger: x.orFinally(y)', () => afterWatermark({ early: afterCount(1).orFinally(afterCount(2)) })],
    ['until must be a once-trigger: orFinally(x, repeatedly(...))', () => orFinally(afterCount(1), repeatedly(afterCount(2)))],
    ['until must be a once-trigger: x.orFinally(repeatedly(...))', () => repeatedly(afterCount(1)).orFinally(repeatedly(afterCount(2)))],
    ['until must be a once-trigger: x.orFinally(defaultTrigger())', () => repeatedly(afterCount(1)).orFinally(defaultTrigger())],
    ['until must be a once-trigger: x.orFinally(afterEach(...))', () => repeatedly(afterCount(1)).orFinally(afterEach(afterCount(1), never()))],
    ['afterCount(0)', () => afterCount(0)],
    ['afterCount(-1)', () => afterCount(-1)],
    ['afterCount(1.5)', () => afterCount(1.5)],
    ['afterEach needs at least two sub-triggers', () => afterEach(afterCount(1))],
  ])('%s', (_what, build) => {
    expect(build).toThrow();
  });

  it('valid compositions of once-triggers are accepted', () => {
    expect(() => afterWatermark({ early: afterAny(afterCount(1), apt10()), late: afterAll(afterCount(2), never()) })).not.toThrow();
    expect(() => repeatedly(afterCount(2)).orFinally(afterWatermark())).not.toThrow();
    expect(() => afterEach(afterCount(1), repeatedly(afterCount(2)))).not.toThrow();
  });
});

describe('windowing strategy rules (§2.5)', () => {
  it('a non-default trigger on non-global windows needs explicit accumulation and allowed lateness', () => {
    expect(() => applyWindowInto(DEFAULT_STRATEGY, { windowFn: fixedWindows(60_000), trigger: afterCount(1) })).toThrow();
    expect(() =>
      applyWindowInto(DEFAULT_STRATEGY, { windowFn: fixedWindows(60_000), trigger: afterCount(1), accumulation: 'discarding' }),
    ).toThrow();
    expect(() =>
      applyWindowInto(DEFAULT_STRATEGY, { windowFn: fixedWindows(60_000), trigger: afterCount(1), allowedLateness: 0 }),
    ).toThrow();
    expect(() =>
      applyWindowInto(DEFAULT_STRATEGY, {
        windowFn: fixedWindows(60_000),
        trigger: afterCount(1),
        accumulation: 'discarding',
        allowedLateness: 0,
      }),
    ).not.toThrow();
    expect(() => applyWindowInto(DEFAULT_STRATEGY, { windowFn: globalWindows(), trigger: afterCount(1) })).not.toThrow();
    expect(() => applyWindowInto(DEFAULT_STRATEGY, { windowFn: fixedWindows(60_000), trigger: defaultTrigger() })).not.toThrow();
  });

  it('defaults, replacing only what is given, and allowed lateness = max(new, previous)', () => {
    const s1 = applyWindowInto(DEFAULT_STRATEGY, { windowFn: fixedWindows(60_000) });
    expect([s1.trigger.equals(defaultTrigger()), s1.accumulation, s1.allowedLateness, s1.timestampCombiner, s1.closingBehavior, s1.onTimeBehavior]).toEqual([
      true,
      'discarding',
      0,
      'endOfWindow',
      'fireIfNonEmpty',
      'fireAlways',
    ]);
    const s2 = applyWindowInto(s1, { windowFn: fixedWindows(60_000), allowedLateness: 120_000, timestampCombiner: 'latest' });
    const s3 = applyWindowInto(s2, { windowFn: fixedWindows(30_000), allowedLateness: 10_000 });
    expect([s3.allowedLateness, s3.timestampCombiner]).toEqual([120_000, 'latest']);
  });
});

describe('mayFinish', () => {
  it('should be false exactly for roots that repeat until garbage collection', () => {
    const never_ = [defaultTrigger(), repeatedly(afterCount(2)), afterWatermark({ late: afterCount(1) }), afterWatermark({ early: apt10(), late: apt10() })];
    const may = [afterWatermark(), afterWatermark({ early: apt10() }), afterCount(3), apt10(), never(), afterEach(afterCount(1), afterCount(2)), repeatedly(afterCount(1)).orFinally(afterCount(5)), afterAny(afterCount(1), apt10())];
    expect(never_.map((t) => t.mayFinish)).toStrictEqual(never_.map(() => false));
    expect(may.map((t) => t.mayFinish)).toStrictEqual(may.map(() => true));
  });
});
