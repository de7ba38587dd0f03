/**
 * Errors of the dataflow: every error names the operator, and where it applies the element, key and window,
 * so a failure in user code or bad input can be traced to its source.
 */
import type { BoundedWindow } from '../windows/window.js';

/** Context attached to a {@link DataflowError}. */
export interface DataflowErrorContext {
  /** The operator that failed, e.g. `combinePerKey`. */
  readonly operator: string;
  readonly key?: unknown;
  readonly window?: BoundedWindow;
  readonly value?: unknown;
  readonly cause?: unknown;
}

/** An error raised by a dataflow operator, with the key, window and element involved. */
export class DataflowError extends Error {
  readonly operator: string;
  readonly key: unknown;
  readonly window: BoundedWindow | undefined;
  readonly value: unknown;

  constructor(message: string, context: DataflowErrorContext) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.name = 'DataflowError';
    this.operator = context.operator;
    this.key = context.key;
    this.window = context.window;
    this.value = context.value;
  }
}

/** A short description of a thrown value. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A one-line description of `value`, at most about 120 characters, for error messages. */
export function describeValue(value: unknown): string {
  let s: string;
  try {
    s = typeof value === 'bigint' ? `${value}n` : (JSON.stringify(value) ?? String(value));
  } catch {
    s = String(value);
  }
  return s.length > 120 ? s.slice(0, 117) + '...' : s;
}
