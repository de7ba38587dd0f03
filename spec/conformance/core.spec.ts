/**
 * Runs every conformance scenario through the pure grouping engine. The expectations are derived by hand
 * from the semantics specification; see scenario.ts for the table conventions.
 */
import { allScenarios, scenarioGroups } from './allScenarios.js';
import { runOnCore } from './coreRunner.js';
import { expectConformance, scenarioProblems, scenarioTitle, type ObservedRun, type PaneRecord } from './scenario.js';

describe('conformance tables', () => {
  it('are well-formed and cover at least 80 scenarios with unique titles', () => {
    const problems = allScenarios.flatMap((s) => scenarioProblems(s).map((m) => `${scenarioTitle(s)}: ${m}`));
    expect(problems).toEqual([]);
    const titles = allScenarios.map(scenarioTitle);
    expect(new Set(titles).size).toBe(titles.length);
    expect(allScenarios.length).toBeGreaterThanOrEqual(80);
  });
});

describe('the shared checker', () => {
  // The seed stream: six panes, counters 0, output watermarks given.
  const scenario = allScenarios.find((s) => s.section === '§11.2')!;
  const good: ObservedRun = {
    panes: scenario.expected,
    counters: { droppedDueToLateness: 0, droppedDueToClosedWindow: 0 },
    outputWatermarks: scenario.expectedOutputWatermarks!,
  };
  const withPane = (i: number, change: Partial<PaneRecord>): ObservedRun => ({
    ...good,
    panes: good.panes.map((pane, j) => (j === i ? { ...pane, ...change } : pane)),
  });

  it('accepts the expected run', () => {
    expect(() => expectConformance(scenario, good)).not.toThrow();
  });

  it.each<[string, ObservedRun]>([
    ['afterStep', withPane(5, { afterStep: 7 })],
    ['key', withPane(5, { key: 'u1' })],
    ['window', withPane(5, { window: [0, 60_000] })],
    ['value', withPane(5, { value: [2, 12] })],
    ['timing', withPane(5, { timing: 'ON_TIME' })],
    ['index', withPane(5, { index: 2 })],
    ['nonSpeculativeIndex', withPane(5, { nonSpeculativeIndex: 0 })],
    ['isFirst', withPane(5, { isFirst: true })],
    ['isLast', withPane(5, { isLast: false })],
    ['timestamp', withPane(5, { timestamp: 0 })],
    ['pane order', { ...good, panes: [good.panes[1]!, good.panes[0]!, ...good.panes.slice(2)] }],
    ['a missing pane', { ...good, panes: good.panes.slice(1) }],
    ['an extra pane', { ...good, panes: [...good.panes, good.panes[5]!] }],
    ['droppedDueToLateness', { ...good, counters: { droppedDueToLateness: 1, droppedDueToClosedWindow: 0 } }],
    ['droppedDueToClosedWindow', { ...good, counters: { droppedDueToLateness: 0, droppedDueToClosedWindow: 1 } }],
    ['output watermarks', { ...good, outputWatermarks: good.outputWatermarks!.map((w, i) => (i === 3 ? w - 1 : w)) }],
  ])('rejects a run that differs in %s', (_field, run) => {
    expect(() => expectConformance(scenario, run)).toThrow();
  });
});

describe('conformance: GroupingEngine', () => {
  for (const [topic, scenarios] of scenarioGroups) {
    describe(topic, () => {
      it.each(scenarios.map((s) => [scenarioTitle(s), s] as const))('%s', (_title, scenario) => {
        expectConformance(scenario, runOnCore(scenario));
      });
    });
  }
});
