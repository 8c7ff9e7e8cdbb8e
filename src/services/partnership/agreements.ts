import { sql } from 'kysely';
import { recordAudit } from '../../db/audit.ts';
import type { Executor } from '../../db/database.ts';
import { assertVersion, updateVersioned } from '../../db/versioned.ts';
import {
  type AgreementAction,
  agreementActionsFrom,
  type AgreementStatus,
  agreementStatusLabels,
  type CommitmentSum,
  type FollowupOutcome,
  nextAgreementStatus,
  type TargetFacts,
  type TargetJudgement,
  type TargetRule,
  targetRuleLabels,
  targetStatus,
  targetStatusLabels,
} from '../../domain/partnership/index.ts';
import { Invalid, NotFound } from '../../errors.ts';
import { actorLabel, actorUserId, authorize, can } from '../../policy/index.ts';
import { inTransaction, today as todayIn, type ServiceContext } from '../context.ts';

/** A target of the agreement with its status judged today (R19). */
export interface TargetView {
  id: number;
  agreementId: number;
  themeId: number;
  themeTitle: string;
  code: string;
  title: string;
  unit: string;
  rule: TargetRule;
  ruleLabel: string;
  baselineValue: number | null;
  baselineOn: string | null;
  targetValue: number | null;
  startsOn: string;
  deadline: string | null;
  responsible: string;
  measuredHow: string;
  byCommitments: boolean;
  concernsOrganisations: boolean;
  sourceLine: string;
  latest: { value: number; on: string } | null;
  commitments: CommitmentSum;
  judgement: TargetJudgement;
  statusLabel: string;
  version: number;
}

type TargetRow = Awaited<ReturnType<typeof targetRows>>[number];
const targetRows = (db: Executor, where: { agreementIds?: number[]; ids?: number[] }) =>
  db
    .selectFrom('partnership_target as t')
    .innerJoin('partnership_theme as th', 'th.id', 't.theme_id')
    .selectAll('t')
    .select(['th.title as theme_title', 'th.number as theme_number'])
    .$if(!!where.agreementIds, (q) => q.where('t.agreement_id', 'in', where.agreementIds!.length ? where.agreementIds! : [-1]))
    .$if(!!where.ids, (q) => q.where('t.id', 'in', where.ids!.length ? where.ids! : [-1]))
    .orderBy('th.number')
    .orderBy('t.sort')
    .execute();

/**
 * R19 — per target: the promised sum of commitments in concluded (binding) steering agreements, and the delivered
 * sum according to each commitment's latest follow-up (a fulfilled one without a number counts its full amount).
 */
export async function commitmentSums(db: Executor, targetIds: number[]): Promise<Map<number, CommitmentSum>> {
  const out = new Map<number, CommitmentSum>();
  if (!targetIds.length) return out;
  const rows = await db
    .selectFrom('dialogue_commitment as c')
    .innerJoin('steering_dialogue as d', 'd.id', 'c.dialogue_id')
    .select(['c.id', 'c.target_id', 'c.amount'])
    .select((eb) =>
      eb
        .selectFrom('commitment_followup as f')
        .whereRef('f.commitment_id', '=', 'c.id')
        .select(sql<string>`f.outcome || '|' || coalesce(f.delivered::text, '')`.as('x'))
        .orderBy('f.created_at', 'desc')
        .orderBy('f.id', 'desc')
        .limit(1)
        .as('latest'),
    )
    .where('c.target_id', 'in', targetIds)
    .where('d.state', '=', 'concluded')
    .execute();
  for (const r of rows) {
    const sum = out.get(r.target_id!) ?? { promised: 0, delivered: 0 };
    sum.promised += r.amount ?? 0;
    if (r.latest) {
      const [outcome, delivered] = r.latest.split('|') as [FollowupOutcome, string];
      sum.delivered += delivered ? Number(delivered) : outcome === 'fulfilled' ? (r.amount ?? 0) : 0;
    }
    out.set(r.target_id!, sum);
  }
  return out;
}

const facts = (t: TargetRow): TargetFacts => ({
  rule: t.rule as TargetRule,
  targetValue: t.target_value,
  baselineValue: t.baseline_value,
  baselineOn: t.baseline_on,
  startsOn: t.starts_on,
  deadline: t.deadline,
  byCommitments: t.by_commitments,
});

