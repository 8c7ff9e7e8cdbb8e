import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort, providersEnv, type RealProvider, startRealProvider } from '../support/oidc.ts';
import { describeBrowser, expectAccessible, type Journey, startJourney, visit } from './support/browser.ts';

describeBrowser('Journey: sign-in at an OpenID Connect provider', () => {
  let j: Journey;
  let op: RealProvider;
  beforeAll(async () => {
    const helhedPort = await freePort();
    const base = `http://127.0.0.1:${helhedPort}`;
    op = await startRealProvider({
      port: await freePort(),
      clientId: 'helhed',
      clientSecret: 'helhed-test-hemmelighed',
      redirectUri: `${base}/login/oidc/kk/callback`,
      postLogoutUri: `${base}/logget-ud`,
      people: { sara: { email: 'sara.sekretaer@kk.dk', email_verified: true, name: 'Sara Sekretær', groups: ['helhed-sekretariat'] } },
    });
    j = await startJourney({
      port: helhedPort,
      app: {
        env: {
          PUBLIC_URL: base,
          OIDC_PROVIDERS: providersEnv({
            id: 'kk',
            label: 'Københavns Kommune',
            issuer: op.issuer,
            clientId: 'helhed',
            clientSecret: 'helhed-test-hemmelighed',
            mappings: [{ claim: 'groups', value: 'helhed-sekretariat', role: 'secretariat' }],
          }),
        },
        oidcTest: { allowInsecureHttp: true },
      },
    });
  });
  afterAll(async () => {
    await j?.close();
    await op?.close();
  });

  it('signs in at the provider, lands with the mapped role, creates an organisation, and signs out at Helhed and the provider', async () => {
    const { page } = j;
    await visit(j, '/login');
    await page.getByRole('link', { name: 'Log ind med Københavns Kommune' }).click();

    // The provider's own (development) pages: any login, then consent.
    await page.waitForURL((u) => u.origin === op.issuer);
    await page.locator('input[name="login"]').fill('sara');
    await page.locator('input[name="password"]').fill('ligegyldigt');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.waitForURL((u) => u.origin === j.base && !u.pathname.startsWith('/login'));
    await expectAccessible(j);
    const header = await page.locator('header .portal-user').textContent();
    expect(header).toContain('Sara Sekretær');
    expect(header).toContain('Sekretariatet');

    // One write with the mapped role.
    await visit(j, '/organisationer/ny');
    await page.getByLabel('Navn', { exact: true }).fill('Boligselskabet OIDC');
    await page.getByLabel('Forkortelse').fill('OIDC');
    await page.getByRole('button', { name: 'Gem' }).click();
    await page.waitForURL(/\/organisationer\/\d+$/);
    await expectAccessible(j);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Boligselskabet OIDC');
    const user = await j.t.db.selectFrom('app_user').select('id').where('email', '=', 'sara.sekretaer@kk.dk').executeTakeFirstOrThrow();
    const audit = await j.t.db
      .selectFrom('audit_log')
      .select('actor_user_id')
      .where('entity_type', '=', 'organisation')
      .where('action', '=', 'create')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.actor_user_id).toBe(user.id);
    expect((await j.t.db.selectFrom('session').select('id').where('user_id', '=', user.id).execute()).length).toBe(1);

    // Sign out: Helhed's session ends, then the provider's end-session endpoint (its confirmation page) is called.
    await page.locator('header .portal-user').getByRole('button', { name: 'Log af' }).click();
    await page.waitForURL((u) => u.origin === op.issuer);
    expect((await j.t.db.selectFrom('session').select('id').where('user_id', '=', user.id).execute()).length).toBe(0);
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL(`${j.base}/logget-ud`);
    await expectAccessible(j);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Du er logget ud');
    expect(op.endSessions).toBe(1);
    expect(await page.locator('header').textContent()).not.toContain('Sara Sekretær');
  });
});
