import { Invalid, NotFound } from '../../errors.ts';
import type { Administration } from '../../policy/actor.ts';
import type { ServiceContext } from '../context.ts';
import { editPlan } from './write.ts';

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

export const addGoal = (
  ctx: ServiceContext,
  planId: number,
  v: number,
  i: { title: string; description: string; challengeId: number | null },
) =>
  editPlan(ctx, planId, v, `Tilføjede målet "${i.title}"`, async (trx, note) => {
    if (
      i.challengeId &&
      !(await trx.selectFrom('challenge').select('id').where('id', '=', i.challengeId).where('plan_id', '=', planId).executeTakeFirst())
    ) {
      throw new Invalid({ challengeId: 'Vælg en af planens udfordringer.' });
    }
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

export const addCriterion = (ctx: ServiceContext, planId: number, v: number, i: CriterionInput) =>
  editPlan(ctx, planId, v, `Tilføjede succeskriteriet "${i.indicatorName}"`, async (trx, note) => {
    if (!(await trx.selectFrom('goal').select('id').where('id', '=', i.goalId).where('plan_id', '=', planId).executeTakeFirst())) {
      throw new Invalid({ goalId: 'Vælg et af planens mål.' });
    }
    if (i.targetDate <= i.baselineDate) throw new Invalid({ targetDate: 'Måldatoen skal ligge efter baselinedatoen.' });
    if (i.direction === 'increase' ? i.targetValue <= i.baselineValue : i.targetValue >= i.baselineValue) {
      throw new Invalid({
        targetValue:
          i.direction === 'increase'
            ? 'Målet skal være højere end baseline, når indikatoren skal stige.'
            : 'Målet skal være lavere end baseline, når indikatoren skal falde.',
      });
    }
    const row = await trx
      .insertInto('success_criterion')
      .values({
        plan_id: planId,
        goal_id: i.goalId,
        indicator_name: i.indicatorName,
        unit: i.unit,
        direction: i.direction,
        baseline_value: i.baselineValue,
        baseline_date: i.baselineDate,
        baseline_source: i.baselineSource,
        target_value: i.targetValue,
        target_date: i.targetDate,
      })
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

/** R3 — an activity of a sub-agreement, the goals it serves and who carries it out in which role. */
export const addActivity = (ctx: ServiceContext, planId: number, v: number, i: ActivityInput) =>
  editPlan(ctx, planId, v, `Tilføjede aktiviteten "${i.title}"`, async (trx, note) => {
    const sub = await trx
      .selectFrom('sub_agreement')
      .select('id')
      .where('id', '=', i.subAgreementId)
      .where('plan_id', '=', planId)
      .executeTakeFirst();
    if (!sub) throw new Invalid({ subAgreementId: 'Vælg en af planens delaftaler.' });
    if (i.startsOn && i.endsOn && i.endsOn < i.startsOn) throw new Invalid({ endsOn: 'Slutdatoen må ikke ligge før startdatoen.' });
    if (i.parties.filter((p) => p.part === 'responsible').length !== 1) {
      throw new Invalid({ parties: 'Hver aktivitet skal have præcis én ansvarlig part.' });
    }
    if (i.goalIds.length) {
      const goals = await trx.selectFrom('goal').select('id').where('plan_id', '=', planId).where('id', 'in', i.goalIds).execute();
      if (goals.length !== i.goalIds.length) throw new Invalid({ goalIds: 'Vælg blandt planens mål.' });
    }
    const a = await trx
      .insertInto('activity')
      .values({
        plan_id: planId,
        sub_agreement_id: i.subAgreementId,
        title: i.title,
        description: i.description,
        target_group: i.targetGroup,
        starts_on: i.startsOn,
        ends_on: i.endsOn,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    note('activity', a.id, null, { ...a, goalIds: i.goalIds, parties: i.parties });
    if (i.goalIds.length)
      await trx
        .insertInto('activity_goal')
        .values(i.goalIds.map((goal_id) => ({ activity_id: a.id, goal_id })))
        .execute();
    await trx
      .insertInto('activity_party')
      .values(
        i.parties.map((p) => ({
          activity_id: a.id,
          party_kind: p.kind,
          organisation_id: p.organisationId,
          administration: p.administration,
          name: p.name,
          part: p.part,
        })),
      )
      .execute();
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

export const addContact = (
  ctx: ServiceContext,
  planId: number,
  v: number,
  i: { callOrder: number; role: string; organisation: string; name: string; phone: string; email: string },
) =>
  editPlan(ctx, planId, v, `Tilføjede ${i.role} til beredskabets kaldeliste`, async (trx, note) => {
    const row = await trx
      .insertInto('contingency_contact')
      .values({
        plan_id: planId,
        call_order: i.callOrder,
        role: i.role,
        organisation: i.organisation,
        name: i.name,
        phone: i.phone,
        email: i.email,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    note('contingency_contact', row.id, null, row);
  });

const removable = {
  challenge: 'challenge',
  goal: 'goal',
  criterion: 'success_criterion',
  subAgreement: 'sub_agreement',
  activity: 'activity',
  contact: 'contingency_contact',
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
  contact: 'en kontakt fra beredskabets kaldeliste',
};
