import { afterAll, beforeAll, expect, it } from 'vitest';
import { hashPassword } from '../../../src/services/accounts.ts';
import { createTestApp, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';
import { makeUser } from '../../support/factories.ts';

describeDb('Login, sessions and CSRF', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const u = await makeUser(t.db, { email: 'login@kk.dk', grants: [{ role: 'secretariat' }] });
    await t.db
      .updateTable('app_user')
      .set({ password_hash: await hashPassword('rigtig-kode-123') })
      .where('id', '=', u.id)
      .execute();
  });
  afterAll(() => t.close());

  const loginPage = async () => {
    const res = await t.request('/login');
    const csrf = /helhed_csrf=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1] ?? '';
    return csrf;
  };
  const attempt = (csrf: string, email: string, password: string) =>
    t.request('/login', { form: { _csrf: csrf, email, password }, headers: { cookie: `helhed_csrf=${csrf}` } });

  it('logs in with argon2id and sets an HttpOnly, SameSite=Lax session cookie', async () => {
    const csrf = await loginPage();
    const res = await attempt(csrf, 'LOGIN@kk.dk', 'rigtig-kode-123');
    expect(res.status).toBe(303);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/helhed_session=[\w-]+/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    const stored = await t.db.selectFrom('app_user').select('password_hash').where('email', '=', 'login@kk.dk').executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);
    const session = /helhed_session=([\w-]+)/.exec(cookie)![1];
    const home = await t.request('/', { headers: { cookie: `helhed_session=${session}` } });
    expect(await home.text()).toContain('Log af');
  });

  it('refuses a form without the CSRF token even with a valid session', async () => {
    const s = await t.as([{ role: 'secretariat' }]);
    const res = await t.request('/organisationer/ny', { session: s, form: { _csrf: 'forkert', name: 'X', shortName: 'X' } });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Formularen er udløbet');
  });

  it('rate-limits failed logins per e-mail with a Danish message', async () => {
    const csrf = await loginPage();
    for (let i = 0; i < 5; i++) expect((await attempt(csrf, 'victim@kk.dk', `forkert-${i}`)).status).toBe(401);
    const blocked = await attempt(csrf, 'victim@kk.dk', 'forkert-igen');
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toContain('For mange forsøg');
  });

  it('answers unknown pages and API paths with Danish 404s', async () => {
    const page = await t.request('/findes-ikke');
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('Siden findes ikke');
    const api = await t.request('/api/v1/findes-ikke');
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
  });
});