/** R19 — targets with their status today, from the measurements and the commitments behind them. */
export async function judgeTargets(db: Executor, rows: TargetRow[], today: string): Promise<TargetView[]> {
  const ids = rows.map((r) => r.id);
  const [measurements, sums] = await Promise.all([
    ids.length
      ? db
          .selectFrom('partnership_measurement')
          .select(['target_id', 'value', 'measured_on'])
          .where('target_id', 'in', ids)
          .orderBy('measured_on')
          .orderBy('id')
          .execute()
      : Promise.resolve([]),
    commitmentSums(db, ids),
  ]);
  return rows.map((t) => {
    const points = measurements
      .filter((m) => m.target_id === t.id && m.measured_on <= today)
      .map((m) => ({ value: m.value, on: m.measured_on }));
    const commitments = sums.get(t.id) ?? { promised: 0, delivered: 0 };
    const judgement = targetStatus(facts(t), points, today, commitments);
    return {
      id: t.id,
      agreementId: t.agreement_id,
      themeId: t.theme_id,
      themeTitle: t.theme_title,
      code: t.code,
      title: t.title,
      unit: t.unit,
      rule: t.rule as TargetRule,
      ruleLabel: targetRuleLabels[t.rule as TargetRule],
      baselineValue: t.baseline_value,
      baselineOn: t.baseline_on,
      targetValue: t.target_value,
      startsOn: t.starts_on,
      deadline: t.deadline,
      responsible: t.responsible,
      measuredHow: t.measured_how,
      byCommitments: t.by_commitments,
      concernsOrganisations: t.concerns_organisations,
      sourceLine: t.source_line,
      latest: points.at(-1) ?? null,
      commitments,
      judgement,
      statusLabel: targetStatusLabels[judgement.status],
      version: t.version,
    };
  });
}

export type AgreementRow = Awaited<ReturnType<typeof agreementRows>>[number];
const agreementRows = (db: Executor, id?: number) =>
  db
    .selectFrom('partnership_agreement as a')
    .leftJoin('meeting as nm', 'nm.id', 'a.negotiated_meeting_id')
    .leftJoin('meeting as am', 'am.id', 'a.adopted_meeting_id')
    .leftJoin('partnership_agreement as r', 'r.id', 'a.replaced_by_id')
    .selectAll('a')
    .select(['nm.starts_at as negotiated_meeting_at', 'am.starts_at as adopted_meeting_at', 'r.title as replaced_by_title'])
    .$if(id !== undefined, (q) => q.where('a.id', '=', id!))
    .orderBy('a.period_from', 'desc')
    .orderBy('a.id', 'desc')
    .execute();

export interface AgreementView {
  agreement: AgreementRow;
  statusLabel: string;
  themes: { id: number; number: number; title: string; vision: string; sourceLine: string; targets: TargetView[] }[];
  targets: TargetView[];
  actions: AgreementAction[];
  mayRecord: boolean;
}

async function view(ctx: ServiceContext, a: AgreementRow): Promise<AgreementView> {
  const today = todayIn(ctx);
  const [themes, rows] = await Promise.all([
    ctx.db.selectFrom('partnership_theme').selectAll().where('agreement_id', '=', a.id).orderBy('number').execute(),
    targetRows(ctx.db, { agreementIds: [a.id] }),
  ]);
  const targets = await judgeTargets(ctx.db, rows, today);
  const subject = { type: 'partnershipAgreement' as const, id: a.id, status: a.status };
  return {
    agreement: a,
    statusLabel: agreementStatusLabels[a.status as AgreementStatus],
    themes: themes.map((t) => ({
      id: t.id,
      number: t.number,
      title: t.title,
      vision: t.vision,
      sourceLine: t.source_line,
      targets: targets.filter((x) => x.themeId === t.id),
    })),
    targets,
    actions: agreementActionsFrom(a.status as AgreementStatus).filter(() => can(ctx.actor, 'transition', subject)),
    mayRecord: can(ctx.actor, 'recordMeasurement', subject),
  };
}

/** R19 — every partnership agreement, newest first, with its themes and targets judged today (public). */
export async function listAgreements(ctx: ServiceContext): Promise<AgreementView[]> {
  authorize(ctx.actor, 'list', { type: 'partnershipAgreement' });
  const rows = await agreementRows(ctx.db);
  return Promise.all(rows.map((a) => view(ctx, a)));
}

