/** Every conformance scenario, grouped by topic; runners iterate over this table. */
import { accumulationScenarios } from './accumulation.scenarios.js';
import { latenessScenarios } from './lateness.scenarios.js';
import type { Scenario } from './scenario.js';
import { seedScenarios } from './seed.scenarios.js';
import { sessionScenarios } from './sessions.scenarios.js';
import { timestampScenarios } from './timestamps.scenarios.js';
import { triggerScenarios } from './triggers.scenarios.js';
import { windowScenarios } from './windows.scenarios.js';

/** Scenario tables by topic. */
export const scenarioGroups: ReadonlyArray<readonly [topic: string, scenarios: readonly Scenario[]]> = [
  ['windows', windowScenarios],
  ['triggers', triggerScenarios],
  ['lateness', latenessScenarios],
  ['timestamps', timestampScenarios],
  ['sessions', sessionScenarios],
  ['accumulation', accumulationScenarios],
  ['seed', seedScenarios],
];

/** All scenarios. */
export const allScenarios: readonly Scenario[] = scenarioGroups.flatMap(([, s]) => s);
