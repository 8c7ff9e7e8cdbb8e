import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';
import { makeOrganisation } from '../../support/factories.ts';
import { activePlan } from '../changes/support.ts';

/** 3 December 2026: the 2026 report was submitted before the year ended. */
const NOW = new Date('2026-12-03T10:00:00Z');

describeDb('R6 a yearly report goes to LBF after its year, or early with an audited reason', () => {
  let t: TestApp;
  let planId: number;
  let leader: Session;
  let staff: Session;
  const api = (path: string, session: Session | null, json?: unknown, method = 'POST') =>
    t.request(`/api/v1${path}`, { method, session, json });
  const row = () =>
    t.db
      .selectFrom('report')
      .select(['state', 'version', 'snapshot', 'submitted_at'])
      .where('plan_id', '=', planId)
      .where('year', '=', 2026)
      .executeTakeFirstOrThrow();
  const writes = async () =>
    (await t.db.selectFrom('audit_log').select('id').where('plan_id', '=', planId).where('action', '<>', 'read').execute()).length;

  beforeAll(async () => {
    t = await createTestApp({ now: () => NOW });
    const party = (await makeOrganisation(t.db, { shortName: 'TIDLIG' })).id;
    planId = (await activePlan(t.db, { organisationIds: [party], districtNumber: 3 })).plan.id;
    leader = await t.as([{ role: 'project_leader', planId }], 'Projektleder');
    staff = await t.as([{ role: 'organisation', organisationId: party }], 'Forretningsfører');
    const narrative = {
      results: 'Flere i job.',
      challenges: 'Forældre.',
      adjustments: 'Mere.',
      nextFocus: 'Job.',
      residentInvolvement: 'Møder.',
    };
    let version = (
      await (
        await api(
          `/plans/${planId}/reports/2026/narrative`,
          leader,
          { version: 0, narrative, milestones: [{ dueOn: '2027-03-01', description: 'Jobmesse', responsible: 'Projektlederen' }] },
          'PUT',
        )
      ).json()
    ).version;
    version = (await (await api(`/plans/${planId}/reports/2026/transitions`, leader, { version, action: 'markReady' })).json()).version;
    const approved = await api(`/plans/${planId}/reports/2026/transitions`, staff, { version, action: 'approve' });
    expect(approved.status).toBe(200);
  });
  afterAll(() => t.close());

  it('R6 — the 2026 report cannot be submitted on 03.12.2026 without a reason; nothing is written', async () => {
    const before = { report: await row(), writes: await writes() };
    const res = await api(`/plans/${planId}/reports/2026/transitions`, staff, { version: before.report.version, action: 'submit' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await res.json()).errors.earlySubmissionReason).toBe(
      'Årsrapporten for 2026 kan først indsendes, når året er slut (fra 01.01.2027). Skal den indsendes før, så skriv begrundelsen for den tidlige indsendelse.',
    );
    expect({ report: await row(), writes: await writes() }).toEqual(before);
    expect(before.report).toMatchObject({ state: 'approved', snapshot: null, submitted_at: null });
  });

  it('R6 — the page asks for the reason, says why a submit without one is refused, and keeps the input', async () => {
    const page = await (await t.request(`/planer/${planId}/rapporter/2026`, { session: staff })).text();
    expect(page).toContain('Begrundelse for at indsende før 2026 er slut');
    const { version } = await row();
    const refused = await t.request(`/planer/${planId}/rapporter/2026/submit`, {
      session: staff,
      form: { version: String(version), earlySubmissionReason: '   ' },
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Årsrapporten for 2026 kan først indsendes, når året er slut');
    expect((await row()).state).toBe('approved');
  });

  it('R6 — with a reason the early submission goes through, and the reason is in the audit record', async () => {
    const { version } = await row();
    const reason = 'Planen slutter 31.12.2026, og Landsbyggefonden har bedt om rapporten før nytår.';
    const res = await api(`/plans/${planId}/reports/2026/transitions`, staff, { version, action: 'submit', earlySubmissionReason: reason });
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await row()).state).toBe('submitted');
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'changes'])
      .where('plan_id', '=', planId)
      .where('entity_type', '=', 'report')
      .where('action', '=', 'submit')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.changes)).toContain(reason);
  });
});
