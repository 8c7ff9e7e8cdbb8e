import type { AgendaRefResolver, ServiceHooks } from '../context.ts';
import { sql } from 'kysely';
import { recordAudit } from '../../db/audit.ts';
import type { Executor, Trx } from '../../db/database.ts';
import { loadForUpdate, updateVersioned } from '../../db/versioned.ts';
import {
  agendaOpen,
  checkMeetingAction,
  type MeetingAction,
  meetingActionLabels,
  minutesComplete,
  outcomesOpen,
  targetState,
} from '../../domain/governance/meeting.ts';
import type { Decision, MeetingState, OutcomeKind } from '../../domain/governance/labels.ts';
import { copenhagenInstant, copenhagenParts } from '../../domain/governance/time.ts';
import { Forbidden, Invalid, NotFound } from '../../errors.ts';
import { actorLabel, actorUserId, authorize, can } from '../../policy/index.ts';
import { inTransaction, today as todayIn, type ServiceContext } from '../context.ts';
import { markTaskMessagesDone, notify } from '../notifications.ts';
import { addAgendaItem, type AgendaItemInput } from './competence.ts';
import { bodyOwnership } from './bodies.ts';
import { membersOf } from './members.ts';

/** The policy subject of a meeting: the body's members on the meeting day, and who was present. */
export async function meetingSubject(db: Executor, meetingId: number) {
  const m = await db.selectFrom('meeting').select(['id', 'body_id', 'state', 'starts_at']).where('id', '=', meetingId).executeTakeFirst();
  if (!m) throw new NotFound('Mødet findes ikke.');
  const day = copenhagenParts(m.starts_at).date;
  const members = await membersOf(db, [m.body_id], day);
  const present = await db
    .selectFrom('meeting_attendance')
    .select('member_id')
    .where('meeting_id', '=', meetingId)
    .where('present', '=', true)
    .execute();
  const presentIds = present.map((p) => p.member_id);
  return {
    type: 'meeting' as const,
    id: m.id,
    bodyId: m.body_id,
    ...(await bodyOwnership(db, m.body_id)),
    state: m.state,
    memberUserIds: members.flatMap((x) => (x.userId ? [x.userId] : [])),
    presentUserIds: members.filter((x) => presentIds.includes(x.id)).flatMap((x) => (x.userId ? [x.userId] : [])),
  };
}

export interface MeetingInput {
  date: string;
  startTime: string;
  endTime: string;
  place: string;
}

function instants(i: MeetingInput) {
  const starts = copenhagenInstant(i.date, i.startTime);
  const ends = copenhagenInstant(i.date, i.endTime);
  if (ends <= starts) throw new Invalid({ endTime: 'Sluttidspunktet skal ligge efter starttidspunktet.' });
  return { starts_at: starts, ends_at: ends, place: i.place };
}

/** R9, R10 — the secretariat plans a meeting of a body in office on the day. */
export async function planMeeting(ctx: ServiceContext, bodyId: number, input: MeetingInput): Promise<number> {
  return inTransaction(ctx, async (trx) => {
    const body = await trx.selectFrom('body').select(['id', 'name', 'valid_from', 'valid_to']).where('id', '=', bodyId).executeTakeFirst();
    if (!body) throw new NotFound('Organet findes ikke.');
    authorize(ctx.actor, 'planMeeting', { type: 'body', id: bodyId, memberUserIds: [], ...(await bodyOwnership(trx, bodyId)) });
    if (input.date < body.valid_from || (body.valid_to && input.date > body.valid_to))
      throw new Invalid({ date: `${body.name} findes ikke på den dato.` });
    const values = { body_id: bodyId, ...instants(input) };
    const row = await trx.insertInto('meeting').values(values).returning(['id', 'version']).executeTakeFirstOrThrow();
    await recordAudit(trx, ctx.actor, {
      action: 'create',
      entityType: 'meeting',
      entityId: row.id,
      version: row.version,
      summary: `Planlagde møde i ${body.name} ${input.date} kl. ${input.startTime}`,
      after: values,
    });
    const members = await membersOf(trx, [bodyId], input.date);
    await notify(trx, {
      userIds: members.flatMap((m) => (m.userId ? [m.userId] : [])),
      kind: 'meeting_planned',
      title: `Nyt møde i ${body.name} ${input.date.split('-').reverse().join('.')}`,
      body: `Mødet holdes ${input.place || 'på et sted, der meldes ud senere'} kl. ${input.startTime}–${input.endTime}.`,
      link: `/styring/moeder/${row.id}`,
    });
    return row.id;
  });
}

