import { sql } from 'kysely';
import { Conflict, NotFound } from '../errors.ts';
import type { Executor } from './database.ts';

type Row = Record<string, unknown> & { id: number; version: number };

/**
 * Loads a row for update (SELECT … FOR UPDATE) or throws NotFound.
 */
export async function loadForUpdate(trx: Executor, table: string, id: number): Promise<Row> {
  const row = await (trx as any).selectFrom(table).selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) throw new NotFound();
  return row as Row;
}

/** Refuses a write based on a version the user saw that is no longer current. */
export async function assertVersion(trx: Executor, current: Row, expected: number, entityType: string): Promise<void> {
  if (current.version === expected) return;
  const since = await trx
    .selectFrom('audit_log')
    .select(['at', 'actor_label', 'changes', 'entity_version'])
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', String(current.id))
    .where('entity_version', '>', expected)
    .orderBy('at')
    .execute();
  const changes = since.flatMap((e) =>
    e.changes.map((c) => ({ field: c.field, theirs: c.after, before: c.before, by: e.actor_label, at: e.at })),
  );
  throw new Conflict(current, changes);
}

/** Updates a row with a version check and returns the new row; the caller writes the audit record. */
export async function updateVersioned(
  trx: Executor,
  table: string,
  current: Row,
  expected: number,
  entityType: string,
  values: Record<string, unknown>,
): Promise<Row> {
  await assertVersion(trx, current, expected, entityType);
  const row = await (trx as any)
    .updateTable(table)
    .set({ ...values, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', current.id)
    .where('version', '=', expected)
    .returningAll()
    .executeTakeFirst();
  if (!row) await assertVersion(trx, await loadForUpdate(trx, table, current.id), expected, entityType);
  return row as Row;
}
