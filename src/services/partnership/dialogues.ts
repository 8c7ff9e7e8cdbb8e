import { sql } from 'kysely';
import { recordAudit } from '../../db/audit.ts';
import type { Executor, Trx } from '../../db/database.ts';
import { assertVersion } from '../../db/versioned.ts';
import {
  canHold,
  canSign,
  commitmentsOpen,
  type DialogueState,
  dialogueStateLabels,
  type FollowupOutcome,
  followupOutcomeLabels,
  isConcluded,
  overdueCommitments,
  withoutDialogue,
} from '../../domain/partnership/index.ts';
import { Invalid, NotFound } from '../../errors.ts';
import { actorLabel, actorUserId, authorize, can, organisationsOf } from '../../policy/index.ts';
import { keepsAgreement } from '../../policy/rules/partnership.ts';
import { inTransaction, isoDate, today as todayIn, type ServiceContext } from '../context.ts';
import type { AuditOwner } from '../context.ts';
import { currentAgreementId, judgeTargets, type TargetView } from './agreements.ts';

const dialogueSubject = (id: number | undefined, organisationIds: number[], state: string) => ({
  type: 'steeringDialogue' as const,
  id,
  organisationIds,
  state,
});

async function partiesOf(db: Executor, dialogueIds: number[]) {
  if (!dialogueIds.length) return [];
  return db
    .selectFrom('steering_dialogue_party as p')
    .innerJoin('organisation as o', 'o.id', 'p.organisation_id')
    .select(['p.dialogue_id', 'p.organisation_id', 'o.short_name', 'o.name', 'p.signed_at', 'p.signed_by_label'])
    .where('p.dialogue_id', 'in', dialogueIds)
    .execute()
    .then(byShortName);
}

/** Danish order of organisations' short names, the same on both backends whatever their collation. */
const byShortName = <T extends { short_name: string }>(rows: T[]) => rows.sort((a, b) => a.short_name.localeCompare(b.short_name, 'da'));

export interface CommitmentView {
  id: number;
  dialogueId: number;
  organisationId: number;
  organisation: string;
  targetId: number | null;
  targetTitle: string | null;
  what: string;
  amount: number | null;
  unit: string;
  dueOn: string;
  successCriterion: string;
  /** The latest follow-up (in a later dialogue), if any. */
  followUp: { dialogueId: number; outcome: FollowupOutcome; outcomeLabel: string; delivered: number | null; note: string } | null;
  overdue: boolean;
}

async function commitmentsWhere(
  db: Executor,
  today: string,
  q: { dialogueIds?: number[]; organisationIds?: number[]; concludedOnly?: boolean },
): Promise<CommitmentView[]> {
  const rows = await db
    .selectFrom('dialogue_commitment as c')
    .innerJoin('steering_dialogue as d', 'd.id', 'c.dialogue_id')
    .innerJoin('organisation as o', 'o.id', 'c.organisation_id')
    .leftJoin('partnership_target as t', 't.id', 'c.target_id')
    .select([
      'c.id',
      'c.dialogue_id',
      'c.organisation_id',
      'o.short_name',
      'c.target_id',
      't.title as target_title',
      'c.what',
      'c.amount',
      'c.unit',
      'c.due_on',
      'c.success_criterion',
      'd.state',
    ])
    .$if(!!q.dialogueIds, (b) => b.where('c.dialogue_id', 'in', q.dialogueIds!.length ? q.dialogueIds! : [-1]))
    .$if(!!q.organisationIds, (b) => b.where('c.organisation_id', 'in', q.organisationIds!.length ? q.organisationIds! : [-1]))
    .$if(!!q.concludedOnly, (b) => b.where('d.state', '=', 'concluded'))
    .orderBy('d.year')
    .orderBy('c.sort')
    .orderBy('c.id')
    .execute();
  const ids = rows.map((r) => r.id);
  const followUps = ids.length
    ? await db.selectFrom('commitment_followup').selectAll().where('commitment_id', 'in', ids).orderBy('created_at').orderBy('id').execute()
    : [];
  return rows.map((r) => {
    const f = followUps.filter((x) => x.commitment_id === r.id).at(-1);
    const followUp = f
      ? {
          dialogueId: f.dialogue_id,
          outcome: f.outcome as FollowupOutcome,
          outcomeLabel: followupOutcomeLabels[f.outcome as FollowupOutcome],
          delivered: f.delivered,
          note: f.note,
        }
      : null;
    return {
      id: r.id,
      dialogueId: r.dialogue_id,
      organisationId: r.organisation_id,
      organisation: r.short_name,
      targetId: r.target_id,
      targetTitle: r.target_title,
      what: r.what,
      amount: r.amount,
      unit: r.unit,
      dueOn: r.due_on,
      successCriterion: r.success_criterion,
      followUp,
      overdue: r.state === 'concluded' && overdueCommitments([{ dueOn: r.due_on, outcome: followUp?.outcome ?? null }], today).length > 0,
    };
  });
}

