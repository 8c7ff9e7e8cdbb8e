#!/usr/bin/env node
// The README's test command: type check, import directions and formatting, then every vitest project, then the
// plain closing line CI reads.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

const args = process.argv.slice(2);
const report = '.vitest-report.json';
rmSync(report, { force: true });

/** Runs a step before the tests; if it fails, the run fails with the plain closing line. */
function step(what, cmd, cmdArgs) {
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`${what} fejlede.`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

// The type check uses TypeScript 7 (the package `typescript-native`); `typescript` 6 is the parser the import check needs.
step('Typekontrollen', process.execPath, ['node_modules/typescript-native/bin/tsc', '--noEmit', '-p', '.']);
// The import directions (dependency-cruiser) and the formatting (Biome): `npm run lint`, `npm run format` fixes the latter.
step('Kontrollen af importretninger og formatering', 'npm', ['run', '--silent', 'lint']);
// The CLI tests run the compiled server, as `npm start` does.
step('Oversættelsen', process.execPath, ['scripts/build.mjs']);

const run = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${report}`, ...args], {
  stdio: 'inherit',
});
let line = '0 passed, 1 failed';
try {
  const j = JSON.parse(readFileSync(report, 'utf8'));
  line = `${j.numPassedTests} passed, ${j.numFailedTests} failed, ${j.numPendingTests + j.numTodoTests} skipped`;
} catch {
  /* no report: vitest itself failed before running tests */
}
console.log(line);
process.exit(run.status ?? 1);
