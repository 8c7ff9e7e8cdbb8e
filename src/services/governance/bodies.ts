import type { PartyDecisionRule } from '../../domain/changes/party-decision.ts';
import { sql } from 'kysely';
import { recordAudit } from '../../db/audit.ts';
import type { Executor, Trx } from '../../db/database.ts';
import { loadForUpdate, updateVersioned } from '../../db/versioned.ts';
import { compositionWarnings, mandateStatus, rhythmWarnings, type SeatWarning } from '../../domain/governance/composition.ts';
import { type BodyType, validOn } from '../../domain/governance/labels.ts';
import { localGroupOwners, localGroupRefusals } from '../../domain/governance/local-groups.ts';
import { copenhagenParts } from '../../domain/governance/time.ts';
import { Invalid, NotFound } from '../../errors.ts';
import { type Actor, actorLabel, actorUserId, authorize, can } from '../../policy/index.ts';
import { visiblePlans } from '../plans/access.ts';
import { addGrant } from '../accounts.ts';
import { inTransaction, today as todayIn, type ServiceContext } from '../context.ts';
import { membersOf, memberUserIds } from './members.ts';

export interface BodySummary {
  id: number;
  code: string;
  name: string;
  type: BodyType;
  parentId: number | null;
  validFrom: string;
  validTo: string | null;
  description: string;
  minPerYear: number | null;
  maxPerYear: number | null;
  /** R11 — how the party organisations' answers decide a change request on a plan this body decides on. */
  partyDecisionRule: PartyDecisionRule;
  districts: { id: number; number: number; name: string }[];
  urbanAreas: string[];
  version: number;
}

async function summaries(db: Executor, ids?: number[]): Promise<BodySummary[]> {
  const rows = await db
    .selectFrom('body')
    .selectAll()
    .$if(!!ids, (q) => q.where('id', 'in', ids!.length ? ids! : [-1]))
    .orderBy('valid_from')
    .orderBy('name')
    .execute();
  const [districts, areas] = await Promise.all([
    db
      .selectFrom('body_district as bd')
      .leftJoin(
        (eb) =>
          eb
            .selectFrom('district as d')
            .innerJoin('municipality as mu', 'mu.id', 'd.municipality_id')
            .where('mu.code', '=', '0101')
            .select(['d.id', 'd.number', 'd.name'])
            .as('d'),
        (j) => j.onRef('d.number', '=', 'bd.district_number'),
      )
      .select(['bd.body_id', 'bd.district_number', 'd.id', 'd.name'])
      .orderBy('bd.district_number')
      .execute(),
    db.selectFrom('body_urban_area').selectAll().orderBy('urban_area_name').execute(),
  ]);
  return rows.map((b) => ({
    id: b.id,
    code: b.code,
    name: b.name,
    type: b.type as BodyType,
    parentId: b.parent_id,
    validFrom: b.valid_from,
    validTo: b.valid_to,
    description: b.description,
    minPerYear: b.meetings_per_year_min,
    maxPerYear: b.meetings_per_year_max,
    partyDecisionRule: b.party_decision_rule,
    districts: districts
      .filter((d) => d.body_id === b.id && d.id !== null)
      .map((d) => ({ id: d.id!, number: d.district_number, name: d.name! })),
    urbanAreas: areas.filter((a) => a.body_id === b.id).map((a) => a.urban_area_name),
    version: b.version,
  }));
}

/** R16 — the structure in force on a day: its bodies, parents first, each with its members that day. */
export async function structureOn(ctx: ServiceContext, on: string) {
  authorize(ctx.actor, 'list', { type: 'body', memberUserIds: [] });
  const bodies = (await summaries(ctx.db)).filter((b) => validOn(b, on));
  const members = await membersOf(
    ctx.db,
    bodies.map((b) => b.id),
    on,
  );
  return bodies.map((b) => ({ ...b, members: members.filter((m) => m.bodyId === b.id) }));
}

