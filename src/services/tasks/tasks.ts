import { sql } from 'kysely';
import { copenhagenInstant, copenhagenParts } from '../../domain/governance/time.ts';
import { reportStateLabels } from '../../domain/reports/index.ts';
import { contingencyDue, isOverdue, sortTasks, type Task } from '../../domain/tasks/index.ts';
import { type Actor, authorize, can, hasRole, organisationsOf, plansLedBy } from '../../policy/index.ts';
import { partyAnswersOf, requestSubject } from '../changes/requests.ts';
import { today as todayIn, type ServiceContext } from '../context.ts';
import { meetingSubject } from '../governance/meetings.ts';
import { partyOrganisationIds } from '../plans/access.ts';
import { reportLink, reportStatusRows } from '../reports/reports.ts';

/** How far ahead a contingency plan's review shows on the desk. */
const CONTINGENCY_NOTICE_DAYS = 30;
/** How long after a plan's end its unwritten reports stay on the desk. */
const REPORT_HISTORY_DAYS = 730;

type Source = (ctx: ServiceContext, me: number, today: string) => Promise<Task[]>;

const day = (d: Date | null) => (d ? copenhagenParts(d).date : null);
const dotted = (iso: string) => iso.split('-').reverse().join('.');
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** R11, R12 — submitted change requests the user may answer: members of the competent body who may vote, for a party that has not answered. */
const changeTasks: Source = async (ctx, me, today) => {
  const rows = await ctx.db
    .selectFrom('change_request as r')
    .innerJoin('plan as p', 'p.id', 'r.plan_id')
    .leftJoin('meeting as m', 'm.id', 'r.meeting_id')
    .leftJoin('body as b', 'b.id', 'r.body_id')
    .select([
      'r.id',
      'r.plan_id',
      'r.state',
      'r.proposed_by',
      'r.body_id',
      'r.title',
      'r.written_deadline',
      'r.submitted_at',
      'm.starts_at',
      'p.name as plan_name',
      'b.name as body_name',
    ])
    .where('r.state', '=', 'submitted')
    .where('r.body_id', 'in', (eb) => eb.selectFrom('body_member').select('body_id').where('user_id', '=', me))
    .execute();
  const out: Task[] = [];
  for (const r of rows) {
    if (!can(ctx.actor, 'approve', await requestSubject(ctx.db, r, today))) continue;
    // R11 — the task is the organisation's answer: done once every party the member represents has answered.
    const parties = await partyAnswersOf(ctx.db, r, today);
    const mine = [...parties.votersByOrganisation.entries()].filter(([, users]) => users.includes(me)).map(([org]) => org);
    if (mine.length && mine.every((org) => parties.decision.answered.includes(org))) continue;
    const due = r.written_deadline ?? day(r.starts_at);
    out.push({
      id: `decideChange:${r.id}`,
      kind: 'decideChange',
      title: r.title,
      context: `${r.plan_name}${r.body_name ? ` · ${r.body_name}` : ''}`,
      href: `/planer/${r.plan_id}/aendringer/${r.id}`,
      due,
      since: day(r.submitted_at),
      overdue: isOverdue(due, today),
    });
  }
  return out;
};

/** Sent minutes the user must approve: a member present at the meeting who has not approved yet. */
const minutesTasks: Source = async (ctx, me) => {
  const rows = await ctx.db
    .selectFrom('meeting as m')
    .innerJoin('body as b', 'b.id', 'm.body_id')
    .innerJoin('meeting_attendance as a', 'a.meeting_id', 'm.id')
    .innerJoin('body_member as bm', 'bm.id', 'a.member_id')
    .select(['m.id', 'm.starts_at', 'm.minutes_sent_at', 'b.name as body_name'])
    .where('m.state', '=', 'held')
    .where('m.minutes_sent_at', 'is not', null)
    .where('a.present', '=', true)
    .where('bm.user_id', '=', me)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('minutes_approval as ma')
            .select('ma.member_id')
            .whereRef('ma.meeting_id', '=', 'm.id')
            .whereRef('ma.member_id', '=', 'bm.id'),
        ),
      ),
    )
    .execute();
  const out: Task[] = [];
  for (const m of rows) {
    if (!can(ctx.actor, 'approveMinutes', await meetingSubject(ctx.db, m.id))) continue;
    out.push({
      id: `approveMinutes:${m.id}`,
      kind: 'approveMinutes',
      title: `Referat fra mødet ${dotted(day(m.starts_at)!)}`,
      context: m.body_name,
      href: `/styring/moeder/${m.id}`,
      due: null,
      since: day(m.minutes_sent_at),
      overdue: false,
    });
  }
  return out;
};

