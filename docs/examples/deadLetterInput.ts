// Bad input: an event time that is not an integer of ms, a key function that returns undefined, a value the
// validator rejects. By default the first one fails the stream with a DataflowError naming the operator, the
// element and the reason. With a `deadLetter` sink (here one Subject for both operators) they go to the
// side output and the pipeline goes on; the aggregate is the one of the good elements, never a wrong one.
import { from, Subject, type Observable } from 'rxjs';
import {
  combinePerKey,
  fixedWindows,
  formatPane,
  groupingHandle,
  mapElements,
  seconds,
  sum,
  windowInto,
  withKeys,
  withTimestamps,
  type DataflowEvent,
  type DeadLetter,
  type KV,
} from '../../src/index.js';
import { collectDataflow } from '../../src/testing/index.js';

interface Reading {
  readonly sensor?: string;
  readonly value: number;
  readonly at: number;
}

const good: Reading[] = [
  { sensor: 's1', value: 1, at: 10_000 },
  { sensor: 's1', value: 2, at: 30_000 },
  { sensor: 's2', value: 5, at: 40_000 },
];
const badTime: Reading = { sensor: 's1', value: 100, at: 12.5 }; //     not an integer number of ms
const noKey: Reading = { value: 100, at: 20_000 }; //                   the key function returns undefined
const negative: Reading = { sensor: 's2', value: -100, at: 25_000 }; // the validator rejects it

type Sums = Observable<DataflowEvent<KV<string, number>>>;

/** Sum per sensor and 60 s window; `deadLetter`, if given, receives the bad input of both operators. */
function sumPerSensor(readings: Reading[], deadLetter?: Subject<DeadLetter>): Sums {
  return from(readings).pipe(
    withTimestamps((r: Reading) => r.at, {
      validate: (r) => r.value >= 0 || `value must be >= 0, got ${r.value}`,
      ...(deadLetter ? { deadLetter } : {}),
    }),
    windowInto({ windowFn: fixedWindows(seconds(60)) }),
    withKeys((r: Reading) => r.sensor, deadLetter ? { deadLetter } : {}),
    mapElements(([sensor, r]: readonly [string | undefined, Reading]) => [sensor!, r.value] as const),
    combinePerKey(sum()),
  );
}

/** What a run produced: panes as `<key> <sum> <PaneInfo>`, and the error if the stream failed. */
function run(dataflow$: Sums) {
  const { panes, completed, error } = collectDataflow(dataflow$);
  return { panes: panes.map((p) => `${p.value[0]} ${p.value[1]} ${formatPane(p)}`), completed, error };
}

/** Without a dead-letter sink: each kind of bad input, alone among the good elements, fails the stream. */
export function badInputFails() {
  return {
    badTime: run(sumPerSensor([...good, badTime])),
    noKey: run(sumPerSensor([...good, noKey])),
    negative: run(sumPerSensor([...good, negative])),
  };
}

/** With a dead-letter sink: all three go to the side output; the panes are those of the good elements. */
export function badInputDeadLettered() {
  const deadLetter = new Subject<DeadLetter>();
  const deadLetters: DeadLetter[] = [];
  deadLetter.subscribe((d) => deadLetters.push(d));
  const withBadInput = run(sumPerSensor([good[0]!, badTime, noKey, good[1]!, negative, good[2]!], deadLetter));
  const goodOnly = run(sumPerSensor(good));
  return { withBadInput, goodOnly, deadLetters };
}

/**
 * The grouping has a dead-letter sink too, for elements it cannot group (not a `[key, value]` pair, an
 * undefined key, a key that is not a primitive, array or plain object); they count as `invalidElements`.
 */
export function badKeyAtGrouping() {
  const deadLetters: DeadLetter[] = [];
  const handle = groupingHandle();
  const dataflow$ = from([{ day: new Date(0), value: 1 }, { day: '1970-01-01', value: 2 }]).pipe(
    withTimestamps(() => 0),
    windowInto({ windowFn: fixedWindows(seconds(60)) }),
    mapElements((x: { day: Date | string; value: number }) => [x.day, x.value] as const),
    combinePerKey(sum(), { deadLetter: (d) => deadLetters.push(d), handle }),
  );
  const { panes } = collectDataflow(dataflow$);
  return { panes: panes.map((p) => p.value), deadLetters, invalidElements: handle.metrics().invalidElements };
}
