import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { areas, composeAreas } from '../../../src/areas/index.ts';
import { type NationalContext, rngFrom } from '../../../src/demo/national.ts';
import { reportingYears, reportsNationalStep } from '../../../src/demo/national-reports.ts';
import { narrativeSections } from '../../../src/domain/reports/index.ts';
import { pdfPool } from '../../../src/services/pdf.ts';
import { buildReport, type ReportSnapshot, snapshotHash } from '../../../src/services/reports/index.ts';
import { createTestApp, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';
import { makeBudget, makeOrganisation, makePlan, makeUser } from '../../support/factories.ts';

const sha = (b: ArrayBuffer) => createHash('sha256').update(new Uint8Array(b)).digest('hex');

describeDb('R6 the national data set’s yearly reports are made through the use cases', () => {
  let t: TestApp;
  let before: { audit: number; note: number };
  const plans: Record<'ended' | 'active' | 'unsampled' | 'draft', { id: number }> = {} as never;
  let orgs: { staffed: number; bare: number; bare2: number };

  beforeAll(async () => {
    t = await createTestApp();
    orgs = {
      staffed: (await makeOrganisation(t.db, { shortName: 'NAT1' })).id,
      bare: (await makeOrganisation(t.db, { shortName: 'NAT2' })).id,
      bare2: (await makeOrganisation(t.db, { shortName: 'NAT3' })).id,
    };
    await makeUser(t.db, { grants: [{ role: 'organisation', organisationId: orgs.staffed }], name: 'Forretningsfører NAT1' });
    const plan = async (state: string, startsOn: string, endsOn: string, period: string, organisationIds: number[]) => {
      const p = (await makePlan(t.db, { state, startsOn, endsOn, period, organisationIds })).plan;
      await makeBudget(t.db, p.id, { frameOre: 400_000_000 });
      const goal = await t.db
        .insertInto('goal')
        .values({ plan_id: p.id, title: 'Flere i job', description: '', sort: 0 })
        .returning('id')
        .executeTakeFirstOrThrow();
      const c = await t.db
        .insertInto('success_criterion')
        .values({
          plan_id: p.id,
          goal_id: goal.id,
          indicator_name: 'Andel i beskæftigelse',
          unit: '%',
          direction: 'increase',
          baseline_value: 40,
          baseline_date: `${Number(startsOn.slice(0, 4)) - 1}-12-31`,
          target_value: 55,
          target_date: endsOn,
          sort: 0,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await t.db
        .insertInto('measurement')
        .values({
          plan_id: p.id,
          criterion_id: c.id,
          value: 44,
          measured_on: `${startsOn.slice(0, 4)}-12-31`,
          source: 'Danmarks Statistik',
          recorded_by_label: 'Test',
        })
        .execute();
      return { id: p.id, state, startsOn, endsOn };
    };
    // In the order the step counts the plans that have run: the first is in the sample (every year), the second is
    // active (its last two years), the third is neither.
    const ended = await plan('ended', '2015-01-01', '2018-12-31', '2015-18', [orgs.bare]);
    const active = await plan('active', '2019-01-01', '2022-12-31', '2019-26', [orgs.staffed, orgs.bare2]);
    const unsampled = await plan('ended', '2016-01-01', '2019-12-31', '2015-18', [orgs.staffed]);
    const draft = await plan('draft', '2019-01-01', '2022-12-31', '2019-26', [orgs.staffed]);
    Object.assign(plans, { ended, active, unsampled, draft });
    const max = async (table: 'audit_log' | 'notification') =>
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.max('id').as('id'))
          .executeTakeFirst()
      )?.id ?? 0;
    before = { audit: await max('audit_log'), note: await max('notification') };
    const n = {
      rng: rngFrom(2026),
      hooks: composeAreas(areas).hooks,
      organisationIds: Object.values(orgs),
      plans: [ended, active, draft, unsampled].map((p) => ({ ...p, periodCode: '', districtId: 0, organisationIds: [], estateIds: [] })),
    } as unknown as NationalContext;
    await t.db.transaction().execute((trx) => reportsNationalStep.run(trx, n));
  });
  afterAll(() => t.close());

  const reports = () => t.db.selectFrom('report').selectAll().orderBy('plan_id').orderBy('year').orderBy('revision').execute();

  it('R6 — every year of a sampled plan, an active plan’s last two years, nothing for the rest', async () => {
    expect(reportingYears({ state: 'ended', startsOn: '2015-01-01', endsOn: '2018-12-31' }, 0)).toEqual([2015, 2016, 2017, 2018]);
    expect(reportingYears({ state: 'active', startsOn: '2019-01-01', endsOn: '2022-12-31' }, 1)).toEqual([2021, 2022]);
    expect(reportingYears({ state: 'ended', startsOn: '2016-01-01', endsOn: '2019-12-31' }, 2)).toEqual([]);
    expect(reportingYears({ state: 'granted', startsOn: '2019-01-01', endsOn: '2022-12-31' }, 10)).toEqual([]);
    const rows = await reports();
    const latest = new Map(rows.map((r) => [`${r.plan_id}:${r.year}`, r]));
    for (const year of [2015, 2016, 2017, 2018])
      expect(['submitted', 'acknowledged']).toContain(latest.get(`${plans.ended.id}:${year}`)?.state);
    expect(['submitted', 'acknowledged']).toContain(latest.get(`${plans.active.id}:2021`)?.state);
    // The active plan's last year is still open for some plans: any state short of superseded, or not begun.
    const open = latest.get(`${plans.active.id}:2022`);
    if (open) expect(['draft', 'ready', 'approved', 'submitted', 'acknowledged']).toContain(open.state);
    expect(rows.filter((r) => r.plan_id === plans.unsampled.id || r.plan_id === plans.draft.id)).toEqual([]);
    // Superseded revisions are followed by a frozen revision 2.
    for (const r of rows.filter((x) => x.state === 'superseded'))
      expect(latest.get(`${r.plan_id}:${r.year}`)).toMatchObject({ revision: 2, previous_id: r.id });
  });

  it('R6 — a submitted report’s snapshot and hash are what a submission freezes: the report assembled from the data', async () => {
    const frozen = (await reports()).filter((r) => r.snapshot);
    expect(frozen.length).toBeGreaterThanOrEqual(5);
    for (const r of frozen) {
      const s = r.snapshot as ReportSnapshot;
      expect(r.content_hash).toBe(snapshotHash(s));
      expect(s).toMatchObject({ planId: r.plan_id, year: r.year, revision: r.revision });
      expect(s.content).toEqual(JSON.parse(JSON.stringify(await buildReport(t.db, r.plan_id, r.year))));
      expect(s.content.goals[0]!.criteria[0]!.indicator).toBe('Andel i beskæftigelse');
      for (const [k] of narrativeSections) expect(s.narrative[k]).not.toBe('');
      expect(s.milestones!.length).toBeGreaterThan(0);
      for (const m of s.milestones!) expect(m.dueOn.slice(0, 4)).toBe(String(r.year + 1));
    }
  });

  it('R7 — the lead organisation writes and sends its reports (an organisation without staff gets one), LBF acknowledges', async () => {
    const staff = await t.db
      .selectFrom('role_grant as g')
      .innerJoin('app_user as u', 'u.id', 'g.user_id')
      .select(['g.organisation_id', 'u.name'])
      .where('g.role', '=', 'organisation')
      .orderBy('g.organisation_id')
      .execute();
    expect(staff.map((s) => s.organisation_id)).toEqual([orgs.staffed, orgs.bare, orgs.bare2]);
    const staffOf = new Map(staff.map((s) => [s.organisation_id, s.name]));
    for (const r of (await reports()).filter((x) => x.submitted_at)) {
      const lead = r.plan_id === plans.ended.id ? orgs.bare : orgs.staffed;
      expect(r.submitted_by_label).toBe(staffOf.get(lead));
      if (r.acknowledged_at) expect(r.acknowledged_by_label).toBe('Landsbyggefonden (national)');
    }
  });

  it('R6 — the history is dated to the day of each step; its messages were mailed and read then', async () => {
    const rows = await reports();
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('id', '>', before.audit)
      .where('entity_type', '=', 'report')
      .execute();
    expect(audit.length).toBeGreaterThan(rows.length);
    const byId = new Map(rows.map((r) => [String(r.id), r]));
    for (const a of audit) {
      const r = byId.get(a.entity_id)!;
      const day = { markReady: r.ready_at, approve: r.approved_at, submit: r.submitted_at, acknowledge: r.acknowledged_at }[
        a.action as 'submit'
      ];
      if (day) expect(a.at).toEqual(day);
      expect(a.at.getUTCFullYear()).toBeLessThanOrEqual(2024);
      expect(a.at.getUTCFullYear()).toBeGreaterThan(r.year);
    }
    const notes = await t.db.selectFrom('notification').selectAll().where('id', '>', before.note).execute();
    expect(notes.length).toBeGreaterThan(0);
    for (const m of notes) {
      expect(m.created_at.getUTCFullYear()).toBeLessThanOrEqual(2024);
      expect(m.emailed_at).toEqual(m.created_at);
      expect(m.read_at).toEqual(m.created_at);
    }
  });

  it('R6 — a generated submitted report’s PDF is made from its snapshot once and then kept', async () => {
    const secretariat = await t.as([{ role: 'secretariat' }], 'Sekretariat');
    const url = `/planer/${plans.ended.id}/rapporter/2018/rapport.pdf`;
    const layouts = pdfPool.layouts;
    const first = await t.request(url, { session: secretariat });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/pdf');
    const again = await t.request(url, { session: secretariat });
    expect(sha(await again.arrayBuffer())).toBe(sha(await first.arrayBuffer()));
    expect(pdfPool.layouts - layouts).toBe(1);
  });
});
