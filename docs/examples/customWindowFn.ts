// A custom, non-merging window function: calendar months in UTC (months have different lengths, so this is
// not fixedWindows). A WindowFn assigns each timestamp its windows, says whether it merges, compares
// structurally and prints itself.
import { from } from 'rxjs';
import {
  combinePerKey,
  IntervalWindow,
  mapElements,
  sum,
  toRecords,
  windowInto,
  withTimestamps,
  type BoundedWindow,
  type WindowFn,
} from '../../src/index.js';

export class CalendarMonths implements WindowFn {
  readonly isMerging = false;

  assignWindows(timestamp: number): readonly BoundedWindow[] {
    const d = new Date(timestamp);
    const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    const end = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    return [new IntervalWindow(start, end)];
  }

  equals(other: WindowFn): boolean {
    return other instanceof CalendarMonths;
  }

  toString(): string {
    return 'CalendarMonths(UTC)';
  }
}

export function customWindowFn(): string[] {
  const sales = [
    { shop: 's1', amount: 10, at: Date.UTC(2026, 0, 31, 23, 59) },
    { shop: 's1', amount: 5, at: Date.UTC(2026, 1, 1, 0, 1) },
    { shop: 's1', amount: 7, at: Date.UTC(2026, 1, 28, 12) },
  ];
  const out: string[] = [];
  from(sales)
    .pipe(
      withTimestamps((s) => s.at),
      windowInto({ windowFn: new CalendarMonths() }),
      mapElements((s) => [s.shop, s.amount] as const),
      combinePerKey(sum()),
      toRecords(),
    )
    .subscribe((r) => out.push(`${r.value[0]} ${r.window} total ${r.value[1]} ${r.pane.timing}`));
  return out;
}
