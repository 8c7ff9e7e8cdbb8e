import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { recordAudit } from '../../db/audit.ts';
import type { Db, Executor, Trx } from '../../db/database.ts';
import { assertVersion } from '../../db/versioned.ts';
import {
  canonicalJson,
  deadlineStatus,
  defaultDueOn,
  type DeadlineStatus,
  emptyNarrative,
  isFrozen,
  type Milestone,
  milestonePlanMissing,
  milestoneViolations,
  type Narrative,
  narrativeSections,
  nextReportState,
  type ReportAction,
  reportActionsFrom,
  type ReportState,
  reportStateLabels,
  reportYears,
  sortMilestones,
  type Verdict,
  verdictLabels,
  earlySubmissionRefusal,
  yearHasEnded,
} from '../../domain/reports/index.ts';
import { Invalid, NotFound } from '../../errors.ts';
import { type Actor, actorLabel, actorUserId, authorize, can, systemActor } from '../../policy/index.ts';
import { inTransaction, isoDate, today as todayIn, type ServiceContext } from '../context.ts';
import { whoDecides } from '../governance/competence.ts';
import { notify, usersWithRole } from '../notifications.ts';
import { partyOrganisationIds, visiblePlans } from '../plans/access.ts';
import { buildReport, type ReportContent } from './build.ts';
import type { AgendaRefResolver, AuditOwner } from '../context.ts';

/** What is frozen at submission (R6): the assembled content and the narrative, with the revision it belongs to. */
export interface ReportSnapshot {
  planId: number;
  year: number;
  revision: number;
  content: ReportContent;
  narrative: Narrative;
  /** R6 — next year's milestone plan (absent in snapshots frozen before the plan was part of the report). */
  milestones?: Milestone[];
}

export const reportLink = (planId: number, year: number) => `/planer/${planId}/rapporter/${year}`;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
/** R6 — the content hash of a snapshot: SHA-256 of its canonical JSON. */
export const snapshotHash = (s: ReportSnapshot) => sha256(canonicalJson(s));

/** The body that decides on the plan now (R10–R12) and its members; none when no body can decide. */
async function decider(db: Executor, planId: number, today: string) {
  try {
    const who = await whoDecides(db, planId, today);
    return { body: who.body, userIds: [...who.voters, ...who.others].flatMap((m) => (m.userId ? [m.userId] : [])) };
  } catch (err) {
    // `whoDecides` refuses with Invalid when no body can decide on the day; anything else is a fault.
    if (err instanceof Invalid) return { body: null, userIds: [] as number[] };
    throw err;
  }
}

export async function reportSubject(db: Executor, planId: number, state: string, today: string) {
  const plan = await db.selectFrom('plan').select(['id', 'state']).where('id', '=', planId).executeTakeFirst();
  if (!plan) throw new NotFound('Planen findes ikke.');
  const [parties, d] = await Promise.all([partyOrganisationIds(db, planId), decider(db, planId, today)]);
  return {
    type: 'report' as const,
    planId,
    planState: plan.state,
    state,
    partyOrganisationIds: parties,
    deciderUserIds: d.userIds,
    decidingBody: d.body,
  };
}

/** The deadline for a year: the secretariat's, else six months after the year's end (R6). */
export async function deadlineFor(db: Executor, year: number) {
  const row = await db
    .selectFrom('report_deadline')
    .select(['due_on', 'remind_days', 'version'])
    .where('year', '=', year)
    .executeTakeFirst();
  return row
    ? { year, dueOn: row.due_on, remindDays: row.remind_days, version: row.version, custom: true }
    : { year, dueOn: defaultDueOn(year), remindDays: 30, version: 0, custom: false };
}

type ReportRow = Awaited<ReturnType<typeof latestRow>>;
const latestRow = (db: Executor, planId: number, year: number) =>
  db
    .selectFrom('report')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('year', '=', year)
    .orderBy('revision', 'desc')
    .limit(1)
    .executeTakeFirst();

