/**
 * Cancellation and failure: a grouping with processing-time triggers leaves no scheduler action behind once
 * unsubscribed (and its handle reports it detached); a combine function that throws fails the stream with a
 * DataflowError naming the operator, key and window, cancels the pending timers and emits nothing after.
 */
import { type SchedulerAction, type SchedulerLike, type Subscription } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import {
  afterProcessingTime,
  afterWatermark,
  combinePerKey,
  count,
  DataflowError,
  elements,
  fixedWindows,
  groupingHandle,
  IntervalWindow,
  timestamped,
  watermark,
  windowInto,
  type CombineFn,
  type DataflowEvent,
  type KV,
} from '../../src/index.js';

const t0 = Date.UTC(2026, 0, 1);
const W1 = new IntervalWindow(t0, t0 + 60_000);

const strategy = () =>
  windowInto<KV<string, number>>({
    windowFn: fixedWindows(60_000),
    trigger: afterWatermark({ early: afterProcessingTime(10_000), late: afterProcessingTime(10_000) }),
    accumulation: 'accumulating',
    allowedLateness: 120_000,
  });

const el = (key: string, v: number, offsetMs: number) => timestamped([key, v] as const, t0 + offsetMs);

/** A scheduler wrapper that counts the actions it scheduled, ran and had cancelled. */
class CountingScheduler implements SchedulerLike {
  scheduled = 0;
  executed = 0;
  cancelled = 0;
  constructor(private readonly inner: SchedulerLike) {}
  now(): number {
    return this.inner.now();
  }
  get pending(): number {
    return this.scheduled - this.executed - this.cancelled;
  }
  schedule<T>(work: (this: SchedulerAction<T>, state?: T) => void, delay?: number, state?: T): Subscription {
    this.scheduled++;
    let done = false;
    const self = this;
    const sub = this.inner.schedule(
      function (this: SchedulerAction<T>, s?: T) {
        done = true;
        self.executed++;
        work.call(this, s);
      },
      delay,
      state,
    );
    sub.add(() => {
      if (!done) {
        done = true;
        self.cancelled++;
      }
    });
    return sub;
  }
}

/** What a subscriber saw, with the virtual time of each notification. */
interface Seen {
  frame: number;
  kind: 'next' | 'error' | 'complete';
  event?: DataflowEvent<KV<string, number>>;
  error?: unknown;
}

describe('cancellation', () => {
  it('unsubscribing inside TestScheduler.run leaves no pending scheduler action and detaches the handle (asyncScheduler, virtualized)', () => {
    const testScheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
    testScheduler.run(({ cold }) => {
      const handle = groupingHandle();
      const seen: Seen[] = [];
      const source = cold<DataflowEvent<KV<string, number>>>('a 999ms b', {
        a: elements([el('u1', 20, 5_000), el('u2', 8, 35_000)]),
        b: elements([el('u1', 15, 20_000)]),
      });
      const sub = source.pipe(strategy(), combinePerKey(count(), { handle })).subscribe({
        next: (event) => seen.push({ frame: testScheduler.now(), kind: 'next', event }),
        error: (error) => seen.push({ frame: testScheduler.now(), kind: 'error', error }),
        complete: () => seen.push({ frame: testScheduler.now(), kind: 'complete' }),
      });
      let pendingBefore = -1;
      let pendingAfter = -1;
      let snapshotError: unknown;
      testScheduler.schedule(() => {
        // The early deadline (first element at PT 0 + 10 s) is pending on the (virtualized) async scheduler.
        pendingBefore = testScheduler.actions.length;
        expect(handle.snapshot().engine.keys.length).toBe(2);
        sub.unsubscribe();
        pendingAfter = testScheduler.actions.length;
        try {
          handle.snapshot();
        } catch (err) {
          snapshotError = err;
        }
      }, 5_000);
      testScheduler.flush();
      expect(pendingBefore).toBeGreaterThanOrEqual(1);
      expect(pendingAfter).toBe(0);
      expect(testScheduler.actions.length).toBe(0);
      expect(snapshotError).toBeInstanceOf(Error);
      expect(String(snapshotError)).toMatch(/not started/);
      // Nothing but the strategy announcement came out, and nothing after the unsubscription.
      expect(seen.every((s) => s.kind === 'next' && s.event!.kind === 'strategy')).toBe(true);
      expect(seen.every((s) => s.frame <= 5_000)).toBe(true);
      expect(handle.metrics().panesEarly).toBe(0);
    });
  });

  it('with an explicit scheduler: every scheduled timer is run or cancelled, none left after unsubscribing', () => {
    const testScheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
    testScheduler.run(({ cold }) => {
      const scheduler = new CountingScheduler(testScheduler);
      const handle = groupingHandle();
      const panes: number[] = [];
      const source = cold<DataflowEvent<KV<string, number>>>('a 14999ms b 9999ms c', {
        a: elements([el('u1', 1, 5_000)]),
        b: elements([el('u1', 1, 6_000), el('u2', 1, 7_000)]),
        c: watermark(t0),
      });
      const sub = source.pipe(strategy(), combinePerKey(count(), { handle, scheduler })).subscribe((e) => {
        if (e.kind === 'elements') panes.push(testScheduler.now());
      });
      let pendingBefore = -1;
      testScheduler.schedule(() => {
        pendingBefore = scheduler.pending;
        sub.unsubscribe();
      }, 20_000);
      testScheduler.flush();
      // The first deadline (10 s) fired an EARLY pane at 10 001; the second (25 s) was pending at 20 s.
      expect(panes).toEqual([10_001]);
      expect(pendingBefore).toBe(1);
      expect(scheduler.pending).toBe(0);
      expect(scheduler.executed).toBe(1);
      expect(scheduler.cancelled).toBeGreaterThanOrEqual(1);
      expect(testScheduler.actions.length).toBe(0);
      expect(() => handle.snapshot()).toThrow(/not started/);
    });
  });
});