/** Moves or re-places a meeting that is not yet held. */
export async function updateMeeting(ctx: ServiceContext, id: number, version: number, input: MeetingInput): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const current = await loadForUpdate(trx, 'meeting', id);
    authorize(ctx.actor, 'update', await meetingSubject(trx, id));
    if (!agendaOpen(current.state as MeetingState)) throw new Invalid({ date: 'Et holdt eller aflyst møde kan ikke flyttes.' });
    const after = await updateVersioned(trx, 'meeting', current, version, 'meeting', instants(input));
    await recordAudit(trx, ctx.actor, {
      action: 'update',
      entityType: 'meeting',
      entityId: id,
      version: after.version,
      summary: `Mødet flyttet til ${input.date} kl. ${input.startTime}, ${input.place}`,
      before: current,
      after,
    });
  });
}

async function facts(trx: Executor, id: number) {
  const m = await trx.selectFrom('meeting').select(['state', 'minutes_sent_at']).where('id', '=', id).executeTakeFirstOrThrow();
  const items = await trx.selectFrom('agenda_item').select(['id', 'outcome_kind']).where('meeting_id', '=', id).execute();
  const present = await trx
    .selectFrom('meeting_attendance')
    .select('member_id')
    .where('meeting_id', '=', id)
    .where('present', '=', true)
    .execute();
  return {
    state: m.state as MeetingState,
    itemCount: items.length,
    minutesSent: !!m.minutes_sent_at,
    outcomesMissing: items.filter((i) => !i.outcome_kind).length,
    presentCount: present.length,
  };
}

/** R9, R10 — planned → agenda sent → held; the minutes sent to those present; or cancelled. Members are told. */
export async function transitionMeeting(ctx: ServiceContext, id: number, version: number, action: MeetingAction): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const current = await loadForUpdate(trx, 'meeting', id);
    const subject = await meetingSubject(trx, id);
    authorize(ctx.actor, 'transition', subject);
    const problems = checkMeetingAction(await facts(trx, id), action);
    if (problems.length) throw new Invalid({ action: problems.join(' ') }, problems.join(' '));
    const now = ctx.now();
    const to = targetState[action];
    const values: Record<string, unknown> = to ? { state: to } : {};
    if (action === 'sendAgenda') values.agenda_sent_at = now;
    if (action === 'hold') values.held_at = now;
    if (action === 'sendMinutes') values.minutes_sent_at = now;
    const after = await updateVersioned(trx, 'meeting', current, version, 'meeting', values);
    const body = await trx
      .selectFrom('body')
      .select('name')
      .where('id', '=', current.body_id as number)
      .executeTakeFirstOrThrow();
    const day = copenhagenParts(current.starts_at as Date)
      .date.split('-')
      .reverse()
      .join('.');
    await recordAudit(trx, ctx.actor, {
      action,
      entityType: 'meeting',
      entityId: id,
      version: after.version,
      summary: `${body.name} ${day}: ${meetingActionLabels[action]}`,
      before: current,
      after,
    });
    const link = `/styring/moeder/${id}`;
    if (action === 'sendAgenda' || action === 'cancel') {
      await notify(trx, {
        userIds: subject.memberUserIds,
        kind: action === 'cancel' ? 'meeting_cancelled' : 'agenda_sent',
        title: action === 'cancel' ? `Mødet i ${body.name} ${day} er aflyst` : `Dagsorden til mødet i ${body.name} ${day}`,
        body: action === 'cancel' ? 'Mødet er aflyst.' : 'Dagsordenen og bilagene er klar.',
        link,
      });
    }
    if (action === 'sendMinutes') {
      await notify(trx, {
        userIds: subject.presentUserIds,
        kind: 'minutes_sent',
        title: `Referat til godkendelse: ${body.name} ${day}`,
        body: 'Godkend referatet med ét klik på mødesiden.',
        link,
      });
    }
  });
}