export interface ReportView {
  planId: number;
  planName: string;
  year: number;
  state: ReportState | 'missing';
  stateLabel: string;
  report: NonNullable<ReportRow> | null;
  version: number;
  revision: number;
  narrative: Narrative;
  /** R6 — next year's milestone plan, in date order. */
  milestones: Milestone[];
  content: ReportContent;
  frozen: boolean;
  contentHash: string | null;
  revisions: { id: number; revision: number; state: ReportState; submittedAt: Date | null; contentHash: string | null }[];
  verdicts: {
    criterionId: number;
    indicator: string;
    verdict: Verdict;
    verdictLabel: string;
    comment: string;
    decidedOn: string;
    meetingId: number | null;
    bodyName: string;
  }[];
  deadline: { dueOn: string; remindDays: number; status: DeadlineStatus };
  decidingBody: { id: number; name: string } | null;
  actions: (ReportAction | 'writeNarrative' | 'recordVerdict')[];
  /** R6 — whether the report's year has ended (before that, submitting needs a reason for the early submission). */
  yearEnded: boolean;
}

/** R6 — a plan's report for a year: frozen content once submitted, live data before; with what the actor may do. */
export async function getReport(ctx: ServiceContext, planId: number, year: number): Promise<ReportView> {
  const today = todayIn(ctx);
  const plan = await ctx.db.selectFrom('plan').select(['id', 'name', 'starts_on', 'ends_on']).where('id', '=', planId).executeTakeFirst();
  if (!plan) throw new NotFound('Planen findes ikke.');
  if (!reportYears({ startsOn: plan.starts_on, endsOn: plan.ends_on }, today).includes(year))
    throw new NotFound(`Planen har ingen årsrapport for ${year}.`);
  const row = await latestRow(ctx.db, planId, year);
  const state = (row?.state ?? 'missing') as ReportState | 'missing';
  const subject = await reportSubject(ctx.db, planId, row?.state ?? 'draft', today);
  authorize(ctx.actor, 'read', subject);
  const frozen = !!row && isFrozen(row.state as ReportState);
  const snapshot = frozen ? (row!.snapshot as ReportSnapshot) : null;
  const [content, revisions, verdicts, deadline] = await Promise.all([
    snapshot ? Promise.resolve(snapshot.content) : buildReport(ctx.db, planId, year),
    ctx.db
      .selectFrom('report')
      .select(['id', 'revision', 'state', 'submitted_at', 'content_hash'])
      .where('plan_id', '=', planId)
      .where('year', '=', year)
      .orderBy('revision')
      .execute(),
    row
      ? ctx.db
          .selectFrom('report_verdict as v')
          .innerJoin('success_criterion as c', 'c.id', 'v.criterion_id')
          .leftJoin('body as b', 'b.id', 'v.body_id')
          .select(['v.criterion_id', 'c.indicator_name', 'v.verdict', 'v.comment', 'v.decided_on', 'v.meeting_id', 'b.name as body_name'])
          .where('v.report_id', '=', row.id)
          .orderBy('v.criterion_id')
          .execute()
      : Promise.resolve([]),
    deadlineFor(ctx.db, year),
  ]);
  const firstSubmitted = revisions.find((r) => r.submitted_at)?.submitted_at;
  const submittedOn = firstSubmitted ? isoDate(firstSubmitted) : null;
  const lifecycle = reportActionsFrom(state === 'missing' ? 'draft' : state).filter((a) => can(ctx.actor, a, subject));
  const actions: ReportView['actions'] = [
    ...((state === 'missing' || state === 'draft') && can(ctx.actor, 'writeNarrative', subject) ? (['writeNarrative'] as const) : []),
    ...lifecycle,
    ...((state === 'submitted' || state === 'acknowledged') && can(ctx.actor, 'recordVerdict', subject)
      ? (['recordVerdict'] as const)
      : []),
  ];
  return {
    planId,
    planName: plan.name,
    year,
    state,
    stateLabel: reportStateLabels[state],
    report: row ?? null,
    version: row?.version ?? 0,
    revision: row?.revision ?? 1,
    narrative: { ...emptyNarrative(), ...(snapshot?.narrative ?? row?.narrative ?? {}) },
    milestones: sortMilestones(snapshot ? (snapshot.milestones ?? []) : (row?.milestones ?? [])),
    content,
    frozen,
    contentHash: row?.content_hash ?? null,
    revisions: revisions.map((r) => ({
      id: r.id,
      revision: r.revision,
      state: r.state as ReportState,
      submittedAt: r.submitted_at,
      contentHash: r.content_hash,
    })),
    verdicts: verdicts.map((v) => ({
      criterionId: v.criterion_id,
      indicator: v.indicator_name,
      verdict: v.verdict as Verdict,
      verdictLabel: verdictLabels[v.verdict as Verdict],
      comment: v.comment,
      decidedOn: v.decided_on,
      meetingId: v.meeting_id,
      bodyName: v.body_name ?? '',
    })),
    deadline: {
      dueOn: deadline.dueOn,
      remindDays: deadline.remindDays,
      status: deadlineStatus({ dueOn: deadline.dueOn, remindDays: deadline.remindDays, submittedOn, today }),
    },
    decidingBody: subject.decidingBody ? { id: subject.decidingBody.id, name: subject.decidingBody.name } : null,
    actions,
    yearEnded: yearHasEnded(year, today),
  };
}

