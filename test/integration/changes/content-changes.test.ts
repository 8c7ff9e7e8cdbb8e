import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../../src/db/database.ts';
import { createTestApp, type Session, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';
import { makeOrganisation } from '../../support/factories.ts';
import { activePlan, bodyId, seat } from './support.ts';

/** A goal with one success criterion and a sub-agreement with one activity, in a plan. */
async function content(db: Db, planId: number) {
  const plan = await db.selectFrom('plan').select('funding_period_id').where('id', '=', planId).executeTakeFirstOrThrow();
  const area = await db
    .selectFrom('focus_area')
    .select('id')
    .where('funding_period_id', '=', plan.funding_period_id)
    .executeTakeFirstOrThrow();
  const goal = await db
    .insertInto('goal')
    .values({ plan_id: planId, challenge_id: null, title: 'Flere i job', description: 'Beskæftigelsen skal op' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const criterion = await db
    .insertInto('success_criterion')
    .values({
      plan_id: planId,
      goal_id: goal.id,
      indicator_name: 'Andel i beskæftigelse',
      unit: '%',
      direction: 'increase',
      baseline_value: 52,
      baseline_date: '2023-01-01',
      target_value: 60,
      target_date: '2026-12-31',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const sub = await db
    .insertInto('sub_agreement')
    .values({ plan_id: planId, focus_area_id: area.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  const activity = await db
    .insertInto('activity')
    .values({ plan_id: planId, sub_agreement_id: sub.id, title: 'Jobcafé', description: 'To dage om ugen' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { goal: goal.id, criterion: criterion.id, activity: activity.id };
}

describeDb('Goals, success criteria and activities edited through change requests (R3, R4, R6, R11)', () => {
  let t: TestApp;
  let party: number;
  let leader: Session;
  let partyMember: Session;
  let lbf: Session;
  const api = (path: string, session: Session | null, json?: unknown, method = 'POST') =>
    t.request(`/api/v1${path}`, { method, session, json });

  beforeAll(async () => {
    t = await createTestApp();
    party = (await makeOrganisation(t.db, { shortName: 'PARTEN' })).id;
    leader = await t.as([{ role: 'organisation', organisationId: party }], 'Projektleder Parten');
    partyMember = await t.as([{ role: 'organisation', organisationId: party }], 'Medlem for parten');
    lbf = await t.as([{ role: 'lbf' }], 'Landsbyggefonden');
    await seat(t.db, await bodyId(t.db, 'bydel-noerrebro'), {
      userId: partyMember.actor.kind === 'user' ? partyMember.actor.id : null,
      organisationId: party,
    });
  });
  afterAll(() => t.close());

  it('R4 the form changes a goal’s name and a criterion’s target in one request; approved and granted by LBF, the plan and its history show both', async () => {
    const p = await activePlan(t.db, { organisationIds: [party], districtNumber: 3 });
    const c = await content(t.db, p.plan.id);
    const form = await (await t.request(`/planer/${p.plan.id}/aendringer/ny?type=strategic_agreement`, { session: leader })).text();
    expect(form).toContain('Målets nye navn');
    const empty = await t.request(`/planer/${p.plan.id}/aendringer/ny`, {
      session: leader,
      form: { kind: 'strategic_agreement', requestTitle: 'Intet', justification: 'x', criterionId: '', goalId: '' },
    });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Ændringsanmodningen skal indeholde mindst én ændring.');

    const res = await t.request(`/planer/${p.plan.id}/aendringer/ny`, {
      session: leader,
      form: {
        kind: 'strategic_agreement',
        requestTitle: 'Skarpere mål',
        justification: 'Evalueringen',
        criterionId: String(c.criterion),
        targetValue: '65,5',
        targetDate: '2026-12-31',
        goalId: String(c.goal),
        goalTitle: 'Flere i job og uddannelse',
        goalDescription: '',
      },
    });
    expect(res.status, await res.clone().text()).toBe(303);
    const id = Number(res.headers.get('location')!.split('/').at(-1));
    const detail = await (await api(`/change-requests/${id}`, leader, undefined, 'GET')).json();
    expect(detail.lines).toEqual([
      { what: 'Succeskriterium «Andel i beskæftigelse»', field: 'Målværdi', before: '60', after: '65,5' },
      { what: 'Mål «Flere i job»', field: 'Mål', before: 'Flere i job', after: 'Flere i job og uddannelse' },
    ]);
    expect(
      (await api(`/change-requests/${id}/submit`, leader, { version: 1, mode: 'written', writtenDeadline: '2026-12-15' })).status,
    ).toBe(200);
    const approved = await api(`/change-requests/${id}/approve`, partyMember, { version: 2, note: '' });
    expect((await approved.json()).state).toBe('awaiting_lbf');
    const granted = await api(`/change-requests/${id}/lbf-approval`, lbf, { version: 3, decisionDate: '2026-11-20', reference: 'LBF 1' });
    expect(granted.status, await granted.clone().text()).toBe(200);

    const goal = await t.db.selectFrom('goal').select(['title', 'description']).where('id', '=', c.goal).executeTakeFirstOrThrow();
    expect(goal).toEqual({ title: 'Flere i job og uddannelse', description: 'Beskæftigelsen skal op' });
    const crit = await t.db.selectFrom('success_criterion').select('target_value').where('id', '=', c.criterion).executeTakeFirstOrThrow();
    expect(Number(crit.target_value)).toBe(65.5);
    const page = await (await t.request(`/planer/${p.plan.id}`, { session: leader })).text();
    expect(page).toContain('65,5 % (31.12.2026)');
    expect(page).toContain('Mål: Flere i job og uddannelse');
    const history = await (await t.request(`/historik/plan/${p.plan.id}`, { session: lbf })).text();
    expect(history).toContain('Succeskriterium «Andel i beskæftigelse» – Målværdi: 60 → 65,5');
    expect(history).toContain('Mål «Flere i job» – Mål: Flere i job → Flere i job og uddannelse');
  });

  it('R10 an activity’s content is changed by the district board’s decision alone; a criterion of another plan is refused', async () => {
    const p = await activePlan(t.db, { organisationIds: [party], districtNumber: 3 });
    const c = await content(t.db, p.plan.id);
    const before = { title: 'Jobcafé', description: 'To dage om ugen', targetGroup: '', startsOn: null, endsOn: null };
    const res = await api(`/plans/${p.plan.id}/change-requests`, leader, {
      kind: 'activity_content',
      title: 'Jobcaféen udvides',
      justification: 'Flere kommer',
      edits: [{ op: 'updateActivity', activityId: c.activity, before, after: { ...before, description: 'Hver dag' } }],
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const { id } = await res.json();
    expect(
      (await api(`/change-requests/${id}/submit`, leader, { version: 1, mode: 'written', writtenDeadline: '2026-12-15' })).status,
    ).toBe(200);
    expect((await (await api(`/change-requests/${id}/approve`, partyMember, { version: 2, note: '' })).json()).state).toBe('applied');
    const a = await t.db.selectFrom('activity').select('description').where('id', '=', c.activity).executeTakeFirstOrThrow();
    expect(a.description).toBe('Hver dag');
    const history = await (await t.request(`/historik/plan/${p.plan.id}`, { session: lbf })).text();
    expect(history).toContain('Aktivitet «Jobcafé» – Beskrivelse: To dage om ugen → Hver dag');

    const other = await activePlan(t.db, { organisationIds: [party], districtNumber: 3 });
    const foreign = await content(t.db, other.plan.id);
    const refused = await api(`/plans/${p.plan.id}/change-requests`, leader, {
      kind: 'strategic_agreement',
      title: 'Fremmed',
      justification: 'x',
      edits: [
        {
          op: 'updateCriterion',
          criterionId: foreign.criterion,
          before: { targetValue: 60, targetDate: '2026-12-31' },
          after: { targetValue: 70, targetDate: '2026-12-31' },
        },
      ],
    });
    expect(refused.status).toBe(400);
    expect((await refused.json()).errors.criterionId).toBe(`Succeskriteriet med id ${foreign.criterion} hører ikke til planen.`);
  });
});