/** Adds an item to a meeting's agenda (a free item, or one about a plan, change request or report). */
export async function addItem(ctx: ServiceContext, meetingId: number, input: AgendaItemInput): Promise<number> {
  return inTransaction(ctx, async (trx) => {
    authorize(ctx.actor, 'addItem', await meetingSubject(trx, meetingId));
    await checkRef(trx, input);
    const id = await addAgendaItem(trx, meetingId, { ...input, proposedBy: input.proposedBy ?? actorLabel(ctx.actor) });
    await recordAudit(trx, ctx.actor, {
      action: 'create',
      entityType: 'agenda_item',
      entityId: id,
      summary: `Punkt på dagsordenen: ${input.title}`,
      after: { meetingId, ...input },
    });
    return id;
  });
}

async function checkRef(db: Executor, i: AgendaItemInput) {
  if (i.kind === 'plan' && i.refId) {
    if (!(await db.selectFrom('plan').select('id').where('id', '=', i.refId).executeTakeFirst()))
      throw new Invalid({ refId: 'Planen findes ikke.' });
  }
}

/** Proposes an item for a body's backlog (members and the secretariat); the secretariat puts it on an agenda. */
export async function proposeItem(ctx: ServiceContext, bodyId: number, input: AgendaItemInput): Promise<number> {
  return inTransaction(ctx, async (trx) => {
    const body = await trx.selectFrom('body').select(['id', 'name']).where('id', '=', bodyId).executeTakeFirst();
    if (!body) throw new NotFound('Organet findes ikke.');
    const memberIds = (await membersOf(trx, [bodyId], todayIn(ctx))).flatMap((m) => (m.userId ? [m.userId] : []));
    authorize(ctx.actor, 'proposeItem', { type: 'body', id: bodyId, memberUserIds: memberIds, ...(await bodyOwnership(trx, bodyId)) });
    if (input.kind !== 'free' && !input.refId) throw new Invalid({ refId: 'Vælg hvad punktet handler om.' });
    await checkRef(trx, input);
    const row = await trx
      .insertInto('agenda_item')
      .values({
        body_id: bodyId,
        meeting_id: null,
        title: input.title,
        description: input.description ?? '',
        kind: input.kind,
        ref_id: input.kind === 'free' ? null : input.refId,
        closed: input.closed,
        proposed_by_label: actorLabel(ctx.actor),
        proposed_by_user_id: actorUserId(ctx.actor),
        outcome_kind: null,
        decision: null,
        task_due: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx.actor, {
      action: 'propose',
      entityType: 'agenda_item',
      entityId: row.id,
      summary: `Foreslået punkt til ${body.name}: ${input.title}`,
      after: { ...input },
    });
    return row.id;
  });
}

/** Puts a proposed item from the body's backlog on one of its meetings. */
export async function scheduleItem(ctx: ServiceContext, itemId: number, meetingId: number): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const item = await loadForUpdate(trx, 'agenda_item', itemId);
    const subject = await meetingSubject(trx, meetingId);
    authorize(ctx.actor, 'addItem', subject);
    if (item.meeting_id !== null) throw new Invalid({ itemId: 'Punktet er allerede på en dagsorden.' });
    if (subject.bodyId !== item.body_id) throw new Invalid({ meetingId: 'Mødet hører til et andet organ.' });
    const m = await trx.selectFrom('meeting').select('state').where('id', '=', meetingId).executeTakeFirstOrThrow();
    if (!agendaOpen(m.state as MeetingState)) throw new Invalid({ meetingId: 'Mødet er holdt; vælg et kommende møde.' });
    const last = await trx
      .selectFrom('agenda_item')
      .select((eb) => eb.fn.max('sort').as('s'))
      .where('meeting_id', '=', meetingId)
      .executeTakeFirst();
    await trx
      .updateTable('agenda_item')
      .set({ meeting_id: meetingId, sort: Number(last?.s ?? 0) + 1, version: sql`version + 1`, updated_at: sql`now()` })
      .where('id', '=', itemId)
      .execute();
    await trx.updateTable('meeting').set({ version: sql`version + 1`, updated_at: sql`now()` }).where('id', '=', meetingId).execute();
    await recordAudit(trx, ctx.actor, {
      action: 'schedule',
      entityType: 'agenda_item',
      entityId: itemId,
      summary: `${item.title} sat på dagsordenen`,
      before: { meetingId: null },
      after: { meetingId },
    });
  });
}