/**
 * R6 — one submitted revision as it was frozen (also a superseded one), for its PDF and Excel; readable as a
 * submitted report is.
 */
export async function getFrozenRevision(ctx: ServiceContext, planId: number, year: number, revision: number) {
  const row = await ctx.db
    .selectFrom('report')
    .select(['state', 'snapshot', 'submitted_at', 'content_hash'])
    .where('plan_id', '=', planId)
    .where('year', '=', year)
    .where('revision', '=', revision)
    .executeTakeFirst();
  if (!row || !isFrozen(row.state as ReportState)) throw new NotFound(`Årsrapport ${year} har ingen indsendt revision ${revision}.`);
  authorize(ctx.actor, 'read', await reportSubject(ctx.db, planId, row.state, todayIn(ctx)));
  return { snapshot: row.snapshot as ReportSnapshot, submittedAt: row.submitted_at, contentHash: row.content_hash };
}

/** Loads the latest revision for update and checks the version the user saw (0: none existed). */
async function lockLatest(trx: Trx, planId: number, year: number, expectedVersion: number) {
  const row = await trx
    .selectFrom('report')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('year', '=', year)
    .orderBy('revision', 'desc')
    .limit(1)
    .forUpdate()
    .executeTakeFirst();
  if (!row && expectedVersion !== 0) throw new NotFound('Rapporten findes ikke.');
  if (row) await assertVersion(trx, row as never, expectedVersion, 'report');
  return row;
}

const cleanNarrative = (n: Partial<Record<string, string>>): Narrative =>
  Object.fromEntries(narrativeSections.map(([k]) => [k, (n[k] ?? '').trim().slice(0, 10_000)])) as Narrative;

const milestoneText = (ms: readonly Milestone[]) =>
  ms.map((m) => `${m.dueOn.split('-').reverse().join('.')}: ${m.description} (${m.responsible})`).join('\n');

/**
 * R6, R7 — the project leader writes the narrative of a draft (the first save creates the report), and with it next
 * year's milestone plan (`milestones`; left out, the plan is unchanged). Every milestone must lie in the next year.
 */
export async function saveNarrative(
  ctx: ServiceContext,
  planId: number,
  year: number,
  expectedVersion: number,
  input: Partial<Record<string, string>>,
  milestones?: Milestone[],
): Promise<number> {
  const narrative = cleanNarrative(input);
  const plan = milestones && sortMilestones(milestones);
  if (milestones) {
    const wrong = milestoneViolations(year, milestones);
    if (wrong.length) throw new Invalid(Object.fromEntries(wrong.map((w) => [`milestones.${w.index}.dueOn`, w.message])));
  }
  return inTransaction(ctx, async (trx) => {
    await assertYear(trx, planId, year, ctx);
    const row = await lockLatest(trx, planId, year, expectedVersion);
    authorize(ctx.actor, 'writeNarrative', await reportSubject(trx, planId, row?.state ?? 'draft', todayIn(ctx)));
    if (row && row.state !== 'draft')
      throw new Invalid({
        narrative: `Rapporten er «${reportStateLabels[row.state as ReportState].toLowerCase()}»; beretningen kan kun ændres i en kladde.`,
      });
    const saved = row
      ? await trx
          .updateTable('report')
          .set({
            narrative: JSON.stringify(narrative),
            ...(plan ? { milestones: JSON.stringify(plan) } : {}),
            version: sql`version + 1`,
            updated_at: ctx.now(),
          })
          .where('id', '=', row.id)
          .returning(['id', 'version'])
          .executeTakeFirstOrThrow()
      : await trx
          .insertInto('report')
          .values({
            plan_id: planId,
            year,
            narrative: JSON.stringify(narrative),
            milestones: JSON.stringify(plan ?? []),
            previous_id: null,
            snapshot: null,
            content_hash: null,
            ready_at: null,
            approved_at: null,
            submitted_at: null,
            acknowledged_at: null,
          })
          .returning(['id', 'version'])
          .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx.actor, {
      action: row ? 'update' : 'create',
      entityType: 'report',
      entityId: saved.id,
      planId,
      version: saved.version,
      summary: `Årsrapport ${year}: beretningen er gemt`,
      changes: [
        ...narrativeSections
          .filter(([k]) => (row?.narrative?.[k] ?? '') !== narrative[k])
          .map(([k, label]) => ({ field: label, before: row?.narrative?.[k] ?? '', after: narrative[k] })),
        ...(plan && milestoneText(row?.milestones ?? []) !== milestoneText(plan)
          ? [{ field: `Milepælsplan for ${year + 1}`, before: milestoneText(row?.milestones ?? []), after: milestoneText(plan) }]
          : []),
      ],
    });
    return saved.version;
  });
}

