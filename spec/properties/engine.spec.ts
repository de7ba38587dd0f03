/**
 * The RxJS operator against the pure engine, and checkpointing: the operator's panes and output watermarks
 * are exactly those of a `GroupingEngine` fed the same steps; and a stream stopped after any step,
 * snapshotted through JSON and resumed in a fresh pipeline emits exactly the panes of an uninterrupted run.
 */
import fc from 'fast-check';
import { Observable, VirtualTimeScheduler } from 'rxjs';
import { groupingHandle, type DataflowEvent, type GroupingHandle, type GroupingSnapshot } from '../../src/index.js';
import { ProcessingTimeEvent, WatermarkEvent } from '../../src/events/dataflowEvent.js';
import {
  buildScenario,
  params,
  rawEventsOf,
  rawScenarioArb,
  runEngine,
  runPipeline,
  runStream,
  scriptOf,
  type Ev,
  type LogEntry,
} from './harness.js';

function check(cond: boolean, message: () => string): void {
  if (!cond) throw new Error(message());
}

const show = (x: unknown) => JSON.stringify(x);
/**
 * The handle's state through JSON, or undefined when the grouping has not started (it starts with its first
 * element or watermark; before that there is no state to keep).
 */
function snapshotOrNone(h: GroupingHandle): GroupingSnapshot | undefined {
  try {
    return JSON.parse(JSON.stringify(h.snapshot())) as GroupingSnapshot;
  } catch (err) {
    if (/not started/.test(String(err))) return undefined;
    throw err;
  }
}

const plainLog = (log: readonly LogEntry[]) => log.map((e) => (e.kind === 'pane' ? { pane: e.pane } : { wm: e.time }));

describe('combinePerKey operator', () => {
  it('emits exactly the panes and output watermarks of the pure GroupingEngine fed the same steps', () => {
    fc.assert(
      fc.property(rawScenarioArb(), (raw) => {
        const sc = buildScenario(raw);
        const op = runStream(sc);
        check(op.error === undefined && op.completed, () => `operator run failed: ${String(op.error)}`);
        const engine = runEngine(sc);
        check(show(op.panes) === show(engine.panes), () => `operator panes ${show(op.panes)}\nengine panes ${show(engine.panes)}`);
        const wms = op.log.flatMap((e) => (e.kind === 'wm' ? [e.time] : []));
        check(show(wms) === show(engine.watermarks), () => `operator watermarks ${show(wms)}, engine ${show(engine.watermarks)}`);
      }),
      params(),
    );
  });
});

describe('snapshot and restore', () => {
  it('stopping after any step and resuming from a JSON snapshot gives the uninterrupted run exactly', () => {
    fc.assert(
      fc.property(rawScenarioArb(), fc.nat(), (raw, cutSeed) => {
        const sc = buildScenario(raw);
        const whole = runStream(sc);
        const k = cutSeed % (sc.steps.length + 1);
        // Run 1: the first k steps of the script, then a snapshot through JSON.
        const vts1 = new VirtualTimeScheduler();
        let snapshot: GroupingSnapshot | undefined;
        const first = runPipeline(sc.strategy, scriptOf(sc, sc.steps.slice(0, k), vts1), {
          flush: () => vts1.flush(),
          afterFlush: (h) => (snapshot = snapshotOrNone(h)),
        });
        check(first.error === undefined, () => `run 1 failed: ${String(first.error)}`);
        const hasData = sc.steps.slice(0, k).some((st) => st.kind !== 'pt');
        check(hasData === (snapshot !== undefined), () => `cut after ${k} steps: snapshot ${snapshot ? 'taken' : 'refused'}`);
        // Run 2: the source's clock, then the remaining steps, as raw dataflow events into a fresh pipeline
        // restored from the snapshot (a fresh one when the grouping had not started: no data yet).
        const pt = sc.steps.slice(0, k).reduce((a, st) => (st.kind === 'pt' ? a + st.d : a), 0);
        const rest: DataflowEvent<Ev>[] = [
          new ProcessingTimeEvent(pt),
          ...rawEventsOf(sc, sc.steps.slice(k), pt),
          new WatermarkEvent(Infinity),
        ];
        const vts2 = new VirtualTimeScheduler();
        const source = new Observable<DataflowEvent<Ev>>((sub) =>
          vts2.schedule(() => {
            for (const e of rest) sub.next(e);
            sub.complete();
          }),
        );
        const second = runPipeline(sc.strategy, source, { flush: () => vts2.flush(), handle: groupingHandle(snapshot) });
        check(second.error === undefined && second.completed, () => `run 2 failed: ${String(second.error)}`);
        const resumed = [...plainLog(first.log), ...plainLog(second.log)];
        check(show(resumed) === show(plainLog(whole.log)), () => `cut after step ${k}:\nresumed ${show(resumed)}\nwhole   ${show(plainLog(whole.log))}`);
        check(show([...first.drops, ...second.drops]) === show(whole.drops), () => `drops differ`);
        const { inputWatermark: _i, outputWatermark: _o, ...m2 } = second.metrics;
        const { inputWatermark: _i2, outputWatermark: _o2, ...mw } = whole.metrics;
        check(show(m2) === show(mw), () => `metrics ${show(m2)} vs ${show(mw)}`);
      }),
      params(),
    );
  });
});
