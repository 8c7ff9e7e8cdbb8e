import { recordAudit } from '../db/audit.ts';
import { Invalid, NotFound } from '../errors.ts';
import { type Administration, administrations, authorize, type Grant, type Role, roles } from '../policy/index.ts';
import { addGrant, grantsOf } from './accounts.ts';
import { inTransaction, type ServiceContext } from './context.ts';

export interface PendingUser {
  id: number;
  name: string;
  email: string;
  provider: string;
  requestedAt: Date;
}

/** Users created at their first sign-in whom no mapping gave a role: they wait for an administrator. */
export async function listPendingUsers(ctx: ServiceContext): Promise<PendingUser[]> {
  authorize(ctx.actor, 'list', { type: 'user' });
  const rows = await ctx.db
    .selectFrom('user_approval')
    .innerJoin('app_user', 'app_user.id', 'user_approval.user_id')
    .select(['app_user.id', 'app_user.name', 'app_user.email', 'user_approval.provider', 'user_approval.requested_at'])
    .orderBy('user_approval.requested_at')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, email: r.email, provider: r.provider, requestedAt: r.requested_at }));
}

export interface ApprovalInput {
  role: string;
  organisationId?: number | null;
  administration?: string | null;
}

/** Gives a waiting user a role (the administrator's approval); the user no longer waits. */
export async function approveUser(ctx: ServiceContext, userId: number, input: ApprovalInput): Promise<void> {
  authorize(ctx.actor, 'update', { type: 'user', id: userId });
  if (!roles.includes(input.role as Role)) throw new Invalid({ role: 'Vælg en rolle.' });
  const role = input.role as Role;
  if (role === 'municipal' && !administrations.includes(input.administration as Administration)) {
    throw new Invalid({ administration: 'Vælg forvaltningen for en kommunal medarbejder.' });
  }
  if (role === 'organisation' && !input.organisationId) throw new Invalid({ organisationId: 'Vælg boligorganisationen.' });
  if (role === 'project_leader' || role === 'board_member') {
    throw new Invalid({ role: 'Projektledere og bestyrelsesmedlemmer får deres rolle fra planen eller bestyrelsen. Vælg en anden rolle.' });
  }
  const grant: Grant = {
    role,
    organisationId: role === 'organisation' ? (input.organisationId ?? null) : null,
    administration: role === 'municipal' ? (input.administration as Administration) : null,
  };
  await inTransaction(ctx, async (trx) => {
    const user = await trx.selectFrom('app_user').select(['id', 'name']).where('id', '=', userId).executeTakeFirst();
    if (!user) throw new NotFound('Brugeren findes ikke.');
    if (grant.organisationId) {
      const org = await trx.selectFrom('organisation').select('id').where('id', '=', grant.organisationId).executeTakeFirst();
      if (!org) throw new Invalid({ organisationId: 'Boligorganisationen findes ikke.' });
    }
    const before = await grantsOf(trx, userId);
    await addGrant(trx, userId, grant);
    await trx.deleteFrom('user_approval').where('user_id', '=', userId).execute();
    await recordAudit(trx, ctx.actor, {
      action: 'update',
      entityType: 'user',
      entityId: userId,
      summary: `Godkendte ${user.name} som ${role}`,
      changes: [{ field: 'grants', before, after: [...before, grant] }],
    });
  });
}