/** Every body ever, newest structure first (the history of the structure). */
export async function allBodies(ctx: ServiceContext) {
  authorize(ctx.actor, 'list', { type: 'body', memberUserIds: [] });
  return (await summaries(ctx.db)).sort((a, b) => b.validFrom.localeCompare(a.validFrom) || a.name.localeCompare(b.name));
}

/** R14 — the housing organisations party to every one of these plans (the owners of a local group following them). */
export async function ownersOfPlans(db: Executor, planIds: readonly number[]): Promise<number[]> {
  const ids = [...new Set(planIds)];
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('plan_estate as pe')
    .innerJoin('estate as e', 'e.id', 'pe.estate_id')
    .select(['pe.plan_id', 'e.organisation_id'])
    .distinct()
    .where('pe.plan_id', 'in', ids)
    .execute();
  return localGroupOwners(ids.map((id) => rows.filter((r) => r.plan_id === id).map((r) => r.organisation_id)));
}

/** R14 — a body's type and, for a local group, the organisations that own it (party to every plan it follows). */
export async function bodyOwnership(db: Executor, bodyId: number): Promise<{ bodyType?: string; ownerOrganisationIds?: number[] }> {
  const b = await db.selectFrom('body').select('type').where('id', '=', bodyId).executeTakeFirst();
  if (!b) return {};
  if (b.type !== 'local_group') return { bodyType: b.type };
  const plans = await db.selectFrom('body_plan').select('plan_id').where('body_id', '=', bodyId).execute();
  return {
    bodyType: b.type,
    ownerOrganisationIds: await ownersOfPlans(
      db,
      plans.map((p) => p.plan_id),
    ),
  };
}

export async function bodySubject(db: Executor, bodyId: number, on: string) {
  const [memberIds, ownership] = await Promise.all([memberUserIds(db, bodyId, on), bodyOwnership(db, bodyId)]);
  return { type: 'body' as const, id: bodyId, memberUserIds: memberIds, ...ownership };
}

/** R14 — the subject of a body as the input would make it: its type and, for a local group, the owners of its plans. */
const inputSubject = async (db: Executor, i: BodyInput, id?: number) => ({
  type: 'body' as const,
  ...(id ? { id } : {}),
  memberUserIds: [],
  bodyType: i.type,
  ownerOrganisationIds: i.type === 'local_group' ? await ownersOfPlans(db, i.planIds) : [],
});

/** Plans a body answers for on a day: plans in its districts (district boards and fora) not moved to the city board, moved plans (city board), and plans linked by hand. */
async function plansOf(db: Executor, b: BodySummary, on: string, actor: Actor) {
  const linked = db.selectFrom('body_plan').select('plan_id').where('body_id', '=', b.id);
  const moved = db.selectFrom('competence_transfer').select('plan_id').where('decided_on', '<=', on);
  const districtIds = b.districts.map((d) => d.id);
  return db
    .selectFrom('plan as p')
    .leftJoin('district as d', 'd.id', 'p.district_id')
    .select(['p.id', 'p.name', 'p.state', 'p.starts_on', 'p.ends_on', 'd.name as district'])
    .where('p.state', 'not in', ['rejected', 'withdrawn'])
    .where(visiblePlans(actor))
    .where('p.starts_on', '<=', b.validTo ?? '9999-12-31')
    .where('p.ends_on', '>=', b.validFrom)
    .where((eb) => {
      const ors = [eb('p.id', 'in', linked)];
      if ((b.type === 'district_board' || b.type === 'forum') && districtIds.length)
        ors.push(eb.and([eb('p.district_id', 'in', districtIds), eb('p.id', 'not in', moved)]));
      if (b.type === 'city_board') ors.push(eb('p.id', 'in', moved));
      return eb.or(ors);
    })
    .orderBy('p.name')
    .execute();
}