export interface OutcomeInput {
  outcomeKind: OutcomeKind;
  decision: Decision | null;
  text: string;
  taskOwner: string;
  taskDue: string | null;
}

/** Writes an item's outcome while the meeting is held: information, a decision (decided / postponed / rejected) or a task with owner and due date. */
export async function recordOutcome(ctx: ServiceContext, itemId: number, version: number, input: OutcomeInput): Promise<number> {
  return inTransaction(ctx, async (trx) => {
    const item = await loadForUpdate(trx, 'agenda_item', itemId);
    if (item.meeting_id === null) throw new Invalid({ outcomeKind: 'Punktet er ikke på en dagsorden.' });
    const meetingId = item.meeting_id as number;
    authorize(ctx.actor, 'recordOutcome', await meetingSubject(trx, meetingId));
    const m = await trx.selectFrom('meeting').select(['state', 'minutes_sent_at']).where('id', '=', meetingId).executeTakeFirstOrThrow();
    if (!outcomesOpen(m.state as MeetingState, !!m.minutes_sent_at))
      throw new Invalid({
        outcomeKind:
          m.state === 'held'
            ? 'Referatet er sendt og kan ikke længere ændres.'
            : 'Udfaldet skrives, mens mødet holdes (markér mødet som afholdt).',
      });
    const e: Record<string, string> = {};
    if (input.outcomeKind === 'decision' && !input.decision) e.decision = 'Vælg beslutningen: besluttet, udsat eller afvist.';
    if (input.outcomeKind === 'decision' && !input.text.trim()) e.text = 'Skriv beslutningens ordlyd.';
    if (input.outcomeKind === 'task' && !input.taskOwner.trim()) e.taskOwner = 'Skriv hvem der har opgaven.';
    if (input.outcomeKind === 'task' && !input.taskDue) e.taskDue = 'Skriv fristen for opgaven.';
    if (Object.keys(e).length) throw new Invalid(e);
    const values = {
      outcome_kind: input.outcomeKind,
      decision: input.outcomeKind === 'decision' ? input.decision : null,
      outcome_text: input.text,
      task_owner: input.outcomeKind === 'task' ? input.taskOwner : '',
      task_due: input.outcomeKind === 'task' ? input.taskDue : null,
    };
    const after = await updateVersioned(trx, 'agenda_item', item, version, 'agenda_item', values);
    await recordAudit(trx, ctx.actor, {
      action: 'recordOutcome',
      entityType: 'agenda_item',
      entityId: itemId,
      version: after.version,
      summary: `Udfald af ${item.title}`,
      before: item,
      after,
    });
    return meetingId;
  });
}

/** Records who was present (the members seated on the meeting day). */
export async function recordAttendance(ctx: ServiceContext, meetingId: number, presentMemberIds: number[]): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const subject = await meetingSubject(trx, meetingId);
    authorize(ctx.actor, 'recordAttendance', subject);
    const m = await trx
      .selectFrom('meeting')
      .select(['state', 'starts_at', 'minutes_sent_at'])
      .where('id', '=', meetingId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (m.state !== 'held' && m.state !== 'agenda_sent') throw new Invalid({ present: 'Fremmødet registreres, når mødet holdes.' });
    if (m.minutes_sent_at) throw new Invalid({ present: 'Referatet er sendt; fremmødet kan ikke ændres.' });
    const members = await membersOf(trx, [subject.bodyId], copenhagenParts(m.starts_at).date);
    const unknown = presentMemberIds.filter((id) => !members.some((x) => x.id === id));
    if (unknown.length) throw new Invalid({ present: 'Kun organets medlemmer på mødedagen kan registreres.' });
    await trx.deleteFrom('meeting_attendance').where('meeting_id', '=', meetingId).execute();
    if (members.length)
      await trx
        .insertInto('meeting_attendance')
        .values(members.map((x) => ({ meeting_id: meetingId, member_id: x.id, present: presentMemberIds.includes(x.id) })))
        .execute();
    await trx.updateTable('meeting').set({ version: sql`version + 1`, updated_at: sql`now()` }).where('id', '=', meetingId).execute();
    await recordAudit(trx, ctx.actor, {
      action: 'recordAttendance',
      entityType: 'meeting',
      entityId: meetingId,
      summary: `Fremmøde: ${
        members
          .filter((x) => presentMemberIds.includes(x.id))
          .map((x) => x.name)
          .join(', ') || 'ingen'
      }`,
      after: { present: presentMemberIds },
    });
  });
}

