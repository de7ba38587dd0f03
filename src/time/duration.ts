/**
 * Readable durations. Every duration in the library is a number of milliseconds; these helpers only make
 * call sites read like Beam's `Duration.standardSeconds(10)`.
 */

/** `n` milliseconds. */
export const millis = (n: number): number => n;
/** `n` seconds in milliseconds: `seconds(10) === 10_000`. */
export const seconds = (n: number): number => n * 1_000;
/** `n` minutes in milliseconds: `minutes(1) === 60_000`. */
export const minutes = (n: number): number => n * 60_000;
/** `n` hours in milliseconds. */
export const hours = (n: number): number => n * 3_600_000;
/** `n` days in milliseconds. */
export const days = (n: number): number => n * 86_400_000;

/** Throws a RangeError unless `value` is a finite integer number of milliseconds `>= min`. */
export function checkDuration(owner: string, name: string, value: unknown, min = 0): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new RangeError(
      `${owner}: ${name} must be an integer number of milliseconds >= ${min}, got ${String(value)}`,
    );
  }
  return value;
}

/** Mathematical modulo: the result is in `[0, b)` also for negative `a`. */
export function floorMod(a: number, b: number): number {
  const r = a % b;
  return r < 0 ? r + b : r;
}
