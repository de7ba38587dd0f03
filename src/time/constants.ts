/**
 * Time constants of the event-time model. All times are integer milliseconds since the Unix epoch; the range
 * is that of a JavaScript `Date`, so every timestamp can be printed as a date.
 */

/** Smallest valid element timestamp (inclusive): the start of the JavaScript `Date` range. */
export const MIN_TIMESTAMP = -8_640_000_000_000_000;

/** Largest timestamp bound (exclusive): element timestamps must be below it. */
export const MAX_TIMESTAMP = 8_640_000_000_000_000;

/**
 * The largest timestamp of the global window (`maxTimestamp` of {@link GLOBAL_WINDOW}): one day before
 * {@link MAX_TIMESTAMP}, as in Apache Beam, so that garbage-collection times stay representable.
 */
export const END_OF_GLOBAL_WINDOW = MAX_TIMESTAMP - 86_400_000;

/** Whether `t` is a valid element timestamp: an integer in `[MIN_TIMESTAMP, MAX_TIMESTAMP)`. */
export function isValidTimestamp(t: unknown): t is number {
  return typeof t === 'number' && Number.isInteger(t) && t >= MIN_TIMESTAMP && t < MAX_TIMESTAMP;
}

/** Why `t` is not a valid element timestamp, or `undefined` if it is one. */
export function invalidTimestampReason(t: unknown): string | undefined {
  if (typeof t !== 'number') return `event time must be a number of milliseconds, got ${typeof t}`;
  if (!Number.isFinite(t)) return `event time must be finite, got ${t}`;
  if (!Number.isInteger(t)) return `event time must be an integer number of milliseconds, got ${t}`;
  if (t < MIN_TIMESTAMP || t >= MAX_TIMESTAMP) {
    return `event time ${t} is outside [MIN_TIMESTAMP, MAX_TIMESTAMP)`;
  }
  return undefined;
}

/** Formats a time (or a watermark, which may be infinite) for messages: ISO-8601 when it is a valid date. */
export function formatTime(t: number): string {
  if (t === Infinity) return '+Infinity';
  if (t === -Infinity) return '-Infinity';
  if (!Number.isFinite(t)) return String(t);
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? String(t) : `${t} (${d.toISOString()})`;
}
