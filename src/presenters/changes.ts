import { z } from '@hono/zod-openapi';
import { changeKinds } from '../domain/changes/edits.ts';
import { requestStates } from '../domain/changes/lifecycle.ts';
import { partyAnswers, partyDecisionRules } from '../domain/changes/party-decision.ts';
import type { ChangeRequestDetail, ChangeRequestItem } from '../services/changes/read.ts';
import { iso, isoOrNull, only, personName } from './people.ts';

const int = () => z.number().int();
const kinds = Object.keys(changeKinds) as [keyof typeof changeKinds, ...(keyof typeof changeKinds)[]];
const ActivityFields = z.object({
  title: z.string(),
  description: z.string(),
  targetGroup: z.string(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
});

const Funder = z.object({ kind: z.string(), name: z.string(), organisationId: int().nullable(), amountOre: int() });
const Frame = z.object({ frameOre: int(), funders: z.array(Funder) });

/** An edit as stored (the proposal's input contract lives with the input schemas; this is what is sent back). */
export const ChangeEditSchema = z
  .discriminatedUnion('op', [
    z.object({ op: z.literal('updateActivity'), activityId: int(), before: ActivityFields, after: ActivityFields }),
    z.object({
      op: z.literal('addActivity'),
      subAgreementId: int(),
      activity: ActivityFields,
      goalIds: z.array(int()),
      responsibleOrganisationId: int().nullable(),
    }),
    z.object({
      op: z.literal('endActivity'),
      activityId: int(),
      before: z.object({ status: z.string(), endsOn: z.string().nullable() }),
      after: z.object({ status: z.enum(['ended', 'cancelled']), endsOn: z.string() }),
    }),
    z.object({
      op: z.literal('moveBudget'),
      fromLineId: int(),
      toLineId: int(),
      year: int(),
      amountOre: int(),
      before: z.object({ fromOre: int(), toOre: int() }),
    }),
    z.object({ op: z.literal('changeFrame'), before: Frame, after: Frame }),
    z.object({
      op: z.literal('addBudgetLine'),
      line: z.object({ name: z.string(), kind: z.string(), activityId: int().nullable() }),
      amounts: z.array(z.object({ year: int(), amountOre: int() })),
    }),
    z.object({
      op: z.literal('addBudgetYear'),
      year: int(),
      amounts: z.array(z.object({ lineId: int(), amountOre: int() })),
      before: z.object({ yearOre: int() }),
    }),
    z.object({
      op: z.literal('setLineAmount'),
      lineId: int(),
      year: int(),
      before: z.object({ amountOre: int() }),
      after: z.object({ amountOre: int() }),
    }),
    z.object({
      op: z.literal('updateGoal'),
      goalId: int(),
      before: z.object({ title: z.string(), description: z.string() }),
      after: z.object({ title: z.string(), description: z.string() }),
    }),
    z.object({
      op: z.literal('updateCriterion'),
      criterionId: int(),
      before: z.object({ targetValue: z.number(), targetDate: z.string() }),
      after: z.object({ targetValue: z.number(), targetDate: z.string() }),
    }),
    z.object({
      op: z.literal('updateContingency'),
      before: z.object({ steps: z.string(), policeCooperation: z.string() }),
      after: z.object({ steps: z.string(), policeCooperation: z.string(), lastReviewed: z.string() }),
    }),
  ])
  .openapi('StoredChangeEdit', { description: 'En struktureret ændring med de værdier, den bygger på (before)' });

export const ChangeRequestItemSchema = z
  .object({
    id: int(),
    planId: int(),
    planName: z.string(),
    number: int(),
    kindLabel: z.string(),
    title: z.string(),
    state: z.enum(requestStates),
    stateLabel: z.string(),
    bodyName: z.string().nullable(),
    proposedBy: z.string().openapi({ description: 'Navnet på forslagsstilleren' }),
    createdAt: z.string(),
    appliedVersion: int().nullable(),
  })
  .openapi('ChangeRequestItem');

export const presentChangeRequestItem = (i: ChangeRequestItem): z.infer<typeof ChangeRequestItemSchema> =>
  only(ChangeRequestItemSchema, { ...i, proposedBy: personName(i.proposedBy), createdAt: iso(i.createdAt) });

const PartyAnswerSchema = z.object({
  answer: z.enum(partyAnswers),
  label: z.string(),
  reason: z.string(),
  by: z.string().openapi({ description: 'Navnet på den, der svarede for parten' }),
  at: z.string(),
});

export const ChangeRequestSchema = z
  .object({
    id: int(),
    planId: int(),
    planName: z.string(),
    number: int(),
    kind: z.enum(kinds),
    kindLabel: z.string(),
    title: z.string(),
    justification: z.string(),
    state: z.enum(requestStates),
    stateLabel: z.string(),
    version: int(),
    edits: z.array(ChangeEditSchema),
    lines: z.array(z.object({ what: z.string(), field: z.string(), before: z.string(), after: z.string() })),
    basedOnVersion: int(),
    appliedVersion: int().nullable(),
    body: z.object({ id: int(), name: z.string() }).nullable(),
    routingReason: z.string(),
    routingRule: z.string(),
    decisionMode: z.string().nullable(),
    meetingId: int().nullable(),
    writtenDeadline: z.string().nullable(),
    proposedBy: z.string(),
    decidedBy: z.string(),
    decisionNote: z.string(),
    lbf: z.object({ date: z.string(), reference: z.string() }).nullable(),
    events: z.array(z.object({ at: z.string(), kind: z.string(), actor: z.string(), mayVote: z.boolean().nullable(), text: z.string() })),
    actions: z.array(z.enum(['submit', 'approve', 'reject', 'abstain', 'recordLbfApproval', 'withdraw', 'comment'])),
    voteRefusal: z.string().nullable(),
    funding: z
      .object({
        frameOre: int(),
        frameChanged: z.boolean(),
        funders: z.array(z.object({ name: z.string(), amountOre: int(), shareBp: int().nullable() })),
        lbfMaxPct: z.number(),
        localMinPct: z.number(),
        violations: z.array(z.string()),
      })
      .nullable(),
    parties: z
      .object({
        rule: z.enum(partyDecisionRules).openapi({ description: 'all: alle parter skal godkende; majority: flertal blandt parterne' }),
        ruleLabel: z.string(),
        organisations: z.array(z.object({ id: int(), name: z.string(), answer: PartyAnswerSchema.nullable() })),
        earlier: z.array(PartyAnswerSchema.extend({ name: z.string() })),
        awaited: z.array(z.string()).openapi({ description: 'Parter, hvis svar afventes' }),
        mine: z.array(z.object({ id: int(), name: z.string() })).openapi({ description: 'De parter, kalderen kan svare for' }),
      })
      .nullable()
      .openapi({ description: 'R11: parternes svar, når anmodningen er sendt til beslutning' }),
  })
  .openapi('ChangeRequest', {
    description: 'Anmodningen med ændringer, routing, forløb (personer ved navn) og de handlinger, kalderen må udføre',
  });

/** A change request: who proposed, decided and commented appear by name. */
export function presentChangeRequest(r: ChangeRequestDetail): z.infer<typeof ChangeRequestSchema> {
  return only(ChangeRequestSchema, {
    ...r,
    proposedBy: personName(r.proposedBy),
    decidedBy: r.decidedBy ? personName(r.decidedBy) : '',
    events: r.events.map((e) => ({ ...e, at: iso(e.at), actor: personName(e.actor) })),
    parties: r.parties && {
      ...r.parties,
      organisations: r.parties.organisations.map((o) => ({
        ...o,
        answer: o.answer && { ...o.answer, by: personName(o.answer.by), at: iso(o.answer.at) },
      })),
      earlier: r.parties.earlier.map((a) => ({ ...a, by: personName(a.by), at: iso(a.at) })),
    },
  });
}

export const CityBoardNoticeSchema = z
  .object({
    id: int(),
    plan_id: int(),
    plan_name: z.string(),
    request_id: int().nullable(),
    text: z.string(),
    created_at: z.string(),
    noted_at: z.string().nullable(),
    noted_by: z.string().openapi({ description: 'Navnet på den, der noterede orienteringen' }),
  })
  .openapi('CityBoardNotice');

export function presentCityBoardNotice(n: {
  id: number;
  plan_id: number;
  plan_name: string;
  request_id: number | null;
  text: string;
  created_at: Date;
  noted_at: Date | null;
  noted_by_label: string;
}): z.infer<typeof CityBoardNoticeSchema> {
  return only(CityBoardNoticeSchema, {
    id: n.id,
    plan_id: n.plan_id,
    plan_name: n.plan_name,
    request_id: n.request_id,
    text: n.text,
    created_at: iso(n.created_at),
    noted_at: isoOrNull(n.noted_at),
    noted_by: n.noted_by_label ? personName(n.noted_by_label) : '',
  });
}
