import { type Context, Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { getConnInfo } from '@hono/node-server/conninfo';
import { RateLimited } from '../errors.ts';
import { createSession, endSession, verifyLogin } from '../services/accounts.ts';
import { Alert, Button, ErrorSummary, Form, HiddenField, TextField } from './components/index.ts';
import type { AppEnv } from '../app-env.ts';
import { readForm } from './forms.ts';
import { msg } from './messages.ts';
import { SESSION_COOKIE, isHttps } from './middleware.ts';
import { paths } from './paths.ts';
import { home, page } from './render.tsx';
import { ProviderButtons, providerLogout } from './oidc.tsx';
import { loginSucceeded, reserveLoginAttempt } from '../services/throttle.ts';

/** Local passwords: always in demo mode, otherwise unless `LOCAL_LOGIN=0`. */
const localLogin = (c: Context<AppEnv>) => c.get('deps').demo || c.get('deps').config.oidc.localLogin;

/** Only same-site relative paths are followed after login. */
const safeNext = (n: string | undefined) => (n && /^\/(?!\/)[\w\-/?=&%.]*$/.test(n) ? n : paths.home());

/** A wait in Danish words: "30 sekunder", "2 minutter". */
const waitText = (s: number) => (s < 90 ? `${s} sekunder` : `${Math.ceil(s / 60)} minutter`);

/** The client's address (the proxy's `X-Forwarded-For` only when the proxy is trusted); requests made in-process (`app.request()` in tests) have no socket and count as local. */
function clientIp(c: Context<AppEnv>): string {
  const env = c.env as { incoming?: unknown; server?: { incoming?: unknown } } | undefined;
  const forwarded = c.get('deps').config.trustProxy ? c.req.header('x-forwarded-for')?.split(',')[0]?.trim() : undefined;
  if (forwarded) return forwarded.slice(0, 100);
  if (!env?.incoming && !env?.server?.incoming) return 'local';
  return getConnInfo(c).remote.address ?? 'local';
}

/** Login, throttled per account and address in the database (`services/throttle.ts`). */
export function authPages() {
  const r = new Hono<AppEnv>();
  const form = (c: Context<AppEnv>, o: { email?: string; next?: string; error?: string; status?: 200 | 400 | 401 }) =>
    page(
      c,
      { title: 'Log ind', breadcrumbs: [home, { label: 'Log ind' }], status: o.status },
      <>
        <h1>Log ind</h1>
        {o.error && <ErrorSummary errors={[{ field: 'email', message: o.error }]} />}
        <ProviderButtons c={c} next={o.next} />
        {localLogin(c) && (
          <>
            {c.get('deps').config.oidc.providers.length > 0 && <h2 class="h3">Log ind med adgangskode</h2>}
            <Form action={paths.login()} csrfToken={c.get('csrfToken')}>
              <HiddenField name="next" value={o.next ?? ''} />
              <TextField name="email" label="E-mail" type="email" value={o.email ?? ''} error={o.error} autocomplete="username" required />
              <TextField name="password" label="Adgangskode" type="password" autocomplete="current-password" required />
              <Button type="submit">Log ind</Button>
            </Form>
          </>
        )}
        {c.get('deps').demo && (
          <Alert kind="info" heading="Demo">
            <p>Demobrugerne og deres adgangskode står i README-filen, fx admin@demo.test.</p>
          </Alert>
        )}
      </>,
    );

  r.get('/login', (c) => form(c, { next: c.req.query('next') }));
  r.post('/login', async (c) => {
    const { db, config } = c.get('deps');
    const v = await readForm(c);
    if (!localLogin(c)) {
      return form(c, { next: v.next, error: 'Log ind med adgangskode er slået fra. Brug knappen for din log ind-udbyder.', status: 400 });
    }
    const email = (v.email ?? '').trim().toLowerCase();
    if (!email || !v.password) {
      return form(c, { email, next: v.next, error: 'Skriv både e-mail og adgangskode.', status: 400 });
    }
    const reservation = await reserveLoginAttempt(db, email, clientIp(c), c.get('deps').now());
    if (!reservation.allowed) {
      c.header('Retry-After', String(reservation.retryAfterSeconds));
      throw new RateLimited(`For mange forkerte forsøg. Vent ${waitText(reservation.retryAfterSeconds)}, og prøv igen.`);
    }
    const userId = await verifyLogin(db, email, v.password, c.get('deps').demo);
    if (!userId) return form(c, { email, next: v.next, error: msg.loginFailed, status: 401 });
    await loginSucceeded(db, reservation);
    const { token } = await createSession(db, userId, config.sessionTtlHours);
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: isHttps(c),
      path: '/',
      maxAge: config.sessionTtlHours * 3600,
    });
    return c.redirect(safeNext(v.next), 303);
  });
  r.post('/logout', async (c) => {
    const token = c.get('sessionToken');
    const end = async () => {
      if (token) await endSession(c.get('deps').db, token);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
    };
    // A session from an OpenID Connect provider also ends at the provider.
    const atProvider = await providerLogout(c, end);
    if (atProvider) return atProvider;
    return c.redirect(paths.home(), 303);
  });
  return r;
}
