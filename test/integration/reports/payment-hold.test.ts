import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';
import { makeOrganisation, makePlan } from '../../support/factories.ts';

describeDb('R6 LBF holds back payment while a report is late', () => {
  let t: TestApp;
  let lbf: Session;
  let party: Session;
  let outsider: Session;
  let planId: number;
  beforeAll(async () => {
    t = await createTestApp();
    const org = (await makeOrganisation(t.db)).id;
    const other = (await makeOrganisation(t.db)).id;
    lbf = await t.as([{ role: 'lbf' }], 'Lars Landsbyggefonden');
    party = await t.as([{ role: 'organisation', organisationId: org }], 'Part');
    outsider = await t.as([{ role: 'organisation', organisationId: other }], 'Udenfor');
    planId = (await makePlan(t.db, { organisationIds: [org], state: 'active', name: 'Helhedsplan Forsinket' })).plan.id;
  });
  afterAll(() => t.close());

  it('R6 LBF records a hold for a late report; the plan page and the front page show it; only LBF may record and release', async () => {
    expect((await t.request(`/planer/${planId}/betalingsstop`, { session: party, form: { year: '2025' } })).status).toBe(403);
    // A report that is not late: refused next to the field, the input kept, nothing written.
    const notLate = await t.request(`/planer/${planId}/betalingsstop`, { session: lbf, form: { year: '2026', reason: 'For tidligt' } });
    expect(notLate.status).toBe(400);
    const refused = await notLate.text();
    expect(refused).toContain('Årsrapporten 2026 er ikke forsinket (fristen er 30.06.2027)');
    expect(refused).toMatch(/id="hold-year-error"/);
    expect(refused).toContain('For tidligt');
    expect(await t.db.selectFrom('payment_hold').select('id').execute()).toEqual([]);
    const res = await t.request(`/planer/${planId}/betalingsstop`, {
      session: lbf,
      form: { year: '2025', reason: 'Regnskab og målopfyldelsesskemaer mangler.' },
    });
    expect(res.status).toBe(303);
    const plan = await (await t.request(`/planer/${planId}`, { session: party })).text();
    expect(plan).toContain('Landsbyggefonden holder udbetalingen tilbage (årsrapport 2025)');
    expect(plan).toContain('Regnskab og målopfyldelsesskemaer mangler.');
    expect(plan).not.toContain('Frigiv udbetalingen');
    expect(await (await t.request('/', { session: lbf })).text()).toContain('Helhedsplan Forsinket</a>: årsrapport 2025 forsinket');
    expect(await (await t.request('/', { session: outsider })).text()).not.toContain('Helhedsplan Forsinket</a>: årsrapport');
    // The secretariat's desk lists it too.
    const secretariat = await t.as([{ role: 'secretariat' }], 'Sekretær');
    expect(await (await t.request('/styring/sekretariat', { session: secretariat })).text()).toContain(
      'Helhedsplan Forsinket</a>: årsrapport 2025 er forsinket',
    );
    const hold = await t.db.selectFrom('payment_hold').select(['id', 'version']).executeTakeFirstOrThrow();
    const release = (s: Session, version: number) =>
      t.request(`/planer/${planId}/betalingsstop/${hold.id}/frigiv`, { session: s, form: { version: String(version) } });
    expect((await release(party, hold.version)).status).toBe(403);
    // A stale version is a conflict, not a release.
    expect((await release(lbf, hold.version + 1)).status).toBe(409);
    expect((await release(lbf, hold.version)).status).toBe(303);
    expect(await (await t.request(`/planer/${planId}`, { session: party })).text()).toContain('frigivet 22.11.2026');
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'payment_hold').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'release']);
  });

  it('R6 the API records, lists and releases a hold with the same rules; bad input is a 4xx problem', async () => {
    const { plan } = await makePlan(t.db, { organisationIds: [(await makeOrganisation(t.db)).id], state: 'active', name: 'API-plan' });
    const post = (s: Session, json: unknown) => t.request(`/api/v1/plans/${plan.id}/payment-holds`, { method: 'POST', session: s, json });
    expect((await post(party, { year: 2025 })).status).toBe(403);
    const bad = await post(lbf, { year: 'x' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors.year).toBe('Vælg årsrapportens år.');
    const notLate = await post(lbf, { year: 2026 });
    expect(notLate.status).toBe(400);
    expect((await notLate.json()).errors.year).toContain('er ikke forsinket');
    const made = await post(lbf, { year: 2025, reason: 'Mangler' });
    expect(made.status).toBe(201);
    const { id } = await made.json();
    expect((await post(lbf, { year: 2025 })).status).toBe(400);
    const list = await (await t.request(`/api/v1/plans/${plan.id}/payment-holds`, { session: lbf })).json();
    expect(list).toMatchObject([{ id, year: 2025, reason: 'Mangler', releasedOn: null, version: 1 }]);
    const rel = (version: number) => t.request(`/api/v1/payment-holds/${id}/release`, { method: 'POST', session: lbf, json: { version } });
    expect((await rel(7)).status).toBe(409);
    expect((await rel(1)).status).toBe(200);
    expect((await (await t.request(`/api/v1/plans/${plan.id}/payment-holds`, { session: lbf })).json())[0].releasedOn).toBe('2026-11-22');
    expect((await rel(2)).status).toBe(400);
  });
});
