import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, normalize, sep } from 'node:path';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { ownFile } from '../files.ts';

const require = createRequire(import.meta.url);

/** dkfds exports only its JS: resolve that and walk up to `dist/`. */
function packageDir(entry: string, marker: string): string {
  let dir = dirname(require.resolve(entry));
  while (!dir.endsWith(`${sep}${marker}`) && dir !== dirname(dir)) dir = dirname(dir);
  return dir;
}

const dkfdsDist = packageDir('dkfds', 'dist');
const dkfdsVersion = JSON.parse(readFileSync(join(dkfdsDist, '..', 'package.json'), 'utf8')).version as string;
const leafletDist = join(dirname(require.resolve('leaflet')));
const ownAssets = ownFile('web/assets/');

/** Versioned asset paths, so files can be cached for a year. */
export const assetPaths = {
  dkfds: `/assets/dkfds-${dkfdsVersion}`,
  leaflet: '/assets/leaflet-1.9.4',
  app: '/assets/app',
};

const types: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
  woff: 'font/woff',
  woff2: 'font/woff2',
  ttf: 'font/ttf',
  map: 'application/json',
  json: 'application/json',
};

const cache = new Map<string, Buffer | null>();

/** A plain 404: assets are served before the actor is known, so there is no layout to render. */
const missing = (c: import('hono').Context) => c.text('Filen findes ikke.', 404, { 'cache-control': 'no-cache' });

/** The file's bytes, or null when there is no such file (a directory, a name too long, a path through a file). */
function readAsset(file: string): Buffer | null {
  try {
    return readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR' || code === 'ENAMETOOLONG') return null;
    throw err;
  }
}

function serveDir(root: string, maxAge: number) {
  return (c: import('hono').Context<AppEnv>) => {
    // Hono has decoded the parameter already (a bad percent-encoding stays as it was sent).
    const rel = c.req.param('path') ?? '';
    const file = normalize(join(root, rel));
    if (!file.startsWith(root) || rel.includes('\0')) return missing(c);
    let body = cache.get(file);
    if (body === undefined) {
      body = readAsset(file);
      // Only files that exist are kept: unknown names must not grow the cache.
      if (body) cache.set(file, body);
    }
    if (!body) return missing(c);
    const ext = file.split('.').pop() ?? '';
    return c.body(new Uint8Array(body), 200, {
      'content-type': types[ext] ?? 'application/octet-stream',
      'cache-control': maxAge ? `public, max-age=${maxAge}, immutable` : 'no-cache',
    });
  };
}

/** Serves dkfds, Leaflet and Helhed's own scripts from their packages. */
export function staticAssets(production: boolean) {
  const r = new Hono<AppEnv>();
  const year = 31_536_000;
  r.get(`${assetPaths.dkfds}/:path{.+}`, serveDir(dkfdsDist + sep, year));
  r.get(`${assetPaths.leaflet}/:path{.+}`, serveDir(leafletDist + sep, year));
  r.get(`${assetPaths.app}/:path{.+}`, serveDir(ownAssets, production ? 3600 : 0));
  return r;
}

/**
 * Benchmarks only (HELHED_BENCH_TWINS=1, never in production): `PUT /__twin/<key>` stores a page's bytes and
 * content type, `GET /__twin/<key>` serves them back untouched — the static twin a page's throughput is measured against.
 */
export function staticTwins() {
  const twins = new Map<string, { body: ArrayBuffer; type: string }>();
  const r = new Hono();
  r.put('/:key', async (c) => {
    twins.set(c.req.param('key'), { body: await c.req.arrayBuffer(), type: c.req.header('content-type') ?? 'application/octet-stream' });
    return c.body(null, 204);
  });
  r.get('/:key', (c) => {
    const t = twins.get(c.req.param('key'));
    return t ? c.body(t.body, 200, { 'content-type': t.type }) : c.notFound();
  });
  return r;
}
