#!/usr/bin/env node
// The `helhed` command: runs the compiled JavaScript in dist/ (with source maps for stack traces). When dist/ is
// missing or older than a source file, it is built first (scripts/build.mjs, about two seconds); `npm run dev` runs the
// TypeScript sources directly instead.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', '.built');

/** The newest modification time of the files under a folder. */
function newest(dir) {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
}

if (!existsSync(stamp) || (existsSync(join(root, 'src')) && newest(join(root, 'src')) > statSync(stamp).mtimeMs)) {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) process.exit(1);
}
process.setSourceMapsEnabled(true);
// The server grows V8's heap by at most 40 % over what the last full collection kept (V8 grows up to 4 × when
// collecting is cheap): under load the heap then stays near what it holds instead of filling with garbage promoted
// from short-lived requests — the same throughput, about half the memory (docs/benchmarks.md).
if (process.argv[2] === 'serve') setFlagsFromString('--heap-growing-percent=40');
const { main } = await import(pathToFileURL(join(root, 'dist', 'helhed.js')).href);
process.exitCode = await main(process.argv.slice(2));
