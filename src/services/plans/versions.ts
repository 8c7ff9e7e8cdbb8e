import { type Change, diffPlans, type PlanSnapshot } from '../../domain/plan-diff.ts';
import { NotFound } from '../../errors.ts';
import { authorize } from '../../policy/index.ts';
import type { ServiceContext } from '../context.ts';
import { planSubject } from './access.ts';

export async function getPlanVersion(ctx: ServiceContext, planId: number, number: number) {
  authorize(ctx.actor, 'read', await planSubject(ctx.db, planId));
  const v = await ctx.db
    .selectFrom('plan_version')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('number', '=', number)
    .executeTakeFirst();
  if (!v) throw new NotFound('Versionen findes ikke.');
  return {
    number: v.number,
    reason: v.reason,
    createdAt: v.created_at,
    createdBy: v.created_by_label,
    snapshot: v.snapshot as unknown as PlanSnapshot,
  };
}

/** R6 — the difference between two frozen versions of a plan. */
export async function comparePlanVersions(ctx: ServiceContext, planId: number, a: number, b: number): Promise<Change[]> {
  const [va, vb] = await Promise.all([getPlanVersion(ctx, planId, a), getPlanVersion(ctx, planId, b)]);
  return diffPlans(va.snapshot, vb.snapshot);
}