async function assertYear(db: Executor, planId: number, year: number, ctx: ServiceContext) {
  const plan = await db.selectFrom('plan').select(['starts_on', 'ends_on']).where('id', '=', planId).executeTakeFirst();
  if (!plan) throw new NotFound('Planen findes ikke.');
  if (!reportYears({ startsOn: plan.starts_on, endsOn: plan.ends_on }, todayIn(ctx)).includes(year))
    throw new NotFound(`Planen har ingen årsrapport for ${year}.`);
}

/**
 * R6 — moves the report one step: ready (project leader) → approved → submitted (the housing organisation; frozen
 * with its hash) → acknowledged (LBF); a submitted report is reopened only as a new, linked revision.
 */
export async function transitionReport(
  ctx: ServiceContext,
  planId: number,
  year: number,
  expectedVersion: number,
  action: ReportAction,
  input: { reason?: string; lbfReference?: string; earlySubmissionReason?: string } = {},
): Promise<{ state: ReportState; revision: number; version: number }> {
  return inTransaction(ctx, async (trx) => {
    await assertYear(trx, planId, year, ctx);
    const today = todayIn(ctx);
    const row = await lockLatest(trx, planId, year, expectedVersion);
    if (!row) throw new Invalid({ narrative: 'Skriv og gem beretningen, før rapporten sendes videre.' });
    const subject = await reportSubject(trx, planId, row.state, today);
    authorize(ctx.actor, action, subject);
    const next = nextReportState(row.state as ReportState, action);
    if ('error' in next) throw new Invalid({ action: next.error });
    const by = actorLabel(ctx.actor);
    const now = ctx.now();
    const planName = (await trx.selectFrom('plan').select('name').where('id', '=', planId).executeTakeFirstOrThrow()).name;
    const link = reportLink(planId, year);
    let values: Record<string, unknown> = {};
    if (action === 'markReady') {
      const narrative = { ...emptyNarrative(), ...row.narrative };
      const missing = narrativeSections.filter(([k]) => !narrative[k]?.trim());
      const noPlan = milestonePlanMissing(year, row.milestones ?? []);
      if (missing.length || noPlan)
        throw new Invalid({
          ...Object.fromEntries(missing.map(([k, label]) => [k, `Skriv afsnittet «${label}», før rapporten sendes til godkendelse.`])),
          ...(noPlan ? { milestones: noPlan } : {}),
        });
      values = { ready_at: now };
      await notify(trx, {
        userIds: await usersWithRole(trx, 'organisation', { organisationIds: subject.partyOrganisationIds }),
        kind: 'report_ready',
        title: `Årsrapport ${year} klar til godkendelse: ${planName}`,
        body: `${by} har sendt årsrapporten til godkendelse i boligorganisationen.`,
        link,
        planId,
      });
    } else if (action === 'approve') {
      values = { approved_at: now, approved_by_label: by, approved_by_user_id: actorUserId(ctx.actor) };
    } else if (action === 'backToDraft') {
      values = { ready_at: null, approved_at: null, approved_by_label: '', approved_by_user_id: null };
    } else if (action === 'submit') {
      // R6 — not before the year has ended, unless the early submission is explained (the reason goes in the audit).
      const early = earlySubmissionRefusal(year, today, input.earlySubmissionReason);
      if (early) throw new Invalid({ earlySubmissionReason: early }, 'Rapporten kan ikke indsendes endnu.');
      const snapshot: ReportSnapshot = {
        planId,
        year,
        revision: row.revision,
        content: await buildReport(trx, planId, year),
        narrative: { ...emptyNarrative(), ...row.narrative },
        milestones: sortMilestones(row.milestones ?? []),
      };
      values = {
        snapshot: JSON.stringify(snapshot),
        content_hash: snapshotHash(snapshot),
        submitted_at: now,
        submitted_by_label: by,
        submitted_by_user_id: actorUserId(ctx.actor),
      };
      await notify(trx, {
        userIds: [...(await usersWithRole(trx, 'lbf')), ...subject.deciderUserIds, ...(await usersWithRole(trx, 'secretariat'))],
        kind: 'report_submitted',
        title: `Årsrapport ${year} indsendt: ${planName}`,
        body: `${by} har indsendt årsrapporten til Landsbyggefonden. ${subject.decidingBody ? `${subject.decidingBody.name} vurderer succeskriterierne.` : ''}`,
        link,
        planId,
      });
    } else if (action === 'acknowledge') {
      values = {
        acknowledged_at: now,
        acknowledged_by_label: by,
        acknowledged_by_user_id: actorUserId(ctx.actor),
        lbf_reference: (input.lbfReference ?? '').trim().slice(0, 100),
      };
      await notify(trx, {
        userIds: await usersWithRole(trx, 'organisation', { organisationIds: subject.partyOrganisationIds }),
        kind: 'report_acknowledged',
        title: `Landsbyggefonden har modtaget årsrapport ${year}: ${planName}`,
        body: input.lbfReference ? `Reference: ${input.lbfReference}` : '',
        link,
        planId,
      });
    } else if (action === 'reopen') {
      const reason = (input.reason ?? '').trim();
      if (!reason) throw new Invalid({ reason: 'Skriv, hvorfor rapporten genåbnes.' });
      values = {};
    }
    const updated = await trx
      .updateTable('report')
      .set({ ...values, state: next.to, version: sql`version + 1`, updated_at: now })
      .where('id', '=', row.id)
      .returning(['id', 'version', 'state', 'revision'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx.actor, {
      action,
      entityType: 'report',
      entityId: row.id,
      planId,
      version: updated.version,
      summary: `Årsrapport ${year}: ${reportStateLabels[next.to]}`,
      before: { state: row.state },
      after: {
        state: next.to,
        ...(action === 'submit' && !yearHasEnded(year, today) ? { earlySubmissionReason: (input.earlySubmissionReason ?? '').trim() } : {}),
      },
    });
    if (action !== 'reopen') return { state: next.to, revision: row.revision, version: updated.version };
    // The submitted revision stays as it was sent; the new one starts as a draft with the same narrative.
    const fresh = await trx
      .insertInto('report')
      .values({
        plan_id: planId,
        year,
        revision: row.revision + 1,
        previous_id: row.id,
        narrative: JSON.stringify(row.narrative),
        milestones: JSON.stringify(row.milestones ?? []),
        reopen_reason: (input.reason ?? '').trim(),
        snapshot: null,
        content_hash: null,
        ready_at: null,
        approved_at: null,
        submitted_at: null,
        acknowledged_at: null,
      })
      .returning(['id', 'version', 'revision'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx.actor, {
      action: 'create',
      entityType: 'report',
      entityId: fresh.id,
      planId,
      version: fresh.version,
      summary: `Årsrapport ${year}: revision ${fresh.revision} oprettet (${(input.reason ?? '').trim()})`,
    });
    return { state: 'draft', revision: fresh.revision, version: fresh.version };
  });
}

export interface VerdictInput {
  decidedOn: string;
  meetingId: number | null;
  verdicts: { criterionId: number; verdict: Verdict; comment: string }[];
}

/** R10, R12 — the deciding board's verdict per success criterion on a submitted report, tied to its meeting. */
export async function recordVerdicts(
  ctx: ServiceContext,
  planId: number,
  year: number,
  expectedVersion: number,
  input: VerdictInput,
): Promise<number> {
  return inTransaction(ctx, async (trx) => {
    const row = await lockLatest(trx, planId, year, expectedVersion);
    if (!row) throw new NotFound('Rapporten findes ikke.');
    const subject = await reportSubject(trx, planId, row.state, todayIn(ctx));
    authorize(ctx.actor, 'recordVerdict', subject);
    if (row.state !== 'submitted' && row.state !== 'acknowledged')
      throw new Invalid({ verdicts: 'Bestyrelsen vurderer en rapport, når den er indsendt.' });
    const criteria = new Set((row.snapshot as ReportSnapshot).content.goals.flatMap((g) => g.criteria.map((c) => c.id)));
    const unknown = input.verdicts.filter((v) => !criteria.has(v.criterionId));
    if (unknown.length || !input.verdicts.length) throw new Invalid({ verdicts: 'Vurder succeskriterierne i rapporten.' });
    if (input.meetingId !== null) {
      const m = await trx.selectFrom('meeting').select(['id', 'body_id']).where('id', '=', input.meetingId).executeTakeFirst();
      if (!m || m.body_id !== subject.decidingBody?.id)
        throw new Invalid({ meetingId: `Vælg et møde i ${subject.decidingBody?.name ?? 'den bestyrelse, der har kompetencen'}.` });
    }
    const before = await trx
      .selectFrom('report_verdict')
      .select(['criterion_id', 'verdict', 'comment'])
      .where('report_id', '=', row.id)
      .execute();
    await trx
      .deleteFrom('report_verdict')
      .where('report_id', '=', row.id)
      .where(
        'criterion_id',
        'in',
        input.verdicts.map((v) => v.criterionId),
      )
      .execute();
    await trx
      .insertInto('report_verdict')
      .values(
        input.verdicts.map((v) => ({
          report_id: row.id,
          criterion_id: v.criterionId,
          verdict: v.verdict,
          comment: v.comment.trim().slice(0, 4000),
          body_id: subject.decidingBody?.id ?? null,
          meeting_id: input.meetingId,
          decided_on: input.decidedOn,
          recorded_by_label: actorLabel(ctx.actor),
          recorded_by_user_id: actorUserId(ctx.actor),
        })),
      )
      .execute();
    const updated = await trx
      .updateTable('report')
      .set({ version: sql`version + 1`, updated_at: ctx.now() })
      .where('id', '=', row.id)
      .returning('version')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx.actor, {
      action: 'recordVerdict',
      entityType: 'report',
      entityId: row.id,
      planId,
      version: updated.version,
      summary: `Årsrapport ${year}: ${subject.decidingBody?.name ?? 'bestyrelsens'} vurdering registreret`,
      before: { verdicts: before },
      after: { verdicts: input.verdicts },
    });
    return updated.version;
  });
}

/** The secretariat sets a year's deadline and how many days before it reminders go out (R6). */
export async function setDeadline(
  ctx: ServiceContext,
  year: number,
  expectedVersion: number,
  input: { dueOn: string; remindDays: number },
): Promise<void> {
  authorize(ctx.actor, 'setDeadline', { type: 'reportOverview' });
  await inTransaction(ctx, async (trx) => {
    const row = await trx.selectFrom('report_deadline').selectAll().where('year', '=', year).forUpdate().executeTakeFirst();
    if ((row?.version ?? 0) !== expectedVersion) {
      if (row) await assertVersion(trx, { ...row, id: year } as never, expectedVersion, 'report_deadline');
      throw new Invalid({ dueOn: 'Fristen er ændret af en anden; hent siden igen.' });
    }
    const saved = row
      ? await trx
          .updateTable('report_deadline')
          .set({
            due_on: input.dueOn,
            remind_days: input.remindDays,
            set_by_label: actorLabel(ctx.actor),
            set_by_user_id: actorUserId(ctx.actor),
            version: sql`version + 1`,
            updated_at: ctx.now(),
          })
          .where('year', '=', year)
          .returning('version')
          .executeTakeFirstOrThrow()
      : await trx
          .insertInto('report_deadline')
          .values({
            year,
            due_on: input.dueOn,
            remind_days: input.remindDays,
            set_by_label: actorLabel(ctx.actor),
            set_by_user_id: actorUserId(ctx.actor),
          })
          .returning('version')
          .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx.actor, {
      action: row ? 'update' : 'create',
      entityType: 'report_deadline',
      entityId: year,
      version: saved.version,
      summary: `Frist for årsrapporter ${year}: ${input.dueOn}`,
      before: row ? { dueOn: row.due_on, remindDays: row.remind_days } : null,
      after: input,
    });
  });
}

