/**
 * Ordered indexes of times for the grouping engine: a queue of timers bucketed by due time, and a multiset of
 * watermark holds with a fast minimum. Both keep a binary heap of *distinct* times, so the many windows that
 * share an end time (every key's window of one minute) cost one heap entry, and finding what is due never
 * scans state.
 */

/** A binary min-heap of numbers. */
export class MinHeap {
  private readonly items: number[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): number | undefined {
    return this.items[0];
  }

  push(x: number): void {
    const a = this.items;
    let i = a.length;
    a.push(x);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p]! <= x) break;
      a[i] = a[p]!;
      i = p;
    }
    a[i] = x;
  }

  pop(): number | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      let i = 0;
      const n = a.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && a[r]! < a[l]! ? r : l;
        if (a[c]! >= last) break;
        a[i] = a[c]!;
        i = c;
      }
      a[i] = last;
    }
    return top;
  }

  clear(): void {
    this.items.length = 0;
  }
}

/** Timers bucketed by due time. Entries are opaque; cancelled entries are skipped by the caller. */
export class TimerQueue<E> {
  private readonly buckets = new Map<number, E[]>();
  private readonly times = new MinHeap();
  // The bucket of the last add: the states of one window, for all keys, set their timers one after another.
  private lastTime = NaN;
  private lastBucket: E[] | undefined = undefined;

  /** Number of distinct pending due times. */
  get distinctTimes(): number {
    return this.buckets.size;
  }

  add(time: number, entry: E): void {
    if (time === this.lastTime) {
      this.lastBucket!.push(entry);
      return;
    }
    let bucket = this.buckets.get(time);
    if (bucket === undefined) {
      this.buckets.set(time, (bucket = [entry]));
      this.times.push(time);
    } else {
      bucket.push(entry);
    }
    this.lastTime = time;
    this.lastBucket = bucket;
  }

  /** The earliest pending due time. */
  peekTime(): number | undefined {
    return this.times.peek();
  }

  /**
   * Removes every bucket due strictly before `limit` ("fires when time passes T": `limit > T`), calling
   * `visit(time, entries)` in ascending time order.
   */
  popBefore(limit: number, visit: (time: number, entries: E[]) => void): void {
    for (;;) {
      const t = this.times.peek();
      if (t === undefined || !(t < limit)) return;
      this.times.pop();
      const entries = this.buckets.get(t)!;
      this.buckets.delete(t);
      if (t === this.lastTime) this.forgetLast();
      visit(t, entries);
    }
  }

  /** Removes every bucket, calling `visit(time, entries)` in time order (one numeric sort, no heap work). */
  popAll(visit: (time: number, entries: E[]) => void): void {
    const buckets = this.buckets;
    if (buckets.size === 0) return;
    this.times.clear();
    const times = new Float64Array(buckets.size);
    let i = 0;
    for (const time of buckets.keys()) times[i++] = time;
    times.sort();
    for (i = 0; i < times.length; i++) visit(times[i]!, buckets.get(times[i]!)!);
    buckets.clear();
    this.forgetLast();
  }

  clear(): void {
    this.buckets.clear();
    this.times.clear();
    this.forgetLast();
  }

  private forgetLast(): void {
    this.lastTime = NaN;
    this.lastBucket = undefined;
  }
}

/** A multiset of hold times with its minimum. */
export class HoldIndex {
  // time -> number of holds at that time; an entry with 0 stays until it reaches the heap's top.
  private readonly counts = new Map<number, { n: number }>();
  // The count of the last time added or released: the states of one window hold at the same time.
  private lastTime = NaN;
  private lastCount: { n: number } | undefined = undefined;
  private readonly times = new MinHeap();
  private live = 0;
  // The minimum, valid while `minValid`: most steps add and release holds above it.
  private cachedMin = Infinity;
  private minValid = true;

  /** Number of holds placed and not released. */
  get size(): number {
    return this.live;
  }

  add(time: number): void {
    let c = time === this.lastTime ? this.lastCount : this.counts.get(time);
    if (c === undefined) {
      this.counts.set(time, (c = { n: 0 }));
      this.times.push(time);
    }
    c.n++;
    this.lastTime = time;
    this.lastCount = c;
    this.live++;
    if (this.minValid && time < this.cachedMin) this.cachedMin = time;
  }

  remove(time: number): void {
    const c = time === this.lastTime ? this.lastCount : this.counts.get(time);
    if (c === undefined || c.n === 0) throw new Error(`HoldIndex: no hold at ${time} to release`);
    this.live--;
    if (this.live === 0) {
      // The last hold: drop the released entries at once instead of popping them one by one later.
      this.clear();
      return;
    }
    c.n--;
    this.lastTime = time;
    this.lastCount = c;
    if (c.n === 0 && time === this.cachedMin) this.minValid = false;
  }

  /** The earliest hold, or `Infinity` when there is none. */
  min(): number {
    if (this.minValid) return this.cachedMin;
    for (;;) {
      const t = this.times.peek();
      if (t === undefined) {
        this.cachedMin = Infinity;
        break;
      }
      if (this.counts.get(t)!.n > 0) {
        this.cachedMin = t;
        break;
      }
      this.times.pop();
      this.counts.delete(t);
      if (t === this.lastTime) this.forgetLast();
    }
    this.minValid = true;
    return this.cachedMin;
  }

  clear(): void {
    this.counts.clear();
    this.times.clear();
    this.live = 0;
    this.cachedMin = Infinity;
    this.minValid = true;
    this.forgetLast();
  }

  private forgetLast(): void {
    this.lastTime = NaN;
    this.lastCount = undefined;
  }
}
