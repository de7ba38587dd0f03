/**
 * Runs every example of docs/ and checks the results the docs show: exact pane lists, marble timelines,
 * `toString()` forms and error messages. The expectations come from the semantics spec
 * (/work/shared/spec/semantics.md; section numbers in the test names), not from the library's output.
 * Two more tests keep the docs honest: every file in docs/examples is run here, and every code block that
 * the docs mark as a quote is identical to the file (or region) it quotes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { from, toArray } from 'rxjs';
import { DataflowError, paneInfo, SEED_T0, seedBatchEvents, toRecords, windowedUserAgg, type PaneInfo } from '../../src/index.js';
import { accumulationModes } from '../../docs/examples/accumulationModes.js';
import { afterAllMarbles } from '../../docs/examples/afterAllMarbles.js';
import { afterAnyMarbles } from '../../docs/examples/afterAnyMarbles.js';
import { afterCountMarbles } from '../../docs/examples/afterCountMarbles.js';
import { afterEachMarbles } from '../../docs/examples/afterEachMarbles.js';
import { afterProcessingTimeMarbles } from '../../docs/examples/afterProcessingTimeMarbles.js';
import { afterWatermarkMarbles } from '../../docs/examples/afterWatermarkMarbles.js';
import { customMergingWindowFn, TouchingSessions } from '../../docs/examples/customMergingWindowFn.js';
import { CalendarMonths, customWindowFn } from '../../docs/examples/customWindowFn.js';
import { dataflowProtocol } from '../../docs/examples/dataflowProtocol.js';
import { defaultTriggerMarbles } from '../../docs/examples/defaultTriggerMarbles.js';
import { globalDefaultRejected } from '../../docs/examples/globalDefaultRejected.js';
import { invalidTriggers } from '../../docs/examples/invalidTriggers.js';
import { keyEncoding } from '../../docs/examples/keyEncoding.js';
import { lateFirstPane } from '../../docs/examples/lateFirstPane.js';
import { latePanes, latePanesBatch } from '../../docs/examples/latePanes.js';
import { ev, marbleRun, showWindow } from '../../docs/examples/marbleHarness.js';
import { neverMarbles } from '../../docs/examples/neverMarbles.js';
import { orFinallyMarbles } from '../../docs/examples/orFinallyMarbles.js';
import { rxjsMarblesLateness } from '../../docs/examples/rxjsMarblesLateness.js';
import { seedBatch } from '../../docs/examples/seedBatch.js';
import { seedHotMarbles } from '../../docs/examples/seedHotMarbles.js';
import { perUserPerMinute, purchases, row, t0 } from '../../docs/examples/seedPipeline.js';
import { seedScriptMarbles } from '../../docs/examples/seedScriptMarbles.js';
import { seedStream } from '../../docs/examples/seedStream.js';
import { seedStreamVariantB } from '../../docs/examples/seedStreamVariantB.js';
import { seedStreamVariantC } from '../../docs/examples/seedStreamVariantC.js';
import { seedTooLate } from '../../docs/examples/seedTooLate.js';
import { sessionsMerge } from '../../docs/examples/sessionsMerge.js';
import { sessionsStream } from '../../docs/examples/sessionsStream.js';
import { slidingLateness } from '../../docs/examples/slidingLateness.js';
import { strictlyAfter } from '../../docs/examples/strictlyAfter.js';
import { triggerAlgebra, triggerEquality } from '../../docs/examples/triggerAlgebra.js';
import { windowAssignment } from '../../docs/examples/windowAssignment.js';
import { badInputDeadLettered, badInputFails, badKeyAtGrouping } from '../../docs/examples/deadLetterInput.js';
import { handleCheckpoint, restoreUnderAnotherStrategy } from '../../docs/examples/handleCheckpoint.js';
import { handleCombineError } from '../../docs/examples/handleCombineError.js';
import { handleMetrics } from '../../docs/examples/handleMetrics.js';
import { lateBoundaryMarbles } from '../../docs/examples/lateBoundaryMarbles.js';
import { lateClosedWindow } from '../../docs/examples/lateClosedWindow.js';
import { lateFinalPane } from '../../docs/examples/lateFinalPane.js';
import { traceLate } from '../../docs/examples/traceLate.js';

const DOCS = path.join(__dirname, '../../docs');
const EXAMPLES = path.join(DOCS, 'examples');

/** The example files this spec runs; `example()` registers them for the coverage test at the end. */
const covered = new Set<string>();
function example(name: string, tests: () => void): void {
  covered.add(`${name}.ts`);
  describe(`docs/examples/${name}.ts`, tests);
}

// ---------------------------------------------------------------------------------------------------------
// concepts.md: the seed example (spec §11)
// ---------------------------------------------------------------------------------------------------------

// Rows of the §11 tables: [step | PT |] user | window | count | sum | timing | index | nsi | isFirst | isLast | timestamp.
const H = 'true';
const N = 'false';

example('seedPipeline', () => {
  it('is the library seed pipeline: same panes as windowedUserAgg() on the batch input', () => {
    let ours: string[] = [];
    let theirs: string[] = [];
    perUserPerMinute(from(purchases))
      .pipe(toArray())
      .subscribe((rs) => (ours = rs.map((r) => `${r.value[0]} ${r.value[1].count} ${r.value[1].sum} ${r.window.start} ${r.pane.timing}`)));
    from(seedBatchEvents(SEED_T0))
      .pipe(windowedUserAgg(), toRecords(), toArray())
      .subscribe((rs) => (theirs = rs.map((r) => `${r.value.user_id} ${r.value.count} ${r.value.sum_amount} ${r.window.start} ${r.pane.timing}`)));
    expect(t0).toBe(SEED_T0);
    expect(ours).toHaveLength(5);
    expect(ours).toEqual(theirs);
  });

  it('formats a pane as a table row with times relative to t0', () => {
    const rows: string[] = [];
    perUserPerMinute(from([purchases[3]!])).subscribe((r) => rows.push(row(r)));
    expect(rows).toEqual(['u1 | W2 | 1 | -5 | ON_TIME | 0 | 0 | true | true | t0+119999']);
  });
});

