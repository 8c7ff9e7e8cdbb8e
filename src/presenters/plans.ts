import { z } from '@hono/zod-openapi';
import type { Change, PlanSnapshot } from '../domain/plan-diff.ts';
import { planStates } from '../domain/plan-lifecycle.ts';
import type { Actor } from '../policy/actor.ts';
import type { PlanDetail } from '../services/plans/read.ts';
import { type Json, JsonValue } from './json.ts';
import { type Audience, iso, only, personName, planAudience } from './people.ts';

const int = () => z.number().int();
const Named = z.object({ id: int(), name: z.string() });

const Criterion = z.object({
  id: int(),
  goalId: int(),
  indicatorName: z.string(),
  unit: z.string(),
  direction: z.enum(['increase', 'decrease']),
  baselineValue: z.number(),
  baselineDate: z.string(),
  baselineSource: z.string(),
  targetValue: z.number(),
  targetDate: z.string(),
  measurements: z.array(
    z.object({ id: int(), version: int(), value: z.number(), measuredOn: z.string(), source: z.string(), recordedBy: z.string() }),
  ),
  status: z.enum(['on_track', 'at_risk', 'off_track', 'no_data']),
  expected: z.number().nullable(),
});
const Party = z.object({
  id: int(),
  kind: z.string(),
  organisationId: int().nullable(),
  administration: z.string().nullable(),
  name: z.string(),
  part: z.string(),
});
const Activity = z.object({
  id: int(),
  subAgreementId: int(),
  title: z.string(),
  description: z.string(),
  targetGroup: z.string(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  status: z.string(),
  goalIds: z.array(int()),
  parties: z.array(Party),
});
const Contact = z
  .object({
    id: int(),
    callOrder: int(),
    role: z.string(),
    organisation: z.string(),
    name: z.string(),
    phone: z.string(),
    email: z.string(),
  })
  .openapi('ContingencyContact', { description: 'Kun for dem med en rolle i planen' });
const ProjectLeader = z
  .object({ userId: int(), name: z.string(), email: z.string().optional().openapi({ description: 'Kun for dem med en rolle i planen' }) })
  .openapi('ProjectLeader');

export const PlanDetailSchema = z
  .object({
    id: int(),
    name: z.string(),
    state: z.enum(planStates),
    stateLabel: z.string(),
    version: int(),
    currentVersion: int(),
    isDemo: z.boolean(),
    sourceUrl: z.string().nullable(),
    publicFacts: z.string(),
    district: Named.nullable(),
    period: z.object({
      id: int(),
      code: z.string(),
      name: z.string(),
      startsOn: z.string(),
      endsOn: z.string(),
      lbfCapBp: int(),
      localFloorBp: int(),
    }),
    periodNotes: z
      .object({ explanations: z.array(z.string()), warnings: z.array(z.string()) })
      .openapi({ description: 'Planens datoer mod bevillingsperioden: forklaringer (forlænget periode) og advarsler' }),
    focusAreaOptions: z.array(Named),
    startsOn: z.string(),
    endsOn: z.string(),
    approvalChain: z.string(),
    problemDescription: z.string(),
    grantReference: z.string().nullable(),
    grantDate: z.string().nullable(),
    lead: z.object({ id: int(), shortName: z.string() }),
    estates: z.array(z.object({ id: int(), name: z.string(), organisationId: int(), organisationName: z.string(), residents: int() })),
    partyOrganisations: z.array(z.object({ id: int(), shortName: z.string() })),
    projectLeaders: z.array(ProjectLeader),
    challenges: z.array(z.object({ id: int(), title: z.string(), description: z.string() })),
    goals: z.array(
      z.object({ id: int(), challengeId: int().nullable(), title: z.string(), description: z.string(), criteria: z.array(Criterion) }),
    ),
    subAgreements: z.array(
      z.object({ id: int(), focusAreaId: int(), focusArea: z.string(), summary: z.string(), activities: z.array(Activity) }),
    ),
    contingency: z
      .object({
        steps: z.string(),
        policeCooperation: z.string(),
        lastReviewed: z.string().nullable(),
        reviewWarning: z.string().nullable(),
        contacts: z.array(Contact).nullable(),
      })
      .nullable(),
    transitions: z.array(
      z.object({
        fromState: z.string(),
        toState: z.string(),
        stepKey: z.string().nullable(),
        body: z.string(),
        decisionDate: z.string().nullable(),
        caseNumber: z.string(),
        amountOre: int().nullable(),
        note: z.string(),
        actorLabel: z.string(),
        at: z.string(),
      }),
    ),
    versions: z.array(z.object({ number: int(), reason: z.string(), createdAt: z.string(), createdBy: z.string() })),
  })
  .openapi('PlanDetail', {
    description:
      'Hele planen: stamdata, strategisk samarbejdsaftale, delaftaler, beredskabsplan (kontakter og e-mail kun for dem med en rolle i planen), forløb og versioner',
  });
export type PlanDetailOut = z.infer<typeof PlanDetailSchema>;

/** The audience of a loaded plan. */
export const audienceOfPlan = (actor: Actor, plan: PlanDetail): Audience =>
  planAudience(actor, { id: plan.id, partyOrganisationIds: plan.partyOrganisations.map((o) => o.id) });

/** What everyone may see of a plan: people by name, no e-mail addresses, no contingency contacts. */
function publicPlan(p: PlanDetail): z.input<typeof PlanDetailSchema> {
  return {
    ...p,
    projectLeaders: p.projectLeaders.map((l) => ({ userId: l.userId, name: l.name })),
    goals: p.goals.map((g) => ({
      ...g,
      criteria: g.criteria.map((c) => ({
        ...c,
        measurements: c.measurements.map((m) => ({ ...m, recordedBy: personName(m.recordedBy) })),
      })),
    })),
    contingency: p.contingency ? { ...p.contingency, contacts: null } : null,
    transitions: p.transitions.map((t) => ({ ...t, actorLabel: personName(t.actorLabel), at: iso(t.at) })),
    versions: p.versions.map((v) => ({ ...v, createdAt: iso(v.createdAt), createdBy: personName(v.createdBy) })),
  };
}

/** What those with a part (and the municipality's staff) see: also the project leaders' e-mail and the contingency contacts. */
function partyPlan(p: PlanDetail): z.input<typeof PlanDetailSchema> {
  return {
    ...publicPlan(p),
    projectLeaders: p.projectLeaders.map((l) => ({ userId: l.userId, name: l.name, email: l.email })),
    contingency: p.contingency ? { ...p.contingency, contacts: p.contingency.contacts } : null,
  };
}

/** A plan per audience: the fields each may receive. */
export const planFor: Record<Audience, (p: PlanDetail) => PlanDetailOut> = {
  public: (p) => only(PlanDetailSchema, publicPlan(p)),
  party: (p) => only(PlanDetailSchema, partyPlan(p)),
  staff: (p) => only(PlanDetailSchema, partyPlan(p)),
};

/**
 * A plan as it leaves the server to this actor: people by name; e-mail addresses and contact details only to those
 * with a part (the same check that shows the contingency contacts).
 * @example presentPlan(anonymous, await getPlan(ctx, 4)).projectLeaders // [{ userId: 7, name: 'Pia Projektleder' }]
 */
export const presentPlan = (actor: Actor, p: PlanDetail): PlanDetailOut => planFor[audienceOfPlan(actor, p)](p);

const SnapshotCriterion = z.object({
  id: int(),
  indicatorName: z.string(),
  unit: z.string(),
  direction: z.string(),
  baselineValue: z.number(),
  baselineDate: z.string(),
  targetValue: z.number(),
  targetDate: z.string(),
});
export const PlanSnapshotSchema = z
  .object({
    name: z.string(),
    startsOn: z.string().optional(),
    endsOn: z.string().optional(),
    district: z.string().nullable().optional(),
    leadOrganisation: z.string().optional(),
    estates: z.array(z.object({ id: int(), name: z.string() })),
    challenges: z.array(z.object({ id: int(), title: z.string(), description: z.string() })),
    goals: z.array(z.object({ id: int(), title: z.string(), description: z.string(), criteria: z.array(SnapshotCriterion) })),
    subAgreements: z.array(
      z.object({
        id: int(),
        focusArea: z.string(),
        summary: z.string(),
        activities: z.array(
          z.object({
            id: int(),
            title: z.string(),
            description: z.string(),
            targetGroup: z.string(),
            startsOn: z.string().nullable(),
            endsOn: z.string().nullable(),
            status: z.string(),
            parties: z.array(z.string()),
          }),
        ),
      }),
    ),
    contingency: z.object({ steps: z.string(), policeCooperation: z.string(), lastReviewed: z.string().nullable() }).nullable(),
    budget: z
      .object({
        lines: z.array(
          z.object({ id: int(), name: z.string(), perYear: z.record(z.string(), int()).openapi({ description: 'År → beløb i øre' }) }),
        ),
        funders: z.array(z.object({ id: int(), name: z.string(), amountOre: int() })),
      })
      .optional(),
  })
  .openapi('PlanSnapshot', { description: 'Planens indhold, som en version fryser det (uden kontakter, målinger og forløb)' });

export const PlanVersionSchema = z
  .object({ number: int(), reason: z.string(), createdAt: z.string(), createdBy: z.string(), snapshot: PlanSnapshotSchema })
  .openapi('PlanVersion', { description: 'En frosset version af planen; createdBy er et navn' });

/** A frozen version: the snapshot holds no personal data; who made it is shown by name. */
export function presentPlanVersion(v: {
  number: number;
  reason: string;
  createdAt: Date;
  createdBy: string;
  snapshot: PlanSnapshot;
}): z.infer<typeof PlanVersionSchema> {
  return only(PlanVersionSchema, {
    number: v.number,
    reason: v.reason,
    createdAt: iso(v.createdAt),
    createdBy: personName(v.createdBy),
    snapshot: v.snapshot,
  });
}

export const PlanChangeSchema = z
  .object({
    path: z.string(),
    kind: z.enum(['added', 'removed', 'changed']),
    before: JsonValue,
    after: JsonValue,
  })
  .openapi('PlanVersionChange');

/** The difference between two versions (both snapshots are free of personal data). */
export const presentPlanChanges = (changes: Change[]): z.infer<typeof PlanChangeSchema>[] =>
  changes.map((c) =>
    only(PlanChangeSchema, {
      path: c.path,
      kind: c.kind,
      before: c.before as Json,
      after: c.after as Json,
    }),
  );
