import type { Executor } from '../../db/database.ts';
import { NotFound } from '../../errors.ts';
import '../../policy/rules/money.ts';
import { partyOrganisationIds } from '../plans/access.ts';

/** The policy subject of a plan's budget and accounts (R1, R7). */
export async function budgetSubject(db: Executor, planId: number) {
  const p = await db.selectFrom('plan').select(['id', 'state']).where('id', '=', planId).executeTakeFirst();
  if (!p) throw new NotFound('Planen findes ikke.');
  return { type: 'budget' as const, planId, planState: p.state, partyOrganisationIds: await partyOrganisationIds(db, planId) };
}

export const poolSubject = { type: 'pool' as const };