export interface DialogueSummary {
  id: number;
  year: number;
  kind: 'organisation' | 'area';
  title: string;
  state: DialogueState;
  stateLabel: string;
  meetingOn: string;
  concludedOn: string | null;
  organisations: { id: number; shortName: string }[];
}

const titleOf = (d: { kind: string; area_name: string; year: number }, parties: { short_name: string }[]) =>
  d.kind === 'area'
    ? `Dialogmøde ${d.year}: ${d.area_name} (${parties.map((p) => p.short_name).join(', ')})`
    : `Styringsdialog ${d.year}: ${parties.map((p) => p.short_name).join(', ')}`;

/** R19 — the steering dialogues the actor may read, newest first, optionally of one year or organisation. */
export async function listDialogues(ctx: ServiceContext, q: { year?: number; organisationId?: number } = {}): Promise<DialogueSummary[]> {
  const rows = await ctx.db
    .selectFrom('steering_dialogue as d')
    .selectAll('d')
    .$if(q.year !== undefined, (b) => b.where('d.year', '=', q.year!))
    .$if(q.organisationId !== undefined, (b) =>
      b.where('d.id', 'in', (eb) =>
        eb.selectFrom('steering_dialogue_party').select('dialogue_id').where('organisation_id', '=', q.organisationId!),
      ),
    )
    .orderBy('d.year', 'desc')
    .orderBy('d.meeting_on', 'desc')
    .execute();
  const parties = await partiesOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.flatMap((d) => {
    const ps = parties.filter((p) => p.dialogue_id === d.id);
    if (
      !can(
        ctx.actor,
        'read',
        dialogueSubject(
          d.id,
          ps.map((p) => p.organisation_id),
          d.state,
        ),
      )
    )
      return [];
    return [
      {
        id: d.id,
        year: d.year,
        kind: d.kind as 'organisation' | 'area',
        title: titleOf(d, ps),
        state: d.state as DialogueState,
        stateLabel: dialogueStateLabels[d.state as DialogueState],
        meetingOn: d.meeting_on,
        concludedOn: d.concluded_on,
        organisations: ps.map((p) => ({ id: p.organisation_id, shortName: p.short_name })),
      },
    ];
  });
}

export interface PrepareInput {
  kind: 'organisation' | 'area';
  organisationIds: number[];
  areaName: string;
  year: number;
  meetingOn: string;
  place: string;
  agenda: string;
}

/**
 * R19 — the housing office prepares a year's steering dialogue with a housing organisation (one a year each), or an
 * area-level dialogue meeting with several; it opens with last year's commitments of the same organisation to follow up.
 */
