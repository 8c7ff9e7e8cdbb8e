import { type PortfolioFact, portfolioFactOn } from '../../domain/governance/portfolio.ts';
import type { ServiceContext } from '../context.ts';
import { visiblePlans } from '../plans/access.ts';

export interface PortfolioOn {
  on: string;
  /** The latest published numbers on or before the day. */
  fact: PortfolioFact | null;
  /** The plans registered in Helhed that ran on the day (that the actor may see), and whether the pool funded them. */
  plans: { id: number; name: string; startsOn: string; endsOn: string; coFinanced: boolean; isDemo: boolean }[];
}

/** R16 — the portfolio on a day: the public fact, and the registered plans running that day. */
export async function portfolioOn(ctx: ServiceContext, on: string): Promise<PortfolioOn> {
  const rows = await ctx.db
    .selectFrom('plan as p')
    .select((eb) => [
      'p.id',
      'p.name',
      'p.starts_on',
      'p.ends_on',
      'p.is_demo',
      eb
        .exists(
          eb
            .selectFrom('pool_entry as e')
            .select('e.id')
            .whereRef('e.plan_id', '=', 'p.id')
            .where('e.kind', '=', 'allocation')
            .where('e.decided_on', '<=', on),
        )
        .as('co_financed'),
    ])
    .where(visiblePlans(ctx.actor))
    .where('p.starts_on', '<=', on)
    .where('p.ends_on', '>=', on)
    .where('p.state', 'in', ['granted', 'active', 'ended'])
    .orderBy('p.name')
    .execute();
  return {
    on,
    fact: portfolioFactOn(on),
    plans: rows.map((r) => ({
      id: r.id,
      name: r.name,
      startsOn: r.starts_on,
      endsOn: r.ends_on,
      coFinanced: !!r.co_financed,
      isDemo: r.is_demo,
    })),
  };
}
