import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The project's own source files under a folder. */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === 'assets' ? [] : files(p);
    return /\.tsx?$/.test(name) ? [p] : [];
  });
}

const src = files('src');
const boot = /^src\/(areas\/|app\.ts$|main\.ts$|cli\/)/;
const hits = (fs: string[], re: RegExp) =>
  fs.flatMap((f) =>
    readFileSync(f, 'utf8')
      .split('\n')
      .flatMap((line, i) => (re.test(line) ? [`${f}:${i + 1}: ${line.trim().slice(0, 100)}`] : [])),
  );

describe('the shape of the code (docs/architecture.md)', () => {
  it('no module outside the area modules and the boot files does anything at import time (a statement that is a call)', () => {
    const calls = hits(
      src.filter((f) => !boot.test(f)),
      /^(await\s+)?[A-Za-z_$][\w$]*(\.[\w$]+)*\s*\(/,
    );
    expect(calls).toEqual([]);
  });

  it('pages and the API contain no database query: they call the services', () => {
    const queries = hits(
      src.filter((f) => /^src\/(web|api)\//.test(f)),
      /\b(selectFrom|insertInto|updateTable|deleteFrom|selectNoFrom)\s*\(|\bsql`|from 'kysely'/,
    );
    expect(queries).toEqual([]);
  });

  it('the API casts nothing away and answers nothing it has not described', () => {
    const api = src.filter((f) => f.startsWith('src/api/'));
    expect(hits(api, /as never\b/)).toEqual([]);
    expect(hits(api, /z\.unknown\(\)|z\.any\(\)/)).toEqual([]);
  });
});
