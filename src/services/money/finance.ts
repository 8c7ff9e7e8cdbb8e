import { sql } from 'kysely';
import type { Executor } from '../../db/database.ts';
import {
  type BudgetDraft,
  type BudgetLimits,
  checkBudgetRules,
  type FunderKind,
  type LineKind,
  planYears,
  type RuleViolation,
} from '../../domain/money/budget.ts';
import { basisPoints } from '../../domain/money/amount.ts';
import { type SpendFigures, spendFigures, type YearAmounts } from '../../domain/money/finance.ts';
import { NotFound } from '../../errors.ts';
import { authorize } from '../../policy/index.ts';
import { budgetWritableStates } from '../../policy/rules/money.ts';
import { isoDate, today, type ServiceContext } from '../context.ts';
import { budgetSubject } from './access.ts';

export interface FinanceLine {
  id: number;
  name: string;
  kind: LineKind;
  activityId: number | null;
  activityTitle: string | null;
  perYear: Record<number, YearAmounts>;
  figures: SpendFigures;
}

export interface FinanceFunder {
  id: number;
  kind: FunderKind;
  name: string;
  organisationId: number | null;
  amountOre: number;
  /** Share of the frame in basis points (rounded half up). */
  shareBp: number | null;
}

/**
 * R1 — the settings of the plan's municipality (through its district; Copenhagen when the plan has none): the cap on
 * its share of the frame and its split into contracted work and facilitation.
 */
export async function municipalSettings(
  db: Executor,
  planId: number,
): Promise<{ capBp: number; contractedBp: number | null; facilitationBp: number | null; name: string }> {
  const viaDistrict = await db
    .selectFrom('plan as p')
    .innerJoin('district as d', 'd.id', 'p.district_id')
    .innerJoin('municipality as m', 'm.id', 'd.municipality_id')
    .select(['m.name', 'm.municipal_share_max_bp', 'm.contracted_work_bp', 'm.facilitation_bp'])
    .where('p.id', '=', planId)
    .executeTakeFirst();
  const m =
    viaDistrict ??
    (await db
      .selectFrom('municipality')
      .select(['name', 'municipal_share_max_bp', 'contracted_work_bp', 'facilitation_bp'])
      .orderBy('id')
      .executeTakeFirst());
  if (!m) return { capBp: 1250, contractedBp: null, facilitationBp: null, name: 'Kommunen' };
  return { capBp: m.municipal_share_max_bp, contractedBp: m.contracted_work_bp, facilitationBp: m.facilitation_bp, name: m.name };
}

/** A plan's whole economy: the budget (R1), the accounts and the figures derived from them. */
export interface PlanFinance {
  planId: number;
  planName: string;
  planState: string;
  startsOn: string;
  endsOn: string;
  hasBudget: boolean;
  /** The budget's version (0 before a budget exists). */
  version: number;
  frameOre: number;
  note: string;
  years: number[];
  lines: FinanceLine[];
  funders: FinanceFunder[];
  totals: SpendFigures & { perYear: Record<number, YearAmounts & { varianceOre: number }> };
  limits: BudgetLimits;
  /** R1 — the municipality's split of its share that the budget carries (null: not split). */
  municipalSplit: { contractedOre: number; facilitationOre: number; contractedBp: number | null; facilitationBp: number | null } | null;
  /** The budget as the R1 rules see it (change requests apply moves to a copy). */
  draft: BudgetDraft;
  /** R1 problems of the stored budget (none once saved through the service). */
  violations: RuleViolation[];
  /** After the municipal approval the budget is read-only: changes only by change request. */
  locked: boolean;
  asOf: string;
}

/**
 * R1 — a plan's budget and accounts with variance, burn rate and forecast per line and in total.
 * No access check: callers check (`getPlanFinance`) or run inside their own checked transaction.
 */