/**
 * A present member approves the sent minutes with one click (recorded); when every present member with
 * an account has approved, the minutes are approved and frozen. The secretariat may close minutes whose
 * present members have no accounts.
 */
export async function approveMinutes(ctx: ServiceContext, meetingId: number): Promise<{ approved: boolean }> {
  return inTransaction(ctx, async (trx) => {
    const m = await trx.selectFrom('meeting').selectAll().where('id', '=', meetingId).forUpdate().executeTakeFirst();
    if (!m) throw new NotFound('Mødet findes ikke.');
    const subject = await meetingSubject(trx, meetingId);
    const members = await membersOf(trx, [m.body_id], copenhagenParts(m.starts_at).date);
    const present = (
      await trx
        .selectFrom('meeting_attendance')
        .select('member_id')
        .where('meeting_id', '=', meetingId)
        .where('present', '=', true)
        .execute()
    ).map((p) => p.member_id);
    const presentWithAccount = members.filter((x) => present.includes(x.id) && x.userId).map((x) => x.id);
    const forAll = presentWithAccount.length === 0 && can(ctx.actor, 'approveMinutesForAll', subject);
    if (!forAll) authorize(ctx.actor, 'approveMinutes', subject);
    if (m.state !== 'held' || !m.minutes_sent_at)
      throw new Invalid({
        approve: m.state === 'minutes_approved' ? 'Referatet er allerede godkendt.' : 'Referatet er ikke sendt til godkendelse endnu.',
      });
    if (!forAll) {
      const me = members.find((x) => present.includes(x.id) && ctx.actor.kind === 'user' && x.userId === ctx.actor.id);
      if (!me) throw new Forbidden('Kun de fremmødte medlemmer godkender referatet.');
      const done = await trx
        .selectFrom('minutes_approval')
        .select('member_id')
        .where('meeting_id', '=', meetingId)
        .where('member_id', '=', me.id)
        .executeTakeFirst();
      if (done) throw new Invalid({ approve: 'Du har allerede godkendt referatet.' });
      await trx
        .insertInto('minutes_approval')
        .values({ meeting_id: meetingId, member_id: me.id, user_id: me.userId!, approved_at: ctx.now() })
        .execute();
      await recordAudit(trx, ctx.actor, {
        action: 'approveMinutes',
        entityType: 'meeting',
        entityId: meetingId,
        summary: `${me.name} godkendte referatet`,
      });
      await markTaskMessagesDone(trx, { link: `/styring/moeder/${meetingId}`, kinds: ['minutes_sent'], userIds: [me.userId!] }, ctx.now());
    }
    const approvedIds = (await trx.selectFrom('minutes_approval').select('member_id').where('meeting_id', '=', meetingId).execute()).map(
      (a) => a.member_id,
    );
    const complete = forAll || minutesComplete(presentWithAccount, approvedIds);
    if (complete) {
      const after = await trx
        .updateTable('meeting')
        .set({ state: 'minutes_approved', minutes_approved_at: ctx.now(), version: sql`version + 1`, updated_at: sql`now()` })
        .where('id', '=', meetingId)
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, ctx.actor, {
        action: 'minutesApproved',
        entityType: 'meeting',
        entityId: meetingId,
        version: after.version,
        summary: 'Referatet er godkendt og låst',
        before: m,
        after,
      });
      await notify(trx, {
        userIds: subject.memberUserIds,
        kind: 'minutes_approved',
        title: 'Referatet er godkendt',
        body: 'Referatet er godkendt af de fremmødte og offentliggjort.',
        link: `/styring/moeder/${meetingId}`,
      });
    }
    return { approved: complete };
  });
}