example('seedBatch', () => {
  it('emits one ON_TIME, first and last pane per user and window, all data included (§11.1)', () => {
    expect(seedBatch()).toEqual([
      `u1 | W1 | 2 | 35 | ON_TIME | 0 | 0 | ${H} | ${H} | t0+59999`,
      `u2 | W1 | 2 | 11 | ON_TIME | 0 | 0 | ${H} | ${H} | t0+59999`,
      `u1 | W2 | 1 | -5 | ON_TIME | 0 | 0 | ${H} | ${H} | t0+119999`,
      `u2 | W2 | 1 | 12 | ON_TIME | 0 | 0 | ${H} | ${H} | t0+119999`,
      `u3 | W2 | 1 | 9 | ON_TIME | 0 | 0 | ${H} | ${H} | t0+119999`,
    ]);
  });
});

example('seedStream', () => {
  it('emits the six panes of §11.2 at steps 4, 8 and 9', () => {
    expect(seedStream()).toEqual([
      `4 | 5000 | u1 | W1 | 2 | 35 | ON_TIME | 0 | 0 | ${H} | ${N} | t0+59999`,
      `4 | 5000 | u2 | W1 | 1 | 8 | ON_TIME | 0 | 0 | ${H} | ${N} | t0+59999`,
      `8 | 10000 | u1 | W2 | 1 | -5 | ON_TIME | 0 | 0 | ${H} | ${N} | t0+119999`,
      `8 | 10000 | u2 | W2 | 1 | 12 | ON_TIME | 0 | 0 | ${H} | ${N} | t0+119999`,
      `8 | 10000 | u3 | W2 | 1 | 9 | ON_TIME | 0 | 0 | ${H} | ${N} | t0+119999`,
      `9 | 10000 | u2 | W1 | 2 | 11 | LATE | 1 | 1 | ${N} | ${H} | t0+59999`,
    ]);
  });
});

example('seedStreamVariantB', () => {
  it('fires EARLY panes for W2 at PT 16 s, then empty FIRE_ALWAYS ON_TIME panes (§11.3 variant B)', () => {
    expect(seedStreamVariantB()).toEqual([
      `4 | 5000 | u1 | W1 | 2 | 35 | ON_TIME | 0 | 0 | ${H} | ${N} | t0+59999`,
      `4 | 5000 | u2 | W1 | 1 | 8 | ON_TIME | 0 | 0 | ${H} | ${N} | t0+59999`,
      `6 | 16000 | u1 | W2 | 1 | -5 | EARLY | 0 | -1 | ${H} | ${N} | t0+119999`,
      `6 | 16000 | u2 | W2 | 1 | 12 | EARLY | 0 | -1 | ${H} | ${N} | t0+119999`,
      `6 | 16000 | u3 | W2 | 1 | 9 | EARLY | 0 | -1 | ${H} | ${N} | t0+119999`,
      `8 | 16000 | u1 | W2 | 1 | -5 | ON_TIME | 1 | 0 | ${N} | ${N} | t0+119999`,
      `8 | 16000 | u2 | W2 | 1 | 12 | ON_TIME | 1 | 0 | ${N} | ${N} | t0+119999`,
      `8 | 16000 | u3 | W2 | 1 | 9 | ON_TIME | 1 | 0 | ${N} | ${N} | t0+119999`,
      `9 | 16000 | u2 | W1 | 2 | 11 | LATE | 1 | 1 | ${N} | ${H} | t0+59999`,
    ]);
  });
});

example('seedStreamVariantC', () => {
  it('fires a non-final LATE pane at PT 21 s before the W2 EARLY panes; no pane is last (§11.3 variant C)', () => {
    expect(seedStreamVariantC()).toEqual([
      `4 | 5000 | u1 | W1 | 2 | 35 | ON_TIME | 0 | 0 | ${H} | ${N} | t0+59999`,
      `4 | 5000 | u2 | W1 | 1 | 8 | ON_TIME | 0 | 0 | ${H} | ${N} | t0+59999`,
      `8 | 21000 | u2 | W1 | 2 | 11 | LATE | 1 | 1 | ${N} | ${N} | t0+59999`,
      `8 | 21000 | u1 | W2 | 1 | -5 | EARLY | 0 | -1 | ${H} | ${N} | t0+119999`,
      `8 | 21000 | u2 | W2 | 1 | 12 | EARLY | 0 | -1 | ${H} | ${N} | t0+119999`,
      `8 | 21000 | u3 | W2 | 1 | 9 | EARLY | 0 | -1 | ${H} | ${N} | t0+119999`,
      `9 | 21000 | u1 | W2 | 1 | -5 | ON_TIME | 1 | 0 | ${N} | ${N} | t0+119999`,
      `9 | 21000 | u2 | W2 | 1 | 12 | ON_TIME | 1 | 0 | ${N} | ${N} | t0+119999`,
      `9 | 21000 | u3 | W2 | 1 | 9 | ON_TIME | 1 | 0 | ${N} | ${N} | t0+119999`,
    ]);
  });
});

