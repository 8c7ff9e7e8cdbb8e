import { z } from '@hono/zod-openapi';
import { contractStatuses, rolePartyKinds } from '../domain/cooperation/index.ts';
import type { ContractSummary, ContractView } from '../services/cooperation/index.ts';

/** What leaves the server of a contract on housing-social cooperation (R17): every field decided here, never a row. */

const int = () => z.number().int();
const date = () => z.string().openapi({ description: 'Dato, ÅÅÅÅ-MM-DD' });

export const ContractSummarySchema = z
  .object({
    id: int(),
    areaName: z.string().openapi({ description: 'Det udsatte byområde' }),
    title: z.string(),
    status: z.enum(contractStatuses),
    statusLabel: z.string(),
    body: z
      .object({ id: int(), name: z.string() })
      .nullable()
      .openapi({ description: 'Forummet eller bydelsbestyrelsen, der reviderer kontrakten' }),
    approvedOn: date().nullable(),
    currentVersion: int().openapi({ description: '0 for et udkast; 1 ved den politiske godkendelse; +1 for hver revision' }),
    goalCount: int(),
    isDemo: z.boolean(),
  })
  .openapi('CooperationContractSummary');

const FieldChangeSchema = z.object({ field: z.string(), before: z.string(), after: z.string() });

export const ContractSchema = ContractSummarySchema.extend({
  version: int().openapi({ description: 'Radens version; sendes med ved en ændring' }),
  approvalReference: z.string(),
  approvedWithPlan: z.object({ id: int(), name: z.string() }).nullable(),
  source: z.string(),
  goals: z.array(
    z.object({
      id: int(),
      theme: z.string(),
      title: z.string(),
      description: z.string(),
      successCriteria: z.string(),
      roles: z.array(z.object({ kind: z.enum(rolePartyKinds), party: z.string(), responsibility: z.string() })),
      activities: z.array(z.object({ id: int(), title: z.string(), status: z.string(), plan: z.object({ id: int(), name: z.string() }) })),
    }),
  ),
  versions: z.array(
    z.object({
      number: int(),
      kind: z.enum(['approval', 'revision']),
      decidedOn: date(),
      reference: z.string(),
      note: z.string(),
      meeting: z.object({ id: int(), startsAt: z.string(), bodyName: z.string() }).nullable(),
      diff: z.object({
        contract: z.array(FieldChangeSchema),
        goals: z.array(
          z.object({
            goalId: int(),
            title: z.string(),
            kind: z.enum(['added', 'removed', 'changed']),
            changes: z.array(FieldChangeSchema),
          }),
        ),
      }),
    }),
  ),
  plans: z.array(z.object({ id: int(), name: z.string(), state: z.string() })),
}).openapi('CooperationContract');

export const presentContractSummary = (c: ContractSummary): z.infer<typeof ContractSummarySchema> => ({
  id: c.id,
  areaName: c.areaName,
  title: c.title,
  status: c.status,
  statusLabel: c.statusLabel,
  body: c.bodyId !== null && c.bodyName ? { id: c.bodyId, name: c.bodyName } : null,
  approvedOn: c.approvedOn,
  currentVersion: c.currentVersion,
  goalCount: c.goalCount,
  isDemo: c.isDemo,
});

/** The contract for every audience: a draft is only read by staff (policy), and it holds no personal data. */
export const presentContract = (c: ContractView): z.infer<typeof ContractSchema> => ({
  ...presentContractSummary(c),
  version: c.version,
  approvalReference: c.approvalReference,
  approvedWithPlan: c.approvedWithPlan,
  source: c.source,
  goals: c.goals.map((g) => ({
    id: g.id,
    theme: g.theme,
    title: g.title,
    description: g.description,
    successCriteria: g.successCriteria,
    roles: g.roles.map((r) => ({ kind: r.kind, party: r.party, responsibility: r.responsibility })),
    activities: g.activities.map((a) => ({ id: a.id, title: a.title, status: a.status, plan: { id: a.planId, name: a.planName } })),
  })),
  versions: c.versions.map((v) => ({
    number: v.number,
    kind: v.kind,
    decidedOn: v.decidedOn,
    reference: v.reference,
    note: v.note,
    meeting: v.meeting ? { id: v.meeting.id, startsAt: new Date(v.meeting.startsAt).toISOString(), bodyName: v.meeting.bodyName } : null,
    diff: v.diff,
  })),
  plans: c.plans,
});
