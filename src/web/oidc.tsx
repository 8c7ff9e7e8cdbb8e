import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../app-env.ts';
import { anonymous } from '../policy/actor.ts';
import { createSession } from '../services/accounts.ts';
import {
  finishSignIn,
  type OidcClients,
  oidcClients,
  providerLogoutUrl,
  rememberProviderSession,
  SignInRefused,
  startSignIn,
} from '../services/oidc.ts';
import { Alert } from './components/index.ts';
import { SESSION_COOKIE, isHttps } from './middleware.ts';
import { paths } from './paths.ts';
import { home, page } from './render.tsx';

const FLOW_COOKIE = 'helhed_oidc';
const FLOW_PATH = '/login/oidc';

/** Only same-site relative paths are followed after login. */
const safeNext = (n: string | undefined) => (n && /^\/(?!\/)[\w\-/?=&%.]*$/.test(n) ? n : paths.home());

export const oidcPaths = {
  start: (id: string, next?: string) => (next ? `${FLOW_PATH}/${id}?next=${encodeURIComponent(next)}` : `${FLOW_PATH}/${id}`),
  loggedOut: () => '/logget-ud',
};

const clientsOf = (c: Context<AppEnv>): OidcClients => {
  const deps = c.get('deps');
  return oidcClients(deps.config.oidc.providers, deps.oidcTest);
};

/** The sign-in buttons on the login page: one per configured provider (links: starting a sign-in is a GET). */
export function ProviderButtons({ c, next }: { c: Context<AppEnv>; next?: string }) {
  const providers = c.get('deps').config.oidc.providers;
  if (!providers.length) return null;
  return (
    <ul class="nobullet-list oidc-providers">
      {providers.map((p) => (
        <li class="mb-4">
          <a class="button button-primary" href={oidcPaths.start(p.id, next)}>
            Log ind med {p.label}
          </a>
        </li>
      ))}
    </ul>
  );
}

function refused(c: Context<AppEnv>, message: string) {
  return page(
    c,
    { title: 'Log ind mislykkedes', breadcrumbs: [home, { label: 'Log ind' }], status: 401 },
    <>
      <h1>Log ind mislykkedes</h1>
      <Alert kind="error" heading="Du er ikke logget ind">
        <p>{message}</p>
      </Alert>
      <p>
        <a class="button button-primary" href={paths.login()}>
          Prøv igen
        </a>
      </p>
    </>,
  );
}

/**
 * Ends the Helhed session behind a logout and, when it came from a provider with an end-session endpoint, answers with
 * a page that moves on to the provider's logout (a redirect from a form post would cross the page's `form-action`).
 */
export async function providerLogout(c: Context<AppEnv>, end: () => Promise<void>): Promise<Response | null> {
  const token = c.get('sessionToken');
  const { db, config } = c.get('deps');
  const at =
    token && config.oidc.providers.length
      ? await providerLogoutUrl(db, clientsOf(c), token, `${config.publicUrl.replace(/\/$/, '')}${oidcPaths.loggedOut()}`)
      : null;
  await end();
  if (!at) return null;
  c.set('actor', anonymous);
  return page(
    c,
    { title: 'Log ud', breadcrumbs: [home, { label: 'Log ud' }], head: <meta http-equiv="refresh" content={`0;url=${at.url}`} /> },
    <>
      <h1>Du er logget ud af Helhed</h1>
      <p>Du sendes videre, så du også bliver logget ud hos {at.label}.</p>
      <p>
        <a class="button button-primary" href={at.url} id="provider-logout">
          Log ud hos {at.label}
        </a>
      </p>
    </>,
  );
}

/** Sign-in at the configured OpenID Connect providers: start, callback, and the page the provider's logout returns to. */
export function oidcPages() {
  const r = new Hono<AppEnv>();
  r.get(`${FLOW_PATH}/:id`, async (c) => {
    const { db, config, now } = c.get('deps');
    try {
      const { url, flowId } = await startSignIn(db, clientsOf(c), {
        providerId: c.req.param('id'),
        publicUrl: config.publicUrl,
        next: safeNext(c.req.query('next')),
        now: now(),
      });
      setCookie(c, FLOW_COOKIE, flowId, { httpOnly: true, sameSite: 'Lax', secure: isHttps(c), path: FLOW_PATH, maxAge: 600 });
      return c.redirect(url, 302);
    } catch (err) {
      if (err instanceof SignInRefused) return refused(c, err.message);
      throw err;
    }
  });
  r.get(`${FLOW_PATH}/:id/callback`, async (c) => {
    const { db, config, now, demo } = c.get('deps');
    const flowId = getCookie(c, FLOW_COOKIE);
    deleteCookie(c, FLOW_COOKIE, { path: FLOW_PATH, secure: isHttps(c) });
    // The URL the provider sent the browser to, as the provider knows it (Helhed may sit behind a proxy).
    const here = new URL(c.req.url);
    const currentUrl = new URL(`${config.publicUrl.replace(/\/$/, '')}${here.pathname}${here.search}`);
    try {
      const done = await finishSignIn(db, clientsOf(c), {
        providerId: c.req.param('id'),
        flowId,
        currentUrl,
        now: now(),
        allowDemo: demo,
        log: (e) => console.warn('OIDC:', (e as Error).message),
      });
      const { token } = await createSession(db, done.userId, config.sessionTtlHours);
      await rememberProviderSession(db, token, c.req.param('id'), done.idToken);
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: isHttps(c),
        path: '/',
        maxAge: config.sessionTtlHours * 3600,
      });
      return c.redirect(done.pending ? '/afventer-godkendelse' : safeNext(done.next), 303);
    } catch (err) {
      if (err instanceof SignInRefused) return refused(c, err.message);
      throw err;
    }
  });
  r.get('/afventer-godkendelse', (c) =>
    page(
      c,
      { title: 'Afventer godkendelse', breadcrumbs: [home, { label: 'Afventer godkendelse' }] },
      <>
        <h1>Din bruger afventer godkendelse</h1>
        <p class="font-lead">
          Du er logget ind, men har endnu ingen rolle i Helhed. En systemadministrator skal give dig en rolle, før du kan se og rette
          planer.
        </p>
        <p>
          <a href={paths.home()}>Gå til forsiden</a>
        </p>
      </>,
    ),
  );
  r.get(oidcPaths.loggedOut(), (c) =>
    page(
      c,
      { title: 'Logget ud', breadcrumbs: [home, { label: 'Logget ud' }] },
      <>
        <h1>Du er logget ud</h1>
        <p class="font-lead">Du er logget ud af Helhed og af din log ind-udbyder.</p>
        <p>
          <a class="button button-primary" href={paths.login()}>
            Log ind igen
          </a>
        </p>
      </>,
    ),
  );
  return r;
}
