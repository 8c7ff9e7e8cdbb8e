import { sql } from 'kysely';
import { recordAudit } from '../../db/audit.ts';
import type { Trx } from '../../db/database.ts';
import { assertVersion } from '../../db/versioned.ts';
import { checkMeasurement } from '../../domain/measurements.ts';
import { danishDate, danishNumber } from '../../domain/text.ts';
import { Invalid, NotFound } from '../../errors.ts';
import { actorLabel, actorUserId, authorize } from '../../policy/index.ts';
import { inTransaction, today, type ServiceContext } from '../context.ts';
import { planSubject } from './access.ts';
import { getPlan } from './read.ts';

export interface MeasurementInput {
  value: number;
  measuredOn: string;
  source: string;
}

/** The criterion a measurement is of: its plan, name and unit (for the plausibility rule). */
async function criterionOf(trx: Trx, criterionId: number) {
  const c = await trx
    .selectFrom('success_criterion')
    .select(['id', 'plan_id', 'indicator_name', 'unit'])
    .where('id', '=', criterionId)
    .executeTakeFirst();
  if (!c) throw new NotFound('Succeskriteriet findes ikke.');
  return c;
}

/** R4 — refuses an implausible value for the unit, or a date in the future, with the Danish message at the field. */
function assertPlausible(ctx: ServiceContext, unit: string, input: MeasurementInput) {
  const errors = checkMeasurement({ unit, value: input.value, measuredOn: input.measuredOn }, today(ctx));
  if (Object.keys(errors).length) throw new Invalid(errors, 'Målingen er ikke troværdig for indikatoren.');
}

/** R4 — records a measured value of a success criterion (data, not plan content: allowed in every state). */
export async function recordMeasurement(ctx: ServiceContext, criterionId: number, input: MeasurementInput) {
  return inTransaction(ctx, async (trx) => {
    const c = await criterionOf(trx, criterionId);
    authorize(ctx.actor, 'recordMeasurement', await planSubject(trx, c.plan_id));
    assertPlausible(ctx, c.unit, input);
    const row = await trx
      .insertInto('measurement')
      .values({
        plan_id: c.plan_id,
        criterion_id: criterionId,
        value: input.value,
        measured_on: input.measuredOn,
        source: input.source,
        recorded_by: actorUserId(ctx.actor),
        recorded_by_label: actorLabel(ctx.actor),
      })
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx.actor, {
      action: 'create',
      entityType: 'measurement',
      entityId: row.id,
      version: row.version,
      planId: c.plan_id,
      summary: `Måling af ${c.indicator_name}: ${danishNumber(input.value)} (${danishDate(input.measuredOn)})`,
      after: { value: input.value, measured_on: input.measuredOn, source: input.source },
    });
    return row.id;
  });
}

/**
 * One measurement of one criterion, locked for the write: 404 when the measurement is not the criterion's (or the
 * criterion not the plan's, when the page names the plan).
 */
async function measurementOf(trx: Trx, criterionId: number, measurementId: number, planId?: number) {
  const m = await trx
    .selectFrom('measurement')
    .selectAll()
    .where('id', '=', measurementId)
    .where('criterion_id', '=', criterionId)
    .$if(planId !== undefined, (q) => q.where('plan_id', '=', planId!))
    .forUpdate()
    .executeTakeFirst();
  if (!m) throw new NotFound('Målingen findes ikke.');
  return m;
}

const shown = (m: { value: number | string; measured_on: string; source: string }) => ({
  value: Number(m.value),
  measured_on: m.measured_on,
  source: m.source,
});

/**
 * R4 — corrects a recorded measurement: authorize, check plausibility, refuse a stale version (409 with what changed),
 * keep the replaced value as a revision and audit before and after — one transaction.
 */