export async function prepareDialogue(ctx: ServiceContext, input: PrepareInput): Promise<number> {
  return inTransaction(ctx, async (trx) => {
    const agreementId = await currentAgreementId(trx);
    if (agreementId === null) throw new Invalid({ organisationId: 'Der er ingen hovedaftale at holde styringsdialog om.' });
    const agreement = await trx
      .selectFrom('partnership_agreement')
      .select(['id', 'status'])
      .where('id', '=', agreementId)
      .executeTakeFirstOrThrow();
    authorize(ctx.actor, 'prepareDialogue', { type: 'partnershipAgreement', id: agreement.id, status: agreement.status });
    const orgIds = [...new Set(input.organisationIds)];
    const errors: Record<string, string> = {};
    if (input.kind === 'organisation' && orgIds.length !== 1) errors.organisationId = 'Vælg boligorganisationen.';
    if (input.kind === 'area' && orgIds.length < 2)
      errors.organisationIds = 'Vælg mindst to boligorganisationer til et dialogmøde på områdeniveau.';
    if (input.kind === 'area' && !input.areaName.trim()) errors.areaName = 'Skriv området.';
    if (Number(input.meetingOn.slice(0, 4)) !== input.year) errors.meetingOn = `Mødedatoen skal ligge i ${input.year}.`;
    const known = orgIds.length ? await trx.selectFrom('organisation').select('id').where('id', 'in', orgIds).execute() : [];
    if (known.length !== orgIds.length) errors.organisationId = 'Vælg en boligorganisation fra listen.';
    if (Object.keys(errors).length) throw new Invalid(errors);
    let previousId: number | null = null;
    if (input.kind === 'organisation') {
      const dup = await trx
        .selectFrom('steering_dialogue')
        .select('id')
        .where('kind', '=', 'organisation')
        .where('organisation_id', '=', orgIds[0]!)
        .where('year', '=', input.year)
        .executeTakeFirst();
      if (dup) throw new Invalid({ organisationId: `Boligorganisationen har allerede en styringsdialog i ${input.year}.` });
      const prev = await trx
        .selectFrom('steering_dialogue')
        .select('id')
        .where('kind', '=', 'organisation')
        .where('organisation_id', '=', orgIds[0]!)
        .where('year', '<', input.year)
        .where('state', '=', 'concluded')
        .orderBy('year', 'desc')
        .limit(1)
        .executeTakeFirst();
      previousId = prev?.id ?? null;
    }
    const row = await trx
      .insertInto('steering_dialogue')
      .values({
        agreement_id: agreementId,
        kind: input.kind,
        organisation_id: input.kind === 'organisation' ? orgIds[0]! : null,
        area_name: input.areaName.trim(),
        year: input.year,
        meeting_on: input.meetingOn,
        place: input.place,
        agenda: input.agenda,
        previous_id: previousId,
        held_on: null,
        concluded_on: null,
        municipality_signed_at: null,
        municipality_signed_by_user_id: null,
      })
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('steering_dialogue_party')
      .values(orgIds.map((o) => ({ dialogue_id: row.id, organisation_id: o, signed_at: null, signed_by_user_id: null })))
      .execute();
    await recordAudit(trx, ctx.actor, {
      action: 'create',
      entityType: 'steering_dialogue',
      entityId: row.id,
      version: row.version,
      summary: `Styringsdialog ${input.year} forberedt`,
      before: null,
      after: { ...input, previousId },
    });
    return row.id;
  });
}

export interface DialogueView {
  id: number;
  agreementId: number;
  agreementTitle: string;
  kind: 'organisation' | 'area';
  title: string;
  year: number;
  state: DialogueState;
  stateLabel: string;
  meetingOn: string;
  place: string;
  agenda: string;
  heldOn: string | null;
  summary: string;
  concludedOn: string | null;
  version: number;
  isDemo: boolean;
  municipalitySignature: { at: Date; by: string } | null;
  parties: { organisationId: number; shortName: string; name: string; signature: { at: Date; by: string } | null }[];
  commitments: CommitmentView[];
  /** Last year's commitments, and their follow-up in this dialogue (null: not yet). */
  previous: { dialogueId: number; year: number; commitments: (CommitmentView & { followedUpHere: boolean })[] } | null;
  /** The agreement's targets that concern the organisations, judged today. */
  targets: TargetView[];
  actions: { update: boolean; hold: boolean; followUp: boolean; sign: boolean };
  /** Why signing or holding is not possible yet (shown beside the buttons). */
  holdBlocked: string | null;
  signBlocked: string | null;
  /** Whom the actor would sign for. */
  signsFor: string[];
}