export interface OverviewRow {
  planId: number;
  planName: string;
  district: string;
  year: number;
  state: ReportState | 'missing';
  stateLabel: string;
  revision: number;
  dueOn: string;
  status: DeadlineStatus;
  submittedAt: Date | null;
}

const statusOrder: Record<DeadlineStatus, number> = { overdue: 0, due_soon: 1, not_due: 2, submitted: 3 };

/** R6 — every plan's reports by year, the late ones first; also what the reminder job reads. */
export async function reportStatusRows(
  db: Executor,
  actor: Actor,
  today: string,
  q: { year?: number; planId?: number } = {},
): Promise<OverviewRow[]> {
  const plans = await db
    .selectFrom('plan as p')
    .leftJoin('district as d', 'd.id', 'p.district_id')
    .select(['p.id', 'p.name', 'p.starts_on', 'p.ends_on', 'd.name as district'])
    .where('p.state', 'in', ['granted', 'active', 'ended'])
    .where(visiblePlans(actor))
    .$if(!!q.planId, (b) => b.where('p.id', '=', q.planId!))
    .execute();
  const ids = plans.map((p) => p.id);
  const [reports, deadlines] = await Promise.all([
    ids.length
      ? db
          .selectFrom('report')
          .select(['plan_id', 'year', 'revision', 'state', 'submitted_at'])
          .where('plan_id', 'in', ids)
          .$if(!!q.year, (b) => b.where('year', '=', q.year!))
          .orderBy('revision')
          .execute()
      : Promise.resolve([]),
    db.selectFrom('report_deadline').select(['year', 'due_on', 'remind_days']).execute(),
  ]);
  const latest = new Map<string, (typeof reports)[number]>();
  const firstSubmitted = new Map<string, Date>();
  for (const r of reports) {
    latest.set(`${r.plan_id}:${r.year}`, r);
    if (r.submitted_at && !firstSubmitted.has(`${r.plan_id}:${r.year}`)) firstSubmitted.set(`${r.plan_id}:${r.year}`, r.submitted_at);
  }
  const custom = new Map(deadlines.map((d) => [d.year, d]));
  const rows: OverviewRow[] = [];
  for (const p of plans) {
    for (const year of reportYears({ startsOn: p.starts_on, endsOn: p.ends_on }, today)) {
      if (q.year && q.year !== year) continue;
      const r = latest.get(`${p.id}:${year}`);
      const dl = custom.get(year);
      const dueOn = dl?.due_on ?? defaultDueOn(year);
      const submitted = firstSubmitted.get(`${p.id}:${year}`) ?? null;
      const state = (r?.state ?? 'missing') as ReportState | 'missing';
      rows.push({
        planId: p.id,
        planName: p.name,
        district: p.district ?? '',
        year,
        state,
        stateLabel: reportStateLabels[state],
        revision: r?.revision ?? 1,
        dueOn,
        status: deadlineStatus({ dueOn, remindDays: dl?.remind_days ?? 30, submittedOn: submitted ? isoDate(submitted) : null, today }),
        submittedAt: submitted,
      });
    }
  }
  return rows.sort(
    (a, b) => statusOrder[a.status] - statusOrder[b.status] || a.dueOn.localeCompare(b.dueOn) || a.planName.localeCompare(b.planName, 'da'),
  );
}

