#!/usr/bin/env node
// Compiles src/ to dist/ (TypeScript 7, source maps) and copies the files the server reads beside its code
// (the page assets, the key-figure reference CSV). `npm start` and the `helhed` command run dist/.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const tsc = join(root, 'node_modules', 'typescript-native', 'bin', 'tsc');

rmSync(dist, { recursive: true, force: true });
const r = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (r.status !== 0) {
  console.error('Oversættelsen fejlede.');
  process.exit(r.status ?? 1);
}
/** Every file under src/ that is not TypeScript goes to the same place under dist/. */
function copyData(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) copyData(p);
    else if (!/\.tsx?$/.test(name)) {
      const to = join(dist, relative(join(root, 'src'), p));
      mkdirSync(dirname(to), { recursive: true });
      cpSync(p, to);
    }
  }
}
copyData(join(root, 'src'));
writeFileSync(join(dist, '.built'), new Date().toISOString());
