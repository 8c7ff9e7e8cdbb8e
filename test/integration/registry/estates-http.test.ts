import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';
import { makeEstate, makeOrganisation } from '../../support/factories.ts';

describeDb('Registry over HTTP: estates', () => {
  let t: TestApp;
  let own: { id: number };
  let other: { id: number };
  let orgUser: Session;
  let secretariat: Session;

  beforeAll(async () => {
    t = await createTestApp();
    own = await makeOrganisation(t.db, { shortName: 'EGEN' });
    other = await makeOrganisation(t.db, { shortName: 'ANDEN' });
    orgUser = await t.as([{ role: 'organisation', organisationId: own.id }]);
    secretariat = await t.as([{ role: 'secretariat' }]);
  });
  afterAll(() => t.close());

  it('healthz names the backend and the migration level', async () => {
    const res = await t.request('/healthz');
    const body = await res.json();
    expect(body.database).toBe(t.kind);
    expect(body.migration).toBe(body.latestMigration);
  });

  it('refuses an anonymous API write with 401 problem+json', async () => {
    const res = await t.request('/api/v1/estates', { method: 'POST', json: { organisationId: own.id, number: 1, name: 'X' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('refuses an anonymous page write (no CSRF token, no session)', async () => {
    const res = await t.request('/afdelinger/ny', {
      form: { organisationId: String(own.id), number: '1', name: 'X', dwellings: '1', residents: '1' },
    });
    expect(res.status).toBe(403);
    expect(await t.db.selectFrom('estate').select('id').where('name', '=', 'X').execute()).toEqual([]);
  });

  it('answers bad API input with 400 and Danish field messages, never 500', async () => {
    const bad = await t.request('/api/v1/estates', {
      method: 'POST',
      session: orgUser,
      json: { organisationId: own.id, number: -1, name: '' },
    });
    expect(bad.status).toBe(400);
    const p = await bad.json();
    expect(p.errors.number).toMatch(/0 eller derover/);
    expect(p.errors.name).toMatch(/navn/);
    const garbage = await t.request('/api/v1/estates', {
      method: 'POST',
      session: orgUser,
      headers: { 'content-type': 'application/json' },
      json: undefined,
    });
    expect(garbage.status).toBe(400);
    expect((await t.request('/api/v1/estates/abc')).status).toBe(400);
    expect((await t.request('/api/v1/estates/999999')).status).toBe(404);
  });

  it('shows Danish messages next to the fields and keeps the input on a bad form', async () => {
    const res = await t.request('/afdelinger/ny', {
      session: orgUser,
      form: { organisationId: String(own.id), number: 'tolv', name: 'Min nye afdeling', dwellings: '10', residents: '' },
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Afdelingsnummeret skal være et helt tal');
    expect(html).toContain('Skriv antal beboere.');
    expect(html).toContain('value="Min nye afdeling"');
    expect(html).toContain('value="tolv"');
  });

  it('lets organisation staff create and edit their own estate, with audit records', async () => {
    const res = await t.request('/api/v1/estates', {
      method: 'POST',
      session: orgUser,
      json: { organisationId: own.id, number: 7, name: 'Egen afdeling', residents: 120 },
    });
    expect(res.status).toBe(201);
    const e = await res.json();
    const put = await t.request(`/api/v1/estates/${e.id}`, {
      method: 'PUT',
      session: orgUser,
      json: { organisationId: own.id, number: 7, name: 'Egen afdeling, omdøbt', residents: 130, version: e.version },
    });
    expect(put.status).toBe(200);
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'estate')
      .where('entity_id', '=', String(e.id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
    expect(audit[1]!.changes).toEqual(
      expect.arrayContaining([
        { field: 'name', before: 'Egen afdeling', after: 'Egen afdeling, omdøbt' },
        { field: 'residents', before: 120, after: 130 },
      ]),
    );
    expect(audit[1]!.actor_user_id).toBe(orgUser.actor.kind === 'user' ? orgUser.actor.id : null);
    const history = await t.request(`/historik/estate/${e.id}`, { session: orgUser });
    expect(await history.text()).toContain('Egen afdeling, omdøbt');
  });

  it("refuses organisation staff editing another organisation's estate — page and API", async () => {
    const theirs = await makeEstate(t.db, { organisationId: other.id, name: 'Deres afdeling' });
    const api = await t.request(`/api/v1/estates/${theirs.id}`, {
      method: 'PUT',
      session: orgUser,
      json: { organisationId: other.id, number: theirs.number, name: 'Kapret', version: 1 },
    });
    expect(api.status).toBe(403);
    expect((await api.json()).detail).toMatch(/egne medarbejdere/);
    const page = await t.request(`/afdelinger/${theirs.id}/rediger`, {
      session: orgUser,
      form: {
        organisationId: String(other.id),
        number: String(theirs.number),
        name: 'Kapret',
        dwellings: '1',
        residents: '1',
        version: '1',
      },
    });
    expect(page.status).toBe(403);
    expect(await page.text()).toContain('Du har ikke adgang');
    // Nor move one's own estate to the other organisation.
    const mine = await makeEstate(t.db, { organisationId: own.id });
    const move = await t.request(`/api/v1/estates/${mine.id}`, {
      method: 'PUT',
      session: orgUser,
      json: { organisationId: other.id, number: mine.number, name: mine.name, version: 1 },
    });
    expect(move.status).toBe(403);
    const unchanged = await t.db
      .selectFrom('estate')
      .select(['name', 'organisation_id'])
      .where('id', 'in', [theirs.id, mine.id])
      .orderBy('id')
      .execute();
    expect(unchanged).toEqual([
      { name: 'Deres afdeling', organisation_id: other.id },
      { name: mine.name, organisation_id: own.id },
    ]);
  });

  it('refuses a stale edit with the conflict page, keeps the input and overwrites nothing', async () => {
    const e = await makeEstate(t.db, { organisationId: own.id, name: 'Konfliktvej', residents: 100 });
    const first = await t.request(`/afdelinger/${e.id}/rediger`, {
      session: secretariat,
      form: {
        organisationId: String(own.id),
        number: String(e.number),
        name: 'Konfliktvej',
        dwellings: '100',
        residents: '111',
        version: '1',
      },
    });
    expect(first.status).toBe(303);
    const stale = await t.request(`/afdelinger/${e.id}/rediger`, {
      session: orgUser,
      form: {
        organisationId: String(own.id),
        number: String(e.number),
        name: 'Mit navn',
        dwellings: '100',
        residents: '100',
        version: '1',
      },
    });
    expect(stale.status).toBe(409);
    const html = await stale.text();
    expect(html).toContain('En anden har ændret oplysningerne');
    expect(html).toContain('Antal beboere');
    expect(html).toContain('111');
    expect(html).toContain('value="Mit navn"');
    expect(html).toContain('name="version" value="2"');
    const row = await t.db.selectFrom('estate').select(['name', 'residents', 'version']).where('id', '=', e.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: 'Konfliktvej', residents: 111, version: 2 });
    const api = await t.request(`/api/v1/estates/${e.id}`, {
      method: 'PUT',
      session: orgUser,
      json: { organisationId: own.id, number: e.number, name: 'API', version: 1 },
    });
    expect(api.status).toBe(409);
    const p = await api.json();
    expect(p.current.version).toBe(2);
    expect(p.changes).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'residents', theirs: 111 })]));
  });

  it('lists with filter, sort and paging', async () => {
    const org = await makeOrganisation(t.db, { shortName: 'SORT' });
    for (const name of ['Åbakken', 'Ærøhuse', 'Østerled', 'Bakkehuset', 'Aarhusgade'])
      await makeEstate(t.db, { organisationId: org.id, name });
    const res = await t.request(`/api/v1/estates?organisationId=${org.id}&sort=name&pageSize=3`);
    const body = await res.json();
    expect(body.total).toBe(5);
    expect(body.pageCount).toBe(2);
    expect(body.items.map((e: { name: string }) => e.name)).toEqual(['Aarhusgade', 'Bakkehuset', 'Ærøhuse']);
    const page2 = await (await t.request(`/api/v1/estates?organisationId=${org.id}&sort=name&pageSize=3&page=2`)).json();
    expect(page2.items.map((e: { name: string }) => e.name)).toEqual(['Østerled', 'Åbakken']);
    const html = await (await t.request(`/afdelinger?organisation=${org.id}&sort=name&dir=desc`)).text();
    expect(html.indexOf('Åbakken')).toBeLessThan(html.indexOf('Aarhusgade'));
  });

  it('maps a delete that other data depends on to 409, not 500', async () => {
    const org = await makeOrganisation(t.db);
    await makeEstate(t.db, { organisationId: org.id });
    const res = await t.request(`/api/v1/organisations/${org.id}?version=1`, { method: 'DELETE', session: secretariat });
    expect(res.status).toBe(409);
  });
});
