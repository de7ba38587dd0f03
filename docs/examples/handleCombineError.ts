// User code that throws: a combine function that rejects negative amounts. The grouping fails the stream
// with a DataflowError naming the operator, the key and the window (the original error is its `cause`),
// cancels its pending processing-time timers, and emits nothing more. Its twin without the bad element
// shows what was pending: two early panes, at frames 7 and 9.
import { catchError, map, throwError } from 'rxjs';
import {
  afterProcessingTime,
  afterWatermark,
  combineFn,
  combinePerKey,
  fixedWindows,
  formatPane,
  mapElements,
  seconds,
  toRecords,
  windowInto,
  withTimestamps,
} from '../../src/index.js';
import { marbleRun } from './marbleHarness.js';

interface Payment {
  readonly user: string;
  readonly amount: number;
  readonly at: number;
}

function payments(input: string, expected: string, values: Record<string, string>, error?: string) {
  let extracted = 0; // how many panes the combine function computed
  let failure: unknown;
  const total = combineFn({
    name: 'NonNegativeSum',
    createAccumulator: () => 0,
    addInput: (acc: number, amount: number) => {
      if (amount < 0) throw new RangeError(`amount must be >= 0, got ${amount}`);
      return acc + amount;
    },
    mergeAccumulators: (accs: number[]) => accs.reduce((a, b) => a + b, 0),
    extractOutput: (acc: number) => (extracted++, acc),
  });
  const lines = marbleRun(({ hot, expectObservable }) => {
    const source = hot<Payment>(input, {
      a: { user: 'u1', amount: 20, at: seconds(5) }, // frame 1: u1's early deadline 1 + 5 = 6
      b: { user: 'u2', amount: 8, at: seconds(10) }, // frame 3: u2's early deadline 8
      x: { user: 'u1', amount: -5, at: seconds(20) }, // frame 6: the combine function throws
    });
    const output = source.pipe(
      withTimestamps((p: Payment) => p.at),
      windowInto({
        windowFn: fixedWindows(seconds(60)),
        trigger: afterWatermark({ early: afterProcessingTime(5) }),
        accumulation: 'discarding',
        allowedLateness: 0,
      }),
      mapElements((p: Payment) => [p.user, p.amount] as const),
      combinePerKey(total),
      toRecords(),
      map(({ value: [user, sum], pane }) => `${user} ${sum} ${formatPane(pane)}`),
      // Keep the error for the caller; the marble compares its printed form.
      catchError((err: unknown) => ((failure = err), throwError(() => String(err)))),
    );
    expectObservable(output).toBe(expected, values, error);
  });
  return { lines, extracted, failure };
}

export function handleCombineError() {
  return {
    good: payments('-a-b------', '-------u-v', {
      u: 'u1 20 EARLY#0(nsi -1, first)',
      v: 'u2 8 EARLY#0(nsi -1, first)',
    }),
    bad: payments(
      '-a-b--x---',
      '------#', // u1's deadline (frame 7) and u2's (frame 9) were cancelled: nothing after the error
      {},
      'DataflowError: combinePerKey: adding element ["u1",-5] for key "u1" in window ' +
        '[1970-01-01T00:00:00.000Z, 1970-01-01T00:01:00.000Z) failed: amount must be >= 0, got -5',
    ),
  };
}