/** The items of a meeting as the actor may see them: closed items' content only for members and the secretariat, outcomes before approval likewise. */
export async function getMeeting(ctx: ServiceContext, id: number) {
  const subject = await meetingSubject(ctx.db, id);
  authorize(ctx.actor, 'read', subject);
  const seeClosed = can(ctx.actor, 'readClosed', subject);
  const seeDraft = can(ctx.actor, 'readDraftMinutes', subject);
  const m = await ctx.db.selectFrom('meeting').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const body = await ctx.db.selectFrom('body').select(['id', 'name', 'type']).where('id', '=', m.body_id).executeTakeFirstOrThrow();
  const day = copenhagenParts(m.starts_at).date;
  const [items, papers, attendance, approvals, members, backlog] = await Promise.all([
    ctx.db.selectFrom('agenda_item').selectAll().where('meeting_id', '=', id).orderBy('sort').execute(),
    ctx.db
      .selectFrom('meeting_paper')
      .select(['id', 'agenda_item_id', 'title', 'file_name', 'content_type', 'size_bytes', 'closed', 'uploaded_by_label', 'created_at'])
      .where('meeting_id', '=', id)
      .orderBy('id')
      .execute(),
    ctx.db.selectFrom('meeting_attendance').selectAll().where('meeting_id', '=', id).execute(),
    ctx.db.selectFrom('minutes_approval').selectAll().where('meeting_id', '=', id).execute(),
    membersOf(ctx.db, [m.body_id], day),
    ctx.db
      .selectFrom('agenda_item')
      .select(['id', 'title', 'kind', 'closed', 'proposed_by_label'])
      .where('body_id', '=', m.body_id)
      .where('meeting_id', 'is', null)
      .orderBy('created_at')
      .execute(),
  ]);
  const showOutcomes = m.state === 'minutes_approved' || seeDraft;
  const refNames = await refLabels(ctx.db, ctx.hooks, items);
  const local = { date: day, start: copenhagenParts(m.starts_at).time, end: copenhagenParts(m.ends_at).time };
  return {
    id: m.id,
    version: m.version,
    body,
    state: m.state as MeetingState,
    startsAt: m.starts_at,
    endsAt: m.ends_at,
    local,
    place: m.place,
    agendaSentAt: m.agenda_sent_at,
    minutesSentAt: m.minutes_sent_at,
    minutesApprovedAt: m.minutes_approved_at,
    seeClosed,
    seeDraft,
    showOutcomes,
    items: items.map((i) => {
      const hidden = i.closed && !seeClosed;
      return {
        id: i.id,
        version: i.version,
        sort: i.sort,
        closed: i.closed,
        hidden,
        title: hidden ? 'Lukket punkt' : i.title,
        description: hidden ? '' : i.description,
        kind: i.kind,
        refId: hidden ? null : i.ref_id,
        refLabel: hidden ? null : (refNames.get(`${i.kind}:${i.ref_id}`)?.label ?? null),
        refHref: hidden ? null : (refNames.get(`${i.kind}:${i.ref_id}`)?.href ?? null),
        outcome:
          showOutcomes && !hidden && i.outcome_kind
            ? { kind: i.outcome_kind, decision: i.decision, text: i.outcome_text, taskOwner: i.task_owner, taskDue: i.task_due }
            : null,
        papers: papers.filter((p) => p.agenda_item_id === i.id && (!p.closed || seeClosed)),
      };
    }),
    papers: papers.filter((p) => p.agenda_item_id === null && (!p.closed || seeClosed)),
    members: members.map((x) => ({
      ...x,
      present: attendance.find((a) => a.member_id === x.id)?.present ?? null,
      approvedAt: approvals.find((a) => a.member_id === x.id)?.approved_at ?? null,
    })),
    attendanceRecorded: attendance.length > 0,
    backlog: can(ctx.actor, 'addItem', subject) ? backlog : [],
    subject,
  };
}
export type MeetingView = Awaited<ReturnType<typeof getMeeting>>;

/** An agenda item about a plan: the plan's name and page. */
export const planAgendaRef: AgendaRefResolver = async (db, ids) =>
  (await db.selectFrom('plan').select(['id', 'name']).where('id', 'in', ids).execute()).map((p) => ({
    id: p.id,
    label: p.name,
    href: `/planer/${p.id}`,
  }));

async function refLabels(db: Executor, hooks: ServiceHooks, items: { kind: string; ref_id: number | null }[]) {
  const out = new Map<string, { label: string; href: string }>();
  for (const [kind, resolve] of Object.entries(hooks.agendaRefs)) {
    const ids = [...new Set(items.filter((i) => i.kind === kind && i.ref_id).map((i) => i.ref_id!))];
    if (ids.length) for (const r of await resolve(db, ids)) out.set(`${kind}:${r.id}`, { label: r.label, href: r.href });
  }
  return out;
}

