import { sql } from 'kysely';
import { recordAudit } from '../../db/audit.ts';
import type { Executor, Trx } from '../../db/database.ts';
import { type BodyInfo, decidingBody, NoDecidingBody, votingRight } from '../../domain/governance/competence.ts';
import { Invalid, NotFound } from '../../errors.ts';
import { type Actor, actorLabel, actorUserId, authorize, can } from '../../policy/index.ts';
import { inTransaction, isoDate, type ServiceContext, today as todayOf } from '../context.ts';
import { partyOrganisationIds, planSubject } from '../plans/access.ts';
import { type Member, membersOf, memberUserIds } from './members.ts';

export type { Member } from './members.ts';
export { decidingBody, votingRight } from '../../domain/governance/competence.ts';

const today = () => isoDate(new Date());

/** Every body with the Copenhagen districts (ids) it covers. */
export async function bodyInfos(db: Executor): Promise<BodyInfo[]> {
  const [bodies, cover] = await Promise.all([
    db.selectFrom('body').select(['id', 'name', 'type', 'valid_from', 'valid_to']).execute(),
    db
      .selectFrom('body_district as bd')
      .innerJoin('district as d', 'd.number', 'bd.district_number')
      .innerJoin('municipality as mu', 'mu.id', 'd.municipality_id')
      .select(['bd.body_id', 'd.id'])
      .where('mu.code', '=', '0101')
      .execute(),
  ]);
  return bodies.map((b) => ({
    id: b.id,
    name: b.name,
    type: b.type,
    validFrom: b.valid_from,
    validTo: b.valid_to,
    districtIds: cover.filter((c) => c.body_id === b.id).map((c) => c.id),
  }));
}

export interface Decider {
  body: { id: number; name: string; type: string };
  reason: string;
  rule: string;
  /** Members who may vote (R11), each with why. */
  voters: (Member & { votingReason: string })[];
  /** Members who may comment. */
  others: (Member & { votingReason: string })[];
}

/**
 * R11, R12 — who decides on changes to this plan on a day (default today), and who in that body may
 * vote: the one function every area uses (change requests, reports, the plan and board pages).
 */
export async function whoDecides(db: Executor, planId: number, on?: string): Promise<Decider> {
  const day = on ?? today();
  const plan = await db.selectFrom('plan').select(['id', 'district_id']).where('id', '=', planId).executeTakeFirst();
  if (!plan) throw new NotFound('Planen findes ikke.');
  const [parties, transfers, bodies] = await Promise.all([
    partyOrganisationIds(db, planId),
    db.selectFrom('competence_transfer').select('decided_on').where('plan_id', '=', planId).execute(),
    bodyInfos(db),
  ]);
  let d: ReturnType<typeof decidingBody>;
  try {
    d = decidingBody({
      planDistrictId: plan.district_id ?? -1,
      partyOrganisationIds: parties,
      transfers: transfers.map((t) => ({ decidedOn: t.decided_on })),
      bodies,
      on: day,
    });
  } catch (err) {
    if (!(err instanceof NoDecidingBody)) throw err;
    throw new Invalid({ competence: err.message }, err.message);
  }
  const body = bodies.find((b) => b.id === d.bodyId)!;
  const members = (await membersOf(db, [body.id], day)).map((m) => {
    const v = votingRight(
      { representsOrganisationId: m.representsKind === 'organisation' ? m.organisationId : null, role: m.role },
      parties,
    );
    return { ...m, votingReason: v.reason, mayVote: v.mayVote };
  });
  const strip = ({ mayVote: _, ...m }: (typeof members)[number]) => m;
  return {
    body: { id: body.id, name: body.name, type: body.type },
    reason: d.reason,
    rule: d.rule,
    voters: members.filter((m) => m.mayVote).map(strip),
    others: members.filter((m) => !m.mayVote).map(strip),
  };
}

/**
 * A plan's name for pages about it that are not the plan (its competence): the plan exists only for those who may
 * read it — to anyone else a draft plan answers 404, so neither its name nor its parties leave the server.
 */
export async function readablePlan(ctx: ServiceContext, planId: number): Promise<{ id: number; name: string }> {
  const subject = await planSubject(ctx.db, planId);
  if (!can(ctx.actor, 'read', subject)) throw new NotFound('Planen findes ikke.');
  const p = await ctx.db.selectFrom('plan').select(['id', 'name']).where('id', '=', planId).executeTakeFirstOrThrow();
  return p;
}

/** R11, R12 — who decides on a plan and who may vote, for those who may read the plan (404 to anyone else). */
export async function competenceOf(ctx: ServiceContext, planId: number, on: string): Promise<Decider> {
  await readablePlan(ctx, planId);
  return whoDecides(ctx.db, planId, on);
}

/** R9 — the city board in office on a day, with its members' user ids; null before 2016. */
export async function cityBoardOn(db: Executor, on: string): Promise<{ id: number; name: string; memberUserIds: number[] } | null> {
  const b = await db
    .selectFrom('body')
    .select(['id', 'name'])
    .where('type', '=', 'city_board')
    .where('valid_from', '<=', on)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', on)]))
    .orderBy('valid_from', 'desc')
    .executeTakeFirst();
  return b ? { ...b, memberUserIds: await memberUserIds(db, b.id, on) } : null;
}