export async function reportOverview(ctx: ServiceContext, q: { year?: number } = {}) {
  authorize(ctx.actor, 'list', { type: 'reportOverview' });
  return reportStatusRows(ctx.db, ctx.actor, todayIn(ctx), q);
}

/**
 * R6 — the daily reminder: before the deadline (within the year's reminder days) and once it has passed, the
 * project leaders and the party organisations' staff are told, once per kind; the secretariat sees overdue ones.
 */
export async function sendReportReminders(db: Db, now: Date): Promise<number> {
  const rows = (await reportStatusRows(db, systemActor('Påmindelser'), isoDate(now))).filter(
    (r) => r.status === 'due_soon' || r.status === 'overdue',
  );
  let sent = 0;
  for (const r of rows) {
    const kind = r.status === 'overdue' ? 'overdue' : 'due_soon';
    await db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('report_reminder')
        .values({ plan_id: r.planId, year: r.year, kind })
        .onConflict((oc) => oc.doNothing())
        .returning('plan_id')
        .executeTakeFirst();
      if (!inserted) return;
      const orgs = await partyOrganisationIds(trx, r.planId);
      const userIds = [
        ...(await usersWithRole(trx, 'project_leader', { planId: r.planId })),
        ...(await usersWithRole(trx, 'organisation', { organisationIds: orgs })),
        ...(kind === 'overdue' ? await usersWithRole(trx, 'secretariat') : []),
      ];
      const due = r.dueOn.split('-').reverse().join('.');
      await notify(trx, {
        userIds,
        kind: `report_${kind}`,
        title:
          kind === 'overdue'
            ? `Årsrapport ${r.year} er forsinket: ${r.planName}`
            : `Årsrapport ${r.year} skal indsendes senest ${due}: ${r.planName}`,
        body:
          kind === 'overdue'
            ? `Fristen var ${due}. Landsbyggefonden kan holde udbetalinger tilbage, mens rapporten mangler.`
            : `Rapporten er «${r.stateLabel.toLowerCase()}».`,
        link: reportLink(r.planId, r.year),
        planId: r.planId,
      });
      sent++;
    });
  }
  return sent;
}

