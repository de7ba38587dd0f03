#!/usr/bin/env node
// Builds dist/cjs (CommonJS), dist/esm (ES modules) and dist/types (declarations) from src/.
'use strict';
const { execFileSync } = require('node:child_process');
const { rmSync, mkdirSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const run = (...args) => execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', ...args], { cwd: root, stdio: 'inherit' });

rmSync(dist, { recursive: true, force: true });
run('--outDir', 'dist/cjs', '--module', 'nodenext', '--moduleResolution', 'nodenext');
run('--outDir', 'dist/esm', '--module', 'esnext', '--moduleResolution', 'bundler');
run('--outDir', 'dist/types', '--declaration', '--emitDeclarationOnly', '--sourceMap', 'false');
mkdirSync(path.join(dist, 'cjs'), { recursive: true });
writeFileSync(path.join(dist, 'cjs', 'package.json'), JSON.stringify({ type: 'commonjs' }) + '\n');
writeFileSync(path.join(dist, 'esm', 'package.json'), JSON.stringify({ type: 'module' }) + '\n');
console.log('built dist/cjs, dist/esm, dist/types');
