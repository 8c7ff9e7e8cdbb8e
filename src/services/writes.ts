import { recordAudit } from '../db/audit.ts';
import type { Trx } from '../db/database.ts';
import { loadForUpdate, updateVersioned } from '../db/versioned.ts';
import { authorize, type Subject } from '../policy/index.ts';
import { inTransaction, type ServiceContext } from './context.ts';

/**
 * The shape every versioned write takes: authorize → validate → write with version check → audit,
 * all in one transaction. Areas call these with their table, entity type and subject.
 */
export interface EntitySpec<R> {
  table: string;
  entityType: string;
  subject: (row: R) => Subject;
  planIdOf?: (row: R) => number | null;
  label: (row: R) => string;
}

type AnyRow = Record<string, unknown> & { id: number; version: number };

export async function createEntity<R extends AnyRow>(
  ctx: ServiceContext,
  spec: EntitySpec<R>,
  values: Record<string, unknown>,
  validate?: (trx: Trx) => Promise<void>,
): Promise<R> {
  return inTransaction(ctx, async (trx) => {
    authorize(ctx.actor, 'create', spec.subject(values as R));
    await validate?.(trx);
    const row = (await (trx as any).insertInto(spec.table).values(values).returningAll().executeTakeFirstOrThrow()) as R;
    await recordAudit(trx, ctx.actor, {
      action: 'create',
      entityType: spec.entityType,
      entityId: row.id,
      version: row.version,
      planId: spec.planIdOf?.(row) ?? null,
      summary: `Oprettede ${spec.label(row)}`,
      before: null,
      after: row,
    });
    return row;
  });
}

export async function updateEntity<R extends AnyRow>(
  ctx: ServiceContext,
  spec: EntitySpec<R>,
  id: number,
  expectedVersion: number,
  values: Record<string, unknown>,
  validate?: (trx: Trx, current: R) => Promise<void>,
): Promise<R> {
  return inTransaction(ctx, async (trx) => {
    const current = (await loadForUpdate(trx, spec.table, id)) as R;
    authorize(ctx.actor, 'update', spec.subject(current));
    // Moving an entity to another owner needs the right to hold it there too.
    authorize(ctx.actor, 'update', spec.subject({ ...current, ...values } as R));
    await validate?.(trx, current);
    const row = (await updateVersioned(trx, spec.table, current, expectedVersion, spec.entityType, values)) as R;
    await recordAudit(trx, ctx.actor, {
      action: 'update',
      entityType: spec.entityType,
      entityId: id,
      version: row.version,
      planId: spec.planIdOf?.(row) ?? null,
      summary: `Rettede ${spec.label(row)}`,
      before: current,
      after: row,
    });
    return row;
  });
}

export async function deleteEntity<R extends AnyRow>(
  ctx: ServiceContext,
  spec: EntitySpec<R>,
  id: number,
  expectedVersion: number,
): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const current = (await loadForUpdate(trx, spec.table, id)) as R;
    authorize(ctx.actor, 'delete', spec.subject(current));
    await updateVersioned(trx, spec.table, current, expectedVersion, spec.entityType, {});
    await (trx as any).deleteFrom(spec.table).where('id', '=', id).execute();
    await recordAudit(trx, ctx.actor, {
      action: 'delete',
      entityType: spec.entityType,
      entityId: id,
      planId: spec.planIdOf?.(current) ?? null,
      summary: `Slettede ${spec.label(current)}`,
      before: current,
      after: null,
    });
  });
}
