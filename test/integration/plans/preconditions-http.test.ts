import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../support/app.ts';
import { chairFor, planInArea } from '../../support/cooperation.ts';
import { describeDb } from '../../support/db.ts';
import { fundingPeriodId, makeBudget, makeEstate, makeOrganisation, makePlan } from '../../support/factories.ts';

/** The day the reproducers were found: 3 December 2026. */
const NOW = new Date('2026-12-03T10:00:00Z');

describeDb('R1 R5 preconditions of the approval chain over HTTP: refused with a Danish reason, nothing written', () => {
  let t: TestApp;
  let tmf: Session;
  const api = (path: string, session: Session | null, json?: unknown, method = 'POST') =>
    t.request(`/api/v1${path}`, { method, session, json });
  const planRow = (id: number) => t.db.selectFrom('plan').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const written = async (id: number) => ({
    plan: await planRow(id),
    transitions: (await t.db.selectFrom('plan_transition').select('id').where('plan_id', '=', id).execute()).length,
    // Writes only: showing a page that lists the call list records that someone read it.
    audits: (await t.db.selectFrom('audit_log').select('id').where('plan_id', '=', id).where('action', '<>', 'read').execute()).length,
  });
  const transition = async (id: number, json: Record<string, unknown>, session = tmf) =>
    api(`/plans/${id}/transitions`, session, { version: (await planRow(id)).version, ...json });
  const refusedWith = async (res: Response, text: string) => {
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const all = Object.values((await res.json()).errors as Record<string, string>).join(' ');
    expect(all).toContain(text);
    expect(all).not.toMatch(/\bR\d+\b/);
  };
  /** A 2019-26 plan written, its committee step recorded on `committeeOn`, ready for the Council's appropriation. */
  const awaitingCouncil = async (committeeOn = '2026-05-04') => {
    const { planId } = await planInArea(t.db, 'Nørrebro');
    expect(
      (await transition(planId, { action: 'recordApprovalStep', stepKey: 'committee', decisionDate: committeeOn, caseNumber: 'TMU-1' }))
        .status,
    ).toBe(200);
    return planId;
  };
  const council = (planId: number, amountOre: number, decisionDate = '2026-06-10') =>
    transition(planId, { action: 'recordApprovalStep', stepKey: 'appropriation', decisionDate, caseNumber: 'BR-1', amountOre });

  beforeAll(async () => {
    t = await createTestApp({ now: () => NOW });
    tmf = await t.as([{ role: 'municipal', administration: 'TMF' }], 'Tina Teknik');
    await chairFor(t.db, 'bydel-noerrebro');
  });
  afterAll(() => t.close());

  it('R1 — the Council step refuses 25 mio. kr. of municipal co-financing for an 8 mio. kr. plan', async () => {
    const planId = await awaitingCouncil();
    await makeBudget(t.db, planId, { frameOre: 800_000_000 });
    const before = await written(planId);
    await refusedWith(
      await council(planId, 2_500_000_000),
      'Den kommunale medfinansiering skal svare til kommunens andel i planens budget (1.000.000,00 kr. af en ramme på 8.000.000,00 kr.), men der er angivet 25.000.000,00 kr.',
    );
    expect(await written(planId)).toEqual(before);
    // The budget's municipal share is accepted.
    expect(await (await council(planId, 100_000_000)).json()).toEqual({ state: 'municipal_approval' });
  });

  it('R5 — the Council step needs a budget at all; the page keeps the input and says why', async () => {
    const planId = await awaitingCouncil();
    const before = await written(planId);
    await refusedWith(await council(planId, 100_000_000), 'Planen har endnu intet budget.');
    const page = await t.request(`/planer/${planId}/handling/recordApprovalStep`, {
      session: tmf,
      form: {
        version: String(before.plan.version),
        stepKey: 'appropriation',
        decisionDate: '2026-06-10',
        caseNumber: 'BR-77',
        amount: '1.000.000',
      },
    });
    expect(page.status).toBe(400);
    const html = await page.text();
    expect(html).toContain('Planen har endnu intet budget.');
    expect(html).toContain('value="BR-77"');
    expect(html).toContain('value="1.000.000"');
    expect(await written(planId)).toEqual(before);
  });

  it('R1 — the Council step needs a budget that satisfies the funding split, and names the breach', async () => {
    const planId = await awaitingCouncil();
    await makeBudget(t.db, planId, { frameOre: 800_000_000 });
    await t.db.updateTable('budget').set({ frame_ore: 900_000_000 }).where('plan_id', '=', planId).execute();
    const before = await written(planId);
    await refusedWith(await council(planId, 100_000_000), 'Budgettet skal overholde reglerne for finansiering');
    expect(await written(planId)).toEqual(before);
  });

  it('R5 — decision dates follow the chain: the appropriation not before the committee, LBF’s grant not before the Council; none in the future', async () => {
    const planId = await awaitingCouncil('2026-05-04');
    await makeBudget(t.db, planId, { frameOre: 800_000_000 });
    let before = await written(planId);
    await refusedWith(
      await council(planId, 100_000_000, '2026-05-01'),
      'Beslutningsdatoen 01.05.2026 ligger før Teknik- og Miljøudvalgets godkendelse og indstilling til LBF (04.05.2026)',
    );
    await refusedWith(await council(planId, 100_000_000, '2026-12-04'), 'Beslutningsdatoen 04.12.2026 ligger efter i dag (03.12.2026).');
    expect(await written(planId)).toEqual(before);
    expect((await council(planId, 100_000_000, '2026-06-10')).status).toBe(200);

    before = await written(planId);
    await refusedWith(
      await transition(planId, { action: 'recordGrant', decisionDate: '2026-06-01', caseNumber: 'LBF-1' }),
      'Beslutningsdatoen 01.06.2026 ligger før Borgerrepræsentationens bevilling af den kommunale andel (10.06.2026), som beslutningen bygger på.',
    );
    await refusedWith(
      await transition(planId, { action: 'recordGrant', decisionDate: '2027-01-05', caseNumber: 'LBF-1' }),
      'ligger efter i dag (03.12.2026)',
    );
    expect(await written(planId)).toEqual(before);
    expect((await transition(planId, { action: 'recordGrant', decisionDate: '2026-06-10', caseNumber: 'LBF-1' })).status).toBe(200);
  });

  it('R5 — a plan approved without a budget (earlier records) is neither granted nor made active', async () => {
    const org = (await makeOrganisation(t.db)).id;
    const { plan } = await makePlan(t.db, { organisationIds: [org], state: 'municipal_approval' });
    let before = await written(plan.id);
    await refusedWith(
      await transition(plan.id, { action: 'recordGrant', decisionDate: '2026-06-10', caseNumber: 'LBF-1' }),
      'Tilsagnet fra Landsbyggefonden kan ikke registreres, fordi planen ikke har noget budget.',
    );
    expect(await written(plan.id)).toEqual(before);

    const granted = await makePlan(t.db, { organisationIds: [org], state: 'granted' });
    await t.db.updateTable('plan').set({ grant_reference: 'LBF-9', grant_date: '2026-06-10' }).where('id', '=', granted.plan.id).execute();
    for (const step of ['committee', 'appropriation'])
      await t.db
        .insertInto('plan_transition')
        .values({
          plan_id: granted.plan.id,
          from_state: 'plan_written',
          to_state: 'plan_written',
          step_key: step,
          decision_date: '2026-05-04',
          actor_label: 'test',
        })
        .execute();
    before = await written(granted.plan.id);
    await refusedWith(
      await transition(granted.plan.id, { action: 'activate' }),
      'Planen kan ikke sættes i gang, fordi planen ikke har noget budget.',
    );
    expect(await written(granted.plan.id)).toEqual(before);
    // The plan page says why, next to the step.
    const page = await (await t.request(`/planer/${granted.plan.id}`, { session: tmf })).text();
    expect(page).toContain('Planen kan ikke sættes i gang, fordi planen ikke har noget budget.');
    await makeBudget(t.db, granted.plan.id, { frameOre: 800_000_000 });
    expect(await (await transition(granted.plan.id, { action: 'activate' })).json()).toEqual({ state: 'active' });
  });

  it('R5 — the form for a step is shown only to those who may record it', async () => {
    const planId = await awaitingCouncil();
    const org = (await t.db.selectFrom('plan').select('lead_organisation_id').where('id', '=', planId).executeTakeFirstOrThrow())
      .lead_organisation_id;
    const party = await t.as([{ role: 'organisation', organisationId: org }]);
    expect((await t.request(`/planer/${planId}/handling/recordApprovalStep`, { session: party })).status).toBe(403);
    const shown = await t.request(`/planer/${planId}/handling/recordApprovalStep`, { session: tmf });
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain('Planen har endnu intet budget.');
    // The plan page says why the Council's step cannot be recorded yet, beside the button.
    const steps = await (await t.request(`/planer/${planId}`, { session: tmf })).text();
    expect(steps.slice(steps.indexOf('id="next-steps"'))).toContain('Planen har endnu intet budget.');
  });

  it('R5 — the form to create a plan is shown only to those who may create one', async () => {
    const org = (await makeOrganisation(t.db)).id;
    const officer = await t.as([{ role: 'organisation', organisationId: org }]);
    const reader = await t.as([{ role: 'lbf' }]);
    expect((await t.request('/planer/ny', { session: officer })).status).toBe(200);
    expect(await (await t.request('/planer', { session: officer })).text()).toContain('Opret plan');
    expect((await t.request('/planer/ny', { session: reader })).status).toBe(403);
    expect(await (await t.request('/planer', { session: reader })).text()).not.toContain('Opret plan');
  });

  it('R1 — a budget reports all its problems in one answer: its own and every breach of the funding split', async () => {
    const org = (await makeOrganisation(t.db)).id;
    const session = await t.as([{ role: 'organisation', organisationId: org }]);
    const { plan } = await makePlan(t.db, { organisationIds: [org] });
    const res = await api(
      `/plans/${plan.id}/budget`,
      session,
      {
        version: 0,
        frameOre: 100_000_00,
        lines: [
          { name: 'Personale', kind: 'staff', perYear: { '2023': 50_000_00 } },
          { name: 'personale', kind: 'staff', perYear: { '2024': 40_000_00 } },
        ],
        funders: [
          { kind: 'lbf', name: 'LBF', amountOre: 90_000_00 },
          { kind: 'municipality', name: 'Kbh', amountOre: 10_000_00 },
        ],
      },
      'PUT',
    );
    expect(res.status).toBe(400);
    const errors = (await res.json()).errors as Record<string, string>;
    expect(errors.lines).toContain('Budgetlinjen »personale« står der to gange');
    expect(errors.lines).toContain('Budgetlinjerne summer til 90.000,00 kr., men planens ramme er 100.000,00 kr.');
    expect(errors.funders).toContain('Landsbyggefonden finansierer 90.000,00 kr. = 90,00 %');
    expect(errors.funders).toContain('Den lokale medfinansiering');
    expect(Object.values(errors).join(' ')).not.toMatch(/\bR\d+\b|kr\.\./);
    expect(await t.db.selectFrom('budget').select('plan_id').where('plan_id', '=', plan.id).executeTakeFirst()).toBeUndefined();
  });

  it('R2 — creating a plan reports every overlapping estate in one answer', async () => {
    const org = (await makeOrganisation(t.db)).id;
    const session = await t.as([{ role: 'organisation', organisationId: org }]);
    const estates = [];
    for (const name of ['Ørnevej', 'Lærkevej', 'Spurvevej'])
      estates.push(await makeEstate(t.db, { organisationId: org, name, districtNumber: 3 }));
    const existing = await makePlan(t.db, { organisationIds: [org], name: 'Helhedsplan Fuglekvarteret', state: 'active' });
    await t.db
      .insertInto('plan_estate')
      .values(estates.map((e) => ({ plan_id: existing.plan.id, estate_id: e.id })))
      .execute();
    const res = await api('/plans', session, {
      name: 'Ny plan',
      districtId: null,
      fundingPeriodId: await fundingPeriodId(t.db),
      startsOn: '2026-01-01',
      endsOn: '2029-12-31',
      leadOrganisationId: org,
      estateIds: estates.map((e) => e.id),
      problemDescription: 'Mange uden job.',
    });
    expect(res.status).toBe(400);
    const message = (await res.json()).errors.estateIds as string;
    for (const e of ['Ørnevej', 'Lærkevej', 'Spurvevej'])
      expect(message).toContain(`Afdelingen ${e} er allerede med i "Helhedsplan Fuglekvarteret" i en overlappende periode.`);
    expect(await t.db.selectFrom('plan').select('id').where('name', '=', 'Ny plan').execute()).toEqual([]);
  });
});
