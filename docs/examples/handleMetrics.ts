// Counting with a grouping handle: `handle.metrics$` reports the grouping's metrics after every step (here as
// a marble line, one value per step), and `handle.metrics()` returns the latest ones at any time (here at
// frame 6, and after the run).
import { map } from 'rxjs';
import {
  afterCount,
  afterWatermark,
  combinePerKey,
  fixedWindows,
  formatPane,
  groupingHandle,
  mapElements,
  seconds,
  sum,
  toRecords,
  watermark,
  windowInto,
  withTimestamps,
  type GroupingMetrics,
  type WatermarkEvent,
} from '../../src/index.js';
import { marbleRun } from './marbleHarness.js';

interface Reading {
  readonly sensor: string;
  readonly value: number;
  readonly at: number;
}

const r = (sensor: string, value: number, s: number): Reading => ({ sensor, value, at: seconds(s) });

/** The counters in one line: elements in, panes EARLY/ON_TIME/LATE, dropped late+closed, live state, OW. */
const counters = (m: GroupingMetrics): string =>
  `in ${m.elementsIn} | panes ${m.panesEarly}/${m.panesOnTime}/${m.panesLate} | ` +
  `dropped ${m.droppedDueToLateness}+${m.droppedDueToClosedWindow} | ${m.liveWindows} windows, ${m.liveKeys} keys | ` +
  `OW ${m.outputWatermark}`;

export function handleMetrics() {
  const handle = groupingHandle();
  let between: GroupingMetrics | undefined;
  const lines = marbleRun(({ hot, expectObservable }) => {
    hot('------m').subscribe(() => (between = handle.metrics())); // a look at frame 6, between c and W
    const input = hot<Reading | WatermarkEvent>('-a-b-c-W----d-X-e', {
      a: r('s1', 1, 10),
      b: r('s2', 5, 30),
      c: r('s1', 2, 20), //          s1's second element: the early afterCount(2) fires
      W: watermark(seconds(60)), //  ON_TIME panes (s1's is empty: on-time panes fire always)
      d: r('s2', 7, 40), //          late: the late afterCount(1) fires at once
      X: watermark(seconds(120)), // passes gc = 119 999: both windows are collected
      e: r('s1', 4, 50), //          expired: dropped and counted
    });
    const output = input.pipe(
      withTimestamps((x: Reading) => x.at),
      windowInto({
        windowFn: fixedWindows(seconds(60)),
        trigger: afterWatermark({ early: afterCount(2), late: afterCount(1) }),
        accumulation: 'discarding',
        allowedLateness: seconds(60),
      }),
      mapElements((x: Reading) => [x.sensor, x.value] as const),
      combinePerKey(sum(), { handle }),
      toRecords(),
      map(({ value: [sensor, total], pane }) => `${sensor} ${total} ${formatPane(pane)}`),
    );
    expectObservable(output).toBe('-----e-(os)-l', {
      e: 's1 3 EARLY#0(nsi -1, first)',
      o: 's1 0 ON_TIME#1(nsi 0)',
      s: 's2 5 ON_TIME#0(nsi 0, first)',
      l: 's2 7 LATE#1(nsi 1)',
    });
    expectObservable(handle.metrics$.pipe(map(counters))).toBe('za-b-c-w----d-x-e', {
      z: 'in 0 | panes 0/0/0 | dropped 0+0 | 0 windows, 0 keys | OW -Infinity', // the current metrics first
      a: 'in 1 | panes 0/0/0 | dropped 0+0 | 1 windows, 1 keys | OW -Infinity',
      b: 'in 2 | panes 0/0/0 | dropped 0+0 | 2 windows, 2 keys | OW -Infinity',
      c: 'in 3 | panes 1/0/0 | dropped 0+0 | 2 windows, 2 keys | OW -Infinity',
      w: 'in 3 | panes 1/2/0 | dropped 0+0 | 2 windows, 2 keys | OW 60000',
      d: 'in 4 | panes 1/2/1 | dropped 0+0 | 2 windows, 2 keys | OW 60000',
      x: 'in 4 | panes 1/2/1 | dropped 0+0 | 0 windows, 0 keys | OW 120000',
      e: 'in 5 | panes 1/2/1 | dropped 1+0 | 0 windows, 0 keys | OW 120000',
    });
  });
  return { lines, between, final: handle.metrics() };
}
