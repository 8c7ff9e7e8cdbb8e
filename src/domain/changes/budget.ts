import { kr } from '../money/amount.ts';
import { type BudgetDraft, type BudgetLimits, checkBudgetRules, planYears, type RuleViolation } from '../money/budget.ts';
import { withoutRuleCodes } from '../text.ts';
import type { Edit } from './edits.ts';

/** The edits of a request that touch the budget (lines, years, frame, funders). */
export type BudgetEdit = Extract<Edit, { op: 'moveBudget' | 'changeFrame' | 'addBudgetLine' | 'addBudgetYear' | 'setLineAmount' }>;
export const isBudgetEdit = (e: Edit): e is BudgetEdit =>
  e.op === 'moveBudget' || e.op === 'changeFrame' || e.op === 'addBudgetLine' || e.op === 'addBudgetYear' || e.op === 'setLineAmount';
/** Edits beyond moving money between lines: they need the whole budget written (and may create it). */
export const changesBudgetShape = (edits: Edit[]) => edits.some((e) => isBudgetEdit(e) && e.op !== 'moveBudget');

/**
 * R1, R3 — the plan's budget as it would be once the request's budget edits are applied, in their order: money moved
 * between lines, new lines with their amounts per year, a year's amounts on existing lines, a line's new amount in a
 * year, a new frame with its
 * funders. A plan without a budget starts from frame 0 with no lines and no funders. Pure: the draft is copied.
 */
export function budgetAfterEdits(current: BudgetDraft, edits: Edit[]): BudgetDraft {
  const draft: BudgetDraft = structuredClone(current);
  for (const e of edits) {
    switch (e.op) {
      case 'moveBudget': {
        const from = draft.lines.find((l) => l.id === e.fromLineId);
        const to = draft.lines.find((l) => l.id === e.toLineId);
        if (from) from.perYear[e.year] = (from.perYear[e.year] ?? 0) - e.amountOre;
        if (to) to.perYear[e.year] = (to.perYear[e.year] ?? 0) + e.amountOre;
        break;
      }
      case 'addBudgetLine':
        draft.lines.push({
          id: null,
          name: e.line.name.trim(),
          kind: e.line.kind,
          activityId: e.line.kind === 'activity' ? e.line.activityId : null,
          perYear: Object.fromEntries(e.amounts.map((a) => [a.year, a.amountOre])),
        });
        break;
      case 'addBudgetYear':
        for (const a of e.amounts) {
          const line = draft.lines.find((l) => l.id === a.lineId);
          if (line) line.perYear[e.year] = (line.perYear[e.year] ?? 0) + a.amountOre;
        }
        break;
      case 'setLineAmount': {
        const line = draft.lines.find((l) => l.id === e.lineId);
        if (line) line.perYear[e.year] = e.after.amountOre;
        break;
      }
      case 'changeFrame':
        draft.frameOre = e.after.frameOre;
        draft.funders = e.after.funders.map((f) => ({ ...f }));
        break;
    }
  }
  return draft;
}

/**
 * R1 — whether a budget a change request leads to may be the plan's: the funding rules hold (lines and funders add up
 * to the frame, LBF's cap, the local floor, the municipality's cap), every amount lies in the plan's years, line names
 * are unique, and the municipality pays no more than the City Council approved (R5; null: no amount recorded).
 * Danish messages without rule codes; the rule is in `rule`.
 */
export function checkBudgetAfterEdits(
  after: BudgetDraft,
  limits: BudgetLimits,
  plan: { startsOn: string; endsOn: string },
  councilApprovedMunicipalOre: number | null,
): RuleViolation[] {
  const out = checkBudgetRules(after, limits).map((v) => ({ ...v, message: withoutRuleCodes(v.message).replace(/^R\d+: /, '') }));
  const years = planYears(plan.startsOn, plan.endsOn);
  const outside = new Set<number>();
  for (const l of after.lines)
    for (const [y, v] of Object.entries(l.perYear)) if (v !== 0 && !years.includes(Number(y))) outside.add(Number(y));
  if (outside.size)
    out.push({
      rule: 'R1',
      field: 'lines',
      message: `Budgettet kan kun have beløb i planens år (${years[0]}–${years.at(-1)}), ikke i ${[...outside].sort().join(', ')}.`,
    });
  const names = new Set<string>();
  for (const l of after.lines) {
    const k = l.name.trim().toLowerCase();
    if (names.has(k))
      out.push({ rule: 'R1', field: 'lines', message: `Budgetlinjen «${l.name}» findes allerede; giv den nye linje et andet navn.` });
    names.add(k);
  }
  const municipal = after.funders.filter((f) => f.kind === 'municipality').reduce((s, f) => s + f.amountOre, 0);
  if (councilApprovedMunicipalOre !== null && municipal > councilApprovedMunicipalOre)
    out.push({
      rule: 'R5',
      field: 'municipality',
      message: `Borgerrepræsentationen har godkendt ${kr(councilApprovedMunicipalOre)} i kommunal medfinansiering; ændringen lader kommunen betale ${kr(municipal)}, og en større kommunal andel kræver en ny godkendelse i Borgerrepræsentationen.`,
    });
  return out;
}

/** The municipality's amount in a budget (what the co-financing pool funds, R8). */
export const municipalOre = (d: BudgetDraft) => d.funders.filter((f) => f.kind === 'municipality').reduce((s, f) => s + f.amountOre, 0);