/** R9, R15 — the secretariat's meeting work: agendas to send, minutes to write, proposed items to schedule. */
const meetingWorkTasks: Source = async (ctx, _me, today) => {
  // Whoever runs meetings runs them all (the rule does not depend on the meeting): asked once, with no meeting in particular.
  if (!can(ctx.actor, 'transition', { type: 'meeting', bodyId: -1, state: 'planned', memberUserIds: [], presentUserIds: [] })) return [];
  const [planned, held, backlog] = await Promise.all([
    ctx.db
      .selectFrom('meeting as m')
      .innerJoin('body as b', 'b.id', 'm.body_id')
      .select([
        'm.id',
        'm.starts_at',
        'b.name as body_name',
        sql<number>`(SELECT count(*) FROM agenda_item i WHERE i.meeting_id = m.id)`.as('items'),
      ])
      .where('m.state', '=', 'planned')
      .where('m.starts_at', '>=', copenhagenInstant(today, '00:00'))
      .orderBy('m.starts_at')
      .limit(50)
      .execute(),
    ctx.db
      .selectFrom('meeting as m')
      .innerJoin('body as b', 'b.id', 'm.body_id')
      .select(['m.id', 'm.starts_at', 'b.name as body_name'])
      .where('m.minutes_sent_at', 'is', null)
      .where((eb) => eb.or([eb('m.state', '=', 'held'), eb.and([eb('m.state', '=', 'agenda_sent'), eb('m.ends_at', '<', ctx.now())])]))
      .orderBy('m.starts_at')
      .limit(50)
      .execute(),
    ctx.db
      .selectFrom('agenda_item as i')
      .innerJoin('body as b', 'b.id', 'i.body_id')
      .select(['i.id', 'i.title', 'i.created_at', 'b.id as body_id', 'b.name as body_name'])
      .where('i.meeting_id', 'is', null)
      .orderBy('i.created_at')
      .limit(50)
      .execute(),
  ]);
  return [
    ...planned.map((m): Task => {
      const due = day(m.starts_at)!;
      return {
        id: `sendAgenda:${m.id}`,
        kind: 'sendAgenda',
        title: `Mødet ${dotted(due)} (${Number(m.items)} punkter)`,
        context: m.body_name,
        href: `/styring/moeder/${m.id}`,
        due,
        since: null,
        overdue: isOverdue(due, today),
      };
    }),
    ...held.map(
      (m): Task => ({
        id: `sendMinutes:${m.id}`,
        kind: 'sendMinutes',
        title: `Mødet ${dotted(day(m.starts_at)!)}`,
        context: m.body_name,
        href: `/styring/moeder/${m.id}`,
        due: null,
        since: day(m.starts_at),
        overdue: false,
      }),
    ),
    ...backlog.map(
      (i): Task => ({
        id: `scheduleItem:${i.id}`,
        kind: 'scheduleItem',
        title: i.title,
        context: i.body_name,
        href: `/styring/organer/${i.body_id}`,
        due: null,
        since: day(i.created_at),
        overdue: false,
      }),
    ),
  ];
};

/** R13 — terms of reference and rules of procedure waiting for the city board's or LBF's approval. */
const mandateTasks: Source = async (ctx) => {
  const rows = await ctx.db
    .selectFrom('mandate_document as d')
    .innerJoin('body as b', 'b.id', 'd.body_id')
    .select(['d.id', 'd.title', 'd.state', 'd.created_at', 'd.city_board_approved_on', 'b.id as body_id', 'b.name as body_name'])
    .where('d.state', 'in', ['draft', 'city_board_approved'])
    .orderBy('d.created_at')
    .execute();
  return rows
    .filter((d) =>
      can(ctx.actor, d.state === 'draft' ? 'approveMandateCityBoard' : 'approveMandateLbf', {
        type: 'body',
        id: d.body_id,
        memberUserIds: [],
      }),
    )
    .map((d) => ({
      id: `approveMandate:${d.id}`,
      kind: 'approveMandate' as const,
      title: `${d.title} (${d.state === 'draft' ? 'Boligsocial Bestyrelses godkendelse' : 'Landsbyggefondens godkendelse'})`,
      context: d.body_name,
      href: `/styring/organer/${d.body_id}`,
      due: null,
      since: d.state === 'draft' ? day(d.created_at) : d.city_board_approved_on,
      overdue: false,
    }));
};

