import { sql } from 'kysely';
import { Invalid, NotFound } from '../../errors.ts';
import type { Administration } from '../../policy/actor.ts';
import type { ServiceContext } from '../context.ts';
import { checkCriterionValues } from '../../domain/measurements.ts';
import type { Trx } from '../../db/database.ts';
import { editCallList, editPlan } from './write.ts';

/** R3/R4 — the strategic agreement: challenges → goals → success criteria. */
export const addChallenge = (ctx: ServiceContext, planId: number, v: number, i: { title: string; description: string }) =>
  editPlan(ctx, planId, v, `Tilføjede udfordringen "${i.title}"`, async (trx, note) => {
    const row = await trx
      .insertInto('challenge')
      .values({ plan_id: planId, ...i })
      .returningAll()
      .executeTakeFirstOrThrow();
    note('challenge', row.id, null, row);
    return row.id;
  });

/** The challenge a goal answers must be the plan's. */
async function assertChallenge(trx: Trx, planId: number, challengeId: number | null) {
  if (
    challengeId &&
    !(await trx.selectFrom('challenge').select('id').where('id', '=', challengeId).where('plan_id', '=', planId).executeTakeFirst())
  ) {
    throw new Invalid({ challengeId: 'Vælg en af planens udfordringer.' });
  }
}

export const addGoal = (
  ctx: ServiceContext,
  planId: number,
  v: number,
  i: { title: string; description: string; challengeId: number | null },
) =>
  editPlan(ctx, planId, v, `Tilføjede målet "${i.title}"`, async (trx, note) => {
    await assertChallenge(trx, planId, i.challengeId);
    const row = await trx
      .insertInto('goal')
      .values({ plan_id: planId, title: i.title, description: i.description, challenge_id: i.challengeId })
      .returningAll()
      .executeTakeFirstOrThrow();
    note('goal', row.id, null, row);
    return row.id;
  });

export interface CriterionInput {
  goalId: number;
  indicatorName: string;
  unit: string;
  direction: 'increase' | 'decrease';
  baselineValue: number;
  baselineDate: string;
  baselineSource: string;
  targetValue: number;
  targetDate: string;
}

/**
 * R4 — a criterion's goal is the plan's, its target lies after its baseline in the indicator's direction, and both
 * values are plausible for its unit; every problem at once.
 */
async function checkCriterion(trx: Trx, planId: number, i: CriterionInput) {
  const errors: Record<string, string> = { ...checkCriterionValues(i) };
  if (!(await trx.selectFrom('goal').select('id').where('id', '=', i.goalId).where('plan_id', '=', planId).executeTakeFirst())) {
    errors.goalId = 'Vælg et af planens mål.';
  }
  if (i.targetDate <= i.baselineDate) errors.targetDate = 'Måldatoen skal ligge efter baselinedatoen.';
  if (!errors.targetValue && (i.direction === 'increase' ? i.targetValue <= i.baselineValue : i.targetValue >= i.baselineValue)) {
    errors.targetValue =
      i.direction === 'increase'
        ? 'Målet skal være højere end baseline, når indikatoren skal stige.'
        : 'Målet skal være lavere end baseline, når indikatoren skal falde.';
  }
  if (Object.keys(errors).length) throw new Invalid(errors);
}

const criterionRow = (i: CriterionInput) => ({
  goal_id: i.goalId,
  indicator_name: i.indicatorName,
  unit: i.unit,
  direction: i.direction,
  baseline_value: i.baselineValue,
  baseline_date: i.baselineDate,
  baseline_source: i.baselineSource,
  target_value: i.targetValue,
  target_date: i.targetDate,
});

export const addCriterion = (ctx: ServiceContext, planId: number, v: number, i: CriterionInput) =>
  editPlan(ctx, planId, v, `Tilføjede succeskriteriet "${i.indicatorName}"`, async (trx, note) => {
    await checkCriterion(trx, planId, i);
    const row = await trx
      .insertInto('success_criterion')
      .values({ plan_id: planId, ...criterionRow(i) })
      .returningAll()
      .executeTakeFirstOrThrow();
    note('success_criterion', row.id, null, row);
    return row.id;
  });

