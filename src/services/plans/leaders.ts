import { recordAudit } from '../../db/audit.ts';
import { Invalid, NotFound } from '../../errors.ts';
import { authorize } from '../../policy/index.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { planSubject } from './access.ts';

/**
 * R5 — the plan's project leaders: existing users given the project-leader role scoped to this plan.
 * Staffing is not plan content, so it may change in every state, by the party organisations or the secretariat.
 */
export async function addProjectLeader(ctx: ServiceContext, planId: number, email: string): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    authorize(ctx.actor, 'manageProjectLeaders', await planSubject(trx, planId));
    const user = await trx.selectFrom('app_user').select(['id', 'name']).where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
    if (!user) throw new Invalid({ email: 'Der findes ingen bruger med den e-mail. Brugeren skal oprettes først.' });
    const existing = await trx
      .selectFrom('role_grant')
      .select('id')
      .where('user_id', '=', user.id)
      .where('role', '=', 'project_leader')
      .where('plan_id', '=', planId)
      .executeTakeFirst();
    if (existing) throw new Invalid({ email: `${user.name} er allerede projektleder på planen.` });
    const grant = await trx
      .insertInto('role_grant')
      .values({ user_id: user.id, role: 'project_leader', plan_id: planId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx.actor, {
      action: 'create',
      entityType: 'role_grant',
      entityId: grant.id,
      planId,
      summary: `${user.name} er gjort til projektleder`,
      after: { userId: user.id, role: 'project_leader', planId },
    });
  });
}

export async function removeProjectLeader(ctx: ServiceContext, planId: number, userId: number): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    authorize(ctx.actor, 'manageProjectLeaders', await planSubject(trx, planId));
    const grant = await trx
      .deleteFrom('role_grant')
      .where('user_id', '=', userId)
      .where('role', '=', 'project_leader')
      .where('plan_id', '=', planId)
      .returning('id')
      .executeTakeFirst();
    if (!grant) throw new NotFound('Brugeren er ikke projektleder på planen.');
    await recordAudit(trx, ctx.actor, {
      action: 'delete',
      entityType: 'role_grant',
      entityId: grant.id,
      planId,
      summary: 'Projektleder fjernet',
      before: { userId, role: 'project_leader', planId },
    });
  });
}