/** Whether the actor takes part in any plan's reports or contingency plans at all (saves the per-plan look-ups). */
const hasPlanPart = (a: Actor) => organisationsOf(a).length > 0 || plansLedBy(a).length > 0;

/** R6, R7 — yearly reports to write (a finished year), approve, submit to LBF or acknowledge (LBF), with their deadlines. */
const reportTasks: Source = async (ctx, _me, today) => {
  if (!hasPlanPart(ctx.actor) && !hasRole(ctx.actor, 'lbf')) return [];
  const rows = await reportStatusRows(ctx.db, ctx.actor, today);
  const plans = await planFacts(ctx, [...new Set(rows.map((r) => r.planId))]);
  const thisYear = Number(today.slice(0, 4));
  // A plan that ended more than two years ago is history: its missing reports are the overview's, not a desk's.
  const reportHorizon = addDays(today, -REPORT_HISTORY_DAYS);
  const out: Task[] = [];
  for (const r of rows) {
    const step =
      (r.state === 'missing' || r.state === 'draft') && r.year < thisYear
        ? (['writeNarrative', 'writeReport'] as const)
        : r.state === 'ready'
          ? (['approve', 'approveReport'] as const)
          : r.state === 'approved'
            ? (['submit', 'submitReport'] as const)
            : r.state === 'submitted'
              ? (['acknowledge', 'acknowledgeReport'] as const)
              : null;
    const plan = plans.get(r.planId);
    if (!step || !plan || plan.endsOn < reportHorizon) continue;
    if (
      !can(ctx.actor, step[0], {
        type: 'report',
        planId: r.planId,
        planState: plan.state,
        state: r.state,
        partyOrganisationIds: plan.parties,
        deciderUserIds: [],
      })
    )
      continue;
    const due = step[1] === 'acknowledgeReport' ? null : r.dueOn;
    out.push({
      id: `${step[1]}:${r.planId}:${r.year}`,
      kind: step[1],
      title: `Årsrapport ${r.year} (${reportStateLabels[r.state].toLowerCase()})`,
      context: r.planName,
      href: reportLink(r.planId, r.year),
      due,
      since: day(r.submittedAt),
      overdue: isOverdue(due, today),
    });
  }
  return out;
};

/** R3 — active plans whose contingency plan is due for review (or never reviewed), for the plan's parties. */
const contingencyTasks: Source = async (ctx, _me, today) => {
  if (!hasPlanPart(ctx.actor)) return [];
  const rows = await ctx.db
    .selectFrom('plan as p')
    .leftJoin('contingency_plan as c', 'c.plan_id', 'p.id')
    .select(['p.id', 'p.name', 'p.state', 'c.last_reviewed'])
    .where('p.state', '=', 'active')
    .execute();
  const horizon = addDays(today, CONTINGENCY_NOTICE_DAYS);
  const out: Task[] = [];
  for (const p of rows) {
    const due = contingencyDue(p.last_reviewed);
    if (due && due > horizon) continue;
    if (
      !can(ctx.actor, 'reviewContingency', {
        type: 'plan',
        id: p.id,
        state: p.state,
        partyOrganisationIds: await partyOrganisationIds(ctx.db, p.id),
      })
    )
      continue;
    out.push({
      id: `reviewContingency:${p.id}`,
      kind: 'reviewContingency',
      title: p.last_reviewed ? `Sidst gennemgået ${dotted(p.last_reviewed)}` : 'Aldrig gennemgået',
      context: p.name,
      href: `/planer/${p.id}/beredskab`,
      due,
      since: p.last_reviewed,
      overdue: due === null || isOverdue(due, today),
    });
  }
  return out;
};