/**
 * R6, R10 — for the plan page: each year's report status, and the board's verdicts on the latest judged report
 * the actor may read. Light: no report is assembled.
 */
export async function planReportSummary(ctx: ServiceContext, planId: number) {
  const today = todayIn(ctx);
  const rows = (await reportStatusRows(ctx.db, systemActor('Planside'), today, { planId })).sort((a, b) => a.year - b.year);
  const plan = await ctx.db.selectFrom('plan').select('state').where('id', '=', planId).executeTakeFirstOrThrow();
  const parties = await partyOrganisationIds(ctx.db, planId);
  const readable = (state: string) =>
    can(ctx.actor, 'read', { type: 'report', planId, planState: plan.state, state, partyOrganisationIds: parties, deciderUserIds: [] });
  const judged = await ctx.db
    .selectFrom('report_verdict as v')
    .innerJoin('report as r', 'r.id', 'v.report_id')
    .innerJoin('success_criterion as c', 'c.id', 'v.criterion_id')
    .leftJoin('body as b', 'b.id', 'v.body_id')
    .select(['r.year', 'r.state', 'c.indicator_name', 'v.verdict', 'v.comment', 'b.name as body_name'])
    .where('r.plan_id', '=', planId)
    .orderBy('r.year', 'desc')
    .orderBy('c.id')
    .execute();
  const latestYear = judged.find((v) => readable(v.state))?.year;
  return {
    years: rows.map((r) => ({ ...r, readable: r.state === 'missing' || readable(r.state) })),
    verdicts:
      latestYear === undefined
        ? null
        : {
            year: latestYear,
            bodyName: judged.find((v) => v.year === latestYear)!.body_name ?? '',
            items: judged
              .filter((v) => v.year === latestYear)
              .map((v) => ({ indicator: v.indicator_name, verdictLabel: verdictLabels[v.verdict as Verdict], comment: v.comment })),
          },
  };
}

