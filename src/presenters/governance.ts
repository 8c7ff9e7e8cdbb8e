import { partyDecisionRules } from '../domain/changes/party-decision.ts';
import { z } from '@hono/zod-openapi';
import { bodyTypes, memberLevels, memberRoles } from '../domain/governance/labels.ts';
import type { getBody } from '../services/governance/bodies.ts';
import type { Decider } from '../services/governance/competence.ts';
import type { getMeeting } from '../services/governance/meetings.ts';
import type { Member } from '../services/governance/members.ts';
import { iso, isoOrNull, only, personName } from './people.ts';

const int = () => z.number().int();

/** A member as anyone sees them: name, role and whom they represent; never the e-mail address. */
export const PublicMemberSchema = z
  .object({
    id: int(),
    name: z.string(),
    role: z.enum(memberRoles),
    represents: z.string(),
    representsKind: z.enum(['organisation', 'administration', 'other']),
    organisationId: int().nullable(),
    administration: z.string().nullable(),
    level: z.enum(memberLevels),
    startsOn: z.string(),
    endsOn: z.string().nullable(),
  })
  .openapi('BodyMember', { description: 'Et medlem: navn, rolle og hvem medlemmet repræsenterer er offentlige; e-mail vises ikke' });

export const presentMember = (m: Member): z.infer<typeof PublicMemberSchema> =>
  only(PublicMemberSchema, {
    id: m.id,
    name: m.name,
    role: m.role as (typeof memberRoles)[number],
    represents: m.representsLabel,
    representsKind: m.representsKind,
    organisationId: m.organisationId,
    administration: m.administration,
    level: m.level as (typeof memberLevels)[number],
    startsOn: m.startsOn,
    endsOn: m.endsOn,
  });

const District = z.object({ id: int(), number: int(), name: z.string() });
export const BodySchema = z
  .object({
    id: int(),
    name: z.string(),
    type: z.enum(bodyTypes),
    parentId: int().nullable(),
    validFrom: z.string(),
    validTo: z.string().nullable(),
    districts: z.array(District),
    urbanAreas: z.array(z.string()),
    members: z.array(PublicMemberSchema),
  })
  .openapi('Body');

export const presentBody = (b: {
  id: number;
  name: string;
  type: (typeof bodyTypes)[number];
  parentId: number | null;
  validFrom: string;
  validTo: string | null;
  districts: { id: number; number: number; name: string }[];
  urbanAreas: string[];
  members?: Member[];
}): z.infer<typeof BodySchema> =>
  only(BodySchema, {
    id: b.id,
    name: b.name,
    type: b.type,
    parentId: b.parentId,
    validFrom: b.validFrom,
    validTo: b.validTo,
    districts: b.districts,
    urbanAreas: b.urbanAreas,
    members: (b.members ?? []).map(presentMember),
  });

export const BodyDetailSchema = BodySchema.extend({
  code: z.string(),
  description: z.string(),
  minPerYear: int().nullable(),
  maxPerYear: int().nullable(),
  partyDecisionRule: z
    .enum(partyDecisionRules)
    .openapi({ description: 'R11: all = alle parter skal godkende; majority = flertal blandt parterne' }),
  version: int(),
  active: z.boolean(),
  on: z.string(),
  formerMembers: z.array(PublicMemberSchema),
  plans: z.array(
    z.object({
      id: int(),
      name: z.string(),
      state: z.string(),
      starts_on: z.string(),
      ends_on: z.string(),
      district: z.string().nullable(),
    }),
  ),
  meetings: z.array(
    z.object({
      id: int(),
      starts_at: z.string(),
      ends_at: z.string(),
      place: z.string(),
      state: z.string(),
      minutes_sent_at: z.string().nullable(),
    }),
  ),
  mandates: z.array(
    z.object({
      id: int(),
      kind: z.enum(['terms_of_reference', 'rules_of_procedure']),
      number: int(),
      title: z.string(),
      content: z.string(),
      state: z.string(),
      city_board_approved_on: z.string().nullable(),
      city_board_reference: z.string(),
      lbf_approved_on: z.string().nullable(),
      lbf_reference: z.string(),
      createdBy: z.string(),
      version: int(),
    }),
  ),
  mandate: z.object({ inForce: z.boolean(), missing: z.array(z.string()) }).nullable(),
  backlog: z.array(
    z.object({
      id: int(),
      title: z.string(),
      kind: z.string(),
      ref_id: int().nullable(),
      closed: z.boolean(),
      proposedBy: z.string(),
      created_at: z.string(),
    }),
  ),
  parent: z.object({ id: int(), name: z.string() }).nullable(),
  children: z.array(z.object({ id: int(), name: z.string(), valid_to: z.string().nullable() })),
  warnings: z.array(z.object({ rule: z.string(), message: z.string() })),
}).openapi('BodyDetail', { description: 'Organet med medlemmer (uden e-mail), planer, mandat og møder; personer ved navn' });

