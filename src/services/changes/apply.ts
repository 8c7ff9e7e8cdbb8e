import { sql } from 'kysely';
import type { Trx } from '../../db/database.ts';
import { changesBudgetShape } from '../../domain/changes/budget.ts';
import { type CurrentValues, currentKey, type Edit } from '../../domain/changes/edits.ts';
import { applyBudgetReallocation, planFinance } from '../money/index.ts';
import { addBudgetCurrentValues } from './budget.ts';

/** Reads, as they are now, the things the edits were proposed against (R3). */
export async function currentValues(trx: Trx, planId: number, edits: Edit[]): Promise<CurrentValues> {
  const values: CurrentValues = new Map();
  const activityIds = edits.flatMap((e) => (e.op === 'updateActivity' || e.op === 'endActivity' ? [e.activityId] : []));
  if (activityIds.length) {
    const rows = await trx
      .selectFrom('activity')
      .select(['id', 'title', 'description', 'target_group', 'starts_on', 'ends_on', 'status'])
      .where('plan_id', '=', planId)
      .where('id', 'in', activityIds)
      .execute();
    for (const r of rows)
      values.set(`activity:${r.id}`, {
        title: r.title,
        description: r.description,
        targetGroup: r.target_group,
        startsOn: r.starts_on,
        endsOn: r.ends_on,
        status: r.status,
      });
  }
  const goalIds = edits.flatMap((e) => (e.op === 'updateGoal' ? [e.goalId] : []));
  if (goalIds.length) {
    for (const r of await trx
      .selectFrom('goal')
      .select(['id', 'title', 'description'])
      .where('plan_id', '=', planId)
      .where('id', 'in', goalIds)
      .execute())
      values.set(`goal:${r.id}`, { title: r.title, description: r.description });
  }
  const criterionIds = edits.flatMap((e) => (e.op === 'updateCriterion' ? [e.criterionId] : []));
  if (criterionIds.length) {
    for (const r of await trx
      .selectFrom('success_criterion')
      .select(['id', 'target_value', 'target_date'])
      .where('plan_id', '=', planId)
      .where('id', 'in', criterionIds)
      .execute())
      values.set(`criterion:${r.id}`, { targetValue: Number(r.target_value), targetDate: r.target_date });
  }
  if (edits.some((e) => e.op === 'updateContingency')) {
    const k = await trx
      .selectFrom('contingency_plan')
      .select(['steps', 'police_cooperation'])
      .where('plan_id', '=', planId)
      .executeTakeFirst();
    if (k) values.set('contingency', { steps: k.steps, policeCooperation: k.police_cooperation });
  }
  const moves = edits.filter((e) => e.op === 'moveBudget');
  if (edits.some((e) => e.op === 'changeFrame' || e.op === 'addBudgetYear' || e.op === 'setLineAmount'))
    addBudgetCurrentValues(values, await planFinance(trx, planId), edits);
  if (moves.length) {
    const finance = await planFinance(trx, planId);
    const byId = new Map(finance.lines.map((l) => [l.id, l]));
    for (const m of moves) {
      const from = byId.get(m.fromLineId);
      const to = byId.get(m.toLineId);
      if (from && to)
        values.set(currentKey(m)!, { fromOre: from.perYear[m.year]?.budgetOre ?? 0, toOre: to.perYear[m.year]?.budgetOre ?? 0 });
    }
  }
  return values;
}

/**
 * Writes the edits into the plan's live tables (the caller has checked they still apply, in this transaction). Budget
 * edits beyond moves (frame, new lines and years) are written as a whole by `applyBudgetEdits`, moves included.
 */
export async function applyEdits(trx: Trx, planId: number, edits: Edit[]): Promise<void> {
  const moves: { fromLineId: number; toLineId: number; year: number; amountOre: number }[] = [];
  for (const e of edits) {
    switch (e.op) {
      case 'updateActivity':
        await trx
          .updateTable('activity')
          .set({
            title: e.after.title,
            description: e.after.description,
            target_group: e.after.targetGroup,
            starts_on: e.after.startsOn,
            ends_on: e.after.endsOn,
            version: sql`version + 1`,
            updated_at: sql`now()`,
          })
          .where('id', '=', e.activityId)
          .where('plan_id', '=', planId)
          .execute();
        break;
      case 'endActivity':
        await trx
          .updateTable('activity')
          .set({ status: e.after.status, ends_on: e.after.endsOn, version: sql`version + 1`, updated_at: sql`now()` })
          .where('id', '=', e.activityId)
          .where('plan_id', '=', planId)
          .execute();
        break;
      case 'addActivity': {
        const sort = await trx
          .selectFrom('activity')
          .select((eb) => eb.fn.coalesce(eb.fn.max('sort'), sql<number>`0`).as('m'))
          .where('sub_agreement_id', '=', e.subAgreementId)
          .executeTakeFirstOrThrow();
        const a = await trx
          .insertInto('activity')
          .values({
            plan_id: planId,
            sub_agreement_id: e.subAgreementId,
            title: e.activity.title,
            description: e.activity.description,
            target_group: e.activity.targetGroup,
            starts_on: e.activity.startsOn,
            ends_on: e.activity.endsOn,
            sort: Number(sort.m) + 1,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        if (e.goalIds.length)
          await trx
            .insertInto('activity_goal')
            .values(e.goalIds.map((goal_id) => ({ activity_id: a.id, goal_id })))
            .execute();
        if (e.responsibleOrganisationId) {
          const org = await trx
            .selectFrom('organisation')
            .select('short_name')
            .where('id', '=', e.responsibleOrganisationId)
            .executeTakeFirstOrThrow();
          await trx
            .insertInto('activity_party')
            .values({
              activity_id: a.id,
              party_kind: 'organisation',
              organisation_id: e.responsibleOrganisationId,
              administration: null,
              name: org.short_name,
              part: 'responsible',
            })
            .execute();
        }
        break;
      }
      case 'changeFrame':
      case 'addBudgetLine':
      case 'addBudgetYear':
      case 'setLineAmount':
        break;
      case 'moveBudget':
        moves.push({ fromLineId: e.fromLineId, toLineId: e.toLineId, year: e.year, amountOre: e.amountOre });
        break;
      case 'updateGoal':
        await trx
          .updateTable('goal')
          .set({ title: e.after.title, description: e.after.description })
          .where('id', '=', e.goalId)
          .where('plan_id', '=', planId)
          .execute();
        break;
      case 'updateCriterion':
        await trx
          .updateTable('success_criterion')
          .set({ target_value: e.after.targetValue, target_date: e.after.targetDate })
          .where('id', '=', e.criterionId)
          .where('plan_id', '=', planId)
          .execute();
        break;
      case 'updateContingency':
        await trx
          .updateTable('contingency_plan')
          .set({
            steps: e.after.steps,
            police_cooperation: e.after.policeCooperation,
            last_reviewed: e.after.lastReviewed,
            version: sql`version + 1`,
            updated_at: sql`now()`,
          })
          .where('plan_id', '=', planId)
          .execute();
        break;
    }
  }
  if (moves.length && !changesBudgetShape(edits)) await applyBudgetReallocation(trx, planId, moves);
}