/** A body's page: coverage, plans, members with composition warnings (R9, R10, R14–R16), mandate (R13), meetings and rhythm. */
export async function getBody(ctx: ServiceContext, id: number) {
  const b = (await summaries(ctx.db, [id]))[0];
  if (!b) throw new NotFound('Organet findes ikke.');
  const today = todayIn(ctx);
  const on = validOn(b, today) ? today : (b.validTo ?? today);
  const subject = await bodySubject(ctx.db, id, on);
  authorize(ctx.actor, 'read', subject);
  const seeClosed = can(ctx.actor, 'proposeItem', subject);
  const [members, allMembers, plans, meetings, mandates, backlog, parent, children, linked] = await Promise.all([
    membersOf(ctx.db, [id], on),
    membersOf(ctx.db, [id]),
    plansOf(ctx.db, b, on, ctx.actor),
    ctx.db
      .selectFrom('meeting')
      .select(['id', 'starts_at', 'ends_at', 'place', 'state', 'minutes_sent_at'])
      .where('body_id', '=', id)
      .orderBy('starts_at', 'desc')
      .execute(),
    ctx.db.selectFrom('mandate_document').selectAll().where('body_id', '=', id).orderBy('kind').orderBy('number', 'desc').execute(),
    ctx.db
      .selectFrom('agenda_item')
      .select(['id', 'title', 'kind', 'ref_id', 'closed', 'proposed_by_label', 'created_at'])
      .where('body_id', '=', id)
      .where('meeting_id', 'is', null)
      .orderBy('created_at')
      .execute(),
    b.parentId
      ? ctx.db.selectFrom('body').select(['id', 'name']).where('id', '=', b.parentId).executeTakeFirst()
      : Promise.resolve(undefined),
    ctx.db.selectFrom('body').select(['id', 'name', 'valid_to']).where('parent_id', '=', id).orderBy('name').execute(),
    ctx.db.selectFrom('body_plan').select('plan_id').where('body_id', '=', id).orderBy('plan_id').execute(),
  ]);
  const inScope =
    b.type === 'district_board' && b.districts.length
      ? await ctx.db
          .selectFrom('plan as p')
          .innerJoin('plan_estate as pe', 'pe.plan_id', 'p.id')
          .innerJoin('estate as e', 'e.id', 'pe.estate_id')
          .innerJoin('organisation as o', 'o.id', 'e.organisation_id')
          .select(['o.id', 'o.short_name as name'])
          .distinct()
          .where('p.id', 'in', plans.length ? plans.map((p) => p.id) : [-1])
          .where('p.state', 'in', ['granted', 'active'])
          .execute()
      : [];
  const active = validOn(b, today);
  const warnings: SeatWarning[] = active ? compositionWarnings(b.type, members, { organisationsInScope: inScope }) : [];
  if (active)
    warnings.push(
      ...rhythmWarnings(
        { type: b.type, minPerYear: b.minPerYear, validFrom: b.validFrom },
        meetings.map((m) => ({ startsOn: copenhagenParts(m.starts_at).date, state: m.state })),
        today,
      ),
    );
  const mandate = b.type === 'district_board' ? mandateStatus(mandates) : null;
  const visibleBacklog = backlog.map((i) => (i.closed && !seeClosed ? { ...i, title: 'Lukket punkt', ref_id: null } : i));
  return {
    ...b,
    active,
    on,
    members,
    formerMembers: allMembers.filter((m) => !members.some((x) => x.id === m.id)),
    plans,
    meetings,
    mandates,
    mandate,
    backlog: visibleBacklog,
    parent: parent ?? null,
    children,
    warnings,
    /** The plans linked by hand (a local group's plans), for the edit form. */
    linkedPlanIds: linked.map((l) => l.plan_id),
    /** The policy subject, so the page shows exactly the buttons whose POST would pass (R14: a local group's owners). */
    subject,
  };
}

export interface BodyInput {
  name: string;
  type: BodyType;
  parentId: number | null;
  validFrom: string;
  validTo: string | null;
  description: string;
  minPerYear: number | null;
  maxPerYear: number | null;
  partyDecisionRule?: PartyDecisionRule;
  districtNumbers: number[];
  planIds: number[];
}

