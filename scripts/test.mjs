#!/usr/bin/env node
// The README's test command: type check, then every vitest project, then the plain closing line CI reads.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

const args = process.argv.slice(2);
const report = '.vitest-report.json';
rmSync(report, { force: true });

const tsc = spawnSync('npx', ['tsc', '--noEmit', '-p', '.'], { stdio: 'inherit' });
if (tsc.status !== 0) {
  console.error('Typekontrollen fejlede.');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const run = spawnSync(
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${report}`, ...args],
  { stdio: 'inherit' },
);
let line = '0 passed, 1 failed';
try {
  const j = JSON.parse(readFileSync(report, 'utf8'));
  line = `${j.numPassedTests} passed, ${j.numFailedTests} failed, ${j.numPendingTests + j.numTodoTests} skipped`;
} catch {
  /* no report: vitest itself failed before running tests */
}
console.log(line);
process.exit(run.status ?? 1);
