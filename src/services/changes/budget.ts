import type { Executor, Trx } from '../../db/database.ts';
import { budgetAfterEdits, changesBudgetShape, checkBudgetAfterEdits, municipalOre } from '../../domain/changes/budget.ts';
import type { CurrentValues, Edit, FrameFields } from '../../domain/changes/edits.ts';
import { kr } from '../../domain/money/amount.ts';
import type { RuleViolation } from '../../domain/money/budget.ts';
import type { Actor } from '../../policy/index.ts';
import { adjustPoolShare, councilApprovedMunicipalOre, type PlanFinance, planFinance, writeApprovedBudget } from '../money/index.ts';

/** R1 — the plan's frame and funders as a change request names them (`before` of a frame change). */
export const frameOf = (f: PlanFinance): FrameFields => ({
  frameOre: f.frameOre,
  funders: f.funders.map((x) => ({ kind: x.kind, name: x.name, organisationId: x.organisationId, amountOre: x.amountOre })),
});

/** Adds the current frame and the budget per year to the values the edits are checked against (R3 staleness). */
export function addBudgetCurrentValues(values: CurrentValues, finance: PlanFinance, edits: Edit[]): void {
  if (edits.some((e) => e.op === 'changeFrame')) values.set('frame', frameOf(finance));
  for (const e of edits) {
    if (e.op === 'addBudgetYear') values.set(`budgetYear:${e.year}`, { yearOre: finance.totals.perYear[e.year]?.budgetOre ?? 0 });
    const line = e.op === 'setLineAmount' ? finance.lines.find((l) => l.id === e.lineId) : undefined;
    if (e.op === 'setLineAmount' && line)
      values.set(`lineAmount:${e.lineId}:${e.year}`, { amountOre: line.perYear[e.year]?.budgetOre ?? 0 });
  }
}

/**
 * R1, R5 — the problems of the budget the request's edits lead to, checked against the plan's budget, the funding
 * period's limits, the municipality's cap and the City Council's approved co-financing as they are now. Empty: the
 * budget may be the plan's. Only for requests that change more than moves (moves keep their own check).
 */
export async function requestBudgetProblems(db: Executor, planId: number, edits: Edit[]): Promise<RuleViolation[]> {
  if (!changesBudgetShape(edits)) return [];
  const finance = await planFinance(db, planId);
  return checkBudgetAfterEdits(
    budgetAfterEdits(finance.draft, edits),
    finance.limits,
    finance,
    await councilApprovedMunicipalOre(db, planId),
  );
}

/**
 * R1, R8 — applies an approved request's budget edits in the caller's transaction: writes the whole budget it leads to
 * (creating it for a plan without one) and moves the plan's allocation from the co-financing pool with the change in
 * the municipality's share. The caller has re-checked R1 (`requestBudgetProblems`) in the same transaction.
 */
export async function applyBudgetEdits(
  trx: Trx,
  actor: Actor,
  planId: number,
  edits: Edit[],
  request: { number: number; title: string },
  today: string,
): Promise<void> {
  const finance = await planFinance(trx, planId);
  const after = budgetAfterEdits(finance.draft, edits);
  const decision = `Ændringsanmodning nr. ${request.number}: ${request.title}`;
  await writeApprovedBudget(
    trx,
    actor,
    planId,
    after,
    `${finance.hasBudget ? 'Budgettet ændret' : 'Budgettet lagt'} ved ændringsanmodning nr. ${request.number} (${request.title}): ramme ${kr(after.frameOre)}`,
  );
  await adjustPoolShare(trx, actor, planId, municipalOre(after) - municipalOre(finance.draft), { text: decision, on: today });
}