const bodyRow = (i: BodyInput) => ({
  name: i.name,
  type: i.type,
  parent_id: i.parentId,
  valid_from: i.validFrom,
  valid_to: i.validTo,
  description: i.description,
  meetings_per_year_min: i.minPerYear,
  meetings_per_year_max: i.maxPerYear,
  party_decision_rule: i.partyDecisionRule ?? 'all',
});

function checkBody(i: BodyInput) {
  const e: Record<string, string> = localGroupRefusals(i);
  if (i.validTo && i.validTo < i.validFrom) e.validTo = 'Slutdatoen må ikke ligge før startdatoen.';
  if (i.minPerYear !== null && i.maxPerYear !== null && i.maxPerYear < i.minPerYear)
    e.maxPerYear = 'Højst antal møder må ikke være mindre end mindst antal.';
  if (Object.keys(e).length) throw new Invalid(e);
}

async function setCoverage(trx: Trx, id: number, i: BodyInput) {
  await trx.deleteFrom('body_district').where('body_id', '=', id).execute();
  if (i.districtNumbers.length)
    await trx
      .insertInto('body_district')
      .values([...new Set(i.districtNumbers)].map((n) => ({ body_id: id, district_number: n })))
      .execute();
  await trx.deleteFrom('body_plan').where('body_id', '=', id).execute();
  if (i.planIds.length)
    await trx
      .insertInto('body_plan')
      .values([...new Set(i.planIds)].map((p) => ({ body_id: id, plan_id: p })))
      .execute();
}

