import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import type { AppEnv } from './env.ts';

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
const ownAssets = fileURLToPath(new URL('./assets/', import.meta.url));

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

function serveDir(root: string, maxAge: number) {
  return (c: import('hono').Context<AppEnv>) => {
    const rel = decodeURIComponent(c.req.param('path') ?? '');
    const file = normalize(join(root, rel));
    if (!file.startsWith(root) || rel.includes('\0')) return c.notFound();
    let body = cache.get(file);
    if (body === undefined) {
      try {
        body = readFileSync(file);
      } catch {
        body = null;
      }
      cache.set(file, body);
    }
    if (!body) return c.notFound();
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
