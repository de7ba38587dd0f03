/**
 * Key encoding. Groupings compare keys by an encoding: strings, numbers, booleans, bigints, `null` and
 * `undefined` are used as they are (compared like `Map` keys: `1` and `'1'` differ, `NaN` equals `NaN`);
 * arrays and plain objects are encoded as canonical JSON (object properties sorted by name; `NaN`, `Infinity`,
 * `-Infinity`, `undefined` and bigints `12n` written as bare words), so `[1, 'a']` and `{ a: 1, b: 2 }`
 * group with equal-looking keys. Other objects (class instances, functions, symbols)
 * are rejected: their identity is not a stable key.
 */

/** The encoded form of a key, usable as a `Map` key. */
export type EncodedKey = string | number | boolean | bigint | null | undefined;

const COMPOSITE = '\u0001';

/** Encodes `key`; throws a TypeError naming the key when it cannot be a grouping key. */
export function encodeKey(key: unknown): EncodedKey {
  switch (typeof key) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'bigint':
    case 'undefined':
      return key as EncodedKey;
    case 'object':
      if (key === null) return null;
      return COMPOSITE + canonicalJson(key, key);
    default:
      throw new TypeError(`grouping key ${String(key)} is a ${typeof key}; keys must be primitives, arrays or plain objects`);
  }
}

function canonicalJson(value: unknown, root: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      // NaN and the infinities are written as bare words, so they cannot collide with the strings 'NaN'...
      return String(value);
    case 'boolean':
      return String(value);
    case 'bigint':
      return `${value}n`;
    case 'undefined':
      return 'undefined';
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v, root)).join(',')}]`;
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        throw new TypeError(`grouping key ${safe(root)} contains a ${proto?.constructor?.name ?? 'non-plain'} object; keys must be primitives, arrays or plain objects`);
      }
      const obj = value as Record<string, unknown>;
      return `{${Object.keys(obj)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k], root)}`)
        .join(',')}}`;
    }
    default:
      throw new TypeError(`grouping key ${safe(root)} contains a ${typeof value}; keys must be primitives, arrays or plain objects`);
  }
}

function safe(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
