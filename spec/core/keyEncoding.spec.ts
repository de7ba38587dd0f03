import { encodeKey } from '../../src/index.js';

describe('encodeKey', () => {
  it('should use strings, numbers, booleans, bigints, null and undefined as they are', () => {
    expect(encodeKey('u1')).toBe('u1');
    expect(encodeKey(42)).toBe(42);
    expect(encodeKey(true)).toBe(true);
    expect(encodeKey(10n)).toBe(10n);
    expect(encodeKey(null)).toBeNull();
    expect(encodeKey(undefined)).toBeUndefined();
  });

  it('should compare primitives like Map keys: 1 and "1" differ, NaN equals NaN', () => {
    const seen = new Map<unknown, string>([[encodeKey(1), 'number']]);

    expect(seen.has(encodeKey('1'))).toBe(false);
    expect(encodeKey(Number.NaN)).toBeNaN();
    expect(new Map([[encodeKey(Number.NaN), 1]]).has(encodeKey(Number.NaN))).toBe(true);
    expect(new Map([[encodeKey(0), 1]]).has(encodeKey(-0))).toBe(true);
  });

  it('should encode arrays and plain objects as canonical JSON with sorted properties', () => {
    expect(encodeKey([1, 'a'])).toBe('\u0001[1,"a"]');
    expect(encodeKey({ b: 2, a: 1 })).toBe('\u0001{"a":1,"b":2}');
    expect(encodeKey({ b: 2, a: 1 })).toBe(encodeKey({ a: 1, b: 2 }));
    expect(encodeKey({ z: [{ y: 1, x: 2 }], a: null })).toBe('\u0001{"a":null,"z":[{"x":2,"y":1}]}');
    expect(encodeKey(Object.assign(Object.create(null) as object, { k: 'v' }))).toBe('\u0001{"k":"v"}');
  });

  it('should keep composite keys apart from strings and from other composite keys', () => {
    expect(encodeKey(['a'])).not.toBe(encodeKey('["a"]'));
    expect(encodeKey([1])).not.toBe(encodeKey(['1']));
    expect(encodeKey([null])).not.toBe(encodeKey([undefined]));
    expect(encodeKey([1n])).not.toBe(encodeKey([1]));
    expect(encodeKey([1, [2]])).not.toBe(encodeKey([[1], 2]));
    expect(encodeKey({ a: 1 })).not.toBe(encodeKey([1]));
  });

  it('should keep composite keys holding non-finite numbers apart from ones holding the same text', () => {
    expect(encodeKey([Number.NaN])).toBe(encodeKey([Number.NaN]));
    expect(encodeKey([Number.NaN])).not.toBe(encodeKey(['NaN']));
    expect(encodeKey({ limit: Infinity })).not.toBe(encodeKey({ limit: 'Infinity' }));
  });

  it('should reject functions, symbols and objects that are not plain, naming the key', () => {
    expect(() => encodeKey(() => 1)).toThrow(TypeError);
    expect(() => encodeKey(Symbol('s'))).toThrow(/keys must be primitives, arrays or plain objects/);
    expect(() => encodeKey(new Date(0))).toThrow(TypeError);
    expect(() => encodeKey(new Map())).toThrow(/contains a Map object/);
    expect(() => encodeKey({ user: 'u1', at: new Date(0) })).toThrow(/grouping key \{"user":"u1","at":"1970-01-01T00:00:00.000Z"\} contains a Date object/);
    expect(() => encodeKey([1, () => 2])).toThrow(/contains a function/);
  });
});
