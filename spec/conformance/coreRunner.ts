/**
 * Runs a conformance scenario through the pure grouping engine: each script step becomes one engine step,
 * elements get their windows from the scenario's window function (as `windowInto` would assign them), and
 * every pane is recorded with the index of the step that emitted it.
 */
import { GroupingEngine } from '../../src/core/groupingEngine.js';
import { timestamped, type WindowedValue } from '../../src/events/windowedValue.js';
import {
  combineFnOf,
  paneRecord,
  strategyOf,
  type ElementValue,
  type ObservedRun,
  type PaneRecord,
  type Scenario,
} from './scenario.js';

/** The core runner: `(scenario) => observed panes, counters and output watermarks`. */
export function runOnCore(s: Scenario): ObservedRun {
  const panes: PaneRecord[] = [];
  let currentStep = -1;
  const engine = new GroupingEngine<string, ElementValue, unknown, unknown>({
    strategy: strategyOf(s),
    combineFn: combineFnOf(s),
    emit: (pane) => panes.push(paneRecord(s, currentStep, pane)),
  });
  const outputWatermarks: number[] = [];
  let processingTime = 0;
  s.steps.forEach((step, i) => {
    currentStep = i;
    if ('elements' in step) {
      const items: WindowedValue<readonly [string, ElementValue]>[] = step.elements.map(([key, value, ts]) => ({
        ...timestamped([key, value] as const, ts),
        windows: s.windowFn.assignWindows(ts),
      }));
      engine.processElements(items, processingTime);
    } else if ('watermark' in step) {
      engine.advanceWatermark(step.watermark);
    } else {
      processingTime = step.processingTime;
      engine.advanceProcessingTime(processingTime);
    }
    outputWatermarks.push(engine.outputWatermark);
  });
  return {
    panes,
    counters: {
      droppedDueToLateness: engine.counters.droppedDueToLateness,
      droppedDueToClosedWindow: engine.counters.droppedDueToClosedWindow,
    },
    outputWatermarks,
  };
}