/** R19 — one agreement with its themes, visions and targets (public). */
export async function getAgreement(ctx: ServiceContext, id: number): Promise<AgreementView> {
  const a = (await agreementRows(ctx.db, id))[0];
  if (!a) throw new NotFound('Aftalen findes ikke.');
  authorize(ctx.actor, 'read', { type: 'partnershipAgreement', id, status: a.status });
  return view(ctx, a);
}

/** The agreement in force on a day (adopted, else the newest), for the steering dialogues of that year. */
export async function currentAgreementId(db: Executor): Promise<number | null> {
  const rows = await db
    .selectFrom('partnership_agreement')
    .select(['id', 'status'])
    .orderBy('period_from', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return (
    (rows.find((r) => r.status === 'adopted') ?? rows.find((r) => r.status === 'negotiated' || r.status === 'draft') ?? rows[0])?.id ?? null
  );
}

/** The Partnerskabsforum's meetings, for the negotiation and adoption steps. */
export async function forumMeetings(db: Executor, type: 'partnership_forum' | 'cooperation_forum' = 'partnership_forum') {
  return db
    .selectFrom('meeting as m')
    .innerJoin('body as b', 'b.id', 'm.body_id')
    .select(['m.id', 'm.starts_at', 'm.place', 'm.state', 'b.name as body_name'])
    .where('b.type', '=', type)
    .where('m.state', '!=', 'cancelled')
    .orderBy('m.starts_at', 'desc')
    .execute();
}

export interface AgreementStepInput {
  on: string;
  meetingId: number | null;
  reference: string;
  replacedById: number | null;
}

/**
 * R19 — moves the agreement one step: negotiated at a Partnerskabsforum meeting → adopted with decision date and
 * reference (and the meeting) → expired or replaced. Checks the version the user saw.
 */
export async function transitionAgreement(
  ctx: ServiceContext,
  id: number,
  expectedVersion: number,
  action: AgreementAction,
  input: AgreementStepInput,
): Promise<{ status: AgreementStatus; version: number }> {
  return inTransaction(ctx, async (trx) => {
    const row = await trx.selectFrom('partnership_agreement').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!row) throw new NotFound('Aftalen findes ikke.');
    authorize(ctx.actor, 'transition', { type: 'partnershipAgreement', id, status: row.status });
    await assertVersion(trx, row, expectedVersion, 'partnership_agreement');
    const next = nextAgreementStatus(row.status as AgreementStatus, action, input, row.period_from);
    if ('errors' in next) throw new Invalid(next.errors);
    if (input.meetingId !== null) {
      const m = await trx
        .selectFrom('meeting as m')
        .innerJoin('body as b', 'b.id', 'm.body_id')
        .select(['m.id', 'b.type'])
        .where('m.id', '=', input.meetingId)
        .executeTakeFirst();
      if (!m || m.type !== 'partnership_forum') throw new Invalid({ meetingId: 'Vælg et møde i Partnerskabsforum.' });
    }
    if (action === 'replace') {
      const successor = await trx.selectFrom('partnership_agreement').select('id').where('id', '=', input.replacedById!).executeTakeFirst();
      if (!successor || successor.id === id) throw new Invalid({ replacedById: 'Vælg en anden aftale som afløser.' });
    }
    const values =
      action === 'negotiate'
        ? { negotiated_on: input.on, negotiated_meeting_id: input.meetingId }
        : action === 'adopt'
          ? { adopted_on: input.on, adopted_meeting_id: input.meetingId, decision_reference: input.reference.trim() }
          : { ended_on: input.on, replaced_by_id: action === 'replace' ? input.replacedById : null };
    const updated = await trx
      .updateTable('partnership_agreement')
      .set({ ...values, status: next.to, version: sql`version + 1`, updated_at: ctx.now() })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .returning('version')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx.actor, {
      action,
      entityType: 'partnership_agreement',
      entityId: id,
      version: updated.version,
      summary: `${row.title}: ${agreementStatusLabels[next.to]}`,
      before: { status: row.status },
      after: { status: next.to, ...values },
    });
    return { status: next.to, version: updated.version };
  });
}

