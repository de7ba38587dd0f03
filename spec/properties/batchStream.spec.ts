/**
 * The batch = stream law (Beam's unified model): for random events, arrival orders, batchings, watermark and
 * processing-time schedules and windowing strategies, the stream's final results equal the batch results
 * whenever nothing was dropped; and arrival order and batching change nothing when no data is late.
 */
import fc from 'fast-check';
import {
  buildScenario,
  contains,
  contentOf,
  countsElements,
  describeStrategy,
  finalResults,
  groupPanes,
  kwOf,
  oracleWindows,
  resultsPerBatchWindow,
  params,
  rawScenarioArb,
  runBatch,
  runStream,
  strategyArb,
  type RunResult,
  type Scenario,
} from './harness.js';

/** Fails with a readable message (fast-check reports it with the shrunk counterexample). */
function check(cond: boolean, message: () => string): void {
  if (!cond) throw new Error(message());
}

const show = (x: unknown) => JSON.stringify(x);

function expectNoError(r: RunResult, what: string): void {
  check(r.error === undefined, () => `${what} failed: ${String(r.error)}`);
  check(r.completed, () => `${what} did not complete`);
}

/**
 * Whether the stream run is expected to agree with the batch: nothing dropped, and for sessions, no element
 * arrived after the watermark passed the end of a part of its batch session (a session that already fired
 * or expired cannot merge any more, so the stream's sessions would legitimately differ from the batch's).
 */
function lawApplies(sc: Scenario, stream: RunResult): boolean {
  if (stream.drops.length > 0) return false;
  const w = sc.strategy.window;
  if (w.kind !== 'sessions') return true;
  for (const s of oracleWindows(w, sc.events)) {
    const minTs = Math.min(...s.ids.map((id) => sc.events[id]!.ts));
    for (const id of s.ids) if (sc.arrivalWatermark[id]! > minTs + w.gap - 1) return false;
  }
  return true;
}

describe('batch run', () => {
  it('equals an independent oracle: windows, contents, and one ON_TIME pane per window unless a count trigger fired early', () => {
    fc.assert(
      fc.property(strategyArb, rawScenarioArb(), (strategy, raw) => {
        const events = buildScenario(raw).events;
        const batch = runBatch(strategy, [...events].reverse());
        expectNoError(batch, 'batch');
        check(batch.drops.length === 0, () => `batch dropped ${show(batch.drops)}`);
        const oracle = oracleWindows(strategy.window, events);
        const results = finalResults(strategy, batch.panes);
        check(results.size === oracle.length, () => `batch windows ${show([...results.keys()])} vs oracle ${show(oracle)}`);
        const grouped = groupPanes(batch.panes);
        for (const o of oracle) {
          const kw = kwOf(o.key, o.window);
          const got = results.get(kw);
          const want = contentOf(strategy.combiner, events, o.ids);
          check(show(got) === show(want), () => `${kw}: batch ${show(got)}, oracle ${show(want)}`);
          const panes = grouped.get(kw)!;
          if (!countsElements(strategy.trigger)) {
            check(panes.length === 1, () => `${kw}: expected one pane in batch, got ${show(panes)}`);
            const p = panes[0]!;
            check(
              show(p.pane) === show({ timing: 'ON_TIME', index: 0, nonSpeculativeIndex: 0, isFirst: true, isLast: true }),
              () => `${kw}: batch pane ${show(p.pane)}`,
            );
            const tss = o.ids.map((id) => events[id]!.ts);
            const wantTs =
              strategy.timestampCombiner === 'earliest' ? Math.min(...tss) : strategy.timestampCombiner === 'latest' ? Math.max(...tss) : o.window[1] - 1;
            check(p.timestamp === wantTs, () => `${kw}: batch pane timestamp ${p.timestamp}, expected ${wantTs}`);
          }
        }
        const m = batch.metrics;
        check(m.liveWindows === 0 && m.liveKeys === 0 && m.liveHolds === 0, () => `state left after batch: ${show(m)}`);
      }),
      params(),
    );
  });
});