/** R2/R3 — one sub-agreement per focus area, and only focus areas of the plan's funding period. */
export const addSubAgreement = (ctx: ServiceContext, planId: number, v: number, i: { focusAreaId: number; summary: string }) =>
  editPlan(ctx, planId, v, 'Tilføjede en delaftale', async (trx, note) => {
    const ok = await trx
      .selectFrom('focus_area as f')
      .innerJoin('plan as p', 'p.funding_period_id', 'f.funding_period_id')
      .select('f.id')
      .where('f.id', '=', i.focusAreaId)
      .where('p.id', '=', planId)
      .executeTakeFirst();
    if (!ok) throw new Invalid({ focusAreaId: 'Indsatsområdet hører ikke til planens bevillingsperiode.' });
    if (
      await trx
        .selectFrom('sub_agreement')
        .select('id')
        .where('plan_id', '=', planId)
        .where('focus_area_id', '=', i.focusAreaId)
        .executeTakeFirst()
    ) {
      throw new Invalid({ focusAreaId: 'Planen har allerede en delaftale for dette indsatsområde.' });
    }
    const row = await trx
      .insertInto('sub_agreement')
      .values({ plan_id: planId, focus_area_id: i.focusAreaId, summary: i.summary })
      .returningAll()
      .executeTakeFirstOrThrow();
    note('sub_agreement', row.id, null, row);
    return row.id;
  });

export type PartyKind = 'organisation' | 'administration' | 'civil_society' | 'police';
export type Part = 'responsible' | 'carries_out' | 'contributes';

export interface ActivityInput {
  subAgreementId: number;
  title: string;
  description: string;
  targetGroup: string;
  startsOn: string | null;
  endsOn: string | null;
  goalIds: number[];
  parties: { kind: PartyKind; organisationId: number | null; administration: Administration | null; name: string; part: Part }[];
}

/** R3 — an activity's sub-agreement and goals are the plan's, its dates in order, exactly one responsible party. */
async function checkActivity(trx: Trx, planId: number, i: ActivityInput) {
  const errors: Record<string, string> = {};
  const sub = await trx
    .selectFrom('sub_agreement')
    .select('id')
    .where('id', '=', i.subAgreementId)
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  if (!sub) errors.subAgreementId = 'Vælg en af planens delaftaler.';
  if (i.startsOn && i.endsOn && i.endsOn < i.startsOn) errors.endsOn = 'Slutdatoen må ikke ligge før startdatoen.';
  if (i.parties.filter((p) => p.part === 'responsible').length !== 1) errors.parties = 'Hver aktivitet skal have præcis én ansvarlig part.';
  if (i.goalIds.length) {
    const goals = await trx.selectFrom('goal').select('id').where('plan_id', '=', planId).where('id', 'in', i.goalIds).execute();
    if (goals.length !== new Set(i.goalIds).size) errors.goalIds = 'Vælg blandt planens mål.';
  }
  if (Object.keys(errors).length) throw new Invalid(errors);
}

const activityRow = (i: ActivityInput) => ({
  sub_agreement_id: i.subAgreementId,
  title: i.title,
  description: i.description,
  target_group: i.targetGroup,
  starts_on: i.startsOn,
  ends_on: i.endsOn,
});

async function writeActivityLinks(trx: Trx, activityId: number, i: ActivityInput) {
  const goalIds = [...new Set(i.goalIds)];
  if (goalIds.length)
    await trx
      .insertInto('activity_goal')
      .values(goalIds.map((goal_id) => ({ activity_id: activityId, goal_id })))
      .execute();
  await trx
    .insertInto('activity_party')
    .values(
      i.parties.map((p) => ({
        activity_id: activityId,
        party_kind: p.kind,
        organisation_id: p.organisationId,
        administration: p.administration,
        name: p.name,
        part: p.part,
      })),
    )
    .execute();
}

/** R3 — an activity of a sub-agreement, the goals it serves and who carries it out in which role. */
export const addActivity = (ctx: ServiceContext, planId: number, v: number, i: ActivityInput) =>
  editPlan(ctx, planId, v, `Tilføjede aktiviteten "${i.title}"`, async (trx, note) => {
    await checkActivity(trx, planId, i);
    const a = await trx
      .insertInto('activity')
      .values({ plan_id: planId, ...activityRow(i) })
      .returningAll()
      .executeTakeFirstOrThrow();
    note('activity', a.id, null, { ...a, goalIds: i.goalIds, parties: i.parties });
    await writeActivityLinks(trx, a.id, i);
    return a.id;
  });

