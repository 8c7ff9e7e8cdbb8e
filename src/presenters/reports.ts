import { z } from '@hono/zod-openapi';
import { narrativeSections, reportStates, verdicts } from '../domain/reports/index.ts';
import type { ReportView } from '../services/reports/reports.ts';
import { iso, isoOrNull, only, personName } from './people.ts';

const int = () => z.number().int();
const MoneyRow = z.object({
  name: z.string(),
  budgetOre: int(),
  actualOre: int(),
  varianceOre: int(),
  cumulativeBudgetOre: int(),
  cumulativeActualOre: int(),
});
const Measurement = z.object({ value: z.number(), measuredOn: z.string() });

const ReportContentSchema = z
  .object({
    plan: z.object({
      id: int(),
      name: z.string(),
      district: z.string(),
      period: z.string(),
      startsOn: z.string(),
      endsOn: z.string(),
      lead: z.string(),
      organisations: z.array(z.string()),
      estates: z.array(z.string()),
    }),
    year: int(),
    asOf: z.string(),
    statusRule: z.string(),
    activityRule: z.string().optional(),
    goals: z.array(
      z.object({
        id: int(),
        title: z.string(),
        description: z.string(),
        criteria: z.array(
          z.object({
            id: int(),
            indicator: z.string(),
            unit: z.string(),
            direction: z.enum(['increase', 'decrease']),
            baseline: z.object({ value: z.number(), date: z.string() }),
            target: z.object({ value: z.number(), date: z.string() }),
            yearValues: z.array(Measurement),
            latest: Measurement.nullable(),
            expected: z.number().nullable(),
            status: z.enum(['on_track', 'at_risk', 'off_track', 'no_data']),
            statusLabel: z.string(),
          }),
        ),
      }),
    ),
    activities: z.array(
      z.object({
        id: int(),
        title: z.string(),
        focusArea: z.string(),
        status: z.string(),
        statusLabel: z.string(),
        startsOn: z.string().nullable(),
        endsOn: z.string().nullable(),
        changes: z.array(z.string()),
      }),
    ),
    finance: z.object({
      frameOre: int(),
      lines: z.array(MoneyRow),
      funders: z.array(MoneyRow.extend({ kindLabel: z.string(), amountOre: int(), shareBp: int().nullable() })),
      totals: MoneyRow,
      rounding: z.string(),
    }),
    changes: z.array(
      z.object({ id: int(), number: int(), title: z.string(), kindLabel: z.string(), appliedOn: z.string(), version: int().nullable() }),
    ),
    previousVerdicts: z.array(
      z.object({
        criterionId: int(),
        indicator: z.string(),
        verdict: z.enum(verdicts),
        verdictLabel: z.string(),
        comment: z.string(),
        year: int(),
        decidedOn: z.string(),
        bodyName: z.string(),
      }),
    ),
  })
  .openapi('ReportContent', {
    description: 'Det, rapporten siger ud fra data (R6): målkæden, aktiviteterne, økonomien, årets ændringer og sidste års vurderinger',
  });

export const ReportSchema = z
  .object({
    planId: int(),
    planName: z.string(),
    year: int(),
    state: z.enum([...reportStates, 'missing']),
    stateLabel: z.string(),
    version: int(),
    revision: int(),
    narrative: z.object(
      Object.fromEntries(narrativeSections.map(([k]) => [k, z.string()])) as Record<(typeof narrativeSections)[number][0], z.ZodString>,
    ),
    milestones: z
      .array(z.object({ dueOn: z.string(), description: z.string(), responsible: z.string() }))
      .openapi({ description: 'Milepælsplanen for det kommende år (R6), i datoorden' }),
    content: ReportContentSchema,
    frozen: z.boolean(),
    contentHash: z.string().nullable(),
    revisions: z.array(
      z.object({
        id: int(),
        revision: int(),
        state: z.enum(reportStates),
        submittedAt: z.string().nullable(),
        contentHash: z.string().nullable(),
      }),
    ),
    verdicts: z.array(
      z.object({
        criterionId: int(),
        indicator: z.string(),
        verdict: z.enum(verdicts),
        verdictLabel: z.string(),
        comment: z.string(),
        decidedOn: z.string(),
        meetingId: int().nullable(),
        bodyName: z.string(),
      }),
    ),
    deadline: z.object({ dueOn: z.string(), remindDays: int(), status: z.enum(['submitted', 'not_due', 'due_soon', 'overdue']) }),
    decidingBody: z.object({ id: int(), name: z.string() }).nullable(),
    actions: z.array(z.string()),
    approvedAt: z.string().nullable(),
    approvedBy: z.string().openapi({ description: 'Navnet på den, der godkendte rapporten' }),
    submittedAt: z.string().nullable(),
    submittedBy: z.string(),
    acknowledgedAt: z.string().nullable(),
    lbfReference: z.string(),
  })
  .openapi('Report', {
    description:
      'Rapporten for (plan, år): indhold (låst efter indsendelse), beretning, status, frist, vurderinger, kontrolsum og kalderens handlinger; personer ved navn',
  });

/** A yearly report as it leaves the server: the stored row stays behind; who approved and submitted by name. */
export function presentReport(r: ReportView): z.infer<typeof ReportSchema> {
  const { report, ...rest } = r;
  return only(ReportSchema, {
    ...rest,
    content: rest.content as z.infer<typeof ReportContentSchema>,
    revisions: rest.revisions.map((x) => ({ ...x, submittedAt: isoOrNull(x.submittedAt) })),
    approvedAt: isoOrNull(report?.approved_at),
    approvedBy: report?.approved_at ? personName(report.approved_by_label) : '',
    submittedAt: isoOrNull(report?.submitted_at),
    submittedBy: report?.submitted_at ? personName(report.submitted_by_label) : '',
    acknowledgedAt: report?.acknowledged_at ? iso(report.acknowledged_at) : null,
    lbfReference: report?.lbf_reference ?? '',
  });
}
