// The seed example in batch: a bounded array is one batch of elements, then the watermark jumps to +∞.
import { from } from 'rxjs';
import { perUserPerMinute, purchases, row } from './seedPipeline.js';

export function seedBatch(): string[] {
  const rows: string[] = [];
  // `from(array)` delivers everything synchronously, so the whole run happens inside subscribe().
  perUserPerMinute(from(purchases)).subscribe((r) => rows.push(row(r)));
  return rows;
}