/** R3 — the contingency plan: steps, police cooperation, date last reviewed. */
export const saveContingency = (
  ctx: ServiceContext,
  planId: number,
  v: number,
  i: { steps: string; policeCooperation: string; lastReviewed: string | null },
) =>
  editPlan(ctx, planId, v, 'Opdaterede beredskabsplanen', async (trx, note) => {
    const before = await trx.selectFrom('contingency_plan').selectAll().where('plan_id', '=', planId).executeTakeFirst();
    const after = await trx
      .insertInto('contingency_plan')
      .values({ plan_id: planId, steps: i.steps, police_cooperation: i.policeCooperation, last_reviewed: i.lastReviewed })
      .onConflict((oc) =>
        oc.column('plan_id').doUpdateSet({ steps: i.steps, police_cooperation: i.policeCooperation, last_reviewed: i.lastReviewed }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    note('contingency_plan', planId, before ?? null, after);
  });

export interface ContactInput {
  callOrder: number;
  role: string;
  organisation: string;
  name: string;
  phone: string;
  email: string;
}

const contactRow = (i: ContactInput) => ({
  call_order: i.callOrder,
  role: i.role,
  organisation: i.organisation,
  name: i.name,
  phone: i.phone,
  email: i.email,
});

/** R3 — adds a person to the contingency plan's call list (also on an active plan: see `editCallList`). */
export const addContact = (ctx: ServiceContext, planId: number, v: number, i: ContactInput) =>
  editCallList(ctx, planId, v, `Tilføjede ${i.role} til beredskabets kaldeliste`, async (trx, note) => {
    const row = await trx
      .insertInto('contingency_contact')
      .values({ plan_id: planId, ...contactRow(i) })
      .returningAll()
      .executeTakeFirstOrThrow();
    note('contingency_contact', row.id, null, row);
    return row.id;
  });

async function contactOf(trx: Trx, planId: number, contactId: number) {
  const row = await trx
    .selectFrom('contingency_contact')
    .selectAll()
    .where('id', '=', contactId)
    .where('plan_id', '=', planId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new NotFound('Kontakten findes ikke på planens kaldeliste.');
  return row;
}

/** R3 — corrects a person on the call list (a new phone number, a new project leader), audited with before and after. */
export const updateContact = (ctx: ServiceContext, planId: number, v: number, contactId: number, i: ContactInput) =>
  editCallList(ctx, planId, v, `Rettede ${i.role} på beredskabets kaldeliste`, async (trx, note) => {
    const before = await contactOf(trx, planId, contactId);
    const after = await trx
      .updateTable('contingency_contact')
      .set(contactRow(i))
      .where('id', '=', contactId)
      .returningAll()
      .executeTakeFirstOrThrow();
    note('contingency_contact', contactId, before, after);
  });

/** R3 — removes a person from the call list. */
export const removeContact = (ctx: ServiceContext, planId: number, v: number, contactId: number) =>
  editCallList(ctx, planId, v, 'Fjernede en kontakt fra beredskabets kaldeliste', async (trx, note) => {
    const before = await contactOf(trx, planId, contactId);
    await trx.deleteFrom('contingency_contact').where('id', '=', contactId).execute();
    note('contingency_contact', contactId, before, null);
  });

/** One part of the plan, locked for the edit: 404 when it is not this plan's. */
async function partOf<T extends 'challenge' | 'goal' | 'success_criterion' | 'activity'>(trx: Trx, table: T, planId: number, id: number) {
  const row = await trx
    .selectFrom(table as 'goal')
    .selectAll()
    .where('id', '=', id)
    .where('plan_id', '=', planId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new NotFound('Delen findes ikke i denne plan.');
  return row as unknown as Record<string, unknown>;
}

/** R3/R4 — edits a challenge of the strategic agreement (while the plan's content is still written). */
export const updateChallenge = (ctx: ServiceContext, planId: number, v: number, id: number, i: { title: string; description: string }) =>
  editPlan(ctx, planId, v, `Rettede udfordringen "${i.title}"`, async (trx, note) => {
    const before = await partOf(trx, 'challenge', planId, id);
    const after = await trx.updateTable('challenge').set(i).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    note('challenge', id, before, after);
  });

/** R4 — edits a goal: its title, description and the challenge it answers. */
export const updateGoal = (
  ctx: ServiceContext,
  planId: number,
  v: number,
  id: number,
  i: { title: string; description: string; challengeId: number | null },
) =>
  editPlan(ctx, planId, v, `Rettede målet "${i.title}"`, async (trx, note) => {
    const before = await partOf(trx, 'goal', planId, id);
    await assertChallenge(trx, planId, i.challengeId);
    const after = await trx
      .updateTable('goal')
      .set({ title: i.title, description: i.description, challenge_id: i.challengeId })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    note('goal', id, before, after);
  });

/** R4 — edits a success criterion: indicator, unit, baseline and target, checked as when it was added. */
export const updateCriterion = (ctx: ServiceContext, planId: number, v: number, id: number, i: CriterionInput) =>
  editPlan(ctx, planId, v, `Rettede succeskriteriet "${i.indicatorName}"`, async (trx, note) => {
    const before = await partOf(trx, 'success_criterion', planId, id);
    await checkCriterion(trx, planId, i);
    const after = await trx
      .updateTable('success_criterion')
      .set(criterionRow(i))
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    note('success_criterion', id, numbers(before), numbers(after));
  });

/** R3 — edits an activity: its text, dates, the goals it serves and its parties (exactly one responsible). */
export const updateActivity = (ctx: ServiceContext, planId: number, v: number, id: number, i: ActivityInput) =>
  editPlan(ctx, planId, v, `Rettede aktiviteten "${i.title}"`, async (trx, note) => {
    const row = await partOf(trx, 'activity', planId, id);
    const before = { ...row, ...(await activityLinks(trx, id)) };
    await checkActivity(trx, planId, i);
    const a = await trx
      .updateTable('activity')
      .set({ ...activityRow(i), version: sql`version + 1`, updated_at: sql`now()` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx.deleteFrom('activity_goal').where('activity_id', '=', id).execute();
    await trx.deleteFrom('activity_party').where('activity_id', '=', id).execute();
    await writeActivityLinks(trx, id, i);
    note('activity', id, before, { ...a, ...(await activityLinks(trx, id)) });
  });

/** An activity's goals and parties as the audit records them. */
async function activityLinks(trx: Trx, activityId: number) {
  const [goals, parties] = await Promise.all([
    trx.selectFrom('activity_goal').select('goal_id').where('activity_id', '=', activityId).orderBy('goal_id').execute(),
    trx
      .selectFrom('activity_party')
      .select(['party_kind as kind', 'organisation_id as organisationId', 'administration', 'name', 'part'])
      .where('activity_id', '=', activityId)
      .orderBy('id')
      .execute(),
  ]);
  return { goalIds: goals.map((g) => g.goal_id), parties };
}

/** numeric columns compared as numbers in the audit (PGlite and pg return them alike, but a string diff would be noise). */
const numbers = (r: Record<string, unknown>) => ({ ...r, baseline_value: Number(r.baseline_value), target_value: Number(r.target_value) });

const removable = {
  challenge: 'challenge',
  goal: 'goal',
  criterion: 'success_criterion',
  subAgreement: 'sub_agreement',
  activity: 'activity',
} as const;
export type RemovableKind = keyof typeof removable;

/** Removes one part of a plan's content (cascading to what hangs under it). */
export const removePart = (ctx: ServiceContext, planId: number, v: number, kind: RemovableKind, id: number) =>
  editPlan(ctx, planId, v, `Fjernede ${removedLabels[kind]}`, async (trx, note) => {
    const row = await trx.deleteFrom(removable[kind]).where('id', '=', id).where('plan_id', '=', planId).returningAll().executeTakeFirst();
    if (!row) throw new NotFound();
    note(removable[kind], id, row as Record<string, unknown>, null);
  });

const removedLabels: Record<RemovableKind, string> = {
  challenge: 'en udfordring',
  goal: 'et mål',
  criterion: 'et succeskriterium',
  subAgreement: 'en delaftale',
  activity: 'en aktivitet',
};
