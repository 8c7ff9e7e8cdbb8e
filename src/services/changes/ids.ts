import type { Executor } from '../../db/database.ts';
import type { Edit } from '../../domain/changes/edits.ts';
import type { FieldErrors } from '../../errors.ts';
import { partyOrganisationIds } from '../plans/access.ts';

type PlanTable = 'activity' | 'sub_agreement' | 'goal' | 'success_criterion' | 'budget_line';

/** The field of the edit each id comes from, what it names in Danish, and the table it must be in with the plan's id. */
const kinds = {
  activityId: { table: 'activity', what: 'Aktiviteten' },
  subAgreementId: { table: 'sub_agreement', what: 'Delaftalen' },
  goalIds: { table: 'goal', what: 'Målet' },
  goalId: { table: 'goal', what: 'Målet' },
  criterionId: { table: 'success_criterion', what: 'Succeskriteriet' },
  fromLineId: { table: 'budget_line', what: 'Budgetlinjen' },
  toLineId: { table: 'budget_line', what: 'Budgetlinjen' },
  lineId: { table: 'budget_line', what: 'Budgetlinjen' },
} as const satisfies Record<string, { table: PlanTable; what: string }>;
type IdField = keyof typeof kinds;

/** Every plan-scoped id inside the edits, by the field it came from. */
function idsIn(edits: Edit[]): { field: IdField; id: number }[] {
  return edits.flatMap((e): { field: IdField; id: number }[] => {
    switch (e.op) {
      case 'updateActivity':
      case 'endActivity':
        return [{ field: 'activityId', id: e.activityId }];
      case 'addActivity':
        return [{ field: 'subAgreementId', id: e.subAgreementId }, ...e.goalIds.map((id) => ({ field: 'goalIds' as const, id }))];
      case 'moveBudget':
        return [
          { field: 'fromLineId', id: e.fromLineId },
          { field: 'toLineId', id: e.toLineId },
        ];
      case 'updateGoal':
        return [{ field: 'goalId', id: e.goalId }];
      case 'updateCriterion':
        return [{ field: 'criterionId', id: e.criterionId }];
      case 'addBudgetLine':
        return e.line.kind === 'activity' && e.line.activityId ? [{ field: 'activityId', id: e.line.activityId }] : [];
      case 'addBudgetYear':
        return e.amounts.map((a) => ({ field: 'lineId' as const, id: a.lineId }));
      case 'setLineAmount':
        return [{ field: 'lineId', id: e.lineId }];
      case 'changeFrame':
      case 'updateContingency':
        return [];
    }
  });
}

/**
 * R3 — the ids inside a change request's edits that do not belong to the plan (a sub-agreement, goal, activity,
 * budget line or success criterion of another plan, or none at all; a responsible organisation that is not party to
 * the plan's grant), as one Danish message per field. Empty when every id is the plan's own.
 */
export async function foreignIds(db: Executor, planId: number, edits: Edit[]): Promise<FieldErrors> {
  const wanted = idsIn(edits);
  const errors: FieldErrors = {};
  const byTable = new Map<PlanTable, Set<number>>();
  for (const w of wanted) byTable.set(kinds[w.field].table, (byTable.get(kinds[w.field].table) ?? new Set()).add(w.id));
  const own = new Map<PlanTable, Set<number>>();
  for (const [table, ids] of byTable) {
    const rows = await db
      .selectFrom(table)
      .select('id')
      .where('plan_id', '=', planId)
      .where('id', 'in', [...ids])
      .execute();
    own.set(table, new Set(rows.map((r) => r.id)));
  }
  const refused = new Map<IdField, number[]>();
  for (const w of wanted)
    if (!own.get(kinds[w.field].table)?.has(w.id)) refused.set(w.field, [...new Set([...(refused.get(w.field) ?? []), w.id])]);
  for (const [field, ids] of refused) {
    errors[field] =
      ids.length === 1
        ? `${kinds[field].what} med id ${ids[0]} hører ikke til planen.`
        : `${kinds[field].what} med id ${ids.join(', ')} hører ikke til planen.`;
  }
  const orgIds = edits.flatMap((e) =>
    e.op === 'addActivity' && e.responsibleOrganisationId !== null ? [e.responsibleOrganisationId] : [],
  );
  // R1 — a housing organisation can fund the plan only when it is party to the plan's grant.
  const funderOrgIds = edits.flatMap((e) =>
    e.op === 'changeFrame' ? e.after.funders.flatMap((f) => (f.kind === 'organisation' && f.organisationId ? [f.organisationId] : [])) : [],
  );
  if (funderOrgIds.length) {
    const parties = new Set(await partyOrganisationIds(db, planId));
    const outside = [...new Set(funderOrgIds.filter((o) => !parties.has(o)))];
    if (outside.length)
      errors.funders = `Boligorganisationen med id ${outside.join(', ')} er ikke part i planens bevilling og kan ikke stå som finansieringskilde.`;
  }
  if (orgIds.length) {
    const parties = new Set(await partyOrganisationIds(db, planId));
    const outside = [...new Set(orgIds.filter((o) => !parties.has(o)))];
    if (outside.length)
      errors.responsibleOrganisationId = `Boligorganisationen med id ${outside.join(', ')} er ikke part i planens bevilling.`;
  }
  return errors;
}

/** A short Danish sentence naming every foreign id, for a conflict at approval. */
export const foreignIdsText = (errors: FieldErrors) => Object.values(errors).join(' ');
