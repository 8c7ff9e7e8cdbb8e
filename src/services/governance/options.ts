import { can, organisationsOf } from '../../policy/index.ts';
import type { ServiceContext } from '../context.ts';
import { visiblePlans } from '../plans/access.ts';

/**
 * R14 — the plans a body may be set to follow by this actor: every visible plan for the secretariat, otherwise the
 * plans the actor's housing organisations are party to (not withdrawn or rejected), for a local group of their own.
 */
export async function bodyPlanOptions(ctx: ServiceContext): Promise<{ id: number; label: string }[]> {
  if (can(ctx.actor, 'create', { type: 'body', memberUserIds: [] })) return planOptions(ctx);
  const orgs = organisationsOf(ctx.actor);
  if (!orgs.length) return [];
  const rows = await ctx.db
    .selectFrom('plan as p')
    .select(['p.id', 'p.name'])
    .where('p.state', 'not in', ['withdrawn', 'rejected'])
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('plan_estate as pe')
          .innerJoin('estate as e', 'e.id', 'pe.estate_id')
          .select('pe.plan_id')
          .whereRef('pe.plan_id', '=', 'p.id')
          .where('e.organisation_id', 'in', orgs),
      ),
    )
    .orderBy('p.name')
    .limit(1000)
    .execute();
  return rows.map((r) => ({ id: r.id, label: r.name }));
}

/** Plans the actor may see, as options for agenda items and competence pages. */
export async function planOptions(ctx: ServiceContext): Promise<{ id: number; label: string }[]> {
  const rows = await ctx.db
    .selectFrom('plan as p')
    .select(['p.id', 'p.name'])
    .where(visiblePlans(ctx.actor))
    .orderBy('p.name')
    .limit(1000)
    .execute();
  return rows.map((r) => ({ id: r.id, label: r.name }));
}

/** Copenhagen's districts by number, for body coverage. */
export async function districtNumberOptions(ctx: ServiceContext): Promise<{ number: number; label: string }[]> {
  const rows = await ctx.db
    .selectFrom('district as d')
    .innerJoin('municipality as mu', 'mu.id', 'd.municipality_id')
    .select(['d.number', 'd.name'])
    .where('mu.code', '=', '0101')
    .orderBy('d.number')
    .execute();
  return rows.map((r) => ({ number: r.number, label: `${r.number}. ${r.name}` }));
}

/** Bodies in office on a day, as options (parents of a new body). */
export async function bodyOptions(ctx: ServiceContext): Promise<{ id: number; label: string }[]> {
  const rows = await ctx.db.selectFrom('body').select(['id', 'name', 'valid_from', 'valid_to']).orderBy('name').execute();
  return rows.map((r) => ({ id: r.id, label: `${r.name} (${r.valid_from.slice(0, 4)}–${r.valid_to ? r.valid_to.slice(0, 4) : ''})` }));
}
