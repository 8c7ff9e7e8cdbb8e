import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { Forbidden } from '../errors.ts';
import { formBody } from './forms.ts';
import { anonymous } from '../policy/actor.ts';
import { newToken, resolveApiToken, resolveSession } from '../services/accounts.ts';
import type { AppDeps, AppEnv, WebParts } from '../app-env.ts';

export const SESSION_COOKIE = 'helhed_session';
export const CSRF_COOKIE = 'helhed_csrf';

/**
 * Whether the browser reached Helhed over HTTPS: always when `PUBLIC_URL` is https (whatever the proxy in front speaks
 * to Helhed), else by the request's own scheme, or the proxy's `X-Forwarded-Proto` when the proxy is trusted.
 */
export function isHttps(c: Context<AppEnv>): boolean {
  const config = c.get('deps')?.config;
  if (config?.https) return true;
  if (config?.trustProxy && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https') return true;
  return new URL(c.req.url).protocol === 'https:';
}

/** Resolves who acts: a bearer token (API), a session cookie, or the anonymous public. */
export function identify(deps: AppDeps, parts: WebParts): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('deps', deps);
    c.set('parts', parts);
    let actor = anonymous;
    let csrf = '';
    let via: AppEnv['Variables']['authVia'] = 'none';
    const auth = c.req.header('authorization');
    const sessionToken = getCookie(c, SESSION_COOKIE) ?? null;
    if (auth?.toLowerCase().startsWith('bearer ')) {
      const a = await resolveApiToken(deps.db, auth.slice(7).trim(), deps.demo);
      if (a) {
        actor = a.actor;
        via = 'token';
        c.set('dataVersion', a.dataVersion);
      }
    } else if (sessionToken) {
      const s = await resolveSession(deps.db, sessionToken, deps.demo);
      if (s) {
        actor = s.actor;
        csrf = s.csrfToken;
        via = 'session';
        c.set('dataVersion', s.dataVersion);
      }
    }
    // A token-authenticated API call sends no cookie and needs no form token (the CSRF check passes it by).
    if (!csrf && via !== 'token') {
      csrf = getCookie(c, CSRF_COOKIE) ?? '';
      if (!csrf) {
        csrf = newToken(24);
        setCookie(c, CSRF_COOKIE, csrf, { httpOnly: true, sameSite: 'Lax', path: '/', secure: isHttps(c) });
      }
    }
    c.set('actor', actor);
    c.set('csrfToken', csrf);
    c.set('authVia', via);
    c.set('sessionToken', via === 'session' ? sessionToken : null);
    c.set('ctx', { db: deps.db, actor, now: deps.now, hooks: parts.hooks });
    await next();
  };
}

const safe = new Set(['GET', 'HEAD', 'OPTIONS']);

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
};

/**
 * CSRF protection on every unsafe request made with a cookie: forms carry `_csrf`, scripts send
 * `X-CSRF-Token`. Bearer-token API calls carry no cookie and need none.
 */
export const csrf: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (safe.has(c.req.method) || c.get('authVia') === 'token') return next();
  const expected = c.get('csrfToken');
  let sent = c.req.header('x-csrf-token') ?? '';
  if (!sent) {
    const type = c.req.header('content-type') ?? '';
    if (type.includes('application/x-www-form-urlencoded') || type.includes('multipart/form-data')) {
      const body = await formBody(c);
      const v = body._csrf;
      sent = typeof v === 'string' ? v : '';
    }
  }
  // An API call with no cookie at all is anonymous and is refused by the policy, not here.
  const anonymousApi = c.req.path.startsWith('/api/') && c.get('authVia') === 'none' && !getCookie(c, SESSION_COOKIE);
  if (!anonymousApi && !same(sent, expected)) {
    throw new Forbidden('Formularen er udløbet eller kom fra et andet websted. Genindlæs siden, og prøv igen.');
  }
  return next();
};

const CSP =
  "default-src 'self'; img-src 'self' data: blob: https:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";

/**
 * Security headers for every response: HSTS behind HTTPS, and `Cache-Control: no-store` on everything but the static
 * assets (pages and API answers may carry personal data or be the viewer's own) unless a route chose otherwise.
 */
export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const set: [string, string][] = [];
  const headers = c.res.headers;
  if (isHttps(c)) set.push(['Strict-Transport-Security', 'max-age=31536000; includeSubDomains']);
  if (!headers.has('Cache-Control')) set.push(['Cache-Control', 'no-store']);
  set.push(['X-Content-Type-Options', 'nosniff'], ['Referrer-Policy', 'same-origin'], ['X-Frame-Options', 'DENY']);
  if (!headers.has('Content-Security-Policy')) set.push(['Content-Security-Policy', CSP]);
  try {
    // On the answer's own headers: `c.header` on a finished answer would turn a string or byte body into a stream.
    for (const [k, v] of set) headers.set(k, v);
  } catch {
    // Headers of an answer made elsewhere may be immutable (e.g. `Response.redirect`): copy the answer.
    for (const [k, v] of set) c.header(k, v);
  }
};
