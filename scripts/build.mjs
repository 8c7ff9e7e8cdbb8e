#!/usr/bin/env node
// Bundles src/ into dist/helhed.js (esbuild, one ES module with a source map), copies the files the server reads beside
// its code (the page assets, the key-figure reference CSVs, the PDF worker) and writes dist/empty-database.tar and
// dist/demo-database.tar, embedded databases with every migration applied (and the demo data) that a new embedded
// data folder begins from (src/cli/empty-database.ts). `npm start` and the `helhed`
// command run dist/; the type check is `npm run typecheck` (part of `npm test`).
//
// Why a bundle: Node resolves and loads every ES module file on its own; the server's ~360 modules and their packages
// took about 1 s of a 2 s start to load, the bundle 0,3 s (docs/benchmarks.md).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

rmSync(dist, { recursive: true, force: true });
try {
  await build({
    absWorkingDir: root,
    entryPoints: { helhed: 'src/cli/main.ts', 'empty-database': 'src/cli/empty-database.ts' },
    outdir: dist,
    bundle: true,
    // The command line is small and loads the application when a command needs it (chunks beside it in dist/).
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    sourcemap: 'linked',
    // Stack traces need the mappings, not a copy of the sources (a smaller map loads faster at every start).
    sourcesContent: false,
    jsx: 'automatic',
    jsxImportSource: 'hono/jsx',
    // Packages that find their own files next to their code (PGlite's WebAssembly, pino's and argon2's native or
    // worker parts, the fonts pdfmake and dkfds ship) or that load on first use (exceljs) stay in node_modules.
    external: ['@electric-sql/pglite', '@node-rs/argon2', 'pdfmake', 'exceljs', 'pino', 'dkfds', 'leaflet', 'pg-native'],
    // CommonJS packages in the bundle call require() for Node's own modules.
    banner: { js: "import { createRequire as __helhedRequire } from 'node:module'; const require = __helhedRequire(import.meta.url);" },
    logLevel: 'warning',
  });
} catch {
  console.error('Oversættelsen fejlede.');
  process.exit(1);
}

/** Every file under src/ that is not TypeScript goes to the same place under dist/ (see src/files.ts). */
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

for (const [file, ...flags] of [['empty-database.tar'], ['demo-database.tar', '--demo']]) {
  const r = spawnSync(process.execPath, [join(dist, 'empty-database.js'), join(dist, file), ...flags], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`${file} kunne ikke bygges.`);
    process.exit(1);
  }
}
writeFileSync(join(dist, '.built'), new Date().toISOString());
