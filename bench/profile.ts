/**
 * Profiles the library path of one scenario: generates the events, runs one warm-up pass, then records a
 * CPU profile (or, with `--alloc`, a sampling allocation profile that includes collected objects) over
 * `--runs` passes, writes it under bench/profiles/ and prints a summary.
 *
 *   node --expose-gc -r ts-node/register/transpile-only bench/profile.ts --scenario batch [--delivery bounded]
 *        [--size 1e6] [--runs 3] [--alloc] [--hand]
 *
 * `--hand` profiles the hand loop instead. The files open in Chrome DevTools / VS Code.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Session } from 'node:inspector/promises';
import { buildBatches, runLibrary, type Delivery } from './library.js';
import { printCpuSummary, printHeapSummary, summarizeCpuProfile, summarizeHeapProfile } from './profileSummary.js';
import { SCENARIOS } from './scenarios.js';
import { generateEvents } from './workload.js';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string, dflt: string): string => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : dflt;
  };
  const sc = SCENARIOS.find((s) => s.name === opt('--scenario', 'batch'));
  if (sc === undefined) throw new Error(`unknown scenario; one of ${SCENARIOS.map((s) => s.name).join(', ')}`);
  const delivery = opt('--delivery', sc.deliveries[0]!) as Delivery;
  const size = Number(opt('--size', '1e6'));
  const runs = Number(opt('--runs', '3'));
  const alloc = args.includes('--alloc');
  const hand = args.includes('--hand');

  const events = generateEvents(size, { lateHeavy: sc.lateHeavy, seed: 42 });
  const batches = delivery === 'batch-1000' ? buildBatches(events) : undefined;
  const pass = (): void => {
    if (hand) sc.hand(events, delivery);
    else runLibrary(sc.spec, delivery, events, batches);
  };
  pass(); // warm-up

  const session = new Session();
  session.connect();
  const name = `${sc.name}-${delivery}-${size.toExponential(0).replace('+', '')}${hand ? '-hand' : ''}`;
  const dir = path.join(__dirname, 'profiles');
  mkdirSync(dir, { recursive: true });
  if (alloc) {
    await session.post('HeapProfiler.enable');
    await session.post('HeapProfiler.startSampling', {
      samplingInterval: 16_384,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    } as never);
  } else {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
  }
  const t = performance.now();
  for (let r = 0; r < runs; r++) pass();
  const ms = performance.now() - t;
  console.log(`${name}: ${runs} runs in ${ms.toFixed(0)} ms (${((size * runs) / (ms / 1000) / 1e6).toFixed(2)} M events/s while profiling)`);
  if (alloc) {
    const { profile } = (await session.post('HeapProfiler.stopSampling')) as { profile: never };
    const file = path.join(dir, `${name}.heapprofile`);
    writeFileSync(file, JSON.stringify(profile));
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
    printHeapSummary(summarizeHeapProfile(profile, 30));
  } else {
    const { profile } = (await session.post('Profiler.stop')) as { profile: never };
    const file = path.join(dir, `${name}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
    printCpuSummary(summarizeCpuProfile(profile, 30));
  }
  session.disconnect();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
