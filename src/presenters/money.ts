import { z } from '@hono/zod-openapi';
import type { FinanceOverview } from '../services/money/overview.ts';
import type { PoolOverview } from '../services/money/pool.ts';
import type { PlanFinance } from '../services/money/finance.ts';
import { only, personName } from './people.ts';

const int = () => z.number().int();
const ore = (description: string) => int().openapi({ description: `${description} (hele øre)` });
const lineKinds = ['activity', 'staff', 'activities', 'premises', 'evaluation', 'administration', 'other'] as const;
const funderKinds = ['lbf', 'municipality', 'organisation', 'other'] as const;
const perYear = <T extends z.ZodType>(t: T) => z.record(z.string().regex(/^\d{4}$/), t).openapi({ description: 'År → beløb' });
/** A year-keyed record as JSON sends it (string keys). */
const byYear = <T>(r: Record<number, T>): Record<string, T> => Object.fromEntries(Object.entries(r));

const YearAmounts = z.object({ budgetOre: ore('Budget'), actualOre: ore('Forbrug') });
const SpendFigures = z.object({
  budgetOre: int(),
  actualOre: int(),
  varianceOre: int(),
  spentBp: int().nullable(),
  budgetToDateOre: int(),
  burnRateBp: int().nullable(),
  forecastOre: int(),
  forecastVarianceOre: int(),
  outlook: z.enum(['under', 'over', 'on_budget', 'no_basis']),
});

export const PlanFinanceSchema = z
  .object({
    planId: int(),
    planName: z.string(),
    planState: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    hasBudget: z.boolean(),
    version: int(),
    frameOre: int(),
    note: z.string(),
    years: z.array(int()),
    lines: z.array(
      z.object({
        id: int(),
        name: z.string(),
        kind: z.enum(lineKinds),
        activityId: int().nullable(),
        activityTitle: z.string().nullable(),
        perYear: perYear(YearAmounts),
        figures: SpendFigures,
      }),
    ),
    funders: z.array(
      z.object({
        id: int(),
        kind: z.enum(funderKinds),
        name: z.string(),
        organisationId: int().nullable(),
        amountOre: int(),
        shareBp: int().nullable(),
      }),
    ),
    totals: SpendFigures.extend({ perYear: perYear(YearAmounts.extend({ varianceOre: int() })) }),
    limits: z.object({ lbfMaxPct: z.number(), localMinPct: z.number() }),
    draft: z.object({
      frameOre: int(),
      lines: z.array(
        z.object({
          id: int().nullable().optional(),
          name: z.string(),
          kind: z.enum(lineKinds).optional(),
          activityId: int().nullable().optional(),
          perYear: perYear(int()),
        }),
      ),
      funders: z.array(
        z.object({
          id: int().nullable().optional(),
          kind: z.enum(funderKinds),
          name: z.string(),
          organisationId: int().nullable().optional(),
          amountOre: int(),
        }),
      ),
    }),
    violations: z.array(z.object({ rule: z.string(), field: z.string().optional(), message: z.string() })),
    locked: z.boolean(),
    asOf: z.string(),
  })
  .openapi('PlanFinance', {
    description:
      'Planens økonomi: ramme, år, budgetlinjer med budget og forbrug pr. år (øre), finansieringskilder, totaler med afvigelse, forbrugstakt (basispoint) og prognose, R1-grænser og om budgettet er låst',
  });

export function presentPlanFinance(f: PlanFinance): z.infer<typeof PlanFinanceSchema> {
  return only(PlanFinanceSchema, {
    ...f,
    lines: f.lines.map((l) => ({ ...l, perYear: byYear(l.perYear) })),
    totals: { ...f.totals, perYear: byYear(f.totals.perYear) },
    draft: { ...f.draft, lines: f.draft.lines.map((l) => ({ ...l, perYear: byYear(l.perYear) })) },
    violations: f.violations.map((v) => ({ rule: v.rule, ...(v.field ? { field: v.field } : {}), message: v.message })),
  });
}

export const PoolSchema = z
  .object({
    id: int(),
    name: z.string(),
    balanceOre: int(),
    depositedOre: int(),
    allocatedOre: int(),
    releasedOre: int(),
    entries: z.array(
      z.object({
        id: int(),
        seq: int(),
        kind: z.enum(['deposit', 'allocation', 'release']),
        amountOre: int(),
        planId: int().nullable(),
        planName: z.string().nullable(),
        decision: z.string(),
        decidedOn: z.string(),
        note: z.string(),
        balanceAfterOre: int(),
        createdBy: z.string().openapi({ description: 'Navnet på den, der registrerede posten' }),
      }),
    ),
    shares: z.array(
      z.object({
        planId: int(),
        planName: z.string(),
        planState: z.string(),
        allocatedOre: int(),
        releasedOre: int(),
        netOre: int(),
        approvedOre: int().nullable(),
      }),
    ),
    candidates: z.array(
      z.object({
        planId: int(),
        planName: z.string(),
        approvedOre: int().nullable(),
        decisionDate: z.string().nullable(),
        caseNumber: z.string(),
        heldOre: int(),
      }),
    ),
  })
  .openapi('Pool', { description: 'Puljen: saldo, indskud, tildelinger, frigivelser, posteringer og hver plans andel (øre)' });

export const presentPool = (p: PoolOverview): z.infer<typeof PoolSchema> =>
  only(PoolSchema, { ...p, entries: p.entries.map((e) => ({ ...e, createdBy: personName(e.createdBy) })) });

const Totals = z.object({
  frameOre: int(),
  budgetOre: int(),
  actualOre: int(),
  remainingOre: int(),
  lbfOre: int(),
  municipalityOre: int(),
  organisationsOre: int(),
  otherOre: int(),
  contractedOre: int().openapi({ description: 'Heraf kommunens andel til kontraktstyret arbejde (R1, København 10,6 % af rammen)' }),
  facilitationOre: int().openapi({ description: 'Heraf kommunens andel til facilitering (R1, København 1,9 % af rammen)' }),
});
export const FinanceOverviewSchema = z
  .object({
    districtId: int().nullable(),
    districtName: z.string().nullable(),
    plans: z.array(
      Totals.extend({ id: int(), name: z.string(), state: z.string(), districtId: int().nullable(), districtName: z.string().nullable() }),
    ),
    districts: z.array(Totals.extend({ districtId: int().nullable(), districtName: z.string(), plans: int() })),
    years: z.array(z.object({ year: int(), budgetOre: int(), actualOre: int() })),
    totals: Totals,
    districtOptions: z.array(z.object({ id: int(), name: z.string() })),
  })
  .openapi('FinanceOverview', { description: 'Ramme, forbrug og restbudget pr. plan, bydel, finansieringskilde og år (øre)' });

export const presentFinanceOverview = (o: FinanceOverview): z.infer<typeof FinanceOverviewSchema> => only(FinanceOverviewSchema, o);
