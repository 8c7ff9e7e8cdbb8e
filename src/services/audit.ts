import type { AuditChange } from '../db/tables/foundation.ts';
import { authorize } from '../policy/index.ts';
import { type Page, type PageQuery, pageBounds, type ServiceContext, toPage } from './context.ts';

export interface AuditRecord {
  id: number;
  at: Date;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  summary: string;
  changes: AuditChange[];
}

/** Finds the organisation an entity belongs to, so its own staff may read its history. */
const ownerResolvers: Record<string, (ctx: ServiceContext, id: string) => Promise<number | null>> = {
  organisation: async (_ctx, id) => Number(id),
  estate: async (ctx, id) =>
    (await ctx.db.selectFrom('estate').select('organisation_id').where('id', '=', Number(id)).executeTakeFirst())?.organisation_id ?? null,
};

/** Areas register how to find an entity's owning organisation / plan for history access. */
export function registerAuditOwner(entityType: string, f: (ctx: ServiceContext, id: string) => Promise<number | null>) {
  ownerResolvers[entityType] = f;
}

/** The history of one entity, newest first (who, when, what changed); for a plan, everything about it. */
export async function entityHistory(ctx: ServiceContext, entityType: string, entityId: string, q: PageQuery = {}): Promise<Page<AuditRecord>> {
  const organisationId = /^\d+$/.test(entityId) ? ((await ownerResolvers[entityType]?.(ctx, entityId)) ?? null) : null;
  authorize(ctx.actor, 'read', { type: 'audit', entityType, organisationId });
  const { page, pageSize, offset } = pageBounds(q, 100);
  // A plan's history is everything written about it: its parts, measurements, change requests and versions.
  const base =
    entityType === 'plan' && /^\d+$/.test(entityId)
      ? ctx.db.selectFrom('audit_log').where((eb) => eb.or([eb('plan_id', '=', Number(entityId)), eb.and([eb('entity_type', '=', 'plan'), eb('entity_id', '=', entityId)])]))
      : ctx.db.selectFrom('audit_log').where('entity_type', '=', entityType).where('entity_id', '=', entityId);
  const [rows, n] = await Promise.all([
    base
      .select(['id', 'at', 'actor_label as actorLabel', 'action', 'entity_type as entityType', 'entity_id as entityId', 'summary', 'changes'])
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset(offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return toPage(rows as AuditRecord[], Number(n.n), page, pageSize);
}
