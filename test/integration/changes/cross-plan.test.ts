import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/db/database.ts';
import { createTestApp, type Session, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';
import { makeOrganisation } from '../../support/factories.ts';
import { activePlan, bodyId, requestRow, seat } from './support.ts';

/** A sub-agreement with one activity, and a goal, in a plan (the content a change request may name). */
async function content(db: Db, planId: number, label: string) {
  const plan = await db.selectFrom('plan').select('funding_period_id').where('id', '=', planId).executeTakeFirstOrThrow();
  const area = await db
    .selectFrom('focus_area')
    .select('id')
    .where('funding_period_id', '=', plan.funding_period_id)
    .orderBy('sort')
    .executeTakeFirstOrThrow();
  const sub = await db
    .insertInto('sub_agreement')
    .values({ plan_id: planId, focus_area_id: area.id, summary: label })
    .returning('id')
    .executeTakeFirstOrThrow();
  const goal = await db
    .insertInto('goal')
    .values({ plan_id: planId, challenge_id: null, title: `Mål ${label}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  const activity = await db
    .insertInto('activity')
    .values({ plan_id: planId, sub_agreement_id: sub.id, title: `Aktivitet ${label}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { sub: sub.id, goal: goal.id, activity: activity.id };
}

const newActivity = (subAgreementId: number, goalIds: number[], responsibleOrganisationId: number | null = null) => ({
  kind: 'new_activity',
  title: 'Ny lektiecafé',
  justification: 'Efterspørgslen er vokset',
  edits: [
    {
      op: 'addActivity',
      subAgreementId,
      activity: { title: 'Lektiecafé', description: '', targetGroup: 'Skolebørn', startsOn: null, endsOn: null },
      goalIds,
      responsibleOrganisationId,
    },
  ],
});

describeDb('Ids inside a change request belong to its plan (R3)', () => {
  let t: TestApp;
  let party: number;
  let other: number;
  let leader: Session;
  let partyMember: Session;
  let mine: Awaited<ReturnType<typeof activePlan>>;
  let theirs: Awaited<ReturnType<typeof activePlan>>;
  let own: Awaited<ReturnType<typeof content>>;
  let foreign: Awaited<ReturnType<typeof content>>;
  const api = (path: string, session: Session | null, json?: unknown, method = 'POST') =>
    t.request(`/api/v1${path}`, { method, session, json });
  /** What a refused proposal must not have written: requests, activities, audit rows. */
  const written = async () => ({
    requests: (await t.db.selectFrom('change_request').select('id').execute()).length,
    activities: (await t.db.selectFrom('activity').select('id').execute()).length,
    audit: (await t.db.selectFrom('audit_log').select('id').execute()).length,
  });

  beforeAll(async () => {
    t = await createTestApp();
    party = (await makeOrganisation(t.db, { shortName: 'PARTEN' })).id;
    other = (await makeOrganisation(t.db, { shortName: 'ANDEN' })).id;
    leader = await t.as([{ role: 'organisation', organisationId: party }], 'Projektleder Parten');
    partyMember = await t.as([{ role: 'organisation', organisationId: party }], 'Medlem for parten');
    await seat(t.db, await bodyId(t.db, 'bydel-noerrebro'), {
      userId: partyMember.actor.kind === 'user' ? partyMember.actor.id : null,
      organisationId: party,
    });
    mine = await activePlan(t.db, { organisationIds: [party], districtNumber: 3 });
    theirs = await activePlan(t.db, { organisationIds: [other], districtNumber: 3 });
    own = await content(t.db, mine.plan.id, 'egen');
    foreign = await content(t.db, theirs.plan.id, 'anden');
  });
  afterAll(() => t.close());

  it("R3 a change request naming another plan's sub-agreement is refused at proposal and nothing is written (API)", async () => {
    const before = await written();
    const res = await api(`/plans/${mine.plan.id}/change-requests`, leader, newActivity(foreign.sub, [foreign.goal]));
    expect(res.status, await res.clone().text()).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = await res.json();
    expect(problem.errors.subAgreementId).toBe(`Delaftalen med id ${foreign.sub} hører ikke til planen.`);
    expect(problem.errors.goalIds).toBe(`Målet med id ${foreign.goal} hører ikke til planen.`);
    expect(problem.detail).toContain('hører ikke til planen');
    expect(await written()).toEqual(before);
  });

  it("R3 a change request naming another plan's sub-agreement is refused at proposal and nothing is written (form)", async () => {
    const before = await written();
    const form = {
      kind: 'new_activity',
      requestTitle: 'Ny lektiecafé',
      justification: 'Efterspørgslen er vokset',
      subAgreementId: String(foreign.sub),
      title: 'Lektiecafé',
      goalIds: [String(foreign.goal)],
    };
    const res = await t.request(`/planer/${mine.plan.id}/aendringer/ny`, { session: leader, form });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(`Delaftalen med id ${foreign.sub} hører ikke til planen.`);
    expect(html).toContain('value="Ny lektiecafé"');
    expect(await written()).toEqual(before);
  });

  it('R3 a sub-agreement that does not exist is refused at proposal (400), not at approval (409)', async () => {
    const before = await written();
    const res = await api(`/plans/${mine.plan.id}/change-requests`, leader, newActivity(987_654, []));
    expect(res.status).toBe(400);
    expect((await res.json()).errors.subAgreementId).toBe('Delaftalen med id 987654 hører ikke til planen.');
    expect(await written()).toEqual(before);
  });

  it.each([
    [
      'an activity',
      () => ({
        kind: 'ended_activity',
        title: 'Afslut',
        justification: 'x',
        edits: [
          {
            op: 'endActivity',
            activityId: foreign.activity,
            before: { status: 'planned', endsOn: null },
            after: { status: 'ended', endsOn: '2026-12-31' },
          },
        ],
      }),
      'activityId',
      () => `Aktiviteten med id ${foreign.activity} hører ikke til planen.`,
    ],
    [
      'a goal',
      () => ({
        kind: 'strategic_agreement',
        title: 'Nyt mål',
        justification: 'x',
        edits: [
          {
            op: 'updateGoal',
            goalId: foreign.goal,
            before: { title: 'Mål anden', description: '' },
            after: { title: 'Overtaget', description: '' },
          },
        ],
      }),
      'goalId',
      () => `Målet med id ${foreign.goal} hører ikke til planen.`,
    ],
    [
      'a budget line',
      () => ({
        kind: 'budget_reallocation',
        title: 'Flyt',
        justification: 'x',
        edits: [
          {
            op: 'moveBudget',
            fromLineId: theirs.lines.staff,
            toLineId: mine.lines.activity,
            year: 2026,
            amountOre: 100,
            before: { fromOre: 50_000_000, toOre: 50_000_000 },
          },
        ],
      }),
      'fromLineId',
      () => `Budgetlinjen med id ${theirs.lines.staff} hører ikke til planen.`,
    ],
    [
      'a responsible organisation not party to the plan',
      () => newActivity(own.sub, [own.goal], other),
      'responsibleOrganisationId',
      () => `Boligorganisationen med id ${other} er ikke part i planens bevilling.`,
    ],
  ])('R3 a change request naming %s of another plan is refused at proposal, saying which id', async (_what, body, field, message) => {
    const before = await written();
    const res = await api(`/plans/${mine.plan.id}/change-requests`, leader, body());
    expect(res.status, await res.clone().text()).toBe(400);
    expect((await res.json()).errors[field]).toBe(message());
    expect(await written()).toEqual(before);
  });

  it("R3 the plan's own sub-agreement, goal and party organisation are accepted", async () => {
    const res = await api(`/plans/${mine.plan.id}/change-requests`, leader, newActivity(own.sub, [own.goal], party));
    expect(res.status, await res.clone().text()).toBe(201);
  });

  it('R3 a stored request naming another plan is refused at approval with the id, and nothing is applied', async () => {
    const body = await bodyId(t.db, 'bydel-noerrebro');
    const edit = newActivity(foreign.sub, [foreign.goal]).edits;
    const r = await requestRow(t.db, mine.plan.id, edit as never, { state: 'submitted', body, kind: 'new_activity' });
    const activities = (await t.db.selectFrom('activity').select('id').execute()).length;
    const res = await api(`/change-requests/${r.id}/approve`, partyMember, { version: r.version });
    expect(res.status, await res.clone().text()).toBe(409);
    expect((await res.json()).detail).toContain(`Delaftalen med id ${foreign.sub} hører ikke til planen.`);
    expect((await t.db.selectFrom('activity').select('id').execute()).length).toBe(activities);
    expect(
      (await t.db.selectFrom('plan').select('current_version').where('id', '=', mine.plan.id).executeTakeFirstOrThrow()).current_version,
    ).toBe(1);
    expect((await t.db.selectFrom('change_request').select('state').where('id', '=', r.id).executeTakeFirstOrThrow()).state).toBe(
      'submitted',
    );
  });

  it('R3 control characters and impossible dates in a proposal answer 400, in the API and the form', async () => {
    const before = await written();
    const nul = await api(`/plans/${mine.plan.id}/change-requests`, leader, { ...newActivity(own.sub, []), justification: 'Fordi\u0000' });
    expect(nul.status).toBe(400);
    expect((await nul.json()).errors.justification).toBeTruthy();
    const lineBreak = await api(`/plans/${mine.plan.id}/change-requests`, leader, { ...newActivity(own.sub, []), title: 'Ny\nlinje' });
    expect(lineBreak.status).toBe(400);
    expect((await lineBreak.json()).errors.title).toBe(
      'Overskriften indeholder ugyldige tegn (fx kontroltegn). Ret teksten, og prøv igen.',
    );
    const body = newActivity(own.sub, []);
    body.edits[0]!.activity.startsOn = '2026-02-31' as never;
    const date = await api(`/plans/${mine.plan.id}/change-requests`, leader, body);
    expect(date.status).toBe(400);
    const form = {
      kind: 'new_activity',
      requestTitle: 'Ny\u0007',
      justification: 'x',
      subAgreementId: String(own.sub),
      title: 'Lektiecafé',
      startsOn: '2026-13-01',
    };
    const page = await t.request(`/planer/${mine.plan.id}/aendringer/ny`, { session: leader, form });
    expect(page.status).toBe(400);
    const html = await page.text();
    expect(html).toContain('Overskriften indeholder ugyldige tegn');
    expect(html).toContain('Startdatoen 01.13.2026 findes ikke: der er ingen måned 13.');
    expect(await written()).toEqual(before);
  });
});
