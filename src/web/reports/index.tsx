import { reportStatusFor } from '../../services/reports/reports.ts';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { loadDemoReports } from '../../demo/reports.ts';
import { deadlineStatusLabels } from '../../domain/reports/index.ts';
import { can } from '../../policy/index.ts';
import { today } from '../../services/context.ts';
import {
  getFrozenRevision,
  getReport,
  planReportSummary,
  type ReportSnapshot,
  reportPdf,
  reportStatusRows,
  reportWorkbook,
  sendReportReminders,
  snapshotPdf,
  snapshotWorkbook,
} from '../../services/reports/index.ts';
import { xlsxType } from '../../services/excel.ts';
import { Table, Tag } from '../components/index.ts';
import type { AppEnv } from '../../app-env.ts';
import type { DashboardSection } from '../../app-env.ts';
import { formatDate } from '../format.ts';
import { fileReadModel } from '../readmodel.ts';
import { idParam } from '../registry/shared.tsx';
import { deadlinesPage, overviewPage, planReportsPage, saveDeadline } from './overview.tsx';
import { reportPaths } from './paths.ts';
import { deadlineKinds, reportAction, reportPage } from './report.tsx';

const yearParam = (c: Context<AppEnv>) => {
  const y = Number(c.req.param('year'));
  return Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : -1;
};

/**
 * The report as a file: a submitted report (or `?revision=N`, an earlier submitted revision) only from its frozen
 * snapshot; a draft from live data.
 */
async function reportFile(c: Context<AppEnv>, kind: 'pdf' | 'xlsx') {
  const ctx = c.get('ctx');
  const planId = idParam(c);
  const year = yearParam(c);
  const asked = c.req.query('revision');
  let file: Promise<Buffer>;
  let revision: number;
  if (asked !== undefined) {
    revision = /^\d{1,4}$/.test(asked) ? Number(asked) : -1;
    const f = await getFrozenRevision(ctx, planId, year, revision);
    file = kind === 'pdf' ? snapshotPdf(f) : snapshotWorkbook(f);
  } else {
    const r = await getReport(ctx, planId, year);
    revision = r.revision;
    const frozen =
      r.frozen && r.report?.snapshot
        ? { snapshot: r.report.snapshot as ReportSnapshot, submittedAt: r.report.submitted_at, contentHash: r.contentHash }
        : null;
    const meta = {
      state: r.state,
      revision: r.revision,
      narrative: r.narrative,
      milestones: r.milestones,
      submittedAt: null,
      contentHash: null,
    };
    file = frozen
      ? kind === 'pdf'
        ? snapshotPdf(frozen)
        : snapshotWorkbook(frozen)
      : kind === 'pdf'
        ? reportPdf(r.content, meta)
        : reportWorkbook(r.content, meta);
  }
  const name = `aarsrapport-${year}-plan-${planId}${revision > 1 ? `-rev${revision}` : ''}`;
  const body = new Uint8Array(await file);
  if (kind === 'pdf')
    return c.body(body, 200, { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${name}.pdf"` });
  return c.body(body, 200, { 'content-type': xlsxType, 'content-disposition': `attachment; filename="${name}.xlsx"` });
}

/** /planer/:id/rapporter — a plan's yearly reports (R6, R7, R10). */
export function planReportPages() {
  const r = new Hono<AppEnv>();
  r.get('/:id/rapporter', (c) => planReportsPage(c, idParam(c)));
  r.get('/:id/rapporter/:year', (c) => reportPage(c, idParam(c), yearParam(c)));
  r.get('/:id/rapporter/:year/rapport.pdf', fileReadModel(), (c) => reportFile(c, 'pdf'));
  r.get('/:id/rapporter/:year/rapport.xlsx', fileReadModel(), (c) => reportFile(c, 'xlsx'));
  r.post('/:id/rapporter/:year/:action', (c) => reportAction(c, idParam(c), yearParam(c), c.req.param('action')));
  return r;
}

export function reportOverviewPages() {
  const r = new Hono<AppEnv>();
  r.get('/', overviewPage);
  r.get('/frister', (c) => deadlinesPage(c));
  r.post('/frister/:year', (c) => saveDeadline(c, yearParam(c)));
  return r;
}

/** On the plan page: the reports by year, and the board's verdicts on the latest judged one (R10). */
export async function planReportsSection(c: Context<AppEnv>, planId: number) {
  const summary = await planReportSummary(c.get('ctx'), planId);
  if (!summary.years.length) return null;
  return (
    <section aria-labelledby="plan-reports" id="plan-reports-section">
      <h2 id="plan-reports">Årsrapporter</h2>
      <ul>
        {summary.years.map((r) => (
          <li>
            {r.readable ? <a href={reportPaths.report(planId, r.year)}>Årsrapport {r.year}</a> : `Årsrapport ${r.year}`}:{' '}
            {r.readable ? r.stateLabel : 'ikke indsendt'}{' '}
            <Tag kind={deadlineKinds[r.status]}>{`${deadlineStatusLabels[r.status]} (${formatDate(r.dueOn)})`}</Tag>
          </li>
        ))}
      </ul>
      {summary.verdicts && (
        <Table
          caption={`${summary.verdicts.bodyName || 'Bestyrelsens'} vurdering af årsrapport ${summary.verdicts.year}`}
          columns={[
            { key: 'indicator', label: 'Succeskriterium' },
            { key: 'verdict', label: 'Vurdering' },
            { key: 'comment', label: 'Kommentar' },
          ]}
          rows={summary.verdicts.items.map((x) => ({ indicator: x.indicator, verdict: x.verdictLabel, comment: x.comment || '—' }))}
        />
      )}
    </section>
  );
}

/** The reports area's part of the front page. */
export const reportsDashboard: DashboardSection = {
  order: 14,
  render: async (ctx) => {
    if (!can(ctx.actor, 'list', { type: 'reportOverview' })) return null;
    const late = (await reportStatusFor(ctx)).filter((r) => r.status === 'overdue');
    if (!late.length) return null;
    return (
      <>
        <h2>Forsinkede årsrapporter</h2>
        <ul>
          {late.slice(0, 5).map((r) => (
            <li>
              <a href={reportPaths.report(r.planId, r.year)}>
                {r.planName} {r.year}
              </a>{' '}
              (frist {formatDate(r.dueOn)})
            </li>
          ))}
        </ul>
        <p>
          <a href={reportPaths.overview()}>Alle årsrapporter ({late.length} forsinkede)</a>
        </p>
      </>
    );
  },
};
