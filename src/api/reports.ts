import { type ReportAction, reportStates } from '../domain/reports/index.ts';
import { getReport, recordVerdicts, reportOverview, saveNarrative, setDeadline, transitionReport } from '../services/reports/reports.ts';
import {
  deadlineContract,
  milestonePlanContract,
  narrativeContract,
  reportTransitionFields,
  verdictsContract,
} from '../contracts/reports.ts';
import { presentReport, ReportSchema } from '../presenters/reports.ts';
import { apiRouter, jsonBody, routesFor, z } from './openapi.ts';

const tag = 'Årsrapporter';
const { ok } = routesFor(tag);
const PlanYear = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'id', in: 'path' }, example: 1 }),
  year: z.coerce
    .number()
    .int()
    .min(2000)
    .max(2100)
    .openapi({ param: { name: 'year', in: 'path' }, example: 2025 }),
});
const Version = z.number().int().min(0).openapi({ description: 'Rapportens version, som klienten så (0 før rapporten findes)' });
const Row = z
  .object({
    planId: z.number().int(),
    planName: z.string(),
    district: z.string(),
    year: z.number().int(),
    state: z.string(),
    stateLabel: z.string(),
    revision: z.number().int(),
    dueOn: z.string(),
    status: z.enum(['submitted', 'not_due', 'due_soon', 'overdue']),
    submittedAt: z.string().nullable(),
  })
  .openapi('ReportStatus');
const Report = ReportSchema;
const Narrative = narrativeContract.clone().openapi('ReportNarrative');
const Actions = ['markReady', 'backToDraft', 'approve', 'submit', 'acknowledge', 'reopen'] as const satisfies readonly ReportAction[];

/** /api/v1 yearly reports (R6, R7, R10): the same use cases and policy as the pages. */
export function reportsApi() {
  const api = apiRouter();
  api.openapi(
    ok(
      'get',
      '/reports',
      'Alle planers årsrapporter med status og frist, de forsinkede først',
      { query: z.object({ year: z.coerce.number().int().optional() }) },
      z.array(Row),
    ),
    async (c) => {
      const rows = await reportOverview(c.get('ctx'), { year: c.req.valid('query').year });
      return c.json(
        rows.map((r) => ({ ...r, submittedAt: r.submittedAt?.toISOString() ?? null })),
        200,
      );
    },
  );
  api.openapi(
    ok('get', '/plans/{id}/reports/{year}', 'Årsrapporten for en plan og et år (R6)', { params: PlanYear }, Report),
    async (c) => {
      const { id, year } = c.req.valid('param');
      return c.json(presentReport(await getReport(c.get('ctx'), id, year)), 200);
    },
  );
  api.openapi(
    ok(
      'put',
      '/plans/{id}/reports/{year}/narrative',
      'Gem projektlederens beretning og milepælsplanen for det kommende år (kladde)',
      {
        params: PlanYear,
        body: jsonBody(
          z.object({
            version: Version,
            narrative: Narrative,
            milestones: milestonePlanContract
              .optional()
              .openapi({ description: 'Milepælsplanen for det kommende år (R6); udeladt: uændret' }),
          }),
        ),
      },
      z.object({ version: z.number().int() }),
    ),
    async (c) => {
      const { id, year } = c.req.valid('param');
      const b = c.req.valid('json');
      return c.json(
        { version: await saveNarrative(c.get('ctx'), id, year, b.version, b.narrative as Record<string, string>, b.milestones) },
        200,
      );
    },
  );
  api.openapi(
    ok(
      'post',
      '/plans/{id}/reports/{year}/transitions',
      'Flyt rapporten et skridt: klar, godkend, indsend (låses), kvittér, genåbn som ny revision',
      { params: PlanYear, body: jsonBody(z.object({ version: Version, action: z.enum(Actions), ...reportTransitionFields })) },
      z.object({ state: z.enum(reportStates), revision: z.number().int(), version: z.number().int() }),
    ),
    async (c) => {
      const { id, year } = c.req.valid('param');
      const b = c.req.valid('json');
      return c.json(
        await transitionReport(c.get('ctx'), id, year, b.version, b.action, {
          reason: b.reason,
          lbfReference: b.lbfReference,
          earlySubmissionReason: b.earlySubmissionReason,
        }),
        200,
      );
    },
  );
  api.openapi(
    ok(
      'post',
      '/plans/{id}/reports/{year}/verdicts',
      'Bestyrelsens vurdering pr. succeskriterium (R10)',
      { params: PlanYear, body: jsonBody(verdictsContract.extend({ version: Version })) },
      z.object({ version: z.number().int() }),
    ),
    async (c) => {
      const { id, year } = c.req.valid('param');
      const b = c.req.valid('json');
      return c.json({ version: await recordVerdicts(c.get('ctx'), id, year, b.version, b) }, 200);
    },
  );
  api.openapi(
    ok(
      'put',
      '/report-deadlines/{year}',
      'Fastsæt fristen for et års rapporter',
      { params: z.object({ year: PlanYear.shape.year }), body: jsonBody(deadlineContract.extend({ version: z.number().int().min(0) })) },
      z.object({ ok: z.boolean() }),
    ),
    async (c) => {
      const b = c.req.valid('json');
      await setDeadline(c.get('ctx'), c.req.valid('param').year, b.version, b);
      return c.json({ ok: true }, 200);
    },
  );
  return api;
}
