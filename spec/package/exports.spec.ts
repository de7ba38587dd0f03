/**
 * The published package: `npm run build` output is importable as `rxjs-dataflow` from ES modules and from
 * CommonJS, with type declarations, through the package.json `exports` map.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

describe('package exports', () => {
  let consumer: string;

  beforeAll(() => {
    execFileSync(process.execPath, [path.join(root, 'scripts/build.js')], { cwd: root, stdio: 'pipe' });
    consumer = mkdtempSync(path.join(tmpdir(), 'rxjs-dataflow-consumer-'));
    mkdirSync(path.join(consumer, 'node_modules'));
    symlinkSync(root, path.join(consumer, 'node_modules', 'rxjs-dataflow'), 'dir');
    symlinkSync(path.join(root, 'node_modules', 'rxjs'), path.join(consumer, 'node_modules', 'rxjs'), 'dir');
  }, 120_000);

  const program = (load: string) => `${load}
const out = [];
from(seedBatchEvents()).pipe(windowedUserAgg(), toRecords()).subscribe((r) => out.push([r.value.user_id, r.value.count, r.value.sum_amount, r.pane.timing]));
console.log(JSON.stringify({ windowFn: fixedWindows(60000).toString(), out }));
`;
  const expected = {
    windowFn: 'FixedWindows(60000ms)',
    out: [
      ['u1', 2, 35, 'ON_TIME'],
      ['u2', 2, 11, 'ON_TIME'],
      ['u1', 1, -5, 'ON_TIME'],
      ['u2', 1, 12, 'ON_TIME'],
      ['u3', 1, 9, 'ON_TIME'],
    ],
  };
  const run = (file: string, source: string): unknown => {
    writeFileSync(path.join(consumer, file), source);
    return JSON.parse(execFileSync(process.execPath, [file], { cwd: consumer, encoding: 'utf8' }));
  };

  it('should load from an ES module with import', () => {
    const source = program(
      "import { fixedWindows, windowedUserAgg, toRecords, seedBatchEvents } from 'rxjs-dataflow';\nimport { from } from 'rxjs';",
    );
    expect(run('consumer.mjs', source)).toEqual(expected);
  });

  it('should load from CommonJS with require', () => {
    const source = program(
      "const { fixedWindows, windowedUserAgg, toRecords, seedBatchEvents } = require('rxjs-dataflow');\nconst { from } = require('rxjs');",
    );
    expect(run('consumer.cjs', source)).toEqual(expected);
  });

  it('should ship type declarations for the entry points named in the exports map', () => {
    const pkg = require(path.join(root, 'package.json')) as { exports: Record<string, { types?: string }> };
    const typed = Object.values(pkg.exports).filter((e) => typeof e === 'object' && e.types);
    expect(typed.length).toBeGreaterThan(0);
    for (const entry of typed) expect(existsSync(path.join(root, entry.types!))).toBe(true);
  });
});