export async function correctMeasurement(
  ctx: ServiceContext,
  criterionId: number,
  measurementId: number,
  input: MeasurementInput & { version: number; reason: string },
  planId?: number,
) {
  return inTransaction(ctx, async (trx) => {
    const c = await criterionOf(trx, criterionId);
    const m = await measurementOf(trx, criterionId, measurementId, planId);
    authorize(ctx.actor, 'correctMeasurement', await planSubject(trx, c.plan_id));
    assertPlausible(ctx, c.unit, input);
    await assertVersion(trx, { ...m, value: Number(m.value) } as never, input.version, 'measurement');
    const after = await trx
      .updateTable('measurement')
      .set({ value: input.value, measured_on: input.measuredOn, source: input.source, version: sql`version + 1`, updated_at: sql`now()` })
      .where('id', '=', m.id)
      .where('version', '=', input.version)
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('measurement_revision')
      .values({
        measurement_id: m.id,
        plan_id: m.plan_id,
        criterion_id: criterionId,
        kind: 'corrected',
        old_value: m.value,
        old_measured_on: m.measured_on,
        old_source: m.source,
        new_value: input.value,
        new_measured_on: input.measuredOn,
        reason: input.reason,
        revised_by: actorUserId(ctx.actor),
        revised_by_label: actorLabel(ctx.actor),
      })
      .execute();
    await recordAudit(trx, ctx.actor, {
      action: 'update',
      entityType: 'measurement',
      entityId: m.id,
      version: after.version,
      planId: m.plan_id,
      summary: `Rettede målingen af ${c.indicator_name}: ${danishNumber(Number(m.value))} (${danishDate(m.measured_on)}) → ${danishNumber(input.value)} (${danishDate(input.measuredOn)}). Begrundelse: ${input.reason}`,
      before: shown(m),
      after: shown(after),
    });
    return { version: after.version };
  });
}

/** R4 — removes a recorded measurement; its value stays in the criterion's history with the reason. */
export async function removeMeasurement(
  ctx: ServiceContext,
  criterionId: number,
  measurementId: number,
  input: { version: number; reason: string },
  planId?: number,
) {
  return inTransaction(ctx, async (trx) => {
    const c = await criterionOf(trx, criterionId);
    const m = await measurementOf(trx, criterionId, measurementId, planId);
    authorize(ctx.actor, 'correctMeasurement', await planSubject(trx, c.plan_id));
    await assertVersion(trx, { ...m, value: Number(m.value) } as never, input.version, 'measurement');
    await trx.deleteFrom('measurement').where('id', '=', m.id).execute();
    await trx
      .insertInto('measurement_revision')
      .values({
        measurement_id: m.id,
        plan_id: m.plan_id,
        criterion_id: criterionId,
        kind: 'removed',
        old_value: m.value,
        old_measured_on: m.measured_on,
        old_source: m.source,
        reason: input.reason,
        revised_by: actorUserId(ctx.actor),
        revised_by_label: actorLabel(ctx.actor),
      })
      .execute();
    await recordAudit(trx, ctx.actor, {
      action: 'delete',
      entityType: 'measurement',
      entityId: m.id,
      planId: m.plan_id,
      summary: `Fjernede målingen af ${c.indicator_name}: ${danishNumber(Number(m.value))} (${danishDate(m.measured_on)}). Begrundelse: ${input.reason}`,
      before: shown(m),
      after: null,
    });
  });
}

export interface MeasurementRevision {
  id: number;
  measurementId: number;
  kind: 'corrected' | 'removed';
  oldValue: number;
  oldMeasuredOn: string;
  oldSource: string;
  newValue: number | null;
  newMeasuredOn: string | null;
  reason: string;
  revisedBy: string;
  revisedAt: Date;
}

/**
 * R4 — one criterion of a plan with its measurements (each with its version) and the history of corrections and
 * removals, newest first; for whoever may read the plan (404 when the criterion is not the plan's).
 */
export async function criterionMeasurements(ctx: ServiceContext, planId: number, criterionId: number) {
  const plan = await getPlan(ctx, planId);
  const criterion = plan.goals.flatMap((g) => g.criteria).find((x) => x.id === criterionId);
  if (!criterion) throw new NotFound('Succeskriteriet findes ikke.');
  const revisions = await ctx.db
    .selectFrom('measurement_revision')
    .selectAll()
    .where('criterion_id', '=', criterionId)
    .orderBy('revised_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return {
    plan,
    criterion,
    revisions: revisions.map(
      (r): MeasurementRevision => ({
        id: r.id,
        measurementId: r.measurement_id,
        kind: r.kind,
        oldValue: Number(r.old_value),
        oldMeasuredOn: r.old_measured_on,
        oldSource: r.old_source,
        newValue: r.new_value === null ? null : Number(r.new_value),
        newMeasuredOn: r.new_measured_on,
        reason: r.reason,
        revisedBy: r.revised_by_label,
        revisedAt: r.revised_at,
      }),
    ),
  };
}
