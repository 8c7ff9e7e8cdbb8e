import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from '../app-env.ts';
import { audienceOf, dataVersion, fileCacheOf, type KeptAnswer, pageCacheOf } from '../services/readmodel.ts';
import { FLASH } from './render.tsx';

/**
 * The key of what a viewer is shown at this path now: the data version (with the audit log's for history), the minute,
 * the audience (and whether by API token), demo mode, path and query.
 */
async function readModelKey(c: Context<AppEnv>, audit: boolean): Promise<{ key: string; version: string }> {
  const ctx = c.get('ctx');
  const v = c.get('dataVersion') ?? (await dataVersion(ctx.db));
  const url = new URL(c.req.url);
  const minute = Math.floor(ctx.now().getTime() / 60_000);
  const version = audit ? `${v.data}.${v.audit}` : v.data;
  // A page rendered for an API token has no form token to put back: it is kept apart from the browser's.
  const via = c.get('authVia') === 'token' ? 'token' : '';
  const key = [version, minute, audienceOf(ctx.actor), via, c.get('deps').demo ? 'demo' : '', url.pathname, url.search].join('\n');
  return { key, version: v.data };
}

export interface ReadModelOptions {
  /** The page shows the audit log (history): it is also keyed by the audit log's version. */
  audit?: boolean;
  /** What the page must still do when it is served from the cache (e.g. log who read contact persons). */
  onHit?: (c: Context<AppEnv>) => Promise<void>;
}

/** Headers a kept answer is sent with again (the rest — security, cache control — are every answer's own). */
const KEPT_HEADERS = ['content-type', 'content-disposition'];

/** The body cut where `token` stands (a kept page must not carry its first viewer's form token). */
function cut(body: Buffer, token: string): Buffer[] {
  if (!token) return [body];
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = body.indexOf(token, from, 'utf8'); at >= 0; at = body.indexOf(token, from, 'utf8')) {
    parts.push(body.subarray(from, at));
    from = at + Buffer.byteLength(token);
  }
  parts.push(body.subarray(from));
  return parts;
}

/** The kept parts joined with this viewer's form token. */
function join(parts: Buffer[], token: string): Buffer {
  if (parts.length === 1) return parts[0]!;
  const t = Buffer.from(token);
  return Buffer.concat(parts.flatMap((p, i) => (i ? [t, p] : [p])));
}

/** Renders in flight per cache and key: concurrent requests for one answer wait for one render. */
const inFlight = new WeakMap<object, Map<string, Promise<KeptAnswer | undefined>>>();

function flightsOf(cache: object): Map<string, Promise<KeptAnswer | undefined>> {
  let m = inFlight.get(cache);
  if (!m) {
    m = new Map();
    inFlight.set(cache, m);
  }
  return m;
}

/**
 * Keeps a handler's 200 answers of the given kinds in `cache` per data version, audience, path, query and minute, and
 * answers from it while nothing has been written. The answer is kept as UTF-8 bytes, sent as they are (no rendering,
 * no encoding); in a page, the viewer's form token is put back where the first viewer's stood. Requests that miss
 * while the same answer is being rendered wait for that render instead of rendering it again (after a write, or while
 * a batch job writes, every request would otherwise render the page at once).
 */
function keep(cacheOf: typeof pageCacheOf, kinds: readonly string[] | 'any', o: ReadModelOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method !== 'GET' || getCookie(c, FLASH)) return next();
    const ctx = c.get('ctx');
    const cache = cacheOf(ctx.db);
    const { key, version } = await readModelKey(c, o.audit ?? false);
    cache.observe(version);
    const token = c.get('csrfToken') ?? '';
    const flights = flightsOf(cache);
    const pending = flights.get(key);
    // No await between looking for a render in flight and starting one: concurrent misses would all render.
    const kept = cache.get(key) ?? (pending && (await pending));
    if (kept !== undefined) {
      await o.onHit?.(c);
      return c.body(join(kept.parts, token) as Uint8Array<ArrayBuffer>, 200, kept.headers);
    }
    let settle: (a: KeptAnswer | undefined) => void = () => undefined;
    const flight = new Promise<KeptAnswer | undefined>((resolve) => (settle = resolve));
    flights.set(key, flight);
    let answer: KeptAnswer | undefined;
    try {
      await next();
      const type = c.res.headers.get('content-type') ?? '';
      if (c.res.status !== 200 || (kinds !== 'any' && !kinds.some((k) => type.startsWith(k)))) return;
      const headers: Record<string, string> = {};
      for (const h of KEPT_HEADERS) {
        const value = c.res.headers.get(h);
        if (value) headers[h] = value;
      }
      const body = Buffer.from(await c.res.clone().arrayBuffer());
      answer = { parts: kinds === 'any' ? [body] : cut(body, token), headers };
      cache.set(key, answer);
    } finally {
      if (flights.get(key) === flight) flights.delete(key);
      settle(answer);
    }
  };
}

/**
 * A read model for a heavy page or API list (docs/benchmarks.md), placed before its handler: the answer as rendered
 * is kept per data version (any committed write changes it — migration 022), audience (`audienceOf`: the viewer and
 * their grants; everyone anonymous shares one), path and query, and the minute (pages that show what is due or
 * upcoming follow the clock). Only a full success (200, HTML or JSON) to a GET is kept; a page with a one-time message
 * (after a form) is always rendered afresh.
 */
export const readModel = (o: ReadModelOptions = {}): MiddlewareHandler<AppEnv> => keep(pageCacheOf, ['text/html', 'application/json'], o);

/**
 * The read model of a file made from the data (a yearly report's PDF or workbook): kept, with its headers, per data
 * version, audience, path and query as a page is, so a report asked for again is neither assembled nor laid out again
 * until something is written. Only a 200 answer is kept.
 */
export const fileReadModel = (): MiddlewareHandler<AppEnv> => keep(fileCacheOf, 'any', {});
