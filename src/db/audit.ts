import { type Actor, actorLabel } from '../policy/actor.ts';
import type { AuditChange } from './tables/foundation.ts';
import type { Executor } from './database.ts';

const ignored = new Set(['version', 'created_at', 'updated_at', 'password_hash', 'geometry']);

/** The fields that differ between two versions of a row (bookkeeping columns left out). */
export function diffRows(before: Record<string, unknown> | null, after: Record<string, unknown> | null): AuditChange[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const changes: AuditChange[] = [];
  for (const field of keys) {
    if (ignored.has(field)) continue;
    const b = before?.[field] ?? null;
    const a = after?.[field] ?? null;
    if (JSON.stringify(b) !== JSON.stringify(a)) changes.push({ field, before: b, after: a });
  }
  return changes;
}

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: number | string;
  /** The entity's version after the write (lets a conflict page list what happened since). */
  version?: number | null;
  planId?: number | null;
  summary?: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  changes?: AuditChange[];
}

/** Records who did what to which entity, inside the caller's transaction. */
export async function recordAudit(trx: Executor, actor: Actor, e: AuditEntry): Promise<void> {
  const changes = e.changes ?? diffRows(e.before ?? null, e.after ?? null);
  await trx
    .insertInto('audit_log')
    .values({
      actor_user_id: actor.kind === 'user' ? actor.id : null,
      actor_label: actorLabel(actor),
      action: e.action,
      entity_type: e.entityType,
      entity_id: String(e.entityId),
      entity_version: e.version ?? null,
      plan_id: e.planId ?? null,
      summary: e.summary ?? '',
      changes: JSON.stringify(changes),
    })
    .execute();
}
