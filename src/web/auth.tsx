import { type Context, Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { getConnInfo } from '@hono/node-server/conninfo';
import { RateLimited } from '../errors.ts';
import { createSession, endSession, verifyLogin } from '../services/accounts.ts';
import { Alert, Button, ErrorSummary, Form, HiddenField, TextField } from './components/index.ts';
import type { AppEnv } from './env.ts';
import { readForm } from './forms.ts';
import { msg } from './messages.ts';
import { SESSION_COOKIE } from './middleware.ts';
import { paths } from './paths.ts';
import { home, page } from './render.tsx';
import { RateLimiter } from './ratelimit.ts';

/** Only same-site relative paths are followed after login. */
const safeNext = (n: string | undefined) => (n && /^\/(?!\/)[\w\-/?=&%.]*$/.test(n) ? n : paths.home());

function clientIp(c: Context<AppEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? 'local';
  } catch {
    return 'local';
  }
}

/** Login with rate limiting: 5 failures per e-mail and 20 per address within 15 minutes. */
export function authPages(limits = { perEmail: new RateLimiter(5, 15 * 60_000), perIp: new RateLimiter(20, 15 * 60_000) }) {
  const r = new Hono<AppEnv>();
  const form = (c: Context<AppEnv>, o: { email?: string; next?: string; error?: string; status?: 200 | 400 | 401 }) =>
    page(
      c,
      { title: 'Log ind', breadcrumbs: [home, { label: 'Log ind' }], status: o.status },
      <>
        <h1>Log ind</h1>
        {o.error && <ErrorSummary errors={[{ field: 'email', message: o.error }]} />}
        <Form action={paths.login()} csrfToken={c.get('csrfToken')}>
          <HiddenField name="next" value={o.next ?? ''} />
          <TextField name="email" label="E-mail" type="email" value={o.email ?? ''} error={o.error} autocomplete="username" required />
          <TextField name="password" label="Adgangskode" type="password" autocomplete="current-password" required />
          <Button type="submit">Log ind</Button>
        </Form>
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
    const email = (v.email ?? '').trim().toLowerCase();
    const ip = clientIp(c);
    if (limits.perEmail.blocked(email) || limits.perIp.blocked(ip)) throw new RateLimited();
    if (!email || !v.password) {
      return form(c, { email, next: v.next, error: 'Skriv både e-mail og adgangskode.', status: 400 });
    }
    const userId = await verifyLogin(db, email, v.password, c.get('deps').demo);
    if (!userId) {
      limits.perEmail.fail(email);
      limits.perIp.fail(ip);
      return form(c, { email, next: v.next, error: msg.loginFailed, status: 401 });
    }
    limits.perEmail.clear(email);
    const { token } = await createSession(db, userId, config.sessionTtlHours);
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: new URL(c.req.url).protocol === 'https:',
      path: '/',
      maxAge: config.sessionTtlHours * 3600,
    });
    return c.redirect(safeNext(v.next), 303);
  });
  r.post('/logout', async (c) => {
    const token = c.get('sessionToken');
    if (token) await endSession(c.get('deps').db, token);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect(paths.home(), 303);
  });
  return r;
}
