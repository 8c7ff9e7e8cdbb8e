import { z } from '@hono/zod-openapi';
import { agreementStatuses, dialogueStates, followupOutcomes, targetRules, targetStatuses } from '../domain/partnership/index.ts';
import type {
  AgreementView,
  CommitmentView,
  DialogueSummary,
  DialogueView,
  TargetDetail,
  TargetView,
} from '../services/partnership/index.ts';
import { personName } from './people.ts';

/** What leaves the server of the partnership agreement (R19): every field decided here, never a row. */

const int = () => z.number().int();
const date = () => z.string().openapi({ description: 'Dato, ÅÅÅÅ-MM-DD' });

export const TargetSchema = z
  .object({
    id: int(),
    code: z.string(),
    theme: z.string(),
    title: z.string(),
    unit: z.string(),
    rule: z.enum(targetRules),
    ruleLabel: z.string(),
    baselineValue: z.number().nullable(),
    baselineOn: date().nullable(),
    targetValue: z.number().nullable(),
    startsOn: date(),
    deadline: date().nullable(),
    responsible: z.string(),
    measuredHow: z.string(),
    byCommitments: z.boolean(),
    sourceLine: z.string().openapi({ description: 'Linjen i kildedokumentet, målet stammer fra' }),
    latest: z.object({ value: z.number(), on: date() }).nullable(),
    commitments: z.object({ promised: z.number(), delivered: z.number() }),
    status: z.enum(targetStatuses),
    statusLabel: z.string(),
    statusRule: z.string().openapi({ description: 'Reglen, status er fundet efter' }),
    expected: z.number().nullable(),
    version: int().openapi({ description: 'Målets version (til PUT)' }),
  })
  .openapi('PartnershipTarget');

export const presentTarget = (t: TargetView): z.infer<typeof TargetSchema> => ({
  id: t.id,
  code: t.code,
  theme: t.themeTitle,
  title: t.title,
  unit: t.unit,
  rule: t.rule,
  ruleLabel: t.ruleLabel,
  baselineValue: t.baselineValue,
  baselineOn: t.baselineOn,
  targetValue: t.targetValue,
  startsOn: t.startsOn,
  deadline: t.deadline,
  responsible: t.responsible,
  measuredHow: t.measuredHow,
  byCommitments: t.byCommitments,
  sourceLine: t.sourceLine,
  latest: t.latest,
  commitments: t.commitments,
  status: t.judgement.status,
  statusLabel: t.statusLabel,
  statusRule: t.judgement.rule,
  expected: t.judgement.expected,
  version: t.version,
});

export const AgreementSchema = z
  .object({
    id: int(),
    code: z.string(),
    title: z.string(),
    parties: z.string(),
    periodFrom: date(),
    periodTo: date().nullable(),
    status: z.enum(agreementStatuses),
    statusLabel: z.string(),
    negotiatedOn: date().nullable(),
    negotiatedMeetingId: int().nullable(),
    adoptedOn: date().nullable(),
    adoptedMeetingId: int().nullable(),
    decisionReference: z.string(),
    endedOn: date().nullable(),
    replacedById: int().nullable(),
    source: z.string(),
    isDemo: z.boolean(),
    version: int(),
    themes: z.array(
      z.object({ id: int(), number: int(), title: z.string(), vision: z.string(), sourceLine: z.string(), targetIds: z.array(int()) }),
    ),
    targets: z.array(TargetSchema),
  })
  .openapi('PartnershipAgreement');

export const presentAgreement = (v: AgreementView): z.infer<typeof AgreementSchema> => ({
  id: v.agreement.id,
  code: v.agreement.code,
  title: v.agreement.title,
  parties: v.agreement.parties,
  periodFrom: v.agreement.period_from,
  periodTo: v.agreement.period_to,
  status: v.agreement.status as (typeof agreementStatuses)[number],
  statusLabel: v.statusLabel,
  negotiatedOn: v.agreement.negotiated_on,
  negotiatedMeetingId: v.agreement.negotiated_meeting_id,
  adoptedOn: v.agreement.adopted_on,
  adoptedMeetingId: v.agreement.adopted_meeting_id,
  decisionReference: v.agreement.decision_reference,
  endedOn: v.agreement.ended_on,
  replacedById: v.agreement.replaced_by_id,
  source: v.agreement.source,
  isDemo: v.agreement.is_demo,
  version: v.agreement.version,
  themes: v.themes.map((t) => ({
    id: t.id,
    number: t.number,
    title: t.title,
    vision: t.vision,
    sourceLine: t.sourceLine,
    targetIds: t.targets.map((x) => x.id),
  })),
  targets: v.targets.map(presentTarget),
});

