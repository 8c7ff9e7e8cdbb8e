import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashPassword } from '../../../src/services/accounts.ts';
import { createTestApp, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';
import { makeUser } from '../../support/factories.ts';

/** Production behind a TLS-terminating proxy that speaks plain HTTP to Helhed. */
describeDb('Cookies, HSTS and caching behind TLS', () => {
  let t: TestApp;
  let plain: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { NODE_ENV: 'production', PUBLIC_URL: 'https://helhed.kk.dk' } });
    plain = await createTestApp({ env: { NODE_ENV: 'production', TRUST_PROXY: '1' } });
    for (const app of [t, plain]) {
      const u = await makeUser(app.db, { email: 'tls@kk.dk', grants: [{ role: 'secretariat' }] });
      await app.db
        .updateTable('app_user')
        .set({ password_hash: await hashPassword('rigtig-kode-123') })
        .where('id', '=', u.id)
        .execute();
    }
  });
  afterAll(async () => {
    await t.close();
    await plain.close();
  });

  const login = async (app: TestApp, headers: Record<string, string>) => {
    const first = await app.request('/login', { headers });
    const csrf = /helhed_csrf=([^;]+)/.exec(first.headers.get('set-cookie') ?? '')?.[1] ?? '';
    return {
      first,
      res: await app.request('/login', {
        form: { _csrf: csrf, email: 'tls@kk.dk', password: 'rigtig-kode-123' },
        headers: { ...headers, cookie: `helhed_csrf=${csrf}` },
      }),
    };
  };

  it('with an https PUBLIC_URL the session cookie is Secure; HttpOnly; SameSite=Lax and HSTS is sent, whatever the proxy says', async () => {
    const { first, res } = await login(t, { 'x-forwarded-proto': 'http' });
    expect(res.status).toBe(303);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/helhed_session=[\w-]+/);
    for (const part of ['Secure', 'HttpOnly', 'SameSite=Lax']) expect(cookie).toContain(part);
    expect(first.headers.get('set-cookie')).toContain('Secure');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
  });

  it('X-Forwarded-Proto counts only from a trusted proxy', async () => {
    const trusted = await login(plain, { 'x-forwarded-proto': 'https' });
    expect(trusted.res.headers.get('set-cookie')).toContain('Secure');
    expect(trusted.res.headers.get('strict-transport-security')).toBeTruthy();
    const untrusted = await createTestApp({ env: { NODE_ENV: 'production' } });
    try {
      const r = await untrusted.request('/login', { headers: { 'x-forwarded-proto': 'https' } });
      expect(r.headers.get('set-cookie')).not.toContain('Secure');
      expect(r.headers.get('strict-transport-security')).toBeNull();
    } finally {
      await untrusted.close();
    }
  });

  it('pages and API answers are not stored by caches; static assets are', async () => {
    const s = await t.as([{ role: 'secretariat' }]);
    expect((await t.request('/', { session: s })).headers.get('cache-control')).toBe('no-store');
    expect((await t.request('/api/v1/districts', { session: s })).headers.get('cache-control')).toBe('no-store');
    const css = await t.request('/assets/app/app.css');
    expect(css.headers.get('cache-control')).not.toBe('no-store');
  });
});
