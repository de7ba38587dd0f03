/**
 * The first element step of a new grouping, taken as a table of accumulators per (window, key) instead of
 * window states. In that step no window can be late and nothing can fire (the input watermark is still at
 * its start), so under a trigger that keeps no state (the default trigger) with end-of-window holds, all a
 * window state would record is its accumulator and its element count. A bounded input (`from(array)`) is
 * exactly one such step followed by the end of the input: its panes then come straight from the table,
 * and no window state, timer or hold is ever made. Otherwise the engine turns the table into the window
 * states the step would have made, in the order it would have made them (see `GroupingEngine`).
 *
 * Pure bookkeeping: it calls nothing but the combine function.
 */
import type { CombineFn } from '../combiners/combineFn.js';
import { compareWindows, type BoundedWindow } from '../windows/window.js';
import { sortByTimerOrder } from './dueOrder.js';

/** A key of the table: as first seen, and its position in the order keys were first seen (its ordinal). */
export interface FreshKey<K> {
  readonly key: K;
  readonly ordinal: number;
}

/** One (key, window) of the table. */
export interface FreshEntry<K, A> {
  /** The key as the first element of this (key, window) had it. */
  readonly key: K;
  /** The window of the first element of this (key, window). */
  readonly window: BoundedWindow;
  readonly ks: FreshKey<K>;
  acc: A;
  /** Elements added. */
  count: number;
}

/** The entries of one window (windows with equal bounds share one), keyed by key. */
interface WindowTable<K, A> {
  readonly window: BoundedWindow;
  readonly byKey: Map<K, FreshEntry<K, A>>;
  /** The entries in the order they were made. */
  readonly entries: FreshEntry<K, A>[];
  /** Another window with the same start (and another end). */
  sameStart: WindowTable<K, A> | undefined;
}

/** Accumulators per (window, key) of an engine's first element step. */
export class FreshStep<K, V, A> {
  /** Every entry, in the order the (key, window) pairs were first seen. */
  readonly entries: FreshEntry<K, A>[] = [];
  /** Every key, by ordinal. */
  readonly keys: FreshKey<K>[] = [];
  private readonly byKey = new Map<K, FreshKey<K>>();
  // Scratch space of the due order (see sortByTimerOrder).
  private readonly slots: (FreshEntry<K, A> | undefined)[] = [];
  private readonly tables = new Map<number, WindowTable<K, A>>();
  // The tables of the last two windows an element went to (out-of-order input near a boundary goes back and
  // forth between two).
  private lastWindow: BoundedWindow | undefined = undefined;
  private lastTable: WindowTable<K, A> | undefined = undefined;
  private previousWindow: BoundedWindow | undefined = undefined;
  private previousTable: WindowTable<K, A> | undefined = undefined;

  constructor(private readonly fn: CombineFn<V, A, unknown>) {}

  /** Adds `[key, value]` in window `w`. A combine function that throws leaves the table as it was before. */
  add(key: K, value: V, w: BoundedWindow): void {
    const table = w === this.lastWindow ? this.lastTable! : this.tableOf(w);
    const entry = table.byKey.get(key);
    if (entry === undefined) {
      this.addEntry(table, key, value, w);
      return;
    }
    entry.acc = this.fn.addInput(entry.acc, value);
    entry.count++;
  }

  /** The key as first seen (an equal key, `-0` for `0`, may come later). */
  firstKey(key: K): K {
    return this.byKey.get(key)?.key ?? key;
  }

  /**
   * The entries in the order a watermark step fires their windows: by window end, then start, then key
   * ordinal (see `dueOrder.ts`).
   */
  inFiringOrder(): FreshEntry<K, A>[] {
    const tables: WindowTable<K, A>[] = [];
    for (const head of this.tables.values()) {
      for (let t: WindowTable<K, A> | undefined = head; t !== undefined; t = t.sameStart) tables.push(t);
    }
    tables.sort((a, b) => compareWindows(a.window, b.window));
    const out: FreshEntry<K, A>[] = [];
    for (const t of tables) {
      // Entries of one window: the due order puts them in key order.
      const run = t.entries.slice();
      sortByTimerOrder(run, run.length, this.slots);
      for (const e of run) out.push(e);
    }
    return out;
  }

  private addEntry(table: WindowTable<K, A>, key: K, value: V, w: BoundedWindow): void {
    const fn = this.fn;
    const acc = fn.addInput(fn.createAccumulator(), value);
    let ks = this.byKey.get(key);
    if (ks === undefined) {
      ks = { key, ordinal: this.keys.length };
      this.keys.push(ks);
      this.byKey.set(key, ks);
    }
    const entry: FreshEntry<K, A> = { key, window: w, ks, acc, count: 1 };
    table.byKey.set(key, entry);
    table.entries.push(entry);
    this.entries.push(entry);
  }

  private tableOf(w: BoundedWindow): WindowTable<K, A> {
    let table: WindowTable<K, A> | undefined;
    if (w === this.previousWindow) table = this.previousTable!;
    else {
      const head = this.tables.get(w.start);
      table = head;
      while (table !== undefined && table.window.end !== w.end) table = table.sameStart;
      if (table === undefined) {
        table = { window: w, byKey: new Map(), entries: [], sameStart: head };
        this.tables.set(w.start, table);
      }
    }
    this.previousWindow = this.lastWindow;
    this.previousTable = this.lastTable;
    this.lastWindow = w;
    this.lastTable = table;
    return table;
  }
}
