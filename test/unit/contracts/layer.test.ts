import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dir = fileURLToPath(new URL('../../../src/contracts/', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));

describe('src/contracts is a layer below web, api and services', () => {
  it.each(files)('%s imports only zod, the domain and other contracts', (file) => {
    const specifiers = [...readFileSync(`${dir}${file}`, 'utf8').matchAll(/\bfrom\s+'([^']+)'/g)].map((m) => m[1]!);
    expect(specifiers.filter((s) => s !== 'zod' && !s.startsWith('../domain/') && !/^\.\/[\w-]+\.ts$/.test(s))).toEqual([]);
  });
});