/** Meetings of a body (or all bodies), newest first, for lists and the API. */
export async function listMeetings(ctx: ServiceContext, filter: { bodyId?: number; from?: string }) {
  authorize(ctx.actor, 'list', { type: 'body', memberUserIds: [] });
  const rows = await ctx.db
    .selectFrom('meeting as m')
    .innerJoin('body as b', 'b.id', 'm.body_id')
    .select(['m.id', 'm.body_id', 'b.name as body_name', 'm.starts_at', 'm.ends_at', 'm.place', 'm.state'])
    .$if(!!filter.bodyId, (q) => q.where('m.body_id', '=', filter.bodyId!))
    .$if(!!filter.from, (q) => q.where('m.starts_at', '>=', copenhagenInstant(filter.from!, '00:00')))
    .orderBy('m.starts_at', 'desc')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    bodyId: r.body_id,
    bodyName: r.body_name,
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at.toISOString(),
    place: r.place,
    state: r.state,
  }));
}

/** Decisions taken in approved minutes (public), newest first. */
export async function listDecisions(ctx: ServiceContext, filter: { bodyId?: number }) {
  authorize(ctx.actor, 'list', { type: 'body', memberUserIds: [] });
  const rows = await ctx.db
    .selectFrom('agenda_item as i')
    .innerJoin('meeting as m', 'm.id', 'i.meeting_id')
    .innerJoin('body as b', 'b.id', 'm.body_id')
    .select([
      'i.id',
      'i.title',
      'i.kind',
      'i.ref_id',
      'i.outcome_kind',
      'i.decision',
      'i.outcome_text',
      'i.task_owner',
      'i.task_due',
      'm.id as meeting_id',
      'm.starts_at',
      'b.id as body_id',
      'b.name as body_name',
    ])
    .where('m.state', '=', 'minutes_approved')
    .where('i.closed', '=', false)
    .where('i.outcome_kind', 'is not', null)
    .$if(!!filter.bodyId, (q) => q.where('b.id', '=', filter.bodyId!))
    .orderBy('m.starts_at', 'desc')
    .orderBy('i.sort')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    kind: r.kind,
    refId: r.ref_id,
    outcomeKind: r.outcome_kind!,
    decision: r.decision,
    text: r.outcome_text,
    taskOwner: r.task_owner,
    taskDue: r.task_due,
    meetingId: r.meeting_id,
    meetingDate: copenhagenParts(r.starts_at).date,
    bodyId: r.body_id,
    bodyName: r.body_name,
  }));
}

/** The next meetings of the bodies the actor sits in (from today). */
export async function myMeetings(ctx: ServiceContext) {
  if (ctx.actor.kind !== 'user') return [];
  const today = todayIn(ctx);
  const rows = await ctx.db
    .selectFrom('meeting as m')
    .innerJoin('body as b', 'b.id', 'm.body_id')
    .innerJoin('body_member as bm', 'bm.body_id', 'b.id')
    .select(['m.id', 'b.name as body_name', 'm.starts_at', 'm.place', 'm.state'])
    .distinct()
    .where('bm.user_id', '=', ctx.actor.id)
    .where((eb) => eb.or([eb('bm.ends_on', 'is', null), eb('bm.ends_on', '>=', today)]))
    .where('m.state', 'in', ['planned', 'agenda_sent', 'held'])
    .where('m.starts_at', '>=', copenhagenInstant(today, '00:00'))
    .orderBy('m.starts_at')
    .limit(5)
    .execute();
  return rows;
}

export type { Trx };

/** An agenda item of a meeting with the meeting, for recording its outcome: only for those who may record it. */
export async function getItemForOutcome(ctx: ServiceContext, itemId: number) {
  const item = await ctx.db.selectFrom('agenda_item').selectAll().where('id', '=', itemId).executeTakeFirst();
  if (!item || item.meeting_id === null) throw new NotFound('Punktet findes ikke.');
  const meeting = await getMeeting(ctx, item.meeting_id);
  authorize(ctx.actor, 'recordOutcome', meeting.subject);
  return { item, meeting };
}
