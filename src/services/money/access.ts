import type { Executor } from '../../db/database.ts';
import { NotFound } from '../../errors.ts';
import { abilities } from '../../policy/index.ts';
import type { ServiceContext } from '../context.ts';
import { partyOrganisationIds } from '../plans/access.ts';

/** The policy subject of a plan's budget and accounts (R1, R7). */
export async function budgetSubject(db: Executor, planId: number) {
  const p = await db.selectFrom('plan').select(['id', 'state']).where('id', '=', planId).executeTakeFirst();
  if (!p) throw new NotFound('Planen findes ikke.');
  return { type: 'budget' as const, planId, planState: p.state, partyOrganisationIds: await partyOrganisationIds(db, planId) };
}

export const poolSubject = { type: 'pool' as const };

export const budgetActions = ['read', 'update', 'recordAccounts'] as const;

/** What the actor may do with a plan's budget and accounts: the same subject and rules the use cases check. */
export async function budgetAbilities(ctx: ServiceContext, planId: number) {
  return abilities(ctx.actor, await budgetSubject(ctx.db, planId), budgetActions);
}

/** The activities and party organisations a plan's budget lines and funders can name. */
export async function budgetOptions(ctx: ServiceContext, planId: number) {
  const [activities, orgs] = await Promise.all([
    ctx.db.selectFrom('activity').select(['id', 'title']).where('plan_id', '=', planId).orderBy('sort').orderBy('id').execute(),
    ctx.db
      .selectFrom('plan_estate as pe')
      .innerJoin('estate as e', 'e.id', 'pe.estate_id')
      .innerJoin('organisation as o', 'o.id', 'e.organisation_id')
      .select(['o.id', 'o.short_name as name'])
      .distinct()
      .where('pe.plan_id', '=', planId)
      .orderBy('o.short_name')
      .execute(),
  ]);
  return { activities, orgs };
}
