import type { Executor } from '../../db/database.ts';
import { type ChangeKind, changeKinds, type Edit } from '../../domain/changes/edits.ts';
import { copenhagenInstant, copenhagenParts } from '../../domain/governance/time.ts';
import { funderKindLabels } from '../../domain/money/budget.ts';
import { progressLabels, progressRuleText, progressStatus, type ProgressStatus } from '../../domain/plan-rules.ts';
import {
  type ActivityYearStatus,
  activityStatusRuleText,
  activityYearLabels,
  activityYearStatus,
  splitByFunders,
  type Verdict,
  verdictLabels,
} from '../../domain/reports/index.ts';
import { planFinance } from '../money/index.ts';
import { loadPlan } from '../plans/read.ts';

export { type ActivityYearStatus, activityYearLabels } from '../../domain/reports/index.ts';

export interface ReportCriterion {
  id: number;
  indicator: string;
  unit: string;
  direction: 'increase' | 'decrease';
  baseline: { value: number; date: string };
  target: { value: number; date: string };
  /** The year's measurements, oldest first. */
  yearValues: { value: number; measuredOn: string }[];
  /** The latest measurement up to the year's end. */
  latest: { value: number; measuredOn: string } | null;
  expected: number | null;
  status: ProgressStatus;
  statusLabel: string;
}

export interface ReportMoneyRow {
  name: string;
  budgetOre: number;
  actualOre: number;
  varianceOre: number;
  cumulativeBudgetOre: number;
  cumulativeActualOre: number;
}

/** Everything a yearly report says that comes from data (R6); the narrative is kept beside it. */
export interface ReportContent {
  plan: {
    id: number;
    name: string;
    district: string;
    period: string;
    startsOn: string;
    endsOn: string;
    lead: string;
    organisations: string[];
    estates: string[];
  };
  year: number;
  asOf: string;
  statusRule: string;
  /** The rule behind the activities' status (absent in snapshots frozen before it was printed). */
  activityRule?: string;
  goals: { id: number; title: string; description: string; criteria: ReportCriterion[] }[];
  activities: {
    id: number;
    title: string;
    focusArea: string;
    status: ActivityYearStatus;
    statusLabel: string;
    startsOn: string | null;
    endsOn: string | null;
    changes: string[];
  }[];
  finance: {
    frameOre: number;
    lines: ReportMoneyRow[];
    funders: (ReportMoneyRow & { kindLabel: string; amountOre: number; shareBp: number | null })[];
    totals: ReportMoneyRow;
    rounding: string;
  };
  changes: { id: number; number: number; title: string; kindLabel: string; appliedOn: string; version: number | null }[];
  previousVerdicts: {
    criterionId: number;
    indicator: string;
    verdict: Verdict;
    verdictLabel: string;
    comment: string;
    year: number;
    decidedOn: string;
    bodyName: string;
  }[];
}

const yearEnd = (y: number) => `${y}-12-31`;

const row = (name: string, perYear: Record<number, { budgetOre: number; actualOre: number }>, year: number): ReportMoneyRow => {
  const y = perYear[year] ?? { budgetOre: 0, actualOre: 0 };
  let cumulativeBudgetOre = 0;
  let cumulativeActualOre = 0;
  for (const [k, v] of Object.entries(perYear)) {
    if (Number(k) > year) continue;
    cumulativeBudgetOre += v.budgetOre;
    cumulativeActualOre += v.actualOre;
  }
  return {
    name,
    budgetOre: y.budgetOre,
    actualOre: y.actualOre,
    varianceOre: y.budgetOre - y.actualOre,
    cumulativeBudgetOre,
    cumulativeActualOre,
  };
};

/**
 * R6 — assembles the report for (plan, year) from live data: the goal chain with baseline, target, the year's
 * values and status; the activities; budget against accounts per line and funder; the changes approved in the
 * year; the board's verdicts on last year's report. No access check (callers check).
 */
