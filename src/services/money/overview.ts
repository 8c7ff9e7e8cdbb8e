import { sql } from 'kysely';
import { authorize } from '../../policy/index.ts';
import { type ServiceContext } from '../context.ts';
import { visiblePlans } from '../plans/access.ts';

export interface Totals {
  frameOre: number;
  budgetOre: number;
  actualOre: number;
  remainingOre: number;
  lbfOre: number;
  municipalityOre: number;
  organisationsOre: number;
  otherOre: number;
  /** R1 — the municipality's share split into contracted work and facilitation (budgets that carry the split). */
  contractedOre: number;
  facilitationOre: number;
}

export interface OverviewPlan extends Totals {
  id: number;
  name: string;
  state: string;
  districtId: number | null;
  districtName: string | null;
}

export interface FinanceOverview {
  districtId: number | null;
  districtName: string | null;
  plans: OverviewPlan[];
  districts: (Totals & { districtId: number | null; districtName: string; plans: number })[];
  years: { year: number; budgetOre: number; actualOre: number }[];
  totals: Totals;
  districtOptions: { id: number; name: string }[];
}

const zero = (): Totals => ({
  frameOre: 0,
  budgetOre: 0,
  actualOre: 0,
  remainingOre: 0,
  lbfOre: 0,
  municipalityOre: 0,
  organisationsOre: 0,
  otherOre: 0,
  contractedOre: 0,
  facilitationOre: 0,
});
const totalKeys = Object.keys(zero()) as (keyof Totals)[];
/** Adds only the sums: a district's row also carries its id, name and plan count, which must not be summed. */
const add = (t: Totals, p: Totals) => {
  for (const k of totalKeys) t[k] += p[k];
};

/**
 * R1, R8 — the economy of every plan with a budget the actor may see, for the city or one district:
 * frame, spent, remaining, by funder and by year. Sums are exact (bigint in SQL).
 */
/** The front page's totals: the visible plans' frames and spending, in two sums (no per-plan rows). */
export async function financeTotals(ctx: ServiceContext): Promise<{ frameOre: number; actualOre: number }> {
  authorize(ctx.actor, 'read', { type: 'financeOverview' });
  const r = await ctx.db
    .selectFrom('plan as p')
    .innerJoin('budget as b', 'b.plan_id', 'p.id')
    .select([
      sql<string>`coalesce(sum(b.frame_ore), 0)`.as('frame'),
      sql<string>`coalesce(sum((SELECT sum(e.amount_ore) FROM account_entry e WHERE e.plan_id = p.id)), 0)`.as('actual'),
    ])
    .where(visiblePlans(ctx.actor))
    .executeTakeFirstOrThrow();
  return { frameOre: Number(r.frame), actualOre: Number(r.actual) };
}

export async function financeOverview(ctx: ServiceContext, q: { districtId?: number | null } = {}): Promise<FinanceOverview> {
  authorize(ctx.actor, 'read', { type: 'financeOverview' });
  const districtId = q.districtId ?? null;
  const funded = (kind: string) =>
    sql<number>`(SELECT coalesce(sum(f.amount_ore), 0)::bigint FROM funder f WHERE f.plan_id = p.id AND f.kind = ${kind})`;
  const rows = await ctx.db
    .selectFrom('plan as p')
    .innerJoin('budget as b', 'b.plan_id', 'p.id')
    .leftJoin('district as d', 'd.id', 'p.district_id')
    .select([
      'p.id',
      'p.name',
      'p.state',
      'p.district_id as districtId',
      'd.name as districtName',
      'b.frame_ore as frameOre',
      sql<number>`(SELECT coalesce(sum(ba.amount_ore), 0)::bigint FROM budget_line bl JOIN budget_amount ba ON ba.line_id = bl.id WHERE bl.plan_id = p.id)`.as(
        'budgetOre',
      ),
      sql<number>`(SELECT coalesce(sum(e.amount_ore), 0)::bigint FROM account_entry e WHERE e.plan_id = p.id)`.as('actualOre'),
      funded('lbf').as('lbfOre'),
      funded('municipality').as('municipalityOre'),
      funded('organisation').as('organisationsOre'),
      funded('other').as('otherOre'),
      sql<number>`coalesce(b.municipal_contracted_ore, 0)::bigint`.as('contractedOre'),
      sql<number>`coalesce(b.municipal_facilitation_ore, 0)::bigint`.as('facilitationOre'),
    ])
    .where(visiblePlans(ctx.actor))
    .$if(districtId !== null, (qb) => qb.where('p.district_id', '=', districtId!))
    .orderBy('d.name')
    .orderBy('p.name')
    .execute();
  const plans: OverviewPlan[] = rows.map((r) => ({ ...r, remainingOre: r.budgetOre - r.actualOre }));
  const totals = zero();
  const byDistrict = new Map<string, Totals & { districtId: number | null; districtName: string; plans: number }>();
  for (const p of plans) {
    add(totals, p);
    const k = String(p.districtId);
    const d = byDistrict.get(k) ?? { ...zero(), districtId: p.districtId, districtName: p.districtName ?? 'Uden bydel', plans: 0 };
    add(d, p);
    d.plans++;
    byDistrict.set(k, d);
  }
  const ids = plans.map((p) => p.id);
  const years = new Map<number, { year: number; budgetOre: number; actualOre: number }>();
  if (ids.length) {
    const [b, a] = await Promise.all([
      ctx.db
        .selectFrom('budget_amount as ba')
        .innerJoin('budget_line as bl', 'bl.id', 'ba.line_id')
        .select(['ba.year', sql<number>`sum(ba.amount_ore)::bigint`.as('total')])
        .where('bl.plan_id', 'in', ids)
        .groupBy('ba.year')
        .execute(),
      ctx.db
        .selectFrom('account_entry')
        .select(['year', sql<number>`sum(amount_ore)::bigint`.as('total')])
        .where('plan_id', 'in', ids)
        .groupBy('year')
        .execute(),
    ]);
    for (const r of b) years.set(r.year, { year: r.year, budgetOre: r.total, actualOre: 0 });
    for (const r of a) years.set(r.year, { ...(years.get(r.year) ?? { year: r.year, budgetOre: 0 }), actualOre: r.total });
  }
  const districtOptions = await ctx.db.selectFrom('district').select(['id', 'name']).orderBy('number').execute();
  return {
    districtId,
    districtName: districtId ? (districtOptions.find((d) => d.id === districtId)?.name ?? null) : null,
    plans,
    districts: [...byDistrict.values()].sort((a, b) => a.districtName.localeCompare(b.districtName, 'da')),
    years: [...years.values()].sort((a, b) => a.year - b.year),
    totals,
    districtOptions,
  };
}
