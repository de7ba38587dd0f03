/**
 * Summaries of V8 profiles: the top functions by self and inclusive time of a `.cpuprofile` (from
 * `node --cpu-prof` or bench/profile.ts), and the top allocation sites of a sampling heap profile
 * (`.heapprofile`). Standalone: `node -r ts-node/register/transpile-only bench/profileSummary.ts FILE [N]`.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface CpuNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: CpuNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

interface HeapNode {
  callFrame: CallFrame;
  selfSize: number;
  children: HeapNode[];
}

interface HeapProfile {
  head: HeapNode;
}

const root = path.resolve(__dirname, '..');

function label(cf: CallFrame): string {
  const name = cf.functionName || '(anonymous)';
  if (!cf.url) return name;
  let file = cf.url.replace(/^file:\/\//, '');
  if (file.startsWith(root)) file = path.relative(root, file);
  else if (file.includes('node_modules/')) file = file.slice(file.lastIndexOf('node_modules/') + 'node_modules/'.length);
  return `${name} ${file}:${cf.lineNumber + 1}`;
}

export interface Entry {
  readonly label: string;
  readonly ms: number;
  readonly pct: number;
}

export interface CpuSummary {
  readonly totalMs: number;
  readonly self: Entry[];
  readonly inclusive: Entry[];
  /** Self time grouped by file (src/..., rxjs, bench, node internals, GC). */
  readonly byFile: Entry[];
}

export function summarizeCpuProfile(p: CpuProfile, top = 25): CpuSummary {
  const byId = new Map<number, CpuNode>();
  const parent = new Map<number, number>();
  for (const n of p.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  const files = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const dt = (p.timeDeltas[i + 1] ?? p.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    let id: number | undefined = p.samples[i]!;
    const leaf = byId.get(id)!;
    const l = label(leaf.callFrame);
    self.set(l, (self.get(l) ?? 0) + dt);
    const url = leaf.callFrame.url;
    let file = leaf.callFrame.url
      ? url.includes('/src/')
        ? url.slice(url.indexOf('/src/') + 1)
        : url.includes('node_modules/rxjs')
          ? 'rxjs'
          : url.includes('/bench/')
            ? url.slice(url.indexOf('/bench/') + 1)
            : 'node internals'
      : leaf.callFrame.functionName;
    if (file === '') file = '(unknown)';
    files.set(file, (files.get(file) ?? 0) + dt);
    const seen = new Set<string>();
    while (id !== undefined) {
      const k = label(byId.get(id)!.callFrame);
      if (!seen.has(k)) {
        seen.add(k);
        incl.set(k, (incl.get(k) ?? 0) + dt);
      }
      id = parent.get(id);
    }
  }
  const list = (m: Map<string, number>, n: number): Entry[] =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([label, ms]) => ({ label, ms: Math.round(ms), pct: Math.round((ms / total) * 1000) / 10 }));
  return {
    totalMs: Math.round(total),
    self: list(self, top),
    inclusive: list(
      new Map([...incl].filter(([k]) => k.includes('src/') || k.startsWith('(garbage'))),
      top,
    ),
    byFile: list(files, 15),
  };
}

export interface HeapSummary {
  readonly totalMB: number;
  readonly sites: { label: string; mb: number; pct: number; stack: string }[];
}

/** Top allocation sites (self size) of a sampling heap profile, with a short stack of callers. */
export function summarizeHeapProfile(p: HeapProfile, top = 25): HeapSummary {
  const sites = new Map<string, { bytes: number; stack: string }>();
  let total = 0;
  const walk = (n: HeapNode, stack: string[]): void => {
    const l = label(n.callFrame);
    const s = [...stack, l];
    if (n.selfSize > 0) {
      total += n.selfSize;
      const cur = sites.get(l);
      const callers = s
        .slice(-4, -1)
        .reverse()
        .map((x) => x.split(' ')[0])
        .join(' < ');
      if (cur === undefined) sites.set(l, { bytes: n.selfSize, stack: callers });
      else cur.bytes += n.selfSize;
    }
    for (const c of n.children) walk(c, s);
  };
  walk(p.head, []);
  return {
    totalMB: Math.round((total / 1048576) * 10) / 10,
    sites: [...sites.entries()]
      .sort((a, b) => b[1].bytes - a[1].bytes)
      .slice(0, top)
      .map(([label, v]) => ({
        label,
        mb: Math.round((v.bytes / 1048576) * 10) / 10,
        pct: Math.round((v.bytes / total) * 1000) / 10,
        stack: v.stack,
      })),
  };
}

export function printCpuSummary(s: CpuSummary, write: (line: string) => void = console.log): void {
  write(`total sampled: ${s.totalMs} ms`);
  write('\nself time by file:');
  for (const e of s.byFile) write(`  ${e.pct.toFixed(1).padStart(5)}%  ${String(e.ms).padStart(6)} ms  ${e.label}`);
  write('\ntop functions by self time:');
  for (const e of s.self) write(`  ${e.pct.toFixed(1).padStart(5)}%  ${String(e.ms).padStart(6)} ms  ${e.label}`);
  write('\ntop src/ functions by inclusive time:');
  for (const e of s.inclusive) write(`  ${e.pct.toFixed(1).padStart(5)}%  ${String(e.ms).padStart(6)} ms  ${e.label}`);
}

export function printHeapSummary(s: HeapSummary, write: (line: string) => void = console.log): void {
  write(`sampled allocations: ${s.totalMB} MB`);
  write('\ntop allocation sites (self):');
  for (const e of s.sites) write(`  ${e.pct.toFixed(1).padStart(5)}%  ${e.mb.toFixed(1).padStart(7)} MB  ${e.label}   <- ${e.stack}`);
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: profileSummary.ts FILE.cpuprofile|FILE.heapprofile [TOP]');
    process.exit(2);
  }
  const top = Number(process.argv[3] ?? 25);
  const data = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile | HeapProfile;
  if ('nodes' in data) printCpuSummary(summarizeCpuProfile(data, top));
  else printHeapSummary(summarizeHeapProfile(data, top));
}