export async function buildReport(db: Executor, planId: number, year: number): Promise<ReportContent> {
  const end = yearEnd(year);
  const [plan, finance, changes, verdicts] = await Promise.all([
    loadPlan(db, planId, false, end),
    planFinance(db, planId, end),
    db
      .selectFrom('change_request')
      .select(['id', 'number', 'title', 'kind', 'applied_at', 'applied_version', 'edits'])
      .where('plan_id', '=', planId)
      .where('state', '=', 'applied')
      .where('applied_at', '>=', copenhagenInstant(`${year}-01-01`, '00:00'))
      .where('applied_at', '<', copenhagenInstant(`${year + 1}-01-01`, '00:00'))
      .orderBy('applied_at')
      .execute(),
    db
      .selectFrom('report_verdict as v')
      .innerJoin('report as r', 'r.id', 'v.report_id')
      .innerJoin('success_criterion as c', 'c.id', 'v.criterion_id')
      .leftJoin('body as b', 'b.id', 'v.body_id')
      .select(['v.criterion_id', 'c.indicator_name', 'v.verdict', 'v.comment', 'r.year', 'v.decided_on', 'b.name as body_name'])
      .where('r.plan_id', '=', planId)
      .where('r.year', '=', year - 1)
      .orderBy('v.criterion_id')
      .execute(),
  ]);
  const changedActivity = new Map<number, string[]>();
  for (const c of changes) {
    for (const e of c.edits as Edit[]) {
      if (e.op === 'updateActivity' || e.op === 'endActivity')
        changedActivity.set(e.activityId, [...(changedActivity.get(e.activityId) ?? []), `Ændringsanmodning nr. ${c.number}: ${c.title}`]);
    }
  }
  const lines = finance.lines.map((l) => row(l.name, l.perYear, year));
  const totals = row('I alt', finance.totals.perYear, year);
  const split = (ore: number) => splitByFunders(ore, finance.funders, finance.frameOre);
  const parts = {
    budget: split(totals.budgetOre),
    actual: split(totals.actualOre),
    cumBudget: split(totals.cumulativeBudgetOre),
    cumActual: split(totals.cumulativeActualOre),
  };

  return {
    plan: {
      id: plan.id,
      name: plan.name,
      district: plan.district?.name ?? '',
      period: plan.period.code,
      startsOn: plan.startsOn,
      endsOn: plan.endsOn,
      lead: plan.lead.shortName,
      organisations: plan.partyOrganisations.map((o) => o.shortName),
      estates: plan.estates.map((e) => e.name),
    },
    year,
    asOf: end,
    statusRule: progressRuleText,
    activityRule: activityStatusRuleText,
    goals: plan.goals.map((g) => ({
      id: g.id,
      title: g.title,
      description: g.description,
      criteria: g.criteria.map((c) => {
        const upToYear = c.measurements.filter((m) => m.measuredOn <= end).map((m) => ({ value: m.value, measuredOn: m.measuredOn }));
        const p = progressStatus(c, upToYear);
        return {
          id: c.id,
          indicator: c.indicatorName,
          unit: c.unit,
          direction: c.direction,
          baseline: { value: c.baselineValue, date: c.baselineDate },
          target: { value: c.targetValue, date: c.targetDate },
          yearValues: upToYear.filter((m) => m.measuredOn >= `${year}-01-01`).sort((a, b) => a.measuredOn.localeCompare(b.measuredOn)),
          latest: p.latest,
          expected: p.expected,
          status: p.status,
          statusLabel: progressLabels[p.status],
        };
      }),
    })),
    activities: plan.subAgreements.flatMap((s) =>
      s.activities.map((a) => {
        const status = activityYearStatus(a, year);
        return {
          id: a.id,
          title: a.title,
          focusArea: s.focusArea,
          status,
          statusLabel: activityYearLabels[status],
          startsOn: a.startsOn,
          endsOn: a.endsOn,
          changes: changedActivity.get(a.id) ?? [],
        };
      }),
    ),
    finance: {
      frameOre: finance.frameOre,
      lines,
      totals,
      funders: finance.funders.map((f, i) => ({
        name: f.name,
        kindLabel: funderKindLabels[f.kind],
        amountOre: f.amountOre,
        shareBp: f.shareBp,
        budgetOre: parts.budget[i]!,
        actualOre: parts.actual[i]!,
        varianceOre: parts.budget[i]! - parts.actual[i]!,
        cumulativeBudgetOre: parts.cumBudget[i]!,
        cumulativeActualOre: parts.cumActual[i]!,
      })),
      rounding:
        'Beløb pr. finansieringskilde er fordelt efter kildens andel af rammen; hver kilde får sin andel rundet ned til hele øre, og de øre, der er tilbage, går til kilderne i rækkefølge.',
    },
    changes: changes.map((c) => ({
      id: c.id,
      number: c.number,
      title: c.title,
      kindLabel: changeKinds[c.kind as ChangeKind],
      appliedOn: copenhagenParts(c.applied_at!).date,
      version: c.applied_version,
    })),
    previousVerdicts: verdicts.map((v) => ({
      criterionId: v.criterion_id,
      indicator: v.indicator_name,
      verdict: v.verdict as Verdict,
      verdictLabel: verdictLabels[v.verdict as Verdict],
      comment: v.comment,
      year: v.year,
      decidedOn: v.decided_on,
      bodyName: v.body_name ?? '',
    })),
  };
}
