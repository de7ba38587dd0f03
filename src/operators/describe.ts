/**
 * Short, safe descriptions of user values for error messages.
 */

/** A one-line description of `value`, at most about 120 characters. */
export function describeValue(value: unknown): string {
  let s: string;
  try {
    s = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    s = String(value);
  }
  return s.length > 120 ? s.slice(0, 117) + '...' : s;
}
