import { sql } from 'kysely';
import { recordAudit } from '../../db/audit.ts';
import { deadlineStatus } from '../../domain/reports/index.ts';
import { holdRefusals } from '../../domain/reports/payment-hold.ts';
import { assertVersion } from '../../db/versioned.ts';
import { Invalid, NotFound } from '../../errors.ts';
import { actorLabel, actorUserId, authorize, can } from '../../policy/index.ts';
import { inTransaction, type ServiceContext, today } from '../context.ts';
import { partyOrganisationIds } from '../plans/access.ts';
import { deadlineFor } from './reports.ts';

export interface PaymentHoldView {
  id: number;
  planId: number;
  planName: string;
  year: number;
  heldOn: string;
  reason: string;
  releasedOn: string | null;
  recordedBy: string;
  version: number;
}

const subjectOf = async (db: ServiceContext['db'], planId: number) => ({
  type: 'paymentHold' as const,
  planId,
  partyOrganisationIds: await partyOrganisationIds(db, planId),
});

/** R6 — LBF records that it holds back payment to a plan while the plan's report for `year` is late. */
export async function recordPaymentHold(ctx: ServiceContext, planId: number, input: { year: number; reason: string }): Promise<number> {
  return inTransaction(ctx, async (trx) => {
    const plan = await trx.selectFrom('plan').select(['id', 'name']).where('id', '=', planId).executeTakeFirst();
    if (!plan) throw new NotFound('Planen findes ikke.');
    authorize(ctx.actor, 'create', await subjectOf(trx, planId));
    const day = today(ctx);
    const deadline = await deadlineFor(trx, input.year);
    const report = await trx
      .selectFrom('report')
      .select('submitted_at')
      .where('plan_id', '=', planId)
      .where('year', '=', input.year)
      .where('submitted_at', 'is not', null)
      .executeTakeFirst();
    const open = await trx
      .selectFrom('payment_hold')
      .select('id')
      .where('plan_id', '=', planId)
      .where('report_year', '=', input.year)
      .where('released_on', 'is', null)
      .executeTakeFirst();
    const status = deadlineStatus({
      dueOn: deadline.dueOn,
      remindDays: deadline.remindDays,
      submittedOn: report ? 'submitted' : null,
      today: day,
    });
    const refused = holdRefusals({
      year: input.year,
      dueOn: deadline.dueOn,
      overdue: status === 'overdue',
      submitted: !!report,
      openHold: !!open,
    });
    if (Object.keys(refused).length) throw new Invalid(refused, 'Udbetalingen kan ikke holdes tilbage.');
    const row = await trx
      .insertInto('payment_hold')
      .values({
        plan_id: planId,
        report_year: input.year,
        held_on: day,
        reason: input.reason,
        released_on: null,
        recorded_by_label: actorLabel(ctx.actor),
        recorded_by_user_id: actorUserId(ctx.actor),
      })
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx.actor, {
      action: 'create',
      entityType: 'payment_hold',
      entityId: row.id,
      planId,
      version: row.version,
      summary: `Landsbyggefonden holder udbetalingen til ${plan.name} tilbage (årsrapport ${input.year})`,
      after: { report_year: input.year, held_on: day, reason: input.reason },
    });
    return row.id;
  });
}

/** R6 — LBF releases a hold (it pays again, e.g. once the report has come in), against the version it saw. */
export async function releasePaymentHold(ctx: ServiceContext, holdId: number, expectedVersion: number): Promise<number> {
  return inTransaction(ctx, async (trx) => {
    const h = await trx.selectFrom('payment_hold').selectAll().where('id', '=', holdId).forUpdate().executeTakeFirst();
    if (!h) throw new NotFound('Tilbageholdelsen findes ikke.');
    authorize(ctx.actor, 'release', await subjectOf(trx, h.plan_id));
    await assertVersion(trx, h as never, expectedVersion, 'payment_hold');
    if (h.released_on) throw new Invalid({ _form: 'Udbetalingen er allerede frigivet.' });
    const day = today(ctx);
    const after = await trx
      .updateTable('payment_hold')
      .set({ released_on: day, released_by_label: actorLabel(ctx.actor), version: sql`version + 1`, updated_at: sql`now()` })
      .where('id', '=', holdId)
      .returning('version')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx.actor, {
      action: 'release',
      entityType: 'payment_hold',
      entityId: holdId,
      planId: h.plan_id,
      version: after.version,
      summary: `Landsbyggefonden frigav udbetalingen (årsrapport ${h.report_year})`,
      before: { released_on: null },
      after: { released_on: day },
    });
    return h.plan_id;
  });
}

const view = (r: {
  id: number;
  plan_id: number;
  plan_name: string;
  report_year: number;
  held_on: string;
  reason: string;
  released_on: string | null;
  recorded_by_label: string;
  version: number;
}): PaymentHoldView => ({
  id: r.id,
  planId: r.plan_id,
  planName: r.plan_name,
  year: r.report_year,
  heldOn: r.held_on,
  reason: r.reason,
  releasedOn: r.released_on,
  recordedBy: r.recorded_by_label,
  version: r.version,
});

const holdRows = (db: ServiceContext['db']) =>
  db
    .selectFrom('payment_hold as h')
    .innerJoin('plan as p', 'p.id', 'h.plan_id')
    .select([
      'h.id',
      'h.plan_id',
      'p.name as plan_name',
      'h.report_year',
      'h.held_on',
      'h.reason',
      'h.released_on',
      'h.recorded_by_label',
      'h.version',
    ]);

/** R6 — a plan's holds (for the plan page), if the actor may see them; with whether the actor may record or release. */
export async function planPaymentHolds(ctx: ServiceContext, planId: number) {
  const subject = await subjectOf(ctx.db, planId);
  if (!can(ctx.actor, 'read', subject)) return null;
  const [plan, rows] = await Promise.all([
    ctx.db.selectFrom('plan').select('name').where('id', '=', planId).executeTakeFirst(),
    holdRows(ctx.db).where('h.plan_id', '=', planId).orderBy('h.held_on', 'desc').orderBy('h.id', 'desc').execute(),
  ]);
  if (!plan) throw new NotFound('Planen findes ikke.');
  return {
    planName: plan.name,
    holds: rows.map(view),
    mayHold: can(ctx.actor, 'create', subject),
    mayRelease: can(ctx.actor, 'release', subject),
  };
}

/** R6 — a plan's holds for the API: refused (401/403) for those who may not see them. */
export async function listPaymentHolds(ctx: ServiceContext, planId: number): Promise<PaymentHoldView[]> {
  authorize(ctx.actor, 'read', await subjectOf(ctx.db, planId));
  return (await planPaymentHolds(ctx, planId))!.holds;
}

/** R6 — the open holds across the plans (for the front page desk of LBF, the secretariat and the municipality). */
export async function openPaymentHolds(ctx: ServiceContext): Promise<PaymentHoldView[]> {
  const rows = await holdRows(ctx.db).where('h.released_on', 'is', null).orderBy('h.held_on').execute();
  const out: PaymentHoldView[] = [];
  for (const r of rows) if (can(ctx.actor, 'read', await subjectOf(ctx.db, r.plan_id))) out.push(view(r));
  return out;
}
