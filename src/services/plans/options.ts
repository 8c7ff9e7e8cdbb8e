import { visiblePlans } from './access.ts';
import type { ServiceContext } from '../context.ts';

/** The funding periods a plan can belong to, newest first (public reference data). */
export const fundingPeriodOptions = (ctx: ServiceContext) =>
  ctx.db.selectFrom('funding_period').select(['id', 'code', 'name']).orderBy('starts_on', 'desc').execute();

/** Every estate with its organisation, for choosing a plan's estates (public registry facts). */
export const estateOptions = (ctx: ServiceContext) =>
  ctx.db
    .selectFrom('estate as e')
    .innerJoin('organisation as o', 'o.id', 'e.organisation_id')
    .select(['e.id', 'e.name', 'o.short_name', 'e.organisation_id'])
    .orderBy('o.short_name')
    .orderBy('e.name')
    .execute();

/** How many plans are in each state, among those the actor may see (the front page's overview). */
export async function planStateCounts(ctx: ServiceContext): Promise<Map<string, number>> {
  const rows = await ctx.db
    .selectFrom('plan as p')
    .select(['p.state', (eb) => eb.fn.countAll<number>().as('n')])
    .where(visiblePlans(ctx.actor))
    .groupBy('p.state')
    .execute();
  return new Map(rows.map((r) => [r.state, Number(r.n)]));
}