/** R19 — held steering dialogues waiting for the user's signature (for their organisation, or the municipality's). */
const dialogueTasks: Source = async (ctx) => {
  const orgs = organisationsOf(ctx.actor);
  const keeps = can(ctx.actor, 'prepareDialogue', { type: 'partnershipAgreement' });
  if (!orgs.length && !keeps) return [];
  const rows = await ctx.db
    .selectFrom('steering_dialogue as d')
    .select(['d.id', 'd.year', 'd.area_name', 'd.state', 'd.held_on', 'd.municipality_signed_at'])
    .where('d.state', '=', 'held')
    .execute();
  const out: Task[] = [];
  for (const d of rows) {
    const parties = await ctx.db
      .selectFrom('steering_dialogue_party')
      .select(['organisation_id', 'signed_at'])
      .where('dialogue_id', '=', d.id)
      .execute();
    if (
      !can(ctx.actor, 'sign', {
        type: 'steeringDialogue',
        id: d.id,
        organisationIds: parties.map((p) => p.organisation_id),
        state: d.state,
      })
    )
      continue;
    const mine = parties.some((p) => orgs.includes(p.organisation_id) && !p.signed_at) || (keeps && !d.municipality_signed_at);
    if (!mine) continue;
    out.push({
      id: `signDialogue:${d.id}`,
      kind: 'signDialogue',
      title: `Styringsdialog ${d.year}`,
      context: d.area_name || 'Hovedaftalen',
      href: `/hovedaftale/dialoger/${d.id}`,
      due: null,
      since: d.held_on,
      overdue: false,
    });
  }
  return out;
};

/** R19 — what the user's organisation promised in a concluded steering dialogue and has not yet been followed up. */
const commitmentTasks: Source = async (ctx, _me, today) => {
  const orgs = organisationsOf(ctx.actor);
  if (!orgs.length) return [];
  const rows = await ctx.db
    .selectFrom('dialogue_commitment as c')
    .innerJoin('steering_dialogue as d', 'd.id', 'c.dialogue_id')
    .innerJoin('organisation as o', 'o.id', 'c.organisation_id')
    .select([
      'c.id',
      'c.what',
      'c.due_on',
      'c.organisation_id',
      'c.dialogue_id',
      'd.year',
      'd.state',
      'd.concluded_on',
      'o.name as organisation',
    ])
    .where('d.state', '=', 'concluded')
    .where('c.organisation_id', 'in', orgs)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('commitment_followup as f').select('f.id').whereRef('f.commitment_id', '=', 'c.id'))),
    )
    .execute();
  return rows
    .filter((c) =>
      can(ctx.actor, 'followUp', { type: 'steeringDialogue', id: c.dialogue_id, organisationIds: [c.organisation_id], state: c.state }),
    )
    .map((c) => ({
      id: `meetCommitment:${c.id}`,
      kind: 'meetCommitment' as const,
      title: c.what,
      context: `${c.organisation} · styringsdialog ${c.year}`,
      href: `/hovedaftale/dialoger/${c.dialogue_id}`,
      due: c.due_on,
      since: c.concluded_on,
      overdue: isOverdue(c.due_on, today),
    }));
};

async function planFacts(ctx: ServiceContext, ids: number[]) {
  const out = new Map<number, { state: string; endsOn: string; parties: number[] }>();
  if (!ids.length) return out;
  const rows = await ctx.db.selectFrom('plan').select(['id', 'state', 'ends_on']).where('id', 'in', ids).execute();
  for (const p of rows) out.set(p.id, { state: p.state, endsOn: p.ends_on, parties: await partyOrganisationIds(ctx.db, p.id) });
  return out;
}

const sources: readonly Source[] = [
  changeTasks,
  minutesTasks,
  meetingWorkTasks,
  mandateTasks,
  reportTasks,
  contingencyTasks,
  dialogueTasks,
  commitmentTasks,
];

/**
 * R6, R9–R13 — "Mine opgaver": every open obligation of the signed-in user, computed from the data (not from
 * messages), overdue first and then by deadline. A task leaves by itself once it is done.
 * @example const tasks = await myTasks(ctx); // [{ kind: 'decideChange', title: '…', due: '2026-12-06', overdue: false, … }]
 */
export async function myTasks(ctx: ServiceContext): Promise<Task[]> {
  authorize(ctx.actor, 'read', { type: 'taskList' });
  if (ctx.actor.kind !== 'user') return [];
  const me = ctx.actor.id;
  const today = todayIn(ctx);
  const lists = await Promise.all(sources.map((s) => s(ctx, me, today)));
  return sortTasks(lists.flat());
}