describe('batch = stream', () => {
  let applied = 0;
  let total = 0;
  afterAll(() => {
    // The law must actually have been exercised in a good share of the runs.
    expect(applied).toBeGreaterThanOrEqual(Math.floor(total * 0.3));
  });

  it('the final accumulating pane / the sum of discarding panes of every key and window equals the batch result when nothing was dropped', () => {
    fc.assert(
      fc.property(rawScenarioArb(), (raw) => {
        const sc = buildScenario(raw);
        const s = sc.strategy;
        const stream = runStream(sc);
        expectNoError(stream, 'stream');
        total++;
        if (!lawApplies(sc, stream)) return;
        applied++;
        const batch = runBatch(s, sc.events);
        expectNoError(batch, 'batch');
        const oracle = oracleWindows(s.window, sc.events);
        const want = finalResults(s, batch.panes);
        const got = resultsPerBatchWindow(s, oracle, stream.panes);
        check(want.size === oracle.length, () => `batch windows ${show([...want.keys()])}`);
        for (const [kw, value] of want) {
          check(show(got.get(kw)) === show(value), () => `${describeStrategy(s)} ${kw}: stream ${show(got.get(kw))}, batch ${show(value)}`);
        }
        // Every stream pane lies in a batch window of its key (sessions: intermediate sessions merged later).
        for (const p of stream.panes) {
          check(
            oracle.some((o) => o.key === p.key && contains(o.window, p.window)),
            () => `stream pane ${show(p)} is in no batch window ${show(oracle)}`,
          );
        }
      }),
      params(),
    );
  });
});

describe('arrival order and batching', () => {
  it('do not change the final results when no data is late (watermarks only after all data of a window)', () => {
    fc.assert(
      fc.property(rawScenarioArb({ noLate: fc.constant(true) }), (raw) => {
        const s = raw.strategy;
        const sc1 = buildScenario(raw, 'a1');
        const sc2 = buildScenario(raw, 'a2');
        const r1 = runStream(sc1);
        const r2 = runStream(sc2);
        expectNoError(r1, 'stream 1');
        expectNoError(r2, 'stream 2');
        check(r1.drops.length === 0 && r2.drops.length === 0, () => `data dropped without late data: ${show(r1.drops)} ${show(r2.drops)}`);
        const batch = runBatch(s, sc1.events);
        const want = finalResults(s, batch.panes);
        const oracle = oracleWindows(s.window, sc1.events);
        const f1 = resultsPerBatchWindow(s, oracle, r1.panes);
        const f2 = resultsPerBatchWindow(s, oracle, r2.panes);
        for (const [kw, value] of want) {
          check(show(f1.get(kw)) === show(value), () => `${kw}: order 1 gives ${show(f1.get(kw))}, batch ${show(value)}`);
          check(show(f2.get(kw)) === show(value), () => `${kw}: order 2 gives ${show(f2.get(kw))}, batch ${show(value)}`);
        }
        // With the default trigger and END_OF_WINDOW timestamps the whole output is the batch output: one
        // ON_TIME pane per key and window, last iff the watermark step that passes the window's end also
        // passes its garbage-collection time.
        if (s.trigger.kind === 'default' && s.timestampCombiner === 'endOfWindow') {
          for (const [sc, r] of [[sc1, r1], [sc2, r2]] as const) {
            const watermarks = [...sc.steps.flatMap((st) => (st.kind === 'wm' ? [st.w] : [])), Infinity];
            const expected = batch.panes
              .flatMap((p) => {
                const max = p.window[1] - 1;
                const passing = watermarks.find((w) => w > max)!;
                const onTimeIsLast = passing > max + s.lateness;
                const onTime = show({ ...p, pane: { ...p.pane, isLast: onTimeIsLast } });
                if (onTimeIsLast || s.closing !== 'fireAlways') return [onTime];
                // closing FIRE_ALWAYS: an empty final pane at garbage collection.
                const empty = s.accumulation === 'accumulating' ? p.value : s.combiner === 'toList' ? [] : 0;
                const last = { timing: 'LATE', index: 1, nonSpeculativeIndex: 1, isFirst: false, isLast: true };
                return [onTime, show({ ...p, value: empty, timestamp: max, pane: last })];
              })
              .sort();
            const gotPanes = r.panes.map((p) => show(p)).sort();
            check(show(gotPanes) === show(expected), () => `stream panes ${show(gotPanes)}\nexpected ${show(expected)}`);
          }
        }
      }),
      params(),
    );
  });
});