/** The body's next meeting that still takes agenda items (planned or agenda sent; from `now` when given), or null. */
export async function nextMeeting(
  db: Executor,
  bodyId: number,
  now?: Date,
): Promise<{ id: number; startsAt: Date; place: string; state: string } | null> {
  const m = await db
    .selectFrom('meeting')
    .select(['id', 'starts_at', 'place', 'state'])
    .where('body_id', '=', bodyId)
    .where('state', 'in', ['planned', 'agenda_sent'])
    .$if(!!now, (q) => q.where('starts_at', '>=', now!))
    .orderBy('starts_at')
    .executeTakeFirst();
  return m ? { id: m.id, startsAt: m.starts_at, place: m.place, state: m.state } : null;
}

export interface AgendaItemInput {
  title: string;
  kind: 'plan' | 'change_request' | 'report' | 'free';
  refId: number | null;
  closed: boolean;
  description?: string;
  proposedBy?: string;
}

/**
 * Puts an item last on a meeting's agenda, inside the caller's transaction (another service has
 * authorized its own use case). Returns the new item's id.
 */
export async function addAgendaItem(trx: Executor, meetingId: number, item: AgendaItemInput): Promise<number> {
  const m = await trx.selectFrom('meeting').select(['id', 'body_id', 'state']).where('id', '=', meetingId).executeTakeFirst();
  if (!m) throw new NotFound('Mødet findes ikke.');
  if (m.state !== 'planned' && m.state !== 'agenda_sent')
    throw new Invalid({ meetingId: 'Mødet er holdt; der kan ikke sættes flere punkter på dagsordenen.' });
  if (item.kind !== 'free' && !item.refId) throw new Invalid({ refId: 'Vælg hvad punktet handler om.' });
  const last = await trx
    .selectFrom('agenda_item')
    .select((eb) => eb.fn.max('sort').as('s'))
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  const row = await trx
    .insertInto('agenda_item')
    .values({
      body_id: m.body_id,
      meeting_id: meetingId,
      sort: Number(last?.s ?? 0) + 1,
      title: item.title,
      description: item.description ?? '',
      kind: item.kind,
      ref_id: item.kind === 'free' ? null : item.refId,
      closed: item.closed,
      proposed_by_label: item.proposedBy ?? '',
      outcome_kind: null,
      decision: null,
      task_due: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.updateTable('meeting').set({ version: sql`version + 1`, updated_at: sql`now()` }).where('id', '=', meetingId).execute();
  return row.id;
}

/** The recorded competence transfers of a plan (R12). */
export async function transfersOf(db: Executor, planId: number) {
  return db.selectFrom('competence_transfer').selectAll().where('plan_id', '=', planId).orderBy('decided_on').execute();
}

/**
 * R12 — records the plan's housing organisations' decision to move its decision competence from the
 * district board to the city board, with its date.
 */
export async function recordCompetenceTransfer(
  ctx: ServiceContext,
  planId: number,
  input: { decidedOn: string; reference: string; note: string },
): Promise<number> {
  return inTransaction(ctx, async (trx: Trx) => {
    const plan = await trx.selectFrom('plan').select(['id', 'name']).where('id', '=', planId).executeTakeFirst();
    if (!plan) throw new NotFound('Planen findes ikke.');
    authorize(ctx.actor, 'record', { type: 'competenceTransfer', planId, partyOrganisationIds: await partyOrganisationIds(trx, planId) });
    if (!(await cityBoardOn(trx, input.decidedOn)))
      throw new Invalid({ decidedOn: 'Der var ingen Boligsocial Bestyrelse på den dato; kompetencen kan flyttes fra 1.2.2016.' });
    if ((await transfersOf(trx, planId)).length)
      throw new Invalid({ decidedOn: 'Kompetencen er allerede flyttet til Boligsocial Bestyrelse.' });
    const row = await trx
      .insertInto('competence_transfer')
      .values({
        plan_id: planId,
        decided_on: input.decidedOn,
        reference: input.reference,
        note: input.note,
        recorded_by_label: actorLabel(ctx.actor as Actor),
        recorded_by_user_id: actorUserId(ctx.actor),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx.actor, {
      action: 'create',
      entityType: 'competence_transfer',
      entityId: row.id,
      planId,
      summary: `Kompetencen for ${plan.name} flyttet til Boligsocial Bestyrelse (beslutning ${input.decidedOn}, R12)`,
      after: input,
    });
    return row.id;
  });
}

/**
 * R11, R12 — the competence page of a plan, for those who may read the plan (404 to anyone else): the plan, its
 * recorded transfers, who decides (or why no body can, as a Danish reason) and whether the actor may record a transfer.
 */
export async function competenceView(ctx: ServiceContext, planId: number) {
  const plan = await readablePlan(ctx, planId);
  const [transfers, decider, parties] = await Promise.all([
    transfersOf(ctx.db, planId),
    competenceOf(ctx, planId, todayOf(ctx)).catch((err: unknown) => {
      if (err instanceof Invalid) return { noBody: err.message };
      throw err;
    }),
    partyOrganisationIds(ctx.db, planId),
  ]);
  const mayRecord =
    transfers.length === 0 && can(ctx.actor, 'record', { type: 'competenceTransfer', planId, partyOrganisationIds: parties });
  return { plan, transfers, decider, mayRecord };
}
