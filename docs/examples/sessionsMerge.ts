// Session windows merge per key: elements at 1 s and 5 s give [1s, 11s) and [5s, 15s), which overlap and
// merge into [1s, 15s). An element at 15 s gives [15s, 25s), which only touches it: a separate session.
// An element at 12 s overlaps both and bridges them into one session [1s, 25s).
import { from } from 'rxjs';
import { groupByKey, seconds, sessions, toRecords, windowInto, withKeys, withTimestamps } from '../../src/index.js';
import { showWindow } from './marbleHarness.js';

interface Tap {
  readonly user: string;
  readonly at: number;
}

function sessionsOf(taps: Tap[]): string[] {
  const out: string[] = [];
  from(taps)
    .pipe(
      withTimestamps((t: Tap) => t.at),
      windowInto({ windowFn: sessions(seconds(10)) }),
      withKeys((t: Tap) => t.user),
      groupByKey(),
      toRecords(),
    )
    .subscribe((r) => out.push(`${r.value[0]} ${showWindow(r.window)} at ${r.value[1].map((t) => t.at / 1000).join(', ')}`));
  return out;
}

export function sessionsMerge(): { touching: string[]; bridged: string[] } {
  const taps = [
    { user: 'ann', at: 1_000 },
    { user: 'ann', at: 5_000 },
    { user: 'ann', at: 15_000 },
    { user: 'bob', at: 6_000 }, // another key: never merges with ann's sessions
  ];
  return {
    touching: sessionsOf(taps),
    bridged: sessionsOf([...taps, { user: 'ann', at: 12_000 }]),
  };
}
