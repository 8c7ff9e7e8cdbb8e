import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { Forbidden } from '../errors.ts';
import { anonymous } from '../policy/actor.ts';
import { newToken, resolveApiToken, resolveSession } from '../services/accounts.ts';
import type { AppDeps, AppEnv } from './env.ts';

export const SESSION_COOKIE = 'helhed_session';
export const CSRF_COOKIE = 'helhed_csrf';

const secure = (url: string) => url.startsWith('https:');

/** Resolves who acts: a bearer token (API), a session cookie, or the anonymous public. */
export function identify(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('deps', deps);
    let actor = anonymous;
    let csrf = '';
    let via: AppEnv['Variables']['authVia'] = 'none';
    const auth = c.req.header('authorization');
    const sessionToken = getCookie(c, SESSION_COOKIE) ?? null;
    if (auth?.toLowerCase().startsWith('bearer ')) {
      const a = await resolveApiToken(deps.db, auth.slice(7).trim(), deps.demo);
      if (a) {
        actor = a;
        via = 'token';
      }
    } else if (sessionToken) {
      const s = await resolveSession(deps.db, sessionToken, deps.demo);
      if (s) {
        actor = s.actor;
        csrf = s.csrfToken;
        via = 'session';
      }
    }
    if (!csrf) {
      csrf = getCookie(c, CSRF_COOKIE) ?? '';
      if (!csrf) {
        csrf = newToken(24);
        setCookie(c, CSRF_COOKIE, csrf, { httpOnly: true, sameSite: 'Lax', path: '/', secure: secure(c.req.url) });
      }
    }
    c.set('actor', actor);
    c.set('csrfToken', csrf);
    c.set('authVia', via);
    c.set('sessionToken', via === 'session' ? sessionToken : null);
    c.set('ctx', { db: deps.db, actor, now: deps.now });
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
      const body = await c.req.parseBody({ all: true });
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

/** Security headers for every response. */
export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'same-origin');
  c.header('X-Frame-Options', 'DENY');
  if (!c.res.headers.has('Content-Security-Policy')) {
    c.header(
      'Content-Security-Policy',
      "default-src 'self'; img-src 'self' data: blob: https:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'",
    );
  }
};
