// The global window with the default trigger fires only when the input ends. A grouping that sees a finite
// watermark (so the input is a stream) in that configuration fails instead of waiting forever.
import { Subject } from 'rxjs';
import {
  afterCount,
  combinePerKey,
  count,
  globalWindows,
  repeatedly,
  toRecords,
  watermark,
  windowInto,
  withKeys,
  withTimestamps,
  type WatermarkEvent,
} from '../../src/index.js';

interface Click {
  readonly page: string;
  readonly at: number;
}

function run(withTrigger: boolean): string[] {
  const live = new Subject<Click | WatermarkEvent>();
  const out: string[] = [];
  live
    .pipe(
      withTimestamps((c: Click) => c.at),
      windowInto(withTrigger ? { windowFn: globalWindows(), trigger: repeatedly(afterCount(2)) } : { windowFn: globalWindows() }),
      withKeys((c: Click) => c.page),
      combinePerKey(count()),
      toRecords(),
    )
    .subscribe({
      next: (r) => out.push(`${r.value[0]}: ${r.value[1]} ${r.pane.timing}`),
      error: (err: Error) => out.push(`error: ${err.message}`),
    });
  live.next({ page: 'home', at: 1_000 });
  live.next({ page: 'home', at: 2_000 });
  live.next(watermark(10_000));
  return out;
}

export function globalDefaultRejected(): { defaultTrigger: string[]; countTrigger: string[] } {
  return { defaultTrigger: run(false), countTrigger: run(true) };
}
