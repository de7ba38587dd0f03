/**
 * Runs every conformance scenario through the public RxJS operators (`testStream` → `windowInto` →
 * `combinePerKey`, under `TestScheduler.run`): the same table as core.spec.ts, the second path. See
 * rxjsRunner.ts for how steps, panes and watermarks are observed.
 */
import { allScenarios, scenarioGroups } from './allScenarios.js';
import { runOnRxjs, scriptTimes, type RxjsObservedRun } from './rxjsRunner.js';
import { expectConformance, scenarioTitle, type Scenario } from './scenario.js';

/** One run per scenario, shared by the conformance test and the runner checks below. */
const runs = new Map<Scenario, RxjsObservedRun>();
const runOf = (s: Scenario): RxjsObservedRun => {
  let run = runs.get(s);
  if (run === undefined) {
    run = runOnRxjs(s);
    runs.set(s, run);
  }
  return run;
};

describe('conformance: RxJS operators (testStream → windowInto → combinePerKey)', () => {
  for (const [topic, scenarios] of scenarioGroups) {
    describe(topic, () => {
      it.each(scenarios.map((s) => [scenarioTitle(s), s] as const))('%s', (_title, scenario) => {
        const run = runOf(scenario);
        expectConformance(scenario, run);
        // This runner always observes the output watermark, so a scenario that gives them is always checked.
        expect(run.outputWatermarks).toHaveLength(scenario.steps.length);
      });
    });
  }
});

describe('the RxJS runner', () => {
  it('plays every script step at its virtual processing time and completes exactly the scripts that end', () => {
    const problems: string[] = [];
    for (const s of allScenarios) {
      let run: RxjsObservedRun;
      try {
        run = runOf(s);
      } catch {
        continue; // reported by the conformance test of the scenario
      }
      const times = scriptTimes(s);
      if (JSON.stringify(run.stepTimes) !== JSON.stringify(times)) {
        problems.push(`${scenarioTitle(s)}: steps played at ${run.stepTimes.join(',')}, script times ${times.join(',')}`);
      }
      const last = s.steps[s.steps.length - 1];
      const ends = last !== undefined && 'watermark' in last && last.watermark === Infinity;
      if (run.completed !== ends) problems.push(`${scenarioTitle(s)}: completed=${run.completed}, script ends=${ends}`);
    }
    expect(problems).toEqual([]);
  });

  it("announces the continuation of the scenario's trigger as the grouping's output strategy (§3.4)", () => {
    const problems: string[] = [];
    for (const s of allScenarios) {
      let run: RxjsObservedRun;
      try {
        run = runOf(s);
      } catch {
        continue;
      }
      const announced = run.outputStrategy?.trigger.toString();
      const expected = s.trigger.continuation().toString();
      if (announced !== expected) problems.push(`${scenarioTitle(s)}: ${announced} instead of ${expected}`);
      if (run.outputStrategy?.accumulation !== s.accumulation) problems.push(`${scenarioTitle(s)}: accumulation changed`);
    }
    expect(problems).toEqual([]);
  });

  it('attributes panes to the step that emitted them (seed stream: panes at steps 3, 7, 8)', () => {
    const seed = allScenarios.find((s) => s.section === '§11.2')!;
    expect(runOf(seed).panes.map((p) => p.afterStep)).toEqual([3, 3, 7, 7, 7, 8]);
  });

  it('is not vacuous: the run of one seed variant does not conform to another', () => {
    const [stream, variantB, variantC] = ['worked example as a stream', 'variant B', 'variant C'].map(
      (name) => allScenarios.find((s) => s.section.startsWith('§11') && s.name.startsWith(name))!,
    ) as [Scenario, Scenario, Scenario];
    expect(() => expectConformance(variantB, runOf(stream))).toThrow();
    expect(() => expectConformance(stream, runOf(variantB))).toThrow();
    expect(() => expectConformance(variantC, { ...runOf(variantC), outputWatermarks: runOf(stream).outputWatermarks.slice(0, 9).concat([1]) })).toThrow();
  });
});
