import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';
import { makeUser } from '../../support/factories.ts';
import { type FakeProvider, type Forge, type PersonClaims, providersEnv, startFakeProvider } from '../../support/oidc.ts';

describeDb('OpenID Connect sign-in', () => {
  let t: TestApp;
  let fake: FakeProvider;
  beforeAll(async () => {
    fake = await startFakeProvider('helhed');
    t = await createTestApp({
      env: {
        PUBLIC_URL: 'http://helhed.test',
        OIDC_PROVIDERS: providersEnv({
          id: 'kk',
          label: 'Københavns Kommune',
          issuer: fake.issuer,
          clientId: 'helhed',
          clientSecret: 'hemmelig',
          mappings: [
            { claim: 'groups', value: 'helhed-sekretariat', role: 'secretariat' },
            { claim: 'groups', value: 'helhed-tmf', role: 'municipal', administration: 'TMF' },
            { claim: 'groups', value: 'helhed-bolig', role: 'organisation' },
          ],
          organisationClaim: 'org',
        }),
      },
      oidcTest: { allowInsecureHttp: true },
    });
  });
  afterAll(async () => {
    await t?.close();
    await fake?.close();
  });

  const sessions = async () =>
    Number(
      (
        await t.db
          .selectFrom('session')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** Clicks the provider's button on the login page; returns the flow cookie and where the browser is sent. */
  async function begin(next = '/planer') {
    const res = await t.request(`/login/oidc/kk?next=${encodeURIComponent(next)}`);
    expect(res.status).toBe(302);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toContain('HttpOnly');
    const flow = /helhed_oidc=([^;]+)/.exec(cookie)?.[1] ?? '';
    const auth = new URL(res.headers.get('location') ?? '');
    return { flow, auth };
  }
  const callback = (cb: URL, flow: string) => t.request(cb.pathname + cb.search, { headers: { cookie: `helhed_oidc=${flow}` } });
  async function signIn(person: PersonClaims, forge?: Forge) {
    const { flow, auth } = await begin();
    const cb = fake.authorize(auth, person, forge);
    return { res: await callback(cb, flow), cb, flow };
  }
  const expectRefused = async (res: Response, text: string) => {
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie') ?? '').not.toMatch(/helhed_session=[\w-]+/);
    const body = await res.text();
    expect(body).toContain('Log ind mislykkedes');
    expect(body).toContain(text);
  };

  it('shows a button per provider on the login page and sends the browser there with PKCE, state and nonce', async () => {
    const page = await (await t.request('/login')).text();
    expect(page).toContain('Log ind med Københavns Kommune');
    expect(page).toContain('href="/login/oidc/kk"');
    const { auth } = await begin();
    expect(auth.origin).toBe(fake.issuer);
    expect(auth.searchParams.get('code_challenge_method')).toBe('S256');
    expect(auth.searchParams.get('code_challenge')).toBeTruthy();
    expect(auth.searchParams.get('state')).toBeTruthy();
    expect(auth.searchParams.get('nonce')).toBeTruthy();
    expect(auth.searchParams.get('redirect_uri')).toBe('http://helhed.test/login/oidc/kk/callback');
  });

  it('signs in a new user with the role the groups claim maps to, and matches them by subject next time', async () => {
    const person = {
      sub: 'kk-1001',
      email: 'Sara.Sekretaer@kk.dk',
      email_verified: true,
      name: 'Sara Sekretær',
      groups: ['helhed-sekretariat'],
    };
    const { res } = await signIn(person);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/planer');
    const session = /helhed_session=([\w-]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
    expect(session).toBeTruthy();
    const home = await (await t.request('/', { headers: { cookie: `helhed_session=${session}` } })).text();
    expect(home).toContain('Sara Sekretær');
    expect(home).toContain('Sekretariatet');
    const user = await t.db
      .selectFrom('app_user')
      .select(['id', 'email', 'password_hash'])
      .where('email', '=', 'sara.sekretaer@kk.dk')
      .executeTakeFirstOrThrow();
    expect(user.password_hash).toBeNull();
    const again = await signIn({ ...person, email: 'sara@kk.dk' });
    expect(again.res.status).toBe(303);
    const users = await t.db.selectFrom('user_identity').select('user_id').where('subject', '=', 'kk-1001').execute();
    expect(users).toEqual([{ user_id: user.id }]);
  });

  it('maps the housing organisation from a claim (short name or CVR) for an organisation role', async () => {
    const org = await t.db
      .insertInto('organisation')
      .values({ name: 'Boligselskabet Test', short_name: 'BST', cvr: '12345678' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const byName = await signIn({
      sub: 'kk-8008',
      email: 'bo@bst.dk',
      email_verified: true,
      name: 'Bo',
      groups: ['helhed-bolig'],
      org: 'bst',
    });
    expect(byName.res.status).toBe(303);
    const byCvr = await signIn({
      sub: 'kk-8009',
      email: 'cv@bst.dk',
      email_verified: true,
      name: 'Cv',
      groups: ['helhed-bolig'],
      org: '12345678',
    });
    expect(byCvr.res.status).toBe(303);
    const grants = await t.db
      .selectFrom('role_grant as g')
      .innerJoin('app_user as u', 'u.id', 'g.user_id')
      .select(['u.email', 'g.role', 'g.organisation_id'])
      .where('u.email', 'in', ['bo@bst.dk', 'cv@bst.dk'])
      .orderBy('u.email')
      .execute();
    expect(grants).toEqual([
      { email: 'bo@bst.dk', role: 'organisation', organisation_id: org.id },
      { email: 'cv@bst.dk', role: 'organisation', organisation_id: org.id },
    ]);
  });

  it('links an existing user by verified e-mail and refuses an unverified one', async () => {
    const u = await makeUser(t.db, { email: 'eksisterende@kk.dk', grants: [{ role: 'lbf' }] });
    const ok = await signIn({ sub: 'kk-2002', email: 'eksisterende@kk.dk', email_verified: true, name: 'E' });
    expect(ok.res.status).toBe(303);
    expect(
      (await t.db.selectFrom('user_identity').select('user_id').where('subject', '=', 'kk-2002').executeTakeFirstOrThrow()).user_id,
    ).toBe(u.id);
    const before = await sessions();
    const unverified = await signIn({ sub: 'kk-2003', email: 'uverificeret@kk.dk', email_verified: false, name: 'U' });
    await expectRefused(unverified.res, 'bekræftet e-mailadresse');
    expect(await sessions()).toBe(before);
  });

  it('creates a user without a mapped role as waiting, and an administrator approves them with a role', async () => {
    const { res } = await signIn({ sub: 'kk-3003', email: 'ny@boligselskab.dk', email_verified: true, name: 'Nina Ny', groups: ['andet'] });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/afventer-godkendelse');
    const user = await t.db.selectFrom('app_user').select('id').where('email', '=', 'ny@boligselskab.dk').executeTakeFirstOrThrow();
    const admin = await t.as([{ role: 'admin' }]);
    const list = await (await t.request('/admin/brugere', { session: admin })).text();
    expect(list).toContain('Nina Ny');
    const refused = await t.request(`/admin/brugere/${user.id}/godkend`, { session: admin, form: { role: 'municipal' } });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Vælg forvaltningen');
    const approved = await t.request(`/admin/brugere/${user.id}/godkend`, {
      session: admin,
      form: { role: 'municipal', administration: 'SOF' },
    });
    expect(approved.status).toBe(303);
    expect(await t.db.selectFrom('user_approval').selectAll().where('user_id', '=', user.id).execute()).toEqual([]);
    const grants = await t.db.selectFrom('role_grant').select(['role', 'administration']).where('user_id', '=', user.id).execute();
    expect(grants).toEqual([{ role: 'municipal', administration: 'SOF' }]);
    const other = await t.as([{ role: 'secretariat' }]);
    expect((await t.request('/admin/brugere', { session: other })).status).toBe(403);
  });

  it('refuses an ID token issued to another client (wrong audience): Danish message, no session', async () => {
    const before = await sessions();
    const { res } = await signIn(
      { sub: 'kk-4004', email: 'aud@kk.dk', email_verified: true, name: 'A', groups: ['helhed-sekretariat'] },
      { aud: 'en-anden-klient' },
    );
    await expectRefused(res, 'kunne ikke godkendes');
    expect(await sessions()).toBe(before);
    expect(await t.db.selectFrom('app_user').select('id').where('email', '=', 'aud@kk.dk').execute()).toEqual([]);
  });

  it('refuses an expired ID token: Danish message, no session', async () => {
    const before = await sessions();
    const past = Math.floor(Date.now() / 1000) - 3600;
    const { res } = await signIn(
      { sub: 'kk-5005', email: 'exp@kk.dk', email_verified: true, name: 'X', groups: ['helhed-sekretariat'] },
      { iat: past - 300, exp: past },
    );
    await expectRefused(res, 'kunne ikke godkendes');
    expect(await sessions()).toBe(before);
  });

  it('refuses a replayed state (the same callback twice with the same cookie), and a callback without the flow cookie', async () => {
    const first = await signIn({ sub: 'kk-6006', email: 'replay@kk.dk', email_verified: true, name: 'R', groups: ['helhed-sekretariat'] });
    expect(first.res.status).toBe(303);
    const before = await sessions();
    const calls = fake.tokenCalls;
    await expectRefused(await callback(first.cb, first.flow), 'allerede brugt');
    expect(await sessions()).toBe(before);
    expect(fake.tokenCalls).toBe(calls);
    const { flow, auth } = await begin();
    const cb = fake.authorize(auth, { sub: 'kk-6007', email: 'nocookie@kk.dk', email_verified: true });
    await expectRefused(await t.request(cb.pathname + cb.search), 'allerede brugt');
    // The flow is still there for its own browser: a wrong state with the right cookie is refused too.
    const wrong = new URL(cb);
    wrong.searchParams.set('state', 'forkert');
    await expectRefused(await callback(wrong, flow), 'allerede brugt');
    expect(await sessions()).toBe(before);
  });

  it('logs out at the provider after ending the Helhed session', async () => {
    const { res } = await signIn({ sub: 'kk-7007', email: 'ud@kk.dk', email_verified: true, name: 'U', groups: ['helhed-tmf'] });
    const token = /helhed_session=([\w-]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1] ?? '';
    const csrf = (await t.db.selectFrom('session').select('csrf_token').orderBy('created_at', 'desc').executeTakeFirstOrThrow()).csrf_token;
    const before = await sessions();
    const out = await t.request('/logout', { form: { _csrf: csrf }, headers: { cookie: `helhed_session=${token}` } });
    expect(out.status).toBe(200);
    const body = await out.text();
    expect(body).toContain('Du er logget ud af Helhed');
    const to = /id="provider-logout" href="([^"]+)"|href="([^"]+)"[^>]*id="provider-logout"/.exec(body);
    const url = new URL((to?.[1] ?? to?.[2] ?? '').replaceAll('&amp;', '&'));
    expect(url.origin + url.pathname).toBe(`${fake.issuer}/logout`);
    expect(url.searchParams.get('id_token_hint')).toBeTruthy();
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe('http://helhed.test/logget-ud');
    expect(await sessions()).toBe(before - 1);
    expect(await (await t.request('/', { headers: { cookie: `helhed_session=${token}` } })).text()).not.toContain('Log af');
  });

  it('turns local passwords off with LOCAL_LOGIN=0 (outside demo mode)', async () => {
    const t2 = await createTestApp({
      env: { LOCAL_LOGIN: '0', OIDC_PROVIDERS: providersEnv({ id: 'kk', label: 'KK', issuer: fake.issuer, clientId: 'helhed' }) },
      oidcTest: { allowInsecureHttp: true },
    });
    try {
      const page = await t2.request('/login');
      const csrf = /helhed_csrf=([^;]+)/.exec(page.headers.get('set-cookie') ?? '')?.[1] ?? '';
      const html = await page.text();
      expect(html).toContain('Log ind med KK');
      expect(html).not.toContain('name="password"');
      const res = await t2.request('/login', {
        form: { _csrf: csrf, email: 'x@kk.dk', password: 'whatever-123' },
        headers: { cookie: `helhed_csrf=${csrf}` },
      });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain('slået fra');
    } finally {
      await t2.close();
    }
  });
});
