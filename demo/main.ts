/**
 * `npm start [-- --mode batch|stream]`: prints the seed demo as JSON Lines.
 */
import { runDemo, type DemoMode } from './run.js';

function parseModes(argv: readonly string[]): DemoMode[] {
  const i = argv.indexOf('--mode');
  if (i < 0) return ['batch', 'stream'];
  const mode = argv[i + 1];
  if (mode !== 'batch' && mode !== 'stream') {
    throw new Error(`--mode must be 'batch' or 'stream', got ${mode === undefined ? 'nothing' : `'${mode}'`}`);
  }
  return [mode];
}

try {
  for (const line of runDemo(parseModes(process.argv.slice(2)))) process.stdout.write(JSON.stringify(line) + '\n');
} catch (err) {
  process.stderr.write(`${(err as Error).message ?? err}\n`);
  process.exitCode = 1;
}
