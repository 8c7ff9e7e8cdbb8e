import type { Db } from '../../../src/db/database.ts';
import { fundingPeriodId, makeEstate, makePlan, makeUser } from '../../support/factories.ts';
import type { RouteCase } from './types.ts';

const central = ['admin', 'secretariat'] as const;
const writers = [...central, 'municipalTMF', 'municipalBIF', 'organisation'] as const;
const partyOnly = [...central, 'organisation'] as const;

const draft = (db: Db, ownOrg: number) => makePlan(db, { organisationIds: [ownOrg], state: 'draft' });
async function withCriterion(db: Db, ownOrg: number, state = 'draft') {
  const { plan } = await makePlan(db, { organisationIds: [ownOrg], state });
  const goal = await db.insertInto('goal').values({ plan_id: plan.id, title: 'Mål' }).returning('id').executeTakeFirstOrThrow();
  const c = await db
    .insertInto('success_criterion')
    .values({
      plan_id: plan.id,
      goal_id: goal.id,
      indicator_name: 'Beskæftigelse',
      unit: '%',
      direction: 'increase',
      baseline_value: 40,
      baseline_date: '2023-01-01',
      target_value: 50,
      target_date: '2026-12-31',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { plan, criterionId: c.id };
}
async function withMeasurement(db: Db, ownOrg: number) {
  const { plan, criterionId } = await withCriterion(db, ownOrg, 'active');
  const m = await db
    .insertInto('measurement')
    .values({ plan_id: plan.id, criterion_id: criterionId, value: 84, measured_on: '2025-12-31' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { plan, criterionId, measurementId: m.id };
}
/** An active plan with its contingency plan and one person on the call list. */
async function withContact(db: Db, ownOrg: number) {
  const { plan } = await makePlan(db, { organisationIds: [ownOrg], state: 'active' });
  await db.insertInto('contingency_plan').values({ plan_id: plan.id, steps: 'Ring 114.' }).execute();
  const ct = await db
    .insertInto('contingency_contact')
    .values({ plan_id: plan.id, call_order: 1, role: 'Projektleder', name: 'Matrix Person', phone: '12345678' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { plan, contactId: ct.id };
}
/** A draft plan with a goal under a sub-agreement's activity. */
async function withActivity(db: Db, ownOrg: number) {
  const { plan } = await draft(db, ownOrg);
  const goal = await db.insertInto('goal').values({ plan_id: plan.id, title: 'Mål' }).returning('id').executeTakeFirstOrThrow();
  const sub = await db
    .insertInto('sub_agreement')
    .values({ plan_id: plan.id, focus_area_id: await focusArea(db) })
    .returning('id')
    .executeTakeFirstOrThrow();
  const a = await db
    .insertInto('activity')
    .values({ plan_id: plan.id, sub_agreement_id: sub.id, title: 'Lektiecafé' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { plan, goalId: goal.id, subId: sub.id, activityId: a.id };
}
const contactBody = { callOrder: 1, role: 'Projektleder', name: 'Ny Person', phone: '87654321' };
async function versioned(db: Db, ownOrg: number) {
  const { plan } = await makePlan(db, { organisationIds: [ownOrg], state: 'active' });
  for (const number of [1, 2])
    await db
      .insertInto('plan_version')
      .values({
        plan_id: plan.id,
        number,
        snapshot: JSON.stringify({ name: `v${number}`, estates: [], challenges: [], goals: [], subAgreements: [], contingency: null }),
        created_by_label: 'test',
      })
      .execute();
  return plan;
}
let leaders = 0;
const leaderUser = (db: Db) => makeUser(db, { email: `leder${++leaders}-${Date.now()}@matrix.test` });
const focusArea = async (db: Db) =>
  (
    await db
      .selectFrom('focus_area')
      .select('id')
      .where('funding_period_id', '=', await fundingPeriodId(db))
      .orderBy('sort')
      .executeTakeFirstOrThrow()
  ).id;
const frame = async (db: Db, ownOrg: number) => {
  const e = await makeEstate(db, { organisationId: ownOrg });
  return {
    name: 'Matrixplan',
    districtId: null,
    fundingPeriodId: await fundingPeriodId(db),
    startsOn: '2023-01-01',
    endsOn: '2026-12-31',
    leadOrganisationId: ownOrg,
    estateIds: [e.id],
  };
};
const formFrame = async (db: Db, ownOrg: number, version?: number) => {
  const f = await frame(db, ownOrg);
  return {
    name: f.name,
    fundingPeriodId: String(f.fundingPeriodId),
    startsOn: f.startsOn,
    endsOn: f.endsOn,
    leadOrganisationId: String(ownOrg),
    estateIds: String(f.estateIds[0]),
    approvalChain: 'committee_and_council',
    ...(version ? { version: String(version) } : {}),
  };
};

/** R5 — every plan route: who may call it (drafts belong to the party organisations, the municipality and the secretariat). */
export const planRoutes: RouteCase[] = [
  {
    route: 'POST /planer/:id/projektledere',
    allowed: partyOnly,
    build: async (db, ids) => ({
      path: `/planer/${(await draft(db, ids.ownOrg)).plan.id}/projektledere`,
      form: { email: (await leaderUser(db)).email },
    }),
  },
  {
    route: 'POST /planer/:id/projektledere/:user/fjern',
    allowed: partyOnly,
    build: async (db, ids) => {
      const { plan } = await draft(db, ids.ownOrg);
      const u = await leaderUser(db);
      await db.insertInto('role_grant').values({ user_id: u.id, role: 'project_leader', plan_id: plan.id }).execute();
      return { path: `/planer/${plan.id}/projektledere/${u.id}/fjern`, form: {} };
    },
  },
  {
    route: 'POST /api/v1/plans/:id/project-leaders',
    allowed: partyOnly,
    build: async (db, ids) => ({
      path: `/api/v1/plans/${(await draft(db, ids.ownOrg)).plan.id}/project-leaders`,
      json: { email: (await leaderUser(db)).email },
    }),
  },
  { route: 'GET /api/v1/plans', allowed: 'everyone', build: async () => ({ path: '/api/v1/plans' }) },
  {
    route: 'GET /api/v1/plans/:id',
    allowed: writers,
    build: async (db, ids) => ({ path: `/api/v1/plans/${(await draft(db, ids.ownOrg)).plan.id}` }),
  },
  {
    route: 'POST /api/v1/plans',
    allowed: partyOnly,
    build: async (db, ids) => ({ path: '/api/v1/plans', json: await frame(db, ids.ownOrg) }),
  },
  {
    route: 'PUT /api/v1/plans/:id',
    allowed: writers,
    build: async (db, ids) => ({
      path: `/api/v1/plans/${(await draft(db, ids.ownOrg)).plan.id}`,
      json: { ...(await frame(db, ids.ownOrg)), version: 1 },
    }),
  },
  {
    route: 'POST /api/v1/plans/:id/transitions',
    allowed: partyOnly,
    build: async (db, ids) => ({
      path: `/api/v1/plans/${(await draft(db, ids.ownOrg)).plan.id}/transitions`,
      json: { version: 1, action: 'withdraw' },
    }),
  },
  {
    route: 'POST /api/v1/plans/:id/challenges',
    allowed: writers,
    build: async (db, ids) => ({
      path: `/api/v1/plans/${(await draft(db, ids.ownOrg)).plan.id}/challenges`,
      json: { version: 1, title: 'Udfordring' },
    }),
  },
  {
    route: 'POST /api/v1/plans/:id/goals',
    allowed: writers,
    build: async (db, ids) => ({
      path: `/api/v1/plans/${(await draft(db, ids.ownOrg)).plan.id}/goals`,
      json: { version: 1, title: 'Mål' },
    }),
  },
  {
    route: 'POST /api/v1/plans/:id/criteria',
    allowed: writers,
    build: async (db, ids) => {
      const { plan } = await draft(db, ids.ownOrg);
      const g = await db.insertInto('goal').values({ plan_id: plan.id, title: 'Mål' }).returning('id').executeTakeFirstOrThrow();
      return {
        path: `/api/v1/plans/${plan.id}/criteria`,
        json: {
          version: 1,
          goalId: g.id,
          indicatorName: 'Andel i job',
          direction: 'increase',
          baselineValue: 40,
          baselineDate: '2023-01-01',
          targetValue: 50,
          targetDate: '2026-12-31',
        },
      };
    },
  },
  {
    route: 'POST /api/v1/plans/:id/sub-agreements',
    allowed: writers,
    build: async (db, ids) => ({
      path: `/api/v1/plans/${(await draft(db, ids.ownOrg)).plan.id}/sub-agreements`,
      json: { version: 1, focusAreaId: await focusArea(db) },
    }),
  },
  {
    route: 'POST /api/v1/plans/:id/activities',
    allowed: writers,
    build: async (db, ids) => {
      const { plan } = await draft(db, ids.ownOrg);
      const s = await db
        .insertInto('sub_agreement')
        .values({ plan_id: plan.id, focus_area_id: await focusArea(db) })
        .returning('id')
        .executeTakeFirstOrThrow();
      return {
        path: `/api/v1/plans/${plan.id}/activities`,
        json: {
          version: 1,
          subAgreementId: s.id,
          title: 'Lektiecafé',
          parties: [{ kind: 'organisation', organisationId: ids.ownOrg, name: 'Egen', part: 'responsible' }],
        },
      };
    },
  },
  {
    route: 'PUT /api/v1/plans/:id/contingency',
    allowed: writers,
    build: async (db, ids) => ({
      path: `/api/v1/plans/${(await draft(db, ids.ownOrg)).plan.id}/contingency`,
      json: { version: 1, steps: 'Ring til politiet.' },
    }),
  },
  {
    route: 'POST /api/v1/criteria/:id/measurements',
    allowed: writers,
    build: async (db, ids) => ({
      path: `/api/v1/criteria/${(await withCriterion(db, ids.ownOrg)).criterionId}/measurements`,
      json: { value: 42, measuredOn: '2024-12-31' },
    }),
  },
  {
    route: 'PUT /api/v1/plans/:id/challenges/:partId',
    allowed: writers,
    build: async (db, ids) => {
      const { plan } = await draft(db, ids.ownOrg);
      const ch = await db.insertInto('challenge').values({ plan_id: plan.id, title: 'X' }).returning('id').executeTakeFirstOrThrow();
      return { path: `/api/v1/plans/${plan.id}/challenges/${ch.id}`, json: { version: 1, title: 'Y' } };
    },
  },
  {
    route: 'PUT /api/v1/plans/:id/goals/:partId',
    allowed: writers,
    build: async (db, ids) => {
      const { plan, goalId } = await withActivity(db, ids.ownOrg);
      return { path: `/api/v1/plans/${plan.id}/goals/${goalId}`, json: { version: 1, title: 'Rettet mål' } };
    },
  },
  {
    route: 'PUT /api/v1/plans/:id/criteria/:partId',
    allowed: writers,
    build: async (db, ids) => {
      const { plan, criterionId } = await withCriterion(db, ids.ownOrg);
      const goal = await db.selectFrom('goal').select('id').where('plan_id', '=', plan.id).executeTakeFirstOrThrow();
      return {
        path: `/api/v1/plans/${plan.id}/criteria/${criterionId}`,
        json: {
          version: 1,
          goalId: goal.id,
          indicatorName: 'Beskæftigelse',
          unit: '%',
          direction: 'increase',
          baselineValue: 40,
          baselineDate: '2023-01-01',
          targetValue: 55,
          targetDate: '2026-12-31',
        },
      };
    },
  },
  {
    route: 'PUT /api/v1/plans/:id/activities/:partId',
    allowed: writers,
    build: async (db, ids) => {
      const { plan, goalId, subId, activityId } = await withActivity(db, ids.ownOrg);
      return {
        path: `/api/v1/plans/${plan.id}/activities/${activityId}`,
        json: {
          version: 1,
          subAgreementId: subId,
          title: 'Lektiecafé for alle',
          goalIds: [goalId],
          parties: [{ kind: 'organisation', organisationId: ids.ownOrg, name: 'Egen', part: 'responsible' }],
        },
      };
    },
  },
  {
    route: 'POST /api/v1/plans/:id/contacts',
    allowed: writers,
    build: async (db, ids) => ({
      path: `/api/v1/plans/${(await withContact(db, ids.ownOrg)).plan.id}/contacts`,
      json: { version: 1, ...contactBody },
    }),
  },
  {
    route: 'PUT /api/v1/plans/:id/contacts/:partId',
    allowed: writers,
    build: async (db, ids) => {
      const { plan, contactId } = await withContact(db, ids.ownOrg);
      return { path: `/api/v1/plans/${plan.id}/contacts/${contactId}`, json: { version: 1, ...contactBody } };
    },
  },
  {
    route: 'POST /api/v1/plans/:id/contacts/:partId/removal',
    allowed: writers,
    build: async (db, ids) => {
      const { plan, contactId } = await withContact(db, ids.ownOrg);
      return { path: `/api/v1/plans/${plan.id}/contacts/${contactId}/removal`, json: { version: 1 } };
    },
  },
  {
    route: 'PUT /api/v1/criteria/:id/measurements/:measurementId',
    allowed: writers,
    build: async (db, ids) => {
      const { criterionId, measurementId } = await withMeasurement(db, ids.ownOrg);
      return {
        path: `/api/v1/criteria/${criterionId}/measurements/${measurementId}`,
        json: { version: 1, value: 48, measuredOn: '2025-12-31', reason: 'Tastefejl' },
      };
    },
  },
  {
    route: 'POST /api/v1/criteria/:id/measurements/:measurementId/removal',
    allowed: writers,
    build: async (db, ids) => {
      const { criterionId, measurementId } = await withMeasurement(db, ids.ownOrg);
      return { path: `/api/v1/criteria/${criterionId}/measurements/${measurementId}/removal`, json: { version: 1, reason: 'Dobbelt' } };
    },
  },
  {
    route: 'GET /api/v1/plans/:id/versions/:number',
    allowed: 'everyone',
    build: async (db, ids) => ({ path: `/api/v1/plans/${(await versioned(db, ids.ownOrg)).id}/versions/1` }),
  },
  {
    route: 'GET /api/v1/plans/:id/versions-diff',
    allowed: 'everyone',
    build: async (db, ids) => ({ path: `/api/v1/plans/${(await versioned(db, ids.ownOrg)).id}/versions-diff?a=1&b=2` }),
  },
  {
    route: 'POST /planer/ny',
    allowed: partyOnly,
    build: async (db, ids) => ({ path: '/planer/ny', form: await formFrame(db, ids.ownOrg) }),
  },
  {
    route: 'POST /planer/:id/rediger',
    allowed: writers,
    build: async (db, ids) => ({
      path: `/planer/${(await draft(db, ids.ownOrg)).plan.id}/rediger`,
      form: await formFrame(db, ids.ownOrg, 1),
    }),
  },
  {
    route: 'POST /planer/:id/strategi',
    allowed: writers,
    build: async (db, ids) => ({
      path: `/planer/${(await draft(db, ids.ownOrg)).plan.id}/strategi?form=challenge`,
      form: { version: '1', title: 'Udfordring' },
    }),
  },
  {
    route: 'POST /planer/:id/delaftaler',
    allowed: writers,
    build: async (db, ids) => ({
      path: `/planer/${(await draft(db, ids.ownOrg)).plan.id}/delaftaler?form=subAgreement`,
      form: { version: '1', focusAreaId: String(await focusArea(db)) },
    }),
  },
  {
    route: 'POST /planer/:id/beredskab',
    allowed: writers,
    build: async (db, ids) => ({
      path: `/planer/${(await draft(db, ids.ownOrg)).plan.id}/beredskab?form=contingency`,
      form: { version: '1', steps: 'Ring til politiet.' },
    }),
  },
  {
    route: 'POST /planer/:id/ret/:kind/:part',
    allowed: writers,
    build: async (db, ids) => {
      const { plan, goalId } = await withActivity(db, ids.ownOrg);
      return { path: `/planer/${plan.id}/ret/goal/${goalId}`, form: { version: '1', title: 'Rettet mål' } };
    },
  },
  {
    route: 'POST /planer/:id/fjern/:kind/:part',
    allowed: writers,
    build: async (db, ids) => {
      const { plan } = await draft(db, ids.ownOrg);
      const ch = await db.insertInto('challenge').values({ plan_id: plan.id, title: 'X' }).returning('id').executeTakeFirstOrThrow();
      return { path: `/planer/${plan.id}/fjern/challenge/${ch.id}`, form: { version: '1' } };
    },
  },
  {
    route: 'POST /planer/:id/handling/:action',
    allowed: partyOnly,
    build: async (db, ids) => ({ path: `/planer/${(await draft(db, ids.ownOrg)).plan.id}/handling/withdraw`, form: { version: '1' } }),
  },
  {
    route: 'POST /planer/:id/maalinger/:criterion',
    allowed: writers,
    build: async (db, ids) => {
      const { plan, criterionId } = await withCriterion(db, ids.ownOrg);
      return { path: `/planer/${plan.id}/maalinger/${criterionId}`, form: { value: '42', measuredOn: '2024-12-31' } };
    },
  },
  {
    route: 'POST /planer/:id/maalinger/:criterion/:m',
    allowed: writers,
    build: async (db, ids) => {
      const { plan, criterionId, measurementId } = await withMeasurement(db, ids.ownOrg);
      return {
        path: `/planer/${plan.id}/maalinger/${criterionId}/${measurementId}`,
        form: { version: '1', value: '48', measuredOn: '2025-12-31', reason: 'Tastefejl' },
      };
    },
  },
  {
    route: 'POST /planer/:id/maalinger/:criterion/:m/fjern',
    allowed: writers,
    build: async (db, ids) => {
      const { plan, criterionId, measurementId } = await withMeasurement(db, ids.ownOrg);
      return { path: `/planer/${plan.id}/maalinger/${criterionId}/${measurementId}/fjern`, form: { version: '1', reason: 'Dobbelt' } };
    },
  },
];