/** R19 — a steering dialogue: preparation (targets, last year's follow-up), the meeting, commitments and signatures. */
export async function getDialogue(ctx: ServiceContext, id: number, db: Executor = ctx.db): Promise<DialogueView> {
  const d = await db
    .selectFrom('steering_dialogue as d')
    .innerJoin('partnership_agreement as a', 'a.id', 'd.agreement_id')
    .selectAll('d')
    .select('a.title as agreement_title')
    .where('d.id', '=', id)
    .executeTakeFirst();
  if (!d) throw new NotFound('Styringsdialogen findes ikke.');
  const parties = await partiesOf(db, [id]);
  const orgIds = parties.map((p) => p.organisation_id);
  const subject = dialogueSubject(id, orgIds, d.state);
  authorize(ctx.actor, 'read', subject);
  const today = todayIn(ctx);
  const [commitments, previousCommitments, targetRows] = await Promise.all([
    commitmentsWhere(db, today, { dialogueIds: [id] }),
    d.previous_id ? commitmentsWhere(db, today, { dialogueIds: [d.previous_id] }) : Promise.resolve([]),
    db
      .selectFrom('partnership_target as t')
      .innerJoin('partnership_theme as th', 'th.id', 't.theme_id')
      .selectAll('t')
      .select(['th.title as theme_title', 'th.number as theme_number'])
      .where('t.agreement_id', '=', d.agreement_id)
      .where('t.concerns_organisations', '=', true)
      .orderBy('th.number')
      .orderBy('t.sort')
      .execute(),
  ]);
  const previousYear = d.previous_id
    ? (await db.selectFrom('steering_dialogue').select('year').where('id', '=', d.previous_id).executeTakeFirst())?.year
    : undefined;
  const followedHere = new Set(
    (await db.selectFrom('commitment_followup').select('commitment_id').where('dialogue_id', '=', id).execute()).map(
      (f) => f.commitment_id,
    ),
  );
  const state = d.state as DialogueState;
  const facts = {
    state,
    commitments,
    followUps: previousCommitments.map((c) => ({ followedUp: followedHere.has(c.id) })),
    municipalitySigned: !!d.municipality_signed_at,
    parties: parties.map((p) => ({ signed: !!p.signed_at })),
  };
  const mayUpdate = can(ctx.actor, 'update', subject);
  const maySign = can(ctx.actor, 'sign', subject);
  const signsFor = maySign ? signerOf(ctx, d, parties).map((s) => s.label) : [];
  const signBlocked = canSign(facts);
  return {
    id,
    agreementId: d.agreement_id,
    agreementTitle: d.agreement_title,
    kind: d.kind as 'organisation' | 'area',
    title: titleOf(d, parties),
    year: d.year,
    state,
    stateLabel: dialogueStateLabels[state],
    meetingOn: d.meeting_on,
    place: d.place,
    agenda: d.agenda,
    heldOn: d.held_on,
    summary: d.summary,
    concludedOn: d.concluded_on,
    version: d.version,
    isDemo: d.is_demo,
    municipalitySignature: d.municipality_signed_at ? { at: d.municipality_signed_at, by: d.municipality_signed_by_label } : null,
    parties: parties.map((p) => ({
      organisationId: p.organisation_id,
      shortName: p.short_name,
      name: p.name,
      signature: p.signed_at ? { at: p.signed_at, by: p.signed_by_label } : null,
    })),
    commitments,
    previous:
      d.previous_id && previousYear !== undefined
        ? {
            dialogueId: d.previous_id,
            year: previousYear,
            commitments: previousCommitments.map((c) => ({ ...c, followedUpHere: followedHere.has(c.id) })),
          }
        : null,
    targets: await judgeTargets(db, targetRows, today),
    actions: {
      update: mayUpdate && commitmentsOpen(state) && !d.municipality_signed_at && parties.every((p) => !p.signed_at),
      hold: can(ctx.actor, 'hold', subject) && state === 'prepared',
      followUp: can(ctx.actor, 'followUp', subject) && state !== 'concluded' && previousCommitments.length > 0,
      sign: maySign && state === 'held' && signsFor.length > 0,
    },
    holdBlocked: state === 'prepared' ? canHold(facts) : null,
    signBlocked: state === 'held' ? signBlocked : null,
    signsFor,
  };
}

/** Whom the actor signs for: the municipality (the housing office) and/or their own party organisations not yet signed. */
function signerOf(
  ctx: ServiceContext,
  d: { municipality_signed_at: Date | null },
  parties: { organisation_id: number; short_name: string; signed_at: Date | null }[],
) {
  const out: { kind: 'municipality' | 'organisation'; organisationId?: number; label: string }[] = [];
  if (keepsAgreement(ctx.actor) && !d.municipality_signed_at) out.push({ kind: 'municipality', label: 'Københavns Kommune' });
  const mine = new Set(organisationsOf(ctx.actor));
  for (const p of parties)
    if (mine.has(p.organisation_id) && !p.signed_at)
      out.push({ kind: 'organisation', organisationId: p.organisation_id, label: p.short_name });
  return out;
}