export interface TargetDetail {
  target: TargetView;
  agreement: { id: number; title: string; status: string };
  measurements: { id: number; value: number; measuredOn: string; source: string; note: string; recordedBy: string; isDemo: boolean }[];
  commitments: {
    id: number;
    dialogueId: number;
    year: number;
    organisation: string;
    organisationId: number;
    what: string;
    amount: number | null;
    unit: string;
    dueOn: string;
    successCriterion: string;
    outcome: FollowupOutcome | null;
    delivered: number | null;
  }[];
  mayRecord: boolean;
  mayEdit: boolean;
}

/** R19 — a target's page: its status with the rule, every measurement, and the binding commitments behind it. */
export async function getTarget(ctx: ServiceContext, id: number): Promise<TargetDetail> {
  const rows = await targetRows(ctx.db, { ids: [id] });
  if (!rows.length) throw new NotFound('Målet findes ikke.');
  const a = await ctx.db
    .selectFrom('partnership_agreement')
    .select(['id', 'title', 'status'])
    .where('id', '=', rows[0]!.agreement_id)
    .executeTakeFirstOrThrow();
  const subject = { type: 'partnershipAgreement' as const, id: a.id, status: a.status };
  authorize(ctx.actor, 'read', subject);
  const [[target], measurements, commitments] = await Promise.all([
    judgeTargets(ctx.db, rows, todayIn(ctx)),
    ctx.db.selectFrom('partnership_measurement').selectAll().where('target_id', '=', id).orderBy('measured_on').orderBy('id').execute(),
    ctx.db
      .selectFrom('dialogue_commitment as c')
      .innerJoin('steering_dialogue as d', 'd.id', 'c.dialogue_id')
      .innerJoin('organisation as o', 'o.id', 'c.organisation_id')
      .select([
        'c.id',
        'c.dialogue_id',
        'd.year',
        'o.short_name',
        'c.organisation_id',
        'c.what',
        'c.amount',
        'c.unit',
        'c.due_on',
        'c.success_criterion',
      ])
      .select((eb) =>
        eb
          .selectFrom('commitment_followup as f')
          .whereRef('f.commitment_id', '=', 'c.id')
          .select('f.outcome')
          .orderBy('f.created_at', 'desc')
          .orderBy('f.id', 'desc')
          .limit(1)
          .as('outcome'),
      )
      .select((eb) =>
        eb
          .selectFrom('commitment_followup as f')
          .whereRef('f.commitment_id', '=', 'c.id')
          .select('f.delivered')
          .orderBy('f.created_at', 'desc')
          .orderBy('f.id', 'desc')
          .limit(1)
          .as('delivered'),
      )
      .where('c.target_id', '=', id)
      .where('d.state', '=', 'concluded')
      .orderBy('d.year')
      .orderBy('o.short_name')
      .execute(),
  ]);
  return {
    target: target!,
    agreement: a,
    measurements: measurements.map((m) => ({
      id: m.id,
      value: m.value,
      measuredOn: m.measured_on,
      source: m.source,
      note: m.note,
      recordedBy: m.recorded_by_label,
      isDemo: m.is_demo,
    })),
    commitments: commitments.map((c) => ({
      id: c.id,
      dialogueId: c.dialogue_id,
      year: c.year,
      organisation: c.short_name,
      organisationId: c.organisation_id,
      what: c.what,
      amount: c.amount,
      unit: c.unit,
      dueOn: c.due_on,
      successCriterion: c.success_criterion,
      outcome: (c.outcome ?? null) as FollowupOutcome | null,
      delivered: c.delivered ?? null,
    })),
    mayRecord: can(ctx.actor, 'recordMeasurement', subject),
    mayEdit: can(ctx.actor, 'updateTarget', subject),
  };
}

export interface MeasurementInput {
  value: number;
  measuredOn: string;
  source: string;
  note: string;
}

