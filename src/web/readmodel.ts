import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from '../app-env.ts';
import { audienceOf, dataVersion, fileCacheOf, pageCacheOf } from '../services/readmodel.ts';
import { FLASH } from './render.tsx';

/**
 * The key of what a viewer is shown at this path now: the data version (with the audit log's for history), the minute,
 * the audience, demo mode, path and query.
 */
async function readModelKey(c: Context<AppEnv>, audit: boolean): Promise<{ key: string; version: string }> {
  const ctx = c.get('ctx');
  const v = await dataVersion(ctx.db);
  const url = new URL(c.req.url);
  const minute = Math.floor(ctx.now().getTime() / 60_000);
  const version = audit ? `${v.data}.${v.audit}` : v.data;
  const key = [version, minute, audienceOf(ctx.actor), c.get('deps').demo ? 'demo' : '', url.pathname, url.search].join('\n');
  return { key, version: v.data };
}

/** Stands in for the viewer's CSRF token in a kept page; every answer carries its own viewer's token. */
const TOKEN = '\u0000csrf\u0000';

export interface ReadModelOptions {
  /** The page shows the audit log (history): it is also keyed by the audit log's version. */
  audit?: boolean;
  /** What the page must still do when it is served from the cache (e.g. log who read contact persons). */
  onHit?: (c: Context<AppEnv>) => Promise<void>;
}

/**
 * A read model for a heavy page (docs/benchmarks.md), placed before the page's handler: the page as rendered is kept
 * per data version (any committed write changes it — migration 022), audience (`audienceOf`: the viewer and their
 * grants; everyone anonymous shares one), path and query, and the minute (pages that show what is due or upcoming
 * follow the clock). Only a full success (200, HTML) is kept; a page with a one-time message (after a form) is always
 * rendered afresh.
 */
export function readModel(o: ReadModelOptions = {}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (getCookie(c, FLASH)) return next();
    const ctx = c.get('ctx');
    const cache = pageCacheOf(ctx.db);
    const { key, version } = await readModelKey(c, o.audit ?? false);
    cache.observe(version);
    const token = c.get('csrfToken') ?? '';
    const kept = cache.get(key);
    if (kept !== undefined) {
      await o.onHit?.(c);
      return c.html(kept.replaceAll(TOKEN, token));
    }
    await next();
    if (c.res.status !== 200 || !c.res.headers.get('content-type')?.startsWith('text/html')) return;
    const text = await c.res.clone().text();
    cache.set(key, token ? text.replaceAll(token, TOKEN) : text);
  };
}

/**
 * The read model of a file made from the data (a yearly report's PDF or workbook): kept, with its headers, per data
 * version, audience, path and query as a page is, so a report asked for again is neither assembled nor laid out again
 * until something is written. Only a 200 answer is kept.
 */
export function fileReadModel(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const ctx = c.get('ctx');
    const cache = fileCacheOf(ctx.db);
    const { key, version } = await readModelKey(c, false);
    cache.observe(version);
    const kept = cache.get(key);
    if (kept !== undefined) return c.body(kept.body as Uint8Array<ArrayBuffer>, 200, kept.headers);
    await next();
    if (c.res.status !== 200) return;
    const headers: Record<string, string> = {};
    for (const h of ['content-type', 'content-disposition']) {
      const value = c.res.headers.get(h);
      if (value) headers[h] = value;
    }
    cache.set(key, { body: new Uint8Array(await c.res.clone().arrayBuffer()), headers });
  };
}