/** R14, R16 — the secretariat adds a body (a local group, a forum …) with its period and coverage. */
export async function createBody(ctx: ServiceContext, input: BodyInput): Promise<number> {
  return inTransaction(ctx, async (trx) => {
    // R14 — the secretariat, or a housing organisation forming a local group for its own plans (which the input names,
    // so the input's shape is checked first: a group without plans is a field error, not a refusal).
    checkBody(input);
    authorize(ctx.actor, 'create', await inputSubject(trx, input));
    const code = `${input.type}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
    const row = await trx
      .insertInto('body')
      .values({ ...bodyRow(input), code })
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow();
    await setCoverage(trx, row.id, input);
    await recordAudit(trx, ctx.actor, {
      action: 'create',
      entityType: 'body',
      entityId: row.id,
      version: row.version,
      summary: `Oprettede ${input.name}`,
      after: bodyRow(input),
    });
    return row.id;
  });
}

export async function updateBody(ctx: ServiceContext, id: number, version: number, input: BodyInput): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    const current = await loadForUpdate(trx, 'body', id);
    authorize(ctx.actor, 'update', await bodySubject(trx, id, todayIn(ctx)));
    checkBody(input);
    // R14 — and the body as changed must still be one the actor may run (no other organisation's plans, no other type).
    authorize(ctx.actor, 'update', await inputSubject(trx, input, id));
    const after = await updateVersioned(trx, 'body', current, version, 'body', bodyRow(input));
    await setCoverage(trx, id, input);
    await recordAudit(trx, ctx.actor, {
      action: 'update',
      entityType: 'body',
      entityId: id,
      version: after.version,
      summary: `Rettede ${input.name}`,
      before: current,
      after,
    });
  });
}

export interface MemberInput {
  personName: string;
  email: string;
  representsKind: 'organisation' | 'administration' | 'other';
  organisationId: number | null;
  administration: string | null;
  representsOther: string;
  level: string;
  role: string;
  startsOn: string;
  endsOn: string | null;
}

/**
 * R9, R10, R14 — seats a person in a body on behalf of a housing organisation or an administration.
 * A member with an account (matched by e-mail) gets a board-member grant for the body.
 */
export async function addMember(ctx: ServiceContext, bodyId: number, input: MemberInput): Promise<number> {
  return inTransaction(ctx, async (trx) => {
    const body = await trx.selectFrom('body').select(['id', 'name', 'valid_from', 'valid_to']).where('id', '=', bodyId).executeTakeFirst();
    if (!body) throw new NotFound('Organet findes ikke.');
    authorize(ctx.actor, 'manageMembers', await bodySubject(trx, bodyId, todayIn(ctx)));
    const values = await memberValues(trx, body, input);
    const row = await trx.insertInto('body_member').values(values).returning(['id', 'version']).executeTakeFirstOrThrow();
    await grantSeat(trx, values.user_id, bodyId);
    await recordAudit(trx, ctx.actor, {
      action: 'create',
      entityType: 'body_member',
      entityId: row.id,
      version: row.version,
      summary: `${input.personName} indtræder i ${body.name}`,
      after: values,
    });
    return row.id;
  });
}

/** R9, R10, R14 — a seat checked against its body (every problem at once), with the user the e-mail names. */
async function memberValues(trx: Trx, body: { id: number; valid_from: string; valid_to: string | null }, input: MemberInput) {
  const e: Record<string, string> = {};
  if (input.representsKind === 'organisation' && !input.organisationId) e.organisationId = 'Vælg boligorganisationen.';
  if (input.representsKind === 'administration' && !input.administration) e.administration = 'Vælg forvaltningen.';
  if (input.endsOn && input.endsOn < input.startsOn) e.endsOn = 'Slutdatoen må ikke ligge før startdatoen.';
  if (input.startsOn < body.valid_from || (body.valid_to && input.startsOn > body.valid_to))
    e.startsOn = 'Medlemsperioden skal begynde, mens organet findes.';
  if (Object.keys(e).length) throw new Invalid(e);
  const email = input.email.trim().toLowerCase();
  const user = email ? await trx.selectFrom('app_user').select('id').where(sql`lower(email)`, '=', email).executeTakeFirst() : undefined;
  return {
    body_id: body.id,
    person_name: input.personName,
    user_id: user?.id ?? null,
    email,
    represents_kind: input.representsKind,
    organisation_id: input.representsKind === 'organisation' ? input.organisationId : null,
    administration: input.representsKind === 'administration' ? input.administration : null,
    represents_other: input.representsKind === 'other' ? input.representsOther : '',
    level: input.level,
    role: input.role,
    starts_on: input.startsOn,
    ends_on: input.endsOn,
  };
}

/** A member with an account gets a board-member grant for the body (once). */
async function grantSeat(trx: Trx, userId: number | null, bodyId: number) {
  if (!userId) return;
  const has = await trx
    .selectFrom('role_grant')
    .select('id')
    .where('user_id', '=', userId)
    .where('role', '=', 'board_member')
    .where('body_id', '=', bodyId)
    .executeTakeFirst();
  if (!has) await addGrant(trx, userId, { role: 'board_member', bodyId });
}

/**
 * R9, R10, R14 — corrects a member's seat (name, e-mail, whom they represent, level, role, period) under its version,
 * checked as when the member was added; audited with before and after. Returns the body's id.
 */
export async function updateMember(ctx: ServiceContext, memberId: number, version: number, input: MemberInput): Promise<number> {
  return inTransaction(ctx, async (trx) => {
    const current = await loadForUpdate(trx, 'body_member', memberId);
    const bodyId = current.body_id as number;
    authorize(ctx.actor, 'manageMembers', await bodySubject(trx, bodyId, todayIn(ctx)));
    const body = await trx
      .selectFrom('body')
      .select(['id', 'name', 'valid_from', 'valid_to'])
      .where('id', '=', bodyId)
      .executeTakeFirstOrThrow();
    const { body_id: _, ...values } = await memberValues(trx, body, input);
    const after = await updateVersioned(trx, 'body_member', current, version, 'body_member', values);
    await grantSeat(trx, values.user_id, bodyId);
    await recordAudit(trx, ctx.actor, {
      action: 'update',
      entityType: 'body_member',
      entityId: memberId,
      version: after.version,
      summary: `Rettede ${input.personName} i ${body.name}`,
      before: current,
      after,
    });
    return bodyId;
  });
}

/** A member's seat as the edit form shows it (the secretariat's; 404 when it does not exist). */
export async function memberForEdit(ctx: ServiceContext, memberId: number) {
  const m = await ctx.db.selectFrom('body_member').selectAll().where('id', '=', memberId).executeTakeFirst();
  if (!m) throw new NotFound('Medlemmet findes ikke.');
  authorize(ctx.actor, 'manageMembers', await bodySubject(ctx.db, m.body_id, todayIn(ctx)));
  return m;
}

/** Ends a membership on a day (the history of who sat where is kept). */
export async function endMember(ctx: ServiceContext, memberId: number, version: number, endsOn: string): Promise<number> {
  return inTransaction(ctx, async (trx) => {
    const current = await loadForUpdate(trx, 'body_member', memberId);
    authorize(ctx.actor, 'manageMembers', await bodySubject(trx, current.body_id as number, todayIn(ctx)));
    if (endsOn < (current.starts_on as string)) throw new Invalid({ endsOn: 'Slutdatoen må ikke ligge før medlemsperiodens start.' });
    const after = await updateVersioned(trx, 'body_member', current, version, 'body_member', { ends_on: endsOn });
    await recordAudit(trx, ctx.actor, {
      action: 'update',
      entityType: 'body_member',
      entityId: memberId,
      version: after.version,
      summary: `${current.person_name} udtræder ${endsOn}`,
      before: current,
      after,
    });
    return current.body_id as number;
  });
}

/** R13 — a new version of a district board's terms of reference or rules of procedure (a draft). */
export async function addMandateDocument(
  ctx: ServiceContext,
  bodyId: number,
  input: { kind: 'terms_of_reference' | 'rules_of_procedure'; title: string; content: string },
): Promise<number> {
  return inTransaction(ctx, async (trx) => {
    const body = await trx.selectFrom('body').select(['id', 'name', 'type']).where('id', '=', bodyId).executeTakeFirst();
    if (!body) throw new NotFound('Organet findes ikke.');
    authorize(ctx.actor, 'manageMandate', await bodySubject(trx, bodyId, todayIn(ctx)));
    const last = await trx
      .selectFrom('mandate_document')
      .select((eb) => eb.fn.max('number').as('n'))
      .where('body_id', '=', bodyId)
      .where('kind', '=', input.kind)
      .executeTakeFirst();
    const row = await trx
      .insertInto('mandate_document')
      .values({
        body_id: bodyId,
        kind: input.kind,
        number: Number(last?.n ?? 0) + 1,
        title: input.title,
        content: input.content,
        created_by_label: actorLabel(ctx.actor),
        created_by_user_id: actorUserId(ctx.actor),
        city_board_approved_on: null,
        lbf_approved_on: null,
      })
      .returning(['id', 'version', 'number'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx.actor, {
      action: 'create',
      entityType: 'mandate_document',
      entityId: row.id,
      version: row.version,
      summary: `${input.title}, version ${row.number} (udkast)`,
      after: input,
    });
    return row.id;
  });
}

/**
 * R13 — the approval chain: first the city board approves (date and reference), then LBF; on LBF's
 * approval the version is in force and the earlier version in force of the same kind is superseded.
 */
export async function approveMandate(
  ctx: ServiceContext,
  docId: number,
  version: number,
  step: 'city_board' | 'lbf',
  input: { approvedOn: string; reference: string },
): Promise<number> {
  return inTransaction(ctx, async (trx) => {
    const current = await loadForUpdate(trx, 'mandate_document', docId);
    const bodyId = current.body_id as number;
    authorize(
      ctx.actor,
      step === 'city_board' ? 'approveMandateCityBoard' : 'approveMandateLbf',
      await bodySubject(trx, bodyId, todayIn(ctx)),
    );
    if (step === 'city_board' && current.state !== 'draft')
      throw new Invalid({ approvedOn: 'Boligsocial Bestyrelse har allerede godkendt denne version.' });
    if (step === 'lbf' && current.state !== 'city_board_approved')
      throw new Invalid({ approvedOn: 'Boligsocial Bestyrelse skal godkende først; derefter sendes materialet til Landsbyggefonden.' });
    if (step === 'lbf' && input.approvedOn < (current.city_board_approved_on as string))
      throw new Invalid({ approvedOn: 'LBF kan ikke have godkendt før Boligsocial Bestyrelse.' });
    const values =
      step === 'city_board'
        ? { state: 'city_board_approved', city_board_approved_on: input.approvedOn, city_board_reference: input.reference }
        : { state: 'in_force', lbf_approved_on: input.approvedOn, lbf_reference: input.reference };
    if (step === 'lbf') {
      await trx
        .updateTable('mandate_document')
        .set({ state: 'superseded', version: sql`version + 1`, updated_at: sql`now()` })
        .where('body_id', '=', bodyId)
        .where('kind', '=', current.kind as 'terms_of_reference')
        .where('state', '=', 'in_force')
        .execute();
    }
    const after = await updateVersioned(trx, 'mandate_document', current, version, 'mandate_document', values);
    await recordAudit(trx, ctx.actor, {
      action: step === 'city_board' ? 'approveCityBoard' : 'approveLbf',
      entityType: 'mandate_document',
      entityId: docId,
      version: after.version,
      summary: `${current.title} v${current.number} godkendt af ${step === 'city_board' ? 'Boligsocial Bestyrelse' : 'Landsbyggefonden'} ${input.approvedOn}`,
      before: current,
      after,
    });
    return bodyId;
  });
}

/** The body a membership belongs to (public, as the members are). */
export async function bodyOfMember(ctx: ServiceContext, memberId: number): Promise<number> {
  const m = await ctx.db.selectFrom('body_member').select('body_id').where('id', '=', memberId).executeTakeFirst();
  if (!m) throw new NotFound('Medlemmet findes ikke.');
  return m.body_id;
}

/** A mandate document's heading and version, for its approval form (public, as mandates are). */
export async function getMandateDocument(ctx: ServiceContext, docId: number) {
  const doc = await ctx.db
    .selectFrom('mandate_document')
    .select(['id', 'body_id', 'title', 'number', 'version'])
    .where('id', '=', docId)
    .executeTakeFirst();
  if (!doc) throw new NotFound('Dokumentet findes ikke.');
  return doc;
}

/**
 * R14 — the local steering/follow-up groups that follow a plan (public, as bodies are), with their next meeting, and
 * whether the actor may form a new one for it (staff of the plan's housing organisations, or the secretariat).
 */
export async function localGroupsOfPlan(ctx: ServiceContext, planId: number) {
  const today = todayIn(ctx);
  const groups = await ctx.db
    .selectFrom('body as b')
    .innerJoin('body_plan as bp', 'bp.body_id', 'b.id')
    .select(['b.id', 'b.name', 'b.valid_from', 'b.valid_to', 'b.meetings_per_year_min', 'b.meetings_per_year_max'])
    .select((eb) =>
      eb
        .selectFrom('meeting as m')
        .select((x) => x.fn.min('m.starts_at').as('next'))
        .whereRef('m.body_id', '=', 'b.id')
        .where('m.state', '<>', 'cancelled')
        .where('m.starts_at', '>=', ctx.now())
        .as('next_meeting'),
    )
    .where('b.type', '=', 'local_group')
    .where('bp.plan_id', '=', planId)
    .orderBy('b.name')
    .execute();
  const subject = {
    type: 'body' as const,
    memberUserIds: [],
    bodyType: 'local_group',
    ownerOrganisationIds: await ownersOfPlans(ctx.db, [planId]),
  };
  return {
    groups: groups.map((g) => ({
      id: g.id,
      name: g.name,
      validFrom: g.valid_from,
      validTo: g.valid_to,
      active: validOn({ validFrom: g.valid_from, validTo: g.valid_to }, today),
      minPerYear: g.meetings_per_year_min,
      maxPerYear: g.meetings_per_year_max,
      nextMeeting: (g.next_meeting as Date | null) ?? null,
    })),
    mayCreate: can(ctx.actor, 'create', subject),
  };
}