example('seedTooLate', () => {
  const { atGc, afterGc } = seedTooLate();

  it('keeps a late element when the watermark equals gc(W) and emits it in the final LATE pane (§1.3)', () => {
    expect(atGc.panes).toEqual([
      `u1 | W1 | 2 | 35 | ON_TIME | 0 | 0 | ${H} | ${N} | t0+59999`,
      `u2 | W1 | 1 | 8 | ON_TIME | 0 | 0 | ${H} | ${N} | t0+59999`,
      `u2 | W1 | 2 | 11 | LATE | 1 | 1 | ${N} | ${H} | t0+59999`,
    ]);
    expect(atGc.dropped).toEqual([]);
    expect(atGc.counted).toBe(0);
  });

  it('drops and reports it once the watermark is past gc(W); the jump past W.max and gc(W) is one activation (§6.3)', () => {
    expect(afterGc.panes).toEqual([
      `u1 | W1 | 2 | 35 | ON_TIME | 0 | 0 | ${H} | ${H} | t0+59999`,
      `u2 | W1 | 1 | 8 | ON_TIME | 0 | 0 | ${H} | ${H} | t0+59999`,
    ]);
    expect(afterGc.dropped).toEqual(['u2 3 at t0+50000: expired (watermark t0+180000)']);
    expect(afterGc.counted).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------------------
// concepts.md: the other concepts
// ---------------------------------------------------------------------------------------------------------

example('strictlyAfter', () => {
  it('does not fire at a watermark equal to W.max nor at a processing time equal to the deadline (§0)', () => {
    expect(strictlyAfter()).toEqual(['6: [0s, 60s) a EARLY#0(nsi -1, first)', '7: [0s, 60s) ∅ ON_TIME#1(nsi 0, last)']);
  });
});

example('accumulationModes', () => {
  it('emits running contents when accumulating and deltas when discarding (§4.4, §5)', () => {
    expect(accumulationModes()).toEqual({
      accumulating: [
        '1: [0s, 60s) a EARLY#0(nsi -1, first)',
        '3: [0s, 60s) ab EARLY#1(nsi -1)',
        '5: [0s, 60s) abc EARLY#2(nsi -1)',
        '7: [0s, 60s) abc ON_TIME#3(nsi 0, last)',
      ],
      discarding: [
        '1: [0s, 60s) a EARLY#0(nsi -1, first)',
        '3: [0s, 60s) b EARLY#1(nsi -1)',
        '5: [0s, 60s) c EARLY#2(nsi -1)',
        '7: [0s, 60s) ∅ ON_TIME#3(nsi 0, last)',
      ],
    });
  });
});

example('lateFirstPane', () => {
  it('labels the first pane LATE when the window has ended before its first element arrived (§4.4)', () => {
    expect(lateFirstPane()).toEqual(['3: [0s, 60s) a LATE#0(nsi 0, first)']);
  });
});

example('slidingLateness', () => {
  it('drops an element per expired window and keeps it in the windows still open (§1.3)', () => {
    expect(slidingLateness()).toEqual({
      panes: [
        '3: [-20s, 40s) a ON_TIME#0(nsi 0, first, last)',
        '3: [0s, 60s) a ON_TIME#0(nsi 0, first, last)',
        '7: [20s, 80s) ab ON_TIME#0(nsi 0, first, last)',
        '7: |',
      ],
      dropped: ['b:expired', 'b:expired'],
    });
  });
});

example('keyEncoding', () => {
  it('compares primitives like Map keys and composite keys by canonical JSON; rejects other objects', () => {
    expect(keyEncoding()).toEqual({
      sameKey: {
        "1 vs '1'": false,
        'NaN vs NaN': true,
        '{a:1,b:2} vs {b:2,a:1}': true,
        "[1,'a'] vs [1,'a']": true,
        "[1,'a'] vs '[1,\"a\"]'": false,
      },
      counts: ['{"user":"u1","region":"eu"}: 2', '{"user":"u1","region":"us"}: 1'],
      rejected:
        'grouping key "1970-01-01T00:00:00.000Z" contains a Date object; keys must be primitives, arrays or plain objects',
    });
  });
});

example('dataflowProtocol', () => {
  it('carries the strategy, element batches and watermarks; a grouping forwards its continuation strategy and output watermark', () => {
    const strategy = (trigger: string) =>
      `strategy: FixedWindows(10000ms), trigger ${trigger}, discarding, allowedLateness 30000ms, ` +
      'timestampCombiner endOfWindow, closing fireIfNonEmpty, onTime fireAlways';
    expect(dataflowProtocol()).toEqual([
      `windowInto    → ${strategy('AfterWatermark(late=AfterProcessingTime(delay=5000ms))')}`,
      'windowInto    → elements: {"page":"home","at":1000}@1s in [0s, 10s)',
      `combinePerKey → ${strategy('AfterWatermark(late=AfterSynchronizedProcessingTime)')}`,
      'windowInto    → elements: {"page":"home","at":4000}@4s in [0s, 10s)',
      'windowInto    → watermark: 10s',
      'combinePerKey → elements: ["home",2]@9.999s in [0s, 10s)',
      'combinePerKey → watermark: 10s',
      'windowInto    → elements: {"page":"docs","at":12000}@12s in [10s, 20s)',
      'windowInto    → watermark: Infinity',
      'combinePerKey → elements: ["docs",1]@19.999s in [10s, 20s)',
      'combinePerKey → watermark: Infinity',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// windows.md
// ---------------------------------------------------------------------------------------------------------

example('windowAssignment', () => {
  it('assigns windows by the formulas of §2 and prints them', () => {
    expect(windowAssignment()).toEqual({
      'fixedWindows(seconds(60)).toString()': 'FixedWindows(60000ms)',
      'fixed, ts 62000': '[60000, 120000)',
      'fixed, ts -1': '[-60000, 0)',
      'fixed with offset 10 s, ts 5000': '[-50000, 10000)',
      'fixedWindows(seconds(60), seconds(10)).toString()': 'FixedWindows(60000ms, offset 10000ms)',
      'window.maxTimestamp': '119999',
      'window.toString()': '[1970-01-01T00:01:00.000Z, 1970-01-01T00:02:00.000Z)',
      'slidingWindows(seconds(60), seconds(20)).toString()': 'SlidingWindows(60000ms every 20000ms)',
      'sliding, ts 35000': '[20000, 80000) [0, 60000) [-20000, 40000)',
      'sliding 10 s every 30 s, ts 5000': '[0, 10000)',
      'sliding 10 s every 30 s, ts 15000': '(no window)',
      'sessions(seconds(10)).toString()': 'Sessions(gap 10000ms)',
      'sessions, ts 1000': '[1000, 11000)',
      'globalWindows().toString()': 'GlobalWindows',
      'GLOBAL_WINDOW.toString()': 'GlobalWindow',
      'GLOBAL_WINDOW.maxTimestamp === END_OF_GLOBAL_WINDOW': 'true',
    });
  });
});

example('sessionsMerge', () => {
  it('merges overlapping sessions per key, keeps touching ones apart, and bridges through a later element (§2.3)', () => {
    expect(sessionsMerge()).toEqual({
      touching: ['ann [1s, 15s) at 1, 5', 'bob [6s, 16s) at 6', 'ann [15s, 25s) at 15'],
      bridged: ['bob [6s, 16s) at 6', 'ann [1s, 25s) at 1, 5, 15, 12'],
    });
  });
});

example('sessionsStream', () => {
  it('restarts pane numbering in a brand-new merged session (§2.3)', () => {
    expect(sessionsStream()).toEqual([
      '3: [1s, 11s) a ON_TIME#0(nsi 0, first)',
      '7: [1s, 18s) ab ON_TIME#0(nsi 0, first)',
      '9: |',
    ]);
  });
});

example('globalDefaultRejected', () => {
  it('fails a grouping of an unbounded input in the global window with the default trigger (§2.5)', () => {
    expect(globalDefaultRejected()).toEqual({
      defaultTrigger: [
        'error: combinePerKey: the input is unbounded (it has watermark 10000 (1970-01-01T00:00:10.000Z)) but is in ' +
          'the global window with the default trigger, which would fire only when the input ends; apply windowInto ' +
          'with a window function (e.g. fixedWindows) or a trigger first',
      ],
      countTrigger: ['home: 2 EARLY'],
    });
  });
});

example('customWindowFn', () => {
  it('groups by calendar month', () => {
    expect(customWindowFn()).toEqual([
      's1 [2026-01-01T00:00:00.000Z, 2026-02-01T00:00:00.000Z) total 10 ON_TIME',
      's1 [2026-02-01T00:00:00.000Z, 2026-03-01T00:00:00.000Z) total 12 ON_TIME',
    ]);
  });

  it('is a WindowFn value: structural equality and a printable form', () => {
    expect(new CalendarMonths().equals(new CalendarMonths())).toBe(true);
    expect(String(new CalendarMonths())).toBe('CalendarMonths(UTC)');
    expect(new CalendarMonths().assignWindows(Date.UTC(2024, 1, 29)).map(String)).toEqual([
      '[2024-02-01T00:00:00.000Z, 2024-03-01T00:00:00.000Z)',
    ]);
  });
});

example('customMergingWindowFn', () => {
  it('merges touching sessions', () => {
    expect(customMergingWindowFn()).toEqual(['ann [1s, 25s) at 1, 5, 15', 'ann [40s, 50s) at 40']);
  });

  it('reports only groups of two or more', () => {
    const fn = new TouchingSessions(10);
    const groups = fn.mergeWindows([0, 10, 30].flatMap((t) => fn.assignWindows(t)));
    expect(groups.map((g) => [g.members.map(showWindow), showWindow(g.result)])).toEqual([
      [['[0s, 0.01s)', '[0.01s, 0.02s)'], '[0s, 0.02s)'],
    ]);
    expect(fn.equals(new TouchingSessions(10))).toBe(true);
    expect(fn.equals(new TouchingSessions(20))).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------------------
// triggers.md
// ---------------------------------------------------------------------------------------------------------

example('defaultTriggerMarbles', () => {
  it('fires ON_TIME at the end of the window, LATE at once for late data, drops expired data (§3.2, §4.4)', () => {
    expect(defaultTriggerMarbles()).toEqual({
      panes: ['7: [0s, 60s) ab ON_TIME#0(nsi 0, first)', '11: [0s, 60s) c LATE#1(nsi 1)', '21: |'],
      dropped: ['d:expired'],
    });
  });
});

example('afterWatermarkMarbles', () => {
  it('fires repeated EARLY panes, one ON_TIME pane (even if empty) and repeated LATE panes (§3.2, §4.3)', () => {
    expect(afterWatermarkMarbles()).toEqual([
      '7: [0s, 60s) ab EARLY#0(nsi -1, first)',
      '15: [0s, 60s) abc EARLY#1(nsi -1)',
      '20: [0s, 60s) abc ON_TIME#2(nsi 0)',
      '24: [0s, 60s) abcd LATE#3(nsi 1)',
      '30: |',
    ]);
  });
});

example('afterProcessingTimeMarbles', () => {
  it('fires strictly after the deadline set by the first element of the pane, with delay or alignment (§3.2)', () => {
    expect(afterProcessingTimeMarbles()).toEqual({
      delay: [
        '7: [0s, 60s) ab EARLY#0(nsi -1, first)',
        '15: [0s, 60s) c EARLY#1(nsi -1)',
        '16: [0s, 60s) ∅ ON_TIME#2(nsi 0, last)',
        '16: |',
      ],
      alignTo: [
        '11: [0s, 60s) ab EARLY#0(nsi -1, first)',
        '21: [0s, 60s) c EARLY#1(nsi -1)',
        '23: [0s, 60s) ∅ ON_TIME#2(nsi 0, last)',
        '23: |',
      ],
    });
  });
});

example('afterCountMarbles', () => {
  it('fires every n elements; one batch is counted as a whole (§3.1, §6.5)', () => {
    expect(afterCountMarbles()).toEqual({
      oneByOne: [
        '3: [0s, 60s) ab EARLY#0(nsi -1, first)',
        '7: [0s, 60s) cd EARLY#1(nsi -1)',
        '11: [0s, 60s) e ON_TIME#2(nsi 0, last)',
        '11: |',
      ],
      batched: ['0: [0s, 60s) abc EARLY#0(nsi -1, first)', '0: [0s, 60s) d ON_TIME#1(nsi 0, last)', '0: |'],
    });
  });
});

example('neverMarbles', () => {
  it('emits only the garbage-collection pane (§3.2, §6.3)', () => {
    expect(neverMarbles()).toEqual(['11: [0s, 60s) ab ON_TIME#0(nsi 0, first, last)', '13: |']);
  });
});

example('afterEachMarbles', () => {
  it('runs its triggers in sequence, then closes the window and drops later data (§3.1, §3.3)', () => {
    expect(afterEachMarbles()).toEqual({
      panes: ['3: [0s, 60s) ab EARLY#0(nsi -1, first)', '9: [0s, 60s) c ON_TIME#1(nsi 0, last)', '15: |'],
      dropped: ['d:closedWindow'],
    });
  });
});

example('afterAnyMarbles', () => {
  it('fires on whichever sub-trigger is ready first (§3.3)', () => {
    expect(afterAnyMarbles()).toEqual([
      '7: [0s, 60s) ab EARLY#0(nsi -1, first)',
      '15: [0s, 60s) cde EARLY#1(nsi -1)',
      '19: [0s, 60s) ∅ ON_TIME#2(nsi 0, last)',
      '19: |',
    ]);
  });
});

example('afterAllMarbles', () => {
  it('fires once every sub-trigger has been ready in the pane (§3.3)', () => {
    expect(afterAllMarbles()).toEqual([
      '13: [0s, 60s) ab EARLY#0(nsi -1, first)',
      '21: [0s, 60s) cd EARLY#1(nsi -1)',
      '24: [0s, 60s) ∅ ON_TIME#2(nsi 0, last)',
      '24: |',
    ]);
  });
});

example('orFinallyMarbles', () => {
  it('fires with main until `until` fires; the last pane holds one element and closes the window (§3.3)', () => {
    expect(orFinallyMarbles()).toEqual({
      panes: [
        '3: [0s, 60s) ab EARLY#0(nsi -1, first)',
        '7: [0s, 60s) cd EARLY#1(nsi -1)',
        '9: [0s, 60s) e EARLY#2(nsi -1, last)',
        '13: |',
      ],
      dropped: ['f:closedWindow'],
    });
  });
});

example('triggerAlgebra', () => {
  it('prints each trigger and its continuation as in the table of §3.4', () => {
    expect(triggerAlgebra()).toEqual([
      ['DefaultTrigger', 'DefaultTrigger'],
      ['AfterWatermark', 'AfterWatermark'],
      [
        'AfterWatermark(early=AfterProcessingTime(delay=10000ms), late=AfterProcessingTime(delay=10000ms))',
        'AfterWatermark(early=AfterSynchronizedProcessingTime, late=AfterSynchronizedProcessingTime)',
      ],
      ['AfterWatermark(early=AfterCount(100))', 'AfterWatermark(early=AfterCount(1))'],
      ['AfterProcessingTime(delay=10000ms)', 'AfterSynchronizedProcessingTime'],
      ['AfterProcessingTime(delay=1000ms, alignTo=5000ms)', 'AfterSynchronizedProcessingTime'],
      ['AfterProcessingTime(alignTo=5000ms@1000ms)', 'AfterSynchronizedProcessingTime'],
      ['AfterCount(3)', 'AfterCount(1)'],
      ['Never', 'Never'],
      ['Repeatedly(AfterCount(2))', 'Repeatedly(AfterCount(1))'],
      ['AfterEach(AfterCount(2), AfterWatermark)', 'Repeatedly(AfterAny(AfterCount(1), AfterWatermark))'],
      ['AfterAny(AfterCount(3), AfterProcessingTime(delay=5ms))', 'AfterAny(AfterCount(1), AfterSynchronizedProcessingTime)'],
      ['AfterAll(AfterCount(2), AfterProcessingTime(delay=5ms))', 'AfterAll(AfterCount(1), AfterSynchronizedProcessingTime)'],
      ['Repeatedly(AfterCount(2)).orFinally(AfterCount(5))', 'Repeatedly(Repeatedly(AfterCount(1)).orFinally(AfterCount(1)))'],
    ]);
  });

  it('compares triggers structurally', () => {
    expect(triggerEquality()).toEqual([true, true, false]);
  });
});

example('invalidTriggers', () => {
  it('rejects compositions that need a once-trigger, bad arguments and incomplete strategies', () => {
    const once =
      'must be a once-trigger (one that fires at most once: afterCount, afterProcessingTime, afterWatermark() ' +
      'without early/late, afterAny, afterAll or never), but';
    expect(invalidTriggers()).toEqual([
      ['afterWatermark({ early: repeatedly(afterCount(1)) })', `TypeError: afterWatermark: early ${once} Repeatedly(AfterCount(1)) can fire repeatedly`],
      ['afterWatermark({ late: defaultTrigger() })', `TypeError: afterWatermark: late ${once} DefaultTrigger can fire repeatedly`],
      ['orFinally(afterCount(1), repeatedly(afterCount(5)))', `TypeError: orFinally: until ${once} Repeatedly(AfterCount(5)) can fire repeatedly`],
      [
        'afterAny(afterCount(1), afterEach(afterCount(1), afterCount(2)))',
        `TypeError: afterAny: trigger 2 ${once} AfterEach(AfterCount(1), AfterCount(2)) can fire repeatedly`,
      ],
      ['afterAll(repeatedly(afterCount(1)))', `TypeError: afterAll: trigger 1 ${once} Repeatedly(AfterCount(1)) can fire repeatedly`],
      ['afterEach(afterCount(1))', 'RangeError: afterEach: needs at least two triggers, got 1'],
      ['afterAny()', 'RangeError: afterAny: needs at least one trigger'],
      ['afterCount(0)', 'RangeError: afterCount: the element count must be an integer >= 1, got 0'],
      ['afterProcessingTime(-1)', 'RangeError: afterProcessingTime: delay must be an integer number of milliseconds >= 0, got -1'],
      [
        'windowInto({ windowFn: fixedWindows(60_000), trigger: afterCount(1) })',
        'TypeError: windowInto: a trigger other than the default (AfterCount(1)) on FixedWindows(60000ms) requires accumulation and allowedLateness to be given explicitly',
      ],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// testing.md
// ---------------------------------------------------------------------------------------------------------

example('marbleHarness', () => {
  it('returns what the asserted observable emitted, frame by frame', () => {
    const lines = marbleRun(({ cold, expectObservable }) => {
      expectObservable(cold('-a-|', { a: 'x' })).toBe('-a-|', { a: 'x' });
    });
    expect(lines).toEqual(['1: x', '3: |']);
  });

  it('throws when the expected marbles do not match', () => {
    expect(() =>
      marbleRun(({ cold, expectObservable }) => {
        expectObservable(cold('-a-|')).toBe('--a|');
      }),
    ).toThrow();
  });

  it('writes elements as name and event time in seconds', () => {
    expect(ev('a', 5)).toEqual({ name: 'a', t: 5_000 });
  });
});

example('seedHotMarbles', () => {
  it('fires early, on-time and late panes of the seed pipeline at the virtual processing times', () => {
    expect(seedHotMarbles()).toEqual([
      `10002: u1 | W1 | 1 | 20 | EARLY | 0 | -1 | ${H} | ${N} | t0+59999`,
      `15002: u2 | W1 | 1 | 8 | EARLY | 0 | -1 | ${H} | ${N} | t0+59999`,
      `20000: u1 | W1 | 1 | 20 | ON_TIME | 1 | 0 | ${N} | ${N} | t0+59999`,
      `20000: u2 | W1 | 1 | 8 | ON_TIME | 1 | 0 | ${N} | ${N} | t0+59999`,
      `35001: u1 | W1 | 2 | 35 | LATE | 2 | 1 | ${N} | ${N} | t0+59999`,
    ]);
  });
});

example('seedScriptMarbles', () => {
  it('shows the §11.2 panes at the processing times of the script', () => {
    expect(seedScriptMarbles()).toEqual([
      `5000: u1 | W1 | 2 | 35 | ON_TIME | 0 | 0 | ${H} | ${N} | t0+59999`,
      `5000: u2 | W1 | 1 | 8 | ON_TIME | 0 | 0 | ${H} | ${N} | t0+59999`,
      `10000: u1 | W2 | 1 | -5 | ON_TIME | 0 | 0 | ${H} | ${N} | t0+119999`,
      `10000: u2 | W2 | 1 | 12 | ON_TIME | 0 | 0 | ${H} | ${N} | t0+119999`,
      `10000: u3 | W2 | 1 | 9 | ON_TIME | 0 | 0 | ${H} | ${N} | t0+119999`,
      `10000: u2 | W1 | 2 | 11 | LATE | 1 | 1 | ${N} | ${H} | t0+59999`,
      '10000: |',
    ]);
  });
});

example('latePanes', () => {
  // #region late-pair
  /** A pane of [0s, 60s) as `collectDataflow` records it: value, window, timestamp and the PaneInfo fields. */
  const pane = (value: readonly [string, number], p: PaneInfo) => ({ value, window: [0, 60_000], timestamp: 59_999, ...p });

  it('emits a LATE pane for late data within the allowed lateness', () => {
    const { kept } = latePanes();
    expect(kept.panes).toEqual([
      pane(['s1', 1], paneInfo('ON_TIME', 0, 0, true, false)),
      pane(['s1', 2], paneInfo('LATE', 1, 1, false, false)),
    ]);
    expect(kept.watermarks).toEqual([60_000, 119_999, Infinity]);
    expect(kept.drops).toEqual([]);
  });

  it('drops and reports the same data one millisecond later', () => {
    const { dropped } = latePanes();
    expect(dropped.panes).toEqual([pane(['s1', 1], paneInfo('ON_TIME', 0, 0, true, false))]);
    expect(dropped.watermarks).toEqual([60_000, 120_000, Infinity]);
    expect(dropped.drops).toEqual(['s1 2: expired']);
  });

  it('sees nothing late in batch: one pane, ON_TIME, first and last', () => {
    const batch = latePanesBatch();
    expect(batch.panes).toEqual([pane(['s1', 3], paneInfo('ON_TIME', 0, 0, true, true))]);
    expect(batch.watermarks).toEqual([Infinity]);
    expect(batch.completed).toBe(true);
  });
  // #endregion late-pair
});

example('rxjsMarblesLateness', () => {
  it('passes both marble tests; only the twin drops its late element', () => {
    expect(rxjsMarblesLateness()).toEqual({ kept: [], dropped: ['l:expired'] });
  });
});

// ---------------------------------------------------------------------------------------------------------
// late-data.md
// ---------------------------------------------------------------------------------------------------------

/** `[0s, 60s)` as the window of a `DroppedElement` or a `DataflowError`. */
const firstMinute = expect.objectContaining({ start: 0, end: 60_000, maxTimestamp: 59_999 });

example('lateBoundaryMarbles', () => {
  it('keeps a late element at watermark = gc(W) and fires it in a LATE pane at once (§1.3, §3.2 Default)', () => {
    const { kept } = lateBoundaryMarbles();
    expect(kept.lines).toEqual(['4: [0s, 60s) a ON_TIME#0(nsi 0, first)', '10: [0s, 60s) l LATE#1(nsi 1)', '13: |']);
    expect(kept.records).toEqual([]);
  });

  it('drops it one ms of watermark later and sends the record to the lateData side output (§1.3, §6.3)', () => {
    const { dropped } = lateBoundaryMarbles();
    expect(dropped.lines).toEqual([
      '4: [0s, 60s) a ON_TIME#0(nsi 0, first)',
      '13: |',
      '10: l@20s [0s, 60s) expired, watermark 120000',
    ]);
    expect(dropped.records).toEqual([
      { key: 'k', value: 'l', timestamp: 20_000, window: firstMinute, reason: 'expired', inputWatermark: 120_000 },
    ]);
  });
});

example('lateClosedWindow', () => {
  it('closes the window at the ON_TIME pane of afterWatermark() without late firings; drops closedWindow, then expired (§1.3, §3.1)', () => {
    expect(lateClosedWindow().afterWatermark).toEqual({
      lines: [
        '4: [0s, 60s) a ON_TIME#0(nsi 0, first, last)',
        '16: |',
        '7: b@20s [0s, 60s) closedWindow, watermark 60000',
        '13: c@30s [0s, 60s) expired, watermark 120000',
      ],
      droppedDueToClosedWindow: 1,
      droppedDueToLateness: 1,
    });
  });

  it('closes the window at the one firing of afterCount(2): an EARLY last pane (§3.2 AfterCount, §4.2)', () => {
    expect(lateClosedWindow().afterCount).toEqual({
      lines: ['3: [0s, 60s) ab EARLY#0(nsi -1, first, last)', '9: |', '5: c@30s [0s, 60s) closedWindow, watermark -Infinity'],
      droppedDueToClosedWindow: 1,
      droppedDueToLateness: 0,
    });
  });
});

example('handleMetrics', () => {
  const { lines, between, final } = handleMetrics();

  it('fires EARLY, ON_TIME (one empty) and LATE panes and drops the expired element (§3.2, §4.3, §6.3)', () => {
    expect(lines.slice(0, 4)).toEqual([
      '5: s1 3 EARLY#0(nsi -1, first)',
      '7: s1 0 ON_TIME#1(nsi 0)',
      '7: s2 5 ON_TIME#0(nsi 0, first)',
      '12: s2 7 LATE#1(nsi 1)',
    ]);
  });

  it('reports the metrics after every step on metrics$, starting with the current ones (§1.3, §7.4)', () => {
    expect(lines.slice(4)).toEqual([
      '0: in 0 | panes 0/0/0 | dropped 0+0 | 0 windows, 0 keys | OW -Infinity',
      '1: in 1 | panes 0/0/0 | dropped 0+0 | 1 windows, 1 keys | OW -Infinity',
      '3: in 2 | panes 0/0/0 | dropped 0+0 | 2 windows, 2 keys | OW -Infinity',
      '5: in 3 | panes 1/0/0 | dropped 0+0 | 2 windows, 2 keys | OW -Infinity',
      '7: in 3 | panes 1/2/0 | dropped 0+0 | 2 windows, 2 keys | OW 60000',
      '12: in 4 | panes 1/2/1 | dropped 0+0 | 2 windows, 2 keys | OW 60000',
      '14: in 4 | panes 1/2/1 | dropped 0+0 | 0 windows, 0 keys | OW 120000',
      '16: in 5 | panes 1/2/1 | dropped 1+0 | 0 windows, 0 keys | OW 120000',
    ]);
  });

  it('returns the latest metrics from metrics(): one hold left after the early firing (§7.2)', () => {
    expect(between).toEqual({
      elementsIn: 3,
      droppedDueToLateness: 0,
      droppedDueToClosedWindow: 0,
      invalidElements: 0,
      panesEarly: 1,
      panesOnTime: 0,
      panesLate: 0,
      liveWindows: 2,
      liveKeys: 2,
      liveHolds: 1,
      inputWatermark: -Infinity,
      outputWatermark: -Infinity,
      processingTime: 5,
    });
    expect(final).toEqual({
      elementsIn: 5,
      droppedDueToLateness: 1,
      droppedDueToClosedWindow: 0,
      invalidElements: 0,
      panesEarly: 1,
      panesOnTime: 2,
      panesLate: 1,
      liveWindows: 0,
      liveKeys: 0,
      liveHolds: 0,
      inputWatermark: 120_000,
      outputWatermark: 120_000,
      processingTime: 16,
    });
  });
});

example('deadLetterInput', () => {
  const fails = badInputFails();
  const failure = (operator: string, value: unknown, reason: string) => ({
    panes: [],
    completed: false,
    error: expect.objectContaining({
      name: 'DataflowError',
      operator,
      value,
      message: `${operator}: element ${JSON.stringify(value)}: ${reason}`,
    }),
  });

  it('fails the stream with a DataflowError naming the operator, the element and the reason', () => {
    expect(fails.badTime.error).toBeInstanceOf(DataflowError);
    expect(fails).toEqual({
      badTime: failure('withTimestamps', { sensor: 's1', value: 100, at: 12.5 }, 'event time must be an integer number of milliseconds, got 12.5'),
      noKey: failure('withKeys', { value: 100, at: 20_000 }, 'the key function returned undefined'),
      negative: failure('withTimestamps', { sensor: 's2', value: -100, at: 25_000 }, 'value must be >= 0, got -100'),
    });
  });

  it('sends bad input to the dead-letter sink and gives the aggregate of the good elements (§6.5)', () => {
    const { withBadInput, goodOnly, deadLetters } = badInputDeadLettered();
    const panes = ['s1 3 ON_TIME#0(nsi 0, first, last)', 's2 5 ON_TIME#0(nsi 0, first, last)'];
    expect(withBadInput).toEqual({ panes, completed: true, error: undefined });
    expect(goodOnly).toEqual({ panes, completed: true, error: undefined });
    expect(deadLetters).toEqual([
      { operator: 'withTimestamps', value: { sensor: 's1', value: 100, at: 12.5 }, reason: 'event time must be an integer number of milliseconds, got 12.5' },
      { operator: 'withKeys', value: { value: 100, at: 20_000 }, reason: 'the key function returned undefined' },
      { operator: 'withTimestamps', value: { sensor: 's2', value: -100, at: 25_000 }, reason: 'value must be >= 0, got -100' },
    ]);
  });

  it('dead-letters a key the grouping cannot encode and counts it as invalid', () => {
    expect(badKeyAtGrouping()).toEqual({
      panes: [['1970-01-01', 2]],
      deadLetters: [
        {
          operator: 'combinePerKey',
          value: [new Date(0), 1],
          reason: 'grouping key "1970-01-01T00:00:00.000Z" contains a Date object; keys must be primitives, arrays or plain objects',
        },
      ],
      invalidElements: 1,
    });
  });
});

example('handleCombineError', () => {
  const { good, bad } = handleCombineError();

  it('fires both early panes when nothing throws (§3.2 AfterProcessingTime)', () => {
    expect(good.lines).toEqual(['7: u1 20 EARLY#0(nsi -1, first)', '9: u2 8 EARLY#0(nsi -1, first)']);
    expect(good.extracted).toBe(2);
    expect(good.failure).toBeUndefined();
  });

  it('fails with a DataflowError naming operator, key and window; cancels the pending timers; emits nothing after', () => {
    expect(bad.lines).toEqual(['6: #']);
    expect(bad.extracted).toBe(0); // the deadlines at frames 7 and 9 never fired
    expect(bad.failure).toBeInstanceOf(DataflowError);
    const err = bad.failure as DataflowError;
    expect({ operator: err.operator, key: err.key, window: err.window, value: err.value }).toEqual({
      operator: 'combinePerKey',
      key: 'u1',
      window: firstMinute,
      value: undefined,
    });
    expect(err.cause).toEqual(new RangeError('amount must be >= 0, got -5'));
  });
});

example('lateFinalPane', () => {
  it('ends the window without a last pane under fireIfNonEmpty when nothing is new at expiry (§4.3)', () => {
    expect(lateFinalPane().fireIfNonEmpty).toEqual([
      '4: [0s, 60s) a ON_TIME#0(nsi 0, first)',
      '4: OW 60000',
      '9: [0s, 60s) l LATE#1(nsi 1)',
      '14: OW 120000',
    ]);
  });

  it('emits an empty LATE last pane at expiry under fireAlways, before the output watermark passes gc(W) (§4.3, §7.2)', () => {
    expect(lateFinalPane().fireAlways).toEqual([
      '4: [0s, 60s) a ON_TIME#0(nsi 0, first)',
      '4: OW 60000',
      '9: [0s, 60s) l LATE#1(nsi 1)',
      '14: [0s, 60s) ∅ LATE#2(nsi 2, last)',
      '14: OW 120000',
    ]);
  });
});

example('handleCheckpoint', () => {
  const result = handleCheckpoint();

  it('resumes from a JSON snapshot without losing or repeating a pane: the panes of §11.3 variant C', () => {
    const variantC = [
      `u1 | W1 | 2 | 35 | ON_TIME | 0 | 0 | ${H} | ${N} | t0+59999`,
      `u2 | W1 | 1 | 8 | ON_TIME | 0 | 0 | ${H} | ${N} | t0+59999`,
      `u2 | W1 | 2 | 11 | LATE | 1 | 1 | ${N} | ${N} | t0+59999`,
      `u1 | W2 | 1 | -5 | EARLY | 0 | -1 | ${H} | ${N} | t0+119999`,
      `u2 | W2 | 1 | 12 | EARLY | 0 | -1 | ${H} | ${N} | t0+119999`,
      `u3 | W2 | 1 | 9 | EARLY | 0 | -1 | ${H} | ${N} | t0+119999`,
      `u1 | W2 | 1 | -5 | ON_TIME | 1 | 0 | ${N} | ${N} | t0+119999`,
      `u2 | W2 | 1 | 12 | ON_TIME | 1 | 0 | ${N} | ${N} | t0+119999`,
      `u3 | W2 | 1 | 9 | ON_TIME | 1 | 0 | ${N} | ${N} | t0+119999`,
    ];
    expect(result.uninterrupted).toEqual(variantC);
    expect(result.resumed).toEqual(variantC);
    expect(result.run1).toBe(2);
  });

  it('holds five windows of three keys at the checkpoint, at processing time 10 s (§11.2 step 7)', () => {
    expect(result.atCheckpoint).toEqual({ liveKeys: 3, liveWindows: 5, processingTime: 10_000 });
  });

  it('carries the counters over: the resumed handle counts the panes of both runs (§11.3 variant C)', () => {
    expect(result.counted).toEqual({ panesEarly: 3, panesOnTime: 5, panesLate: 1 });
  });

  it('refuses to restore a snapshot under another windowing strategy', () => {
    const seed =
      'FixedWindows(60000ms), trigger AfterWatermark(early=AfterProcessingTime(delay=10000ms), ' +
      'late=AfterProcessingTime(delay=10000ms)), accumulating, allowedLateness 120000ms, timestampCombiner endOfWindow, ' +
      'closing fireIfNonEmpty, onTime fireAlways';
    const other =
      'FixedWindows(60000ms), trigger DefaultTrigger, discarding, allowedLateness 0ms, timestampCombiner endOfWindow, ' +
      'closing fireIfNonEmpty, onTime fireAlways';
    expect(String(restoreUnderAnotherStrategy())).toBe(`DataflowError: combinePerKey: cannot restore the snapshot: it was taken under ${seed}, not ${other}`);
  });
});

example('traceLate', () => {
  it('prints inputs and outputs by processing time; the expired element has no output (§1.3, §6.3, §7.4)', () => {
    expect(traceLate().split('\n')).toEqual([
      'processing time | input                                          | output',
      '----------------|------------------------------------------------|--------------------------------------------------------------',
      '0 ms            | ["s1",1] @00:00:10.000; ["s1",4] @00:00:15.000 |',
      '1000 ms         | watermark → 00:01:00.000                       |',
      '1000 ms         |                                                | ["s1",5] @00:00:59.999 [00:00:00.000, 00:01:00.000) ON_TIME#0',
      '1000 ms         |                                                | watermark → 00:01:00.000',
      '2000 ms         | ["s1",2] @00:00:20.000                         |',
      '2000 ms         |                                                | ["s1",2] @00:00:59.999 [00:00:00.000, 00:01:00.000) LATE#1',
      '2000 ms         | watermark → 00:01:30.000                       |',
      '2000 ms         |                                                | watermark → 00:01:30.000',
      '2000 ms         | ["s1",3] @00:00:30.000                         |',
      '2000 ms         | watermark → +∞                                 |',
      '2000 ms         |                                                | watermark → +∞',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// The docs stay in sync with the examples
// ---------------------------------------------------------------------------------------------------------

/** `<!-- quote: examples/x.ts -->` (or `...spec.ts#region`) followed by a fenced block: the quoted text. */
interface Quote {
  readonly doc: string;
  readonly target: string;
  readonly region: string | undefined;
  readonly text: string;
}

function docsFiles(): string[] {
  return fs
    .readdirSync(DOCS)
    .filter((f) => f.endsWith('.md'))
    .map((f) => path.join(DOCS, f));
}

function quotes(): Quote[] {
  const out: Quote[] = [];
  const marker = /<!-- quote: ([^#\s]+)(?:#(\S+))? -->\r?\n```[a-z]*\r?\n([\s\S]*?)```/g;
  for (const doc of docsFiles()) {
    const md = fs.readFileSync(doc, 'utf8');
    for (const m of md.matchAll(marker)) {
      out.push({ doc: path.basename(doc), target: m[1]!, region: m[2], text: m[3]! });
    }
  }
  return out;
}

/** The lines between `// #region name` and `// #endregion name`, without their common indentation. */
function regionOf(source: string, region: string): string {
  const lines = source.split('\n');
  const start = lines.findIndex((l) => l.trim() === `// #region ${region}`);
  const end = lines.findIndex((l) => l.trim() === `// #endregion ${region}`);
  if (start < 0 || end < start) throw new Error(`no region ${region}`);
  const body = lines.slice(start + 1, end);
  const indent = Math.min(...body.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
  return body.map((l) => l.slice(indent)).join('\n') + '\n';
}

describe('docs and examples', () => {
  const files = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.ts'));

  it('runs every file of docs/examples in this spec', () => {
    expect(files.length).toBeGreaterThan(0);
    expect([...files].sort()).toEqual([...covered].sort());
  });

  it('quotes every file of docs/examples in some docs/*.md', () => {
    const quoted = new Set(quotes().filter((q) => q.region === undefined).map((q) => path.basename(q.target)));
    expect(files.filter((f) => !quoted.has(f))).toEqual([]);
  });

  it('quotes the files exactly as they are', () => {
    const all = quotes();
    expect(all.length).toBeGreaterThanOrEqual(files.length);
    for (const q of all) {
      const source = fs.readFileSync(path.join(DOCS, q.target), 'utf8');
      const expected = q.region === undefined ? source : regionOf(source, q.region);
      expect({ quote: `${q.doc} → ${q.target}${q.region ? '#' + q.region : ''}`, text: q.text }).toEqual({
        quote: `${q.doc} → ${q.target}${q.region ? '#' + q.region : ''}`,
        text: expected,
      });
    }
  });
});