/** A body's page data as it leaves the server: members by name and role, who-did-it by name. */
export function presentBodyDetail(b: Awaited<ReturnType<typeof getBody>>): z.infer<typeof BodyDetailSchema> {
  return only(BodyDetailSchema, {
    ...presentBody(b),
    code: b.code,
    description: b.description,
    minPerYear: b.minPerYear,
    maxPerYear: b.maxPerYear,
    partyDecisionRule: b.partyDecisionRule,
    version: b.version,
    active: b.active,
    on: b.on,
    formerMembers: b.formerMembers.map(presentMember),
    plans: b.plans.map((p) => ({
      id: p.id,
      name: p.name,
      state: p.state,
      starts_on: p.starts_on,
      ends_on: p.ends_on,
      district: p.district,
    })),
    meetings: b.meetings.map((m) => ({
      id: m.id,
      starts_at: iso(m.starts_at),
      ends_at: iso(m.ends_at),
      place: m.place,
      state: m.state,
      minutes_sent_at: isoOrNull(m.minutes_sent_at),
    })),
    mandates: b.mandates.map((d) => ({
      id: d.id,
      kind: d.kind,
      number: d.number,
      title: d.title,
      content: d.content,
      state: d.state,
      city_board_approved_on: d.city_board_approved_on,
      city_board_reference: d.city_board_reference,
      lbf_approved_on: d.lbf_approved_on,
      lbf_reference: d.lbf_reference,
      createdBy: personName(d.created_by_label),
      version: d.version,
    })),
    mandate: b.mandate,
    backlog: b.backlog.map((i) => ({
      id: i.id,
      title: i.title,
      kind: i.kind,
      ref_id: i.ref_id,
      closed: i.closed,
      proposedBy: personName(i.proposed_by_label),
      created_at: iso(i.created_at),
    })),
    parent: b.parent,
    children: b.children,
    warnings: b.warnings.map((w) => ({ rule: w.rule, message: w.message })),
  });
}

const Paper = z.object({
  id: int(),
  agenda_item_id: int().nullable(),
  title: z.string(),
  file_name: z.string(),
  content_type: z.string(),
  size_bytes: int(),
  closed: z.boolean(),
  uploadedBy: z.string(),
  created_at: z.string(),
});
type PaperRow = {
  id: number;
  agenda_item_id: number | null;
  title: string;
  file_name: string;
  content_type: string;
  size_bytes: number;
  closed: boolean;
  uploaded_by_label: string;
  created_at: Date;
};
const presentPaper = (p: PaperRow): z.infer<typeof Paper> => ({
  id: p.id,
  agenda_item_id: p.agenda_item_id,
  title: p.title,
  file_name: p.file_name,
  content_type: p.content_type,
  size_bytes: p.size_bytes,
  closed: p.closed,
  uploadedBy: personName(p.uploaded_by_label),
  created_at: iso(p.created_at),
});