/** R19 — the housing office records a measurement of a target; returns the target's status after it. */
export async function recordMeasurement(
  ctx: ServiceContext,
  targetId: number,
  input: MeasurementInput,
): Promise<{ id: number; status: TargetView['judgement']['status'] }> {
  return inTransaction(ctx, async (trx) => {
    const t = await trx
      .selectFrom('partnership_target as t')
      .innerJoin('partnership_agreement as a', 'a.id', 't.agreement_id')
      .select(['t.id', 't.title', 't.by_commitments', 'a.id as agreement_id', 'a.status'])
      .where('t.id', '=', targetId)
      .forUpdate()
      .executeTakeFirst();
    if (!t) throw new NotFound('Målet findes ikke.');
    authorize(ctx.actor, 'recordMeasurement', { type: 'partnershipAgreement', id: t.agreement_id, status: t.status });
    if (t.by_commitments)
      throw new Invalid({
        value: 'Målet opgøres som summen af boligorganisationernes tilsagn; registrér opfølgningen i styringsdialogen i stedet.',
      });
    if (input.measuredOn > todayIn(ctx)) throw new Invalid({ measuredOn: 'Målingsdatoen må ikke ligge i fremtiden.' });
    const row = await trx
      .insertInto('partnership_measurement')
      .values({
        target_id: targetId,
        value: input.value,
        measured_on: input.measuredOn,
        source: input.source,
        note: input.note,
        recorded_by_label: actorLabel(ctx.actor),
        recorded_by_user_id: actorUserId(ctx.actor),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('partnership_target')
      .set({ version: sql`version + 1`, updated_at: ctx.now() })
      .where('id', '=', targetId)
      .execute();
    const [judged] = await judgeTargets(trx, await targetRows(trx, { ids: [targetId] }), todayIn(ctx));
    await recordAudit(trx, ctx.actor, {
      action: 'recordMeasurement',
      entityType: 'partnership_target',
      entityId: targetId,
      version: judged!.version,
      summary: `${t.title}: måling ${input.value} pr. ${input.measuredOn} (${judged!.statusLabel})`,
      before: null,
      after: { ...input },
    });
    return { id: row.id, status: judged!.judgement.status };
  });
}

export interface TargetInput {
  baselineValue: number | null;
  baselineOn: string | null;
  targetValue: number | null;
  deadline: string | null;
  responsible: string;
  measuredHow: string;
}

/**
 * R19 — the housing office corrects a target's numbers (baseline, value, deadline) and who answers for it; checks
 * the version the user saw (a stale one is a conflict with what changed since) and audits before and after.
 */
export async function updateTarget(ctx: ServiceContext, id: number, expectedVersion: number, input: TargetInput): Promise<number> {
  return inTransaction(ctx, async (trx) => {
    const current = await trx.selectFrom('partnership_target').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!current) throw new NotFound('Målet findes ikke.');
    const a = await trx
      .selectFrom('partnership_agreement')
      .select(['id', 'status'])
      .where('id', '=', current.agreement_id)
      .executeTakeFirstOrThrow();
    authorize(ctx.actor, 'updateTarget', { type: 'partnershipAgreement', id: a.id, status: a.status });
    const errors: Record<string, string> = {};
    if (current.rule !== 'not_grow' && input.targetValue === null) errors.targetValue = 'Skriv målværdien.';
    if (input.deadline !== null && input.deadline < current.starts_on) errors.deadline = 'Fristen må ikke ligge før målets start.';
    if ((input.baselineValue === null) !== (input.baselineOn === null))
      errors.baselineOn = 'Skriv både baseline og dens dato, eller ingen af dem.';
    if (Object.keys(errors).length) throw new Invalid(errors);
    const values = {
      baseline_value: input.baselineValue,
      baseline_on: input.baselineOn,
      target_value: current.rule === 'not_grow' ? null : input.targetValue,
      deadline: input.deadline,
      responsible: input.responsible,
      measured_how: input.measuredHow,
    };
    const row = await updateVersioned(trx, 'partnership_target', current, expectedVersion, 'partnership_target', values);
    const pick = (r: Record<string, unknown>) => Object.fromEntries(Object.keys(values).map((k) => [k, r[k]]));
    await recordAudit(trx, ctx.actor, {
      action: 'update',
      entityType: 'partnership_target',
      entityId: id,
      version: row.version,
      summary: `Rettede målet «${current.title}»`,
      before: pick(current),
      after: pick(row),
    });
    return row.version;
  });
}

/** R19 — the two forums of the agreement (bodies in the governance area), for links from the agreement's page. */
export const agreementForums = (db: Executor) =>
  db
    .selectFrom('body')
    .select(['id', 'name', 'type', 'description'])
    .where('type', 'in', ['partnership_forum', 'cooperation_forum'])
    .orderBy('type', 'desc')
    .orderBy('valid_from')
    .execute();
