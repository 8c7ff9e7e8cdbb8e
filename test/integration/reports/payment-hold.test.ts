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
    const notLate = await t.request(`/planer/${planId}/betalingsstop`, { session: lbf, form: { year: '2026' } });
    expect(notLate.status).toBe(303);
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
    const hold = await t.db.selectFrom('payment_hold').select('id').executeTakeFirstOrThrow();
    expect((await t.request(`/planer/${planId}/betalingsstop/${hold.id}/frigiv`, { session: party, form: {} })).status).toBe(403);
    expect((await t.request(`/planer/${planId}/betalingsstop/${hold.id}/frigiv`, { session: lbf, form: {} })).status).toBe(303);
    expect(await (await t.request(`/planer/${planId}`, { session: party })).text()).toContain('frigivet 22.11.2026');
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'payment_hold').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'release']);
  });
});