export const MeetingDetailSchema = z
  .object({
    id: int(),
    version: int(),
    body: z.object({ id: int(), name: z.string(), type: z.string() }),
    state: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    local: z.object({ date: z.string(), start: z.string(), end: z.string() }),
    place: z.string(),
    agendaSentAt: z.string().nullable(),
    minutesSentAt: z.string().nullable(),
    minutesApprovedAt: z.string().nullable(),
    seeClosed: z.boolean(),
    seeDraft: z.boolean(),
    showOutcomes: z.boolean(),
    items: z.array(
      z.object({
        id: int(),
        version: int(),
        sort: int(),
        closed: z.boolean(),
        hidden: z.boolean(),
        title: z.string(),
        description: z.string(),
        kind: z.string(),
        refId: int().nullable(),
        refLabel: z.string().nullable(),
        refHref: z.string().nullable(),
        outcome: z
          .object({
            kind: z.string(),
            decision: z.string().nullable(),
            text: z.string(),
            taskOwner: z.string(),
            taskDue: z.string().nullable(),
          })
          .nullable(),
        papers: z.array(Paper),
      }),
    ),
    papers: z.array(Paper),
    attendanceRecorded: z.boolean(),
    backlog: z.array(z.object({ id: int(), title: z.string(), kind: z.string(), closed: z.boolean(), proposedBy: z.string() })),
    members: z.array(PublicMemberSchema.extend({ present: z.boolean().nullable(), approvedAt: z.string().nullable() })),
  })
  .openapi('MeetingDetail', {
    description: 'Mødet med punkter; lukkede punkters indhold kun for medlemmer og sekretariatet; personer ved navn',
  });

/** A meeting as it leaves the server (the policy subject stays behind). */
export function presentMeeting(m: Awaited<ReturnType<typeof getMeeting>>): z.infer<typeof MeetingDetailSchema> {
  return only(MeetingDetailSchema, {
    id: m.id,
    version: m.version,
    body: m.body,
    state: m.state,
    startsAt: iso(m.startsAt),
    endsAt: iso(m.endsAt),
    local: m.local,
    place: m.place,
    agendaSentAt: isoOrNull(m.agendaSentAt),
    minutesSentAt: isoOrNull(m.minutesSentAt),
    minutesApprovedAt: isoOrNull(m.minutesApprovedAt),
    seeClosed: m.seeClosed,
    seeDraft: m.seeDraft,
    showOutcomes: m.showOutcomes,
    items: m.items.map((i) => ({
      ...i,
      outcome: i.outcome
        ? {
            kind: i.outcome.kind,
            decision: i.outcome.decision,
            text: i.outcome.text,
            taskOwner: i.outcome.taskOwner,
            taskDue: i.outcome.taskDue,
          }
        : null,
      papers: i.papers.map(presentPaper),
    })),
    papers: m.papers.map(presentPaper),
    attendanceRecorded: m.attendanceRecorded,
    backlog: m.backlog.map((b) => ({
      id: b.id,
      title: b.title,
      kind: b.kind,
      closed: b.closed,
      proposedBy: personName(b.proposed_by_label),
    })),
    members: m.members.map((x) => ({ ...presentMember(x), present: x.present, approvedAt: isoOrNull(x.approvedAt) })),
  });
}

const Voter = PublicMemberSchema.extend({ votingReason: z.string() });
export const CompetenceSchema = z
  .object({
    body: z.object({ id: int(), name: z.string(), type: z.string() }),
    reason: z.string(),
    rule: z.string(),
    voters: z.array(Voter),
    others: z.array(Voter),
  })
  .openapi('Competence', { description: 'Organet, begrundelsen og medlemmerne med og uden stemmeret' });

export const presentCompetence = (w: Decider): z.infer<typeof CompetenceSchema> =>
  only(CompetenceSchema, {
    body: w.body,
    reason: w.reason,
    rule: w.rule,
    voters: w.voters.map((m) => ({ ...presentMember(m), votingReason: m.votingReason })),
    others: w.others.map((m) => ({ ...presentMember(m), votingReason: m.votingReason })),
  });