export async function planFinance(db: Executor, planId: number, asOf: string = isoDate(new Date())): Promise<PlanFinance> {
  const plan = await db
    .selectFrom('plan as p')
    .innerJoin('funding_period as f', 'f.id', 'p.funding_period_id')
    .select(['p.id', 'p.name', 'p.state', 'p.starts_on', 'p.ends_on', 'f.lbf_cap_bp', 'f.local_floor_bp'])
    .where('p.id', '=', planId)
    .executeTakeFirst();
  if (!plan) throw new NotFound('Planen findes ikke.');
  const [budget, lineRows, amounts, actuals, funders] = await Promise.all([
    db.selectFrom('budget').selectAll().where('plan_id', '=', planId).executeTakeFirst(),
    db
      .selectFrom('budget_line as l')
      .leftJoin('activity as a', 'a.id', 'l.activity_id')
      .select(['l.id', 'l.name', 'l.kind', 'l.activity_id', 'a.title as activityTitle'])
      .where('l.plan_id', '=', planId)
      .orderBy('l.sort')
      .orderBy('l.id')
      .execute(),
    db
      .selectFrom('budget_amount as ba')
      .innerJoin('budget_line as l', 'l.id', 'ba.line_id')
      .select(['ba.line_id', 'ba.year', 'ba.amount_ore'])
      .where('l.plan_id', '=', planId)
      .execute(),
    db
      .selectFrom('account_entry')
      .select(['line_id', 'year', sql<number>`sum(amount_ore)::bigint`.as('total')])
      .where('plan_id', '=', planId)
      .groupBy(['line_id', 'year'])
      .execute(),
    db.selectFrom('funder').selectAll().where('plan_id', '=', planId).orderBy('sort').orderBy('id').execute(),
  ]);
  const years = [
    ...new Set([...planYears(plan.starts_on, plan.ends_on), ...amounts.map((a) => a.year), ...actuals.map((a) => a.year)]),
  ].sort((a, b) => a - b);
  const period = { startsOn: plan.starts_on, endsOn: plan.ends_on };
  const frameOre = budget?.frame_ore ?? 0;
  const lines: FinanceLine[] = lineRows.map((l) => {
    const perYear: Record<number, YearAmounts> = Object.fromEntries(years.map((y) => [y, { budgetOre: 0, actualOre: 0 }]));
    for (const a of amounts) if (a.line_id === l.id) perYear[a.year]!.budgetOre = a.amount_ore;
    for (const a of actuals) if (a.line_id === l.id) perYear[a.year]!.actualOre = Number(a.total);
    return {
      id: l.id,
      name: l.name,
      kind: l.kind,
      activityId: l.activity_id,
      activityTitle: l.activityTitle,
      perYear,
      figures: spendFigures(perYear, period, asOf),
    };
  });
  const totalPerYear: Record<number, YearAmounts & { varianceOre: number }> = {};
  for (const y of years) {
    const budgetOre = lines.reduce((s, l) => s + l.perYear[y]!.budgetOre, 0);
    const actualOre = lines.reduce((s, l) => s + l.perYear[y]!.actualOre, 0);
    totalPerYear[y] = { budgetOre, actualOre, varianceOre: budgetOre - actualOre };
  }
  const totals = { ...spendFigures(totalPerYear, period, asOf), perYear: totalPerYear };
  const municipal = await municipalSettings(db, planId);
  const limits = { lbfMaxPct: plan.lbf_cap_bp / 100, localMinPct: plan.local_floor_bp / 100, municipalMaxPct: municipal.capBp / 100 };
  const draft: BudgetDraft = {
    frameOre,
    lines: lines.map((l) => ({
      id: l.id,
      name: l.name,
      kind: l.kind,
      activityId: l.activityId,
      perYear: Object.fromEntries(years.map((y) => [y, l.perYear[y]!.budgetOre])),
    })),
    funders: funders.map((f) => ({ id: f.id, kind: f.kind, name: f.name, organisationId: f.organisation_id, amountOre: f.amount_ore })),
  };
  return {
    planId,
    planName: plan.name,
    planState: plan.state,
    startsOn: plan.starts_on,
    endsOn: plan.ends_on,
    hasBudget: !!budget,
    version: budget?.version ?? 0,
    frameOre,
    note: budget?.note ?? '',
    years,
    lines,
    funders: funders.map((f) => ({
      id: f.id,
      kind: f.kind,
      name: f.name,
      organisationId: f.organisation_id,
      amountOre: f.amount_ore,
      shareBp: basisPoints(f.amount_ore, frameOre),
    })),
    totals,
    limits,
    municipalSplit:
      budget && budget.municipal_contracted_ore !== null && budget.municipal_facilitation_ore !== null
        ? {
            contractedOre: budget.municipal_contracted_ore,
            facilitationOre: budget.municipal_facilitation_ore,
            contractedBp: municipal.contractedBp,
            facilitationBp: municipal.facilitationBp,
          }
        : null,
    draft,
    violations: budget ? checkBudgetRules(draft, limits) : [],
    locked: !budgetWritableStates.includes(plan.state),
    asOf,
  };
}

/** The plan's economy for the acting user (read access as for the plan, R5/R7). */
export async function getPlanFinance(ctx: ServiceContext, planId: number): Promise<PlanFinance> {
  authorize(ctx.actor, 'read', await budgetSubject(ctx.db, planId));
  return planFinance(ctx.db, planId, today(ctx));
}
