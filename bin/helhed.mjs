#!/usr/bin/env node
// The `helhed` command: runs the compiled JavaScript in dist/ (with source maps for stack traces). When dist/ is
// missing or older than a source file, it is built first (scripts/build.mjs, about two seconds); `npm run dev` runs the
// TypeScript sources directly instead.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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
const { main } = await import(pathToFileURL(join(root, 'dist', 'helhed.js')).href);
process.exitCode = await main(process.argv.slice(2));
