// How groupings compare keys: primitives as they are (like Map keys), arrays and plain objects by canonical
// JSON (properties sorted by name); other objects are rejected.
import { from } from 'rxjs';
import { combinePerKey, count, encodeKey, toRecords, withKeys, withTimestamps } from '../../src/index.js';

export function keyEncoding(): { sameKey: Record<string, boolean>; counts: string[]; rejected: string } {
  const sameKey = {
    "1 vs '1'": encodeKey(1) === encodeKey('1'),
    'NaN vs NaN': Object.is(encodeKey(NaN), encodeKey(NaN)),
    '{a:1,b:2} vs {b:2,a:1}': encodeKey({ a: 1, b: 2 }) === encodeKey({ b: 2, a: 1 }),
    "[1,'a'] vs [1,'a']": encodeKey([1, 'a']) === encodeKey([1, 'a']),
    "[1,'a'] vs '[1,\"a\"]'": encodeKey([1, 'a']) === encodeKey('[1,"a"]'),
  };

  // Composite keys in a pipeline: the two spellings of { user, region } are one key.
  const counts: string[] = [];
  const clicks = [
    { user: 'u1', region: 'eu', at: 1_000 },
    { region: 'eu', user: 'u1', at: 2_000 },
    { user: 'u1', region: 'us', at: 3_000 },
  ];
  from(clicks)
    .pipe(
      withTimestamps((c) => c.at),
      withKeys((c) => ({ user: c.user, region: c.region })),
      combinePerKey(count()),
      toRecords(),
    )
    .subscribe((r) => counts.push(`${JSON.stringify(r.value[0])}: ${r.value[1]}`));

  let rejected = '';
  try {
    encodeKey(new Date(0));
  } catch (err) {
    rejected = (err as Error).message;
  }
  return { sameKey, counts, rejected };
}
