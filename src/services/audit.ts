import type { AuditChange } from '../db/tables/foundation.ts';
import { authorize, hasRole } from '../policy/index.ts';
import type { AuditOwner } from './context.ts';
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

const contactFields = new Set(['email', 'phone']);

/** The registry's own entities: an organisation owns itself, an estate belongs to its organisation. */
export const registryAuditOwners: Record<string, AuditOwner> = {
  organisation: async (_ctx, id) => Number(id),
  estate: async (ctx, id) =>
    (await ctx.db.selectFrom('estate').select('organisation_id').where('id', '=', Number(id)).executeTakeFirst())?.organisation_id ?? null,
};

/** The history of one entity, newest first (who, when, what changed); for a plan, everything about it. */
export async function entityHistory(
  ctx: ServiceContext,
  entityType: string,
  entityId: string,
  q: PageQuery = {},
): Promise<Page<AuditRecord>> {
  const organisationId = /^\d+$/.test(entityId) ? ((await ctx.hooks.auditOwners[entityType]?.(ctx, entityId)) ?? null) : null;
  authorize(ctx.actor, 'read', { type: 'audit', entityType, organisationId });
  const { page, pageSize, offset } = pageBounds(q, 100);
  // A plan's history is everything written about it: its parts, measurements, change requests and versions.
  const base =
    entityType === 'plan' && /^\d+$/.test(entityId)
      ? ctx.db
          .selectFrom('audit_log')
          .where((eb) =>
            eb.or([eb('plan_id', '=', Number(entityId)), eb.and([eb('entity_type', '=', 'plan'), eb('entity_id', '=', entityId)])]),
          )
      : ctx.db.selectFrom('audit_log').where('entity_type', '=', entityType).where('entity_id', '=', entityId);
  const [rows, n] = await Promise.all([
    base
      .select([
        'id',
        'at',
        'actor_label as actorLabel',
        'action',
        'entity_type as entityType',
        'entity_id as entityId',
        'summary',
        'changes',
      ])
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset(offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  // Contact details in the trail (a contingency call list, a member) are shown only to the secretariat and the
  // administrator; everyone else who may read the history sees that they changed, not what they were.
  const seeContacts = hasRole(ctx.actor, 'admin') || hasRole(ctx.actor, 'secretariat') || ctx.actor.kind === 'system';
  const items = (rows as AuditRecord[]).map((r) =>
    seeContacts
      ? r
      : {
          ...r,
          changes: r.changes.map((ch) =>
            contactFields.has(ch.field)
              ? { field: ch.field, before: ch.before === null ? null : '(skjult)', after: ch.after === null ? null : '(skjult)' }
              : ch,
          ),
        },
  );
  return toPage(items, Number(n.n), page, pageSize);
}