describe('a failing combine function', () => {
  const throwing = (when: 'addInput' | 'extractOutput'): CombineFn<number, number, number> => ({
    createAccumulator: () => 0,
    addInput: (acc, x) => {
      if (when === 'addInput' && x === 13) throw new Error('unlucky 13');
      return acc + x;
    },
    mergeAccumulators: (accs) => accs.reduce((a, b) => a + b, 0),
    extractOutput: (acc) => {
      if (when === 'extractOutput' && acc === 13) throw new Error('unlucky 13');
      return acc;
    },
  });

  function run(when: 'addInput' | 'extractOutput', marbles: string, values: Record<string, DataflowEvent<KV<string, number>>>) {
    const testScheduler = new TestScheduler((a, b) => expect(a).toEqual(b));
    let result: { seen: Seen[]; pendingAtError: number; pendingAtEnd: number; handleError: unknown; scheduler: CountingScheduler } | undefined;
    testScheduler.run(({ cold }) => {
      const scheduler = new CountingScheduler(testScheduler);
      const handle = groupingHandle();
      const seen: Seen[] = [];
      let pendingAtError = -1;
      cold<DataflowEvent<KV<string, number>>>(marbles, values)
        .pipe(strategy(), combinePerKey(throwing(when), { handle, scheduler }))
        .subscribe({
          next: (event) => seen.push({ frame: testScheduler.now(), kind: 'next', event }),
          error: (error) => {
            pendingAtError = scheduler.pending;
            seen.push({ frame: testScheduler.now(), kind: 'error', error });
          },
          complete: () => seen.push({ frame: testScheduler.now(), kind: 'complete' }),
        });
      testScheduler.flush();
      let handleError: unknown;
      try {
        handle.snapshot();
      } catch (err) {
        handleError = err;
      }
      result = { seen, pendingAtError, pendingAtEnd: testScheduler.actions.length, handleError, scheduler };
    });
    return result!;
  }

  it('in addInput: the stream errors with a DataflowError naming the operator, key and window; pending timers are cancelled; nothing follows', () => {
    const r = run('addInput', 'a 999ms b 29999ms c', {
      a: elements([el('u1', 20, 5_000)]), // sets an early deadline at PT 10 000
      b: elements([el('u2', 13, 35_000)]),
      c: elements([el('u1', 1, 6_000)]),
    });
    const errors = r.seen.filter((s) => s.kind === 'error');
    expect(errors).toHaveLength(1);
    const err = errors[0]!.error as DataflowError;
    expect(err).toBeInstanceOf(DataflowError);
    expect(err.operator).toBe('combinePerKey');
    expect(err.key).toBe('u2');
    expect(err.window?.equals(W1)).toBe(true);
    expect(err.message).toContain('combinePerKey');
    expect(err.message).toContain('"u2"');
    expect(err.message).toContain(W1.toString());
    expect(err.message).toContain('unlucky 13');
    // The error is the last notification, at the step that failed; the 10 s deadline never fired.
    expect(r.seen[r.seen.length - 1]!.kind).toBe('error');
    expect(errors[0]!.frame).toBe(1_000);
    expect(r.seen.filter((s) => s.kind === 'next' && s.event!.kind === 'elements')).toHaveLength(0);
    expect(r.pendingAtError).toBe(0);
    expect(r.scheduler.pending).toBe(0);
    expect(r.scheduler.executed).toBe(0);
    expect(r.pendingAtEnd).toBe(0);
    expect(r.handleError).toBeInstanceOf(Error);
  });

  it('in extractOutput at a timer firing: the stream errors with a DataflowError, no other timer survives, nothing follows', () => {
    const r = run('extractOutput', 'a 999ms b', {
      a: elements([el('u1', 13, 5_000)]), // early deadline at 10 000: extractOutput(13) throws at 10 001
      b: elements([el('u2', 1, 35_000)]), // early deadline at 11 000, pending when the error happens
    });
    const errors = r.seen.filter((s) => s.kind === 'error');
    expect(errors).toHaveLength(1);
    const err = errors[0]!.error as DataflowError;
    expect(err).toBeInstanceOf(DataflowError);
    expect(err.operator).toBe('combinePerKey');
    expect(err.key).toBe('u1');
    expect(err.window?.equals(W1)).toBe(true);
    expect(err.message).toContain('"u1"');
    expect(err.message).toContain(W1.toString());
    expect(errors[0]!.frame).toBe(10_001);
    expect(r.seen[r.seen.length - 1]!.kind).toBe('error');
    expect(r.seen.filter((s) => s.kind === 'next' && s.event!.kind === 'elements')).toHaveLength(0);
    expect(r.pendingAtError).toBe(0);
    expect(r.scheduler.pending).toBe(0);
    expect(r.pendingAtEnd).toBe(0);
  });
});