/** A report's history is readable by the lead organisation of its plan. */
export const reportAuditOwner: AuditOwner = async (ctx, id) =>
  (
    await ctx.db
      .selectFrom('report as r')
      .innerJoin('plan as p', 'p.id', 'r.plan_id')
      .select('p.lead_organisation_id')
      .where('r.id', '=', Number(id))
      .executeTakeFirst()
  )?.lead_organisation_id ?? null;

/** An agenda item about a yearly report: the year and plan, and the report's page. */
export const reportAgendaRef: AgendaRefResolver = async (db, ids) =>
  (
    await db
      .selectFrom('report as r')
      .innerJoin('plan as p', 'p.id', 'r.plan_id')
      .select(['r.id', 'r.plan_id', 'r.year', 'p.name'])
      .where('r.id', 'in', ids)
      .execute()
  ).map((r) => ({
    id: r.id,
    label: `Årsrapport ${r.year}: ${r.name}`,
    href: `/planer/${r.plan_id}/rapporter/${r.year}`,
  }));

/** The deadline and reminder days of each year (public). */
export const reportDeadlines = (ctx: ServiceContext, years: number[]) => Promise.all(years.map((y) => deadlineFor(ctx.db, y)));

/** Every plan × year report status the actor may see, today. */
export const reportStatusFor = (ctx: ServiceContext, q: { year?: number; planId?: number } = {}) =>
  reportStatusRows(ctx.db, ctx.actor, todayIn(ctx), q);
