/**
 * Traces: what went into a dataflow and what came out, step by step, on the processing-time axis. A trace
 * prints as a table, which makes a failing expectation or a surprising pane easy to read.
 */
import { Observable, VirtualTimeScheduler, type OperatorFunction } from 'rxjs';
import type { DataflowEvent } from '../events/dataflowEvent.js';
import type { TestStream } from '../sources/testStream.js';
import { describeValue } from '../core/errors.js';

/** One row of a trace: an input event or an output event, at a processing time. */
export interface TraceRow {
  /** Processing time of the script when it happened (ms since the script started). */
  readonly at: number;
  readonly side: 'input' | 'output';
  readonly text: string;
}

/** The rows of a trace, printable as a table. */
export interface Trace {
  readonly rows: readonly TraceRow[];
  readonly error: unknown;
  toString(): string;
}

const clock = (t: number): string => {
  if (t === Infinity) return '+∞';
  if (t === -Infinity) return '-∞';
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? String(t) : d.toISOString().slice(11, 23);
};

function describe(event: DataflowEvent<unknown>): string | undefined {
  switch (event.kind) {
    case 'elements':
      return event.items
        .map((it) => {
          const pane = it.pane.timing === 'UNKNOWN' ? '' : ` ${it.pane.timing}#${it.pane.index}${it.pane.isLast ? ' last' : ''}`;
          const windows = it.windows.length === 1 && it.windows[0]!.id === 'global' ? '' : ` ${it.windows.map((w) => `[${clock(w.start)}, ${clock(w.end)})`).join(' ')}`;
          return `${describeValue(it.value)} @${clock(it.timestamp)}${windows}${pane}`;
        })
        .join('; ');
    case 'watermark':
      return `watermark → ${clock(event.time)}`;
    default:
      return undefined;
  }
}

/**
 * Plays `script` through `operator` on a virtual clock and records every input step and every output pane and
 * watermark with the processing time it happened at. `toString()` gives a table: processing time, input,
 * output.
 *
 * @example
 * ```ts
 * import { seedStreamScript, windowedUserAgg } from 'rxjs-dataflow';
 * import { traceDataflow } from 'rxjs-dataflow/testing';
 * console.log(traceDataflow(seedStreamScript(), windowedUserAgg()).toString());
 * ```
 */
export function traceDataflow<T, R>(
  script: TestStream<T>,
  operator: OperatorFunction<DataflowEvent<T>, DataflowEvent<R>>,
): Trace {
  const scheduler = new VirtualTimeScheduler();
  const rows: TraceRow[] = [];
  let pt = 0;
  let error: unknown;
  // Record the script's steps on their way into the operator.
  const source = new Observable<DataflowEvent<T>>((subscriber) =>
    script.withScheduler(scheduler).subscribe({
      next: (event) => {
        if (event.kind === 'processingTime') pt = event.time;
        const text = describe(event as DataflowEvent<unknown>);
        if (text !== undefined) rows.push({ at: pt, side: 'input', text });
        subscriber.next(event);
      },
      error: (err) => subscriber.error(err),
      complete: () => subscriber.complete(),
    }),
  );
  source.pipe(operator).subscribe({
    next: (event) => {
      const text = describe(event as DataflowEvent<unknown>);
      if (text !== undefined) rows.push({ at: pt, side: 'output', text });
    },
    error: (err) => (error = err),
  });
  scheduler.flush();
  return {
    rows,
    error,
    toString: () => formatTrace(rows),
  };
}

/** Formats trace rows as a three-column table. */
export function formatTrace(rows: readonly TraceRow[]): string {
  const header = ['processing time', 'input', 'output'];
  const cells = rows.map((r) => [`${r.at} ms`, r.side === 'input' ? r.text : '', r.side === 'output' ? r.text : '']);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) => c.map((x, i) => x.padEnd(widths[i]!)).join(' | ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.map(line)].join('\n');
}
