import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../', import.meta.url));

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : testFiles(path);
    return /\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/**
 * The rule numbers that start a test's name: `it('R7 …')`, `describe("R7 …")`, `test.skip(`R7 …`)`,
 * `it.each(cases)('R7 …')`. "R1" must be followed by a non-digit, so R10–R19 never count for R1.
 */
export function ruleNumbersIn(source: string): Set<number> {
  const found = new Set<number>();
  const pattern = /(?:\b(?:it|test|describe)(?:\.[A-Za-z]+)*|\))\(\s*(['"`])R(\d{1,2})(?!\d)/g;
  for (const m of source.matchAll(pattern)) found.add(Number(m[2]));
  return found;
}

describe('The rules of ../shared/domain.md each have tests', () => {
  it('recognises a rule number only at the start of a test name', () => {
    expect([...ruleNumbersIn("it('R7 a'); describe(\"R12 b\"); it.each(x)('R3 c'); test.skip(`R20 d`)")].sort((a, b) => a - b)).toEqual([
      3, 7, 12, 20,
    ]);
    expect([...ruleNumbersIn("it('shows R5'); it('R10 x'); const s = 'R2 text';")]).toEqual([10]);
  });

  it('every rule R1–R20 has a test whose name starts with its number', () => {
    const covered = new Map<number, string[]>();
    for (const file of testFiles(root)) {
      for (const n of ruleNumbersIn(readFileSync(file, 'utf8'))) covered.set(n, [...(covered.get(n) ?? []), relative(root, file)]);
    }
    const missing = Array.from({ length: 20 }, (_, i) => i + 1).filter((n) => !covered.has(n));
    expect(
      missing.map((n) => `R${n}`),
      'rules without a test named for them',
    ).toEqual([]);
  });
});