/** Loads the dialogue for a write, checks the policy and the version the user saw. */
async function lockDialogue(ctx: ServiceContext, trx: Trx, id: number, action: string, expectedVersion: number) {
  const d = await trx.selectFrom('steering_dialogue').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!d) throw new NotFound('Styringsdialogen findes ikke.');
  const parties = await partiesOf(trx, [id]);
  authorize(
    ctx.actor,
    action,
    dialogueSubject(
      id,
      parties.map((p) => p.organisation_id),
      d.state,
    ),
  );
  await assertVersion(trx, d, expectedVersion, 'steering_dialogue');
  return { d, parties };
}

const bump = (trx: Trx, ctx: ServiceContext, id: number, values: Record<string, unknown> = {}) =>
  trx
    .updateTable('steering_dialogue')
    .set({ ...values, version: sql`version + 1`, updated_at: ctx.now() })
    .where('id', '=', id)
    .returning('version')
    .executeTakeFirstOrThrow();

export interface CommitmentInput {
  organisationId: number;
  targetId: number | null;
  what: string;
  amount: number | null;
  unit: string;
  dueOn: string;
  successCriterion: string;
}

/** R19 — a commitment of a party organisation (what, how much, by when) with the success criterion agreed for it. */
export async function addCommitment(
  ctx: ServiceContext,
  dialogueId: number,
  expectedVersion: number,
  input: CommitmentInput,
): Promise<{ id: number; version: number }> {
  return inTransaction(ctx, async (trx) => {
    const { d, parties } = await lockDialogue(ctx, trx, dialogueId, 'update', expectedVersion);
    if (!commitmentsOpen(d.state as DialogueState))
      throw new Invalid({ what: 'Aftalen er indgået og bindende; tilsagn kan ikke tilføjes.' });
    // A signature covers the commitments as they were signed: none are added under it.
    if (d.municipality_signed_at || parties.some((p) => p.signed_at))
      throw new Invalid({ what: 'Aftalen er allerede underskrevet af en part; tilsagn kan ikke tilføjes.' });
    const errors: Record<string, string> = {};
    if (!parties.some((p) => p.organisation_id === input.organisationId))
      errors.organisationId = 'Vælg en af dialogens boligorganisationer.';
    if (input.targetId !== null) {
      const t = await trx
        .selectFrom('partnership_target')
        .select(['id', 'unit', 'by_commitments'])
        .where('id', '=', input.targetId)
        .where('agreement_id', '=', d.agreement_id)
        .executeTakeFirst();
      if (!t) errors.targetId = 'Vælg et mål i hovedaftalen.';
      else if (t.by_commitments && input.amount === null) errors.amount = 'Målet nås gennem summen af tilsagnene; skriv hvor meget.';
    }
    if (input.dueOn < `${d.year}-01-01`) errors.dueOn = `Fristen kan ikke ligge før ${d.year}.`;
    if (Object.keys(errors).length) throw new Invalid(errors);
    const sort = (
      await trx
        .selectFrom('dialogue_commitment')
        .select(sql<number>`coalesce(max(sort), 0) + 1`.as('n'))
        .where('dialogue_id', '=', dialogueId)
        .executeTakeFirstOrThrow()
    ).n;
    const row = await trx
      .insertInto('dialogue_commitment')
      .values({
        dialogue_id: dialogueId,
        organisation_id: input.organisationId,
        target_id: input.targetId,
        what: input.what,
        amount: input.amount,
        unit: input.unit,
        due_on: input.dueOn,
        success_criterion: input.successCriterion,
        sort,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const v = await bump(trx, ctx, dialogueId);
    await recordAudit(trx, ctx.actor, {
      action: 'addCommitment',
      entityType: 'steering_dialogue',
      entityId: dialogueId,
      version: v.version,
      summary: `Tilsagn: ${input.what}`,
      before: null,
      after: { ...input },
    });
    return { id: row.id, version: v.version };
  });
}

export interface FollowUpInput {
  commitmentId: number;
  outcome: FollowupOutcome;
  delivered: number | null;
  note: string;
}

/** R19 — this year's dialogue follows up a commitment from last year's agreement. */
export async function recordFollowUp(
  ctx: ServiceContext,
  dialogueId: number,
  expectedVersion: number,
  input: FollowUpInput,
): Promise<number> {
  return inTransaction(ctx, async (trx) => {
    const { d } = await lockDialogue(ctx, trx, dialogueId, 'followUp', expectedVersion);
    if (d.state === 'concluded') throw new Invalid({ outcome: 'Aftalen er indgået; opfølgningen kan ikke ændres.' });
    const c = d.previous_id
      ? await trx
          .selectFrom('dialogue_commitment')
          .select(['id', 'what'])
          .where('id', '=', input.commitmentId)
          .where('dialogue_id', '=', d.previous_id)
          .executeTakeFirst()
      : undefined;
    if (!c) throw new Invalid({ commitmentId: 'Vælg et tilsagn fra sidste års aftale.' });
    await trx.deleteFrom('commitment_followup').where('commitment_id', '=', c.id).where('dialogue_id', '=', dialogueId).execute();
    await trx
      .insertInto('commitment_followup')
      .values({
        commitment_id: c.id,
        dialogue_id: dialogueId,
        outcome: input.outcome,
        delivered: input.delivered,
        note: input.note,
        recorded_by_label: actorLabel(ctx.actor),
        recorded_by_user_id: actorUserId(ctx.actor),
      })
      .execute();
    const v = await bump(trx, ctx, dialogueId);
    await recordAudit(trx, ctx.actor, {
      action: 'followUp',
      entityType: 'steering_dialogue',
      entityId: dialogueId,
      version: v.version,
      summary: `Opfølgning på «${c.what}»: ${followupOutcomeLabels[input.outcome]}`,
      before: null,
      after: { ...input },
    });
    return v.version;
  });
}

/** R19 — the dialogue meeting is held: its date and the summary of what was discussed. */
export async function holdDialogue(
  ctx: ServiceContext,
  dialogueId: number,
  expectedVersion: number,
  input: { heldOn: string; summary: string },
): Promise<number> {
  return inTransaction(ctx, async (trx) => {
    await lockDialogue(ctx, trx, dialogueId, 'hold', expectedVersion);
    const view = await getDialogue(ctx, dialogueId, trx);
    const refusal = canHold({
      state: view.state,
      commitments: view.commitments,
      followUps: view.previous?.commitments.map((c) => ({ followedUp: c.followedUpHere })) ?? [],
      municipalitySigned: false,
      parties: [],
    });
    if (refusal) throw new Invalid({ heldOn: refusal });
    if (input.heldOn > todayIn(ctx)) throw new Invalid({ heldOn: 'Mødet kan ikke registreres som afholdt i fremtiden.' });
    const v = await bump(trx, ctx, dialogueId, { state: 'held', held_on: input.heldOn, summary: input.summary });
    await recordAudit(trx, ctx.actor, {
      action: 'hold',
      entityType: 'steering_dialogue',
      entityId: dialogueId,
      version: v.version,
      summary: `Styringsdialog ${view.year} afholdt ${input.heldOn}`,
      before: { state: 'prepared' },
      after: { state: 'held', heldOn: input.heldOn },
    });
    return v.version;
  });
}

/**
 * R19 — signs the agreement: the housing office for the municipality, each party's own staff for their organisation.
 * When every signature is there, the dialogue is concluded as a binding agreement.
 */
export async function signDialogue(
  ctx: ServiceContext,
  dialogueId: number,
  expectedVersion: number,
): Promise<{ state: DialogueState; version: number }> {
  return inTransaction(ctx, async (trx) => {
    const { d, parties } = await lockDialogue(ctx, trx, dialogueId, 'sign', expectedVersion);
    const commitments = await trx
      .selectFrom('dialogue_commitment')
      .select('success_criterion as successCriterion')
      .where('dialogue_id', '=', dialogueId)
      .execute();
    const refusal = canSign({
      state: d.state as DialogueState,
      commitments,
      followUps: [],
      municipalitySigned: !!d.municipality_signed_at,
      parties: parties.map((p) => ({ signed: !!p.signed_at })),
    });
    if (refusal) throw new Invalid({ sign: refusal });
    const signs = signerOf(ctx, d, parties);
    if (!signs.length) throw new Invalid({ sign: 'Du har allerede underskrevet, eller der er ikke noget, du kan underskrive for.' });
    const now = ctx.now();
    const by = actorLabel(ctx.actor);
    let municipalitySigned = !!d.municipality_signed_at;
    const signed = new Set(parties.filter((p) => p.signed_at).map((p) => p.organisation_id));
    for (const s of signs) {
      if (s.kind === 'municipality') {
        await trx
          .updateTable('steering_dialogue')
          .set({ municipality_signed_at: now, municipality_signed_by_label: by, municipality_signed_by_user_id: actorUserId(ctx.actor) })
          .where('id', '=', dialogueId)
          .execute();
        municipalitySigned = true;
      } else {
        await trx
          .updateTable('steering_dialogue_party')
          .set({ signed_at: now, signed_by_label: by, signed_by_user_id: actorUserId(ctx.actor) })
          .where('dialogue_id', '=', dialogueId)
          .where('organisation_id', '=', s.organisationId!)
          .execute();
        signed.add(s.organisationId!);
      }
    }
    const concluded = isConcluded({ municipalitySigned, parties: parties.map((p) => ({ signed: signed.has(p.organisation_id) })) });
    const v = await bump(trx, ctx, dialogueId, concluded ? { state: 'concluded', concluded_on: isoDate(now) } : {});
    await recordAudit(trx, ctx.actor, {
      action: 'sign',
      entityType: 'steering_dialogue',
      entityId: dialogueId,
      version: v.version,
      summary: `Underskrevet for ${signs.map((s) => s.label).join(', ')}${concluded ? ' – aftalen er indgået' : ''}`,
      before: { state: d.state, ...Object.fromEntries(signs.map((x) => [`signature:${x.label}`, null])) },
      after: { state: concluded ? 'concluded' : d.state, ...Object.fromEntries(signs.map((x) => [`signature:${x.label}`, by])) },
    });
    return { state: concluded ? 'concluded' : (d.state as DialogueState), version: v.version };
  });
}

/** R19 — a housing organisation's page: its dialogues and the commitments of its binding agreements. */
export async function organisationPartnership(ctx: ServiceContext, organisationId: number) {
  const org = await ctx.db
    .selectFrom('organisation')
    .select(['id', 'name', 'short_name'])
    .where('id', '=', organisationId)
    .executeTakeFirst();
  if (!org) throw new NotFound('Boligorganisationen findes ikke.');
  authorize(ctx.actor, 'read', { type: 'partnershipAgreement' });
  const [dialogues, commitments] = await Promise.all([
    listDialogues(ctx, { organisationId }),
    commitmentsWhere(ctx.db, todayIn(ctx), { organisationIds: [organisationId], concludedOnly: true }),
  ]);
  return {
    organisation: { id: org.id, name: org.name, shortName: org.short_name },
    dialogues,
    commitments,
    own: organisationsOf(ctx.actor).includes(organisationId),
  };
}

/** R19 — the housing office's desk: organisations without a dialogue this year, and commitments past their deadline. */
export async function partnershipDesk(ctx: ServiceContext) {
  authorize(ctx.actor, 'read', { type: 'partnershipDesk' });
  const today = todayIn(ctx);
  const year = Number(today.slice(0, 4));
  const [orgs, parties, commitments] = await Promise.all([
    ctx.db.selectFrom('organisation').select(['id', 'short_name', 'name']).execute().then(byShortName),
    ctx.db
      .selectFrom('steering_dialogue_party as p')
      .innerJoin('steering_dialogue as d', 'd.id', 'p.dialogue_id')
      .select('p.organisation_id')
      .where('d.year', '=', year)
      .where('d.kind', '=', 'organisation')
      .execute(),
    commitmentsWhere(ctx.db, today, { concludedOnly: true }),
  ]);
  return {
    year,
    withoutDialogue: withoutDialogue(
      orgs,
      parties.map((p) => p.organisation_id),
    ).map((o) => ({ id: o.id, shortName: o.short_name, name: o.name })),
    overdue: commitments.filter((c) => c.overdue),
  };
}

/** The organisations a dialogue may be prepared with (the registry). */
export const organisationOptions = (db: Executor) =>
  db.selectFrom('organisation').select(['id', 'short_name', 'name']).execute().then(byShortName);

/** A dialogue's history is readable by its party organisations' staff. */
export const dialogueAuditOwner: AuditOwner = async (ctx, id) =>
  !/^\d{1,9}$/.test(id)
    ? null
    : ((
        await ctx.db
          .selectFrom('steering_dialogue_party')
          .select('organisation_id')
          .where('dialogue_id', '=', Number(id))
          .orderBy('organisation_id')
          .limit(1)
          .executeTakeFirst()
      )?.organisation_id ?? null);