const CommitmentSchema = z
  .object({
    id: int(),
    dialogueId: int(),
    organisationId: int(),
    organisation: z.string(),
    targetId: int().nullable(),
    targetTitle: z.string().nullable(),
    what: z.string(),
    amount: z.number().nullable(),
    unit: z.string(),
    dueOn: date(),
    successCriterion: z.string(),
    followUp: z
      .object({
        dialogueId: int(),
        outcome: z.enum(followupOutcomes),
        outcomeLabel: z.string(),
        delivered: z.number().nullable(),
        note: z.string(),
      })
      .nullable(),
    overdue: z.boolean(),
  })
  .openapi('DialogueCommitment');

export const presentCommitment = (c: CommitmentView): z.infer<typeof CommitmentSchema> => ({
  ...c,
  followUp: c.followUp ? { ...c.followUp } : null,
});

export const TargetDetailSchema = z
  .object({
    target: TargetSchema,
    agreement: z.object({ id: int(), title: z.string(), status: z.enum(agreementStatuses) }),
    measurements: z.array(
      z.object({
        id: int(),
        value: z.number(),
        measuredOn: date(),
        source: z.string(),
        note: z.string(),
        recordedBy: z.string(),
        isDemo: z.boolean(),
      }),
    ),
    commitments: z.array(
      z.object({
        id: int(),
        dialogueId: int(),
        year: int(),
        organisation: z.string(),
        organisationId: int(),
        what: z.string(),
        amount: z.number().nullable(),
        unit: z.string(),
        dueOn: date(),
        successCriterion: z.string(),
        outcome: z.enum(followupOutcomes).nullable(),
        delivered: z.number().nullable(),
      }),
    ),
  })
  .openapi('PartnershipTargetDetail');

export const presentTargetDetail = (t: TargetDetail): z.infer<typeof TargetDetailSchema> => ({
  target: presentTarget(t.target),
  agreement: { id: t.agreement.id, title: t.agreement.title, status: t.agreement.status as (typeof agreementStatuses)[number] },
  measurements: t.measurements.map((m) => ({ ...m, recordedBy: personName(m.recordedBy) })),
  commitments: t.commitments.map((c) => ({ ...c })),
});

const Organisations = z.array(z.object({ id: int(), shortName: z.string() }));

export const DialogueSummarySchema = z
  .object({
    id: int(),
    year: int(),
    kind: z.enum(['organisation', 'area']),
    title: z.string(),
    state: z.enum(dialogueStates),
    stateLabel: z.string(),
    meetingOn: date(),
    concludedOn: date().nullable(),
    organisations: Organisations,
  })
  .openapi('SteeringDialogueSummary');

export const presentDialogueSummary = (d: DialogueSummary): z.infer<typeof DialogueSummarySchema> => ({
  ...d,
  organisations: d.organisations.map((o) => ({ ...o })),
});

const Signature = z.object({ at: z.string(), by: z.string() }).nullable();

export const DialogueSchema = z
  .object({
    id: int(),
    agreementId: int(),
    kind: z.enum(['organisation', 'area']),
    title: z.string(),
    year: int(),
    state: z.enum(dialogueStates),
    stateLabel: z.string(),
    meetingOn: date(),
    place: z.string(),
    agenda: z.string(),
    heldOn: date().nullable(),
    summary: z.string(),
    concludedOn: date().nullable(),
    version: int(),
    isDemo: z.boolean(),
    municipalitySignature: Signature,
    parties: z.array(z.object({ organisationId: int(), shortName: z.string(), name: z.string(), signature: Signature })),
    commitments: z.array(CommitmentSchema),
    previous: z
      .object({ dialogueId: int(), year: int(), commitments: z.array(CommitmentSchema.extend({ followedUpHere: z.boolean() })) })
      .nullable(),
    targetIds: z.array(int()).openapi({ description: 'Hovedaftalens mål, der vedrører boligorganisationerne' }),
  })
  .openapi('SteeringDialogue');

const signature = (s: { at: Date; by: string } | null) => (s ? { at: s.at.toISOString(), by: personName(s.by) } : null);

export const presentDialogue = (v: DialogueView): z.infer<typeof DialogueSchema> => ({
  id: v.id,
  agreementId: v.agreementId,
  kind: v.kind,
  title: v.title,
  year: v.year,
  state: v.state,
  stateLabel: v.stateLabel,
  meetingOn: v.meetingOn,
  place: v.place,
  agenda: v.agenda,
  heldOn: v.heldOn,
  summary: v.summary,
  concludedOn: v.concludedOn,
  version: v.version,
  isDemo: v.isDemo,
  municipalitySignature: signature(v.municipalitySignature),
  parties: v.parties.map((p) => ({
    organisationId: p.organisationId,
    shortName: p.shortName,
    name: p.name,
    signature: signature(p.signature),
  })),
  commitments: v.commitments.map(presentCommitment),
  previous: v.previous
    ? {
        dialogueId: v.previous.dialogueId,
        year: v.previous.year,
        commitments: v.previous.commitments.map((c) => ({ ...presentCommitment(c), followedUpHere: c.followedUpHere })),
      }
    : null,
  targetIds: v.targets.map((t) => t.id),
});
