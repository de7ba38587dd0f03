/**
 * Measurement helpers: forced GC, peak RSS per measured region (Linux: reset the high-water mark through
 * /proc/self/clear_refs and read VmHWM; elsewhere: the largest sampled RSS), medians.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const gcFn: (() => void) | undefined = (globalThis as { gc?: () => void }).gc;

/** Whether `global.gc` is available (node --expose-gc). */
export const canGc = gcFn !== undefined;

/** Full garbage collection (twice, to also collect what finalizers released), if exposed. */
export function fullGc(): void {
  if (gcFn) {
    gcFn();
    gcFn();
  }
}

let hwmSupported: boolean | undefined;
let sampledPeak = 0;

/** Starts a peak-RSS measurement region. */
export function resetPeakRss(): void {
  sampledPeak = process.memoryUsage.rss();
  if (hwmSupported === false) return;
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    hwmSupported = readHwm() !== undefined;
  } catch {
    hwmSupported = false;
  }
}

/** Records an RSS sample (cheap; used where no high-water mark is available). */
export function sampleRss(): void {
  const r = process.memoryUsage.rss();
  if (r > sampledPeak) sampledPeak = r;
}

function readHwm(): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Peak RSS in bytes since the last {@link resetPeakRss}. */
export function peakRss(): number {
  sampleRss();
  const hwm = hwmSupported ? readHwm() : undefined;
  return hwm !== undefined ? Math.max(hwm, sampledPeak) : sampledPeak;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export const MB = 1024 * 1024;
export const toMB = (bytes: number): number => Math.round((bytes / MB) * 10) / 10;

/** Heap in use after a full GC, in bytes. */
export function heapAfterGc(): number {
  fullGc();
  return process.memoryUsage().heapUsed;
}
