import { planHeader } from '../../services/plans/access.ts';
import type { Context } from 'hono';
import { deadlineStatusLabels } from '../../domain/reports/index.ts';
import { type Conflict, Forbidden, Invalid, Unauthorized } from '../../errors.ts';
import { deadlineFor, getReport, reportOverview, setDeadline, reportDeadlines } from '../../services/reports/reports.ts';
import { today } from '../../services/context.ts';
import { reportYears } from '../../domain/reports/index.ts';
import { Button, ErrorSummary, Form, HiddenField, Table, Tag, TextField } from '../components/index.ts';
import type { AppEnv } from '../../app-env.ts';
import { formatDate } from '../format.ts';
import { contractOrInvalid, type FormErrors, type FormValues, readForm } from '../forms.ts';
import { planPaths } from '../plans/paths.ts';
import { flash, home, page } from '../render.tsx';
import { reportPaths } from './paths.ts';
import { deadlineKinds } from './report.tsx';
import { deadlineContract } from '../../contracts/reports.ts';

/** /rapporter — every plan's yearly reports, the late ones first (R6). */
export async function overviewPage(c: Context<AppEnv>) {
  const yearParam = Number(c.req.query('aar'));
  const year = Number.isInteger(yearParam) && yearParam > 2000 ? yearParam : undefined;
  const rows = await reportOverview(c.get('ctx'), { year });
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => b - a);
  const late = rows.filter((r) => r.status === 'overdue').length;
  return page(
    c,
    { title: 'Årsrapporter', breadcrumbs: [home, { label: 'Årsrapporter' }] },
    <>
      <h1>Årsrapporter til Landsbyggefonden</h1>
      <p>
        Hver plan rapporterer for hvert kalenderår; rapporten skal være indsendt seks måneder efter årets udgang, medmindre sekretariatet
        har fastsat en anden frist. {late > 0 ? <strong>{late} forsinkede.</strong> : 'Ingen forsinkede.'}{' '}
        <a href={reportPaths.deadlines()}>Frister</a>
      </p>
      <form method="get" action={reportPaths.overview()} class="mb-5">
        <label class="form-label" for="aar">
          År
        </label>
        <select class="form-select" id="aar" name="aar">
          <option value="">Alle år</option>
          {years.map((y) => (
            <option value={String(y)} selected={y === year}>
              {y}
            </option>
          ))}
        </select>{' '}
        <Button type="submit" variant="secondary">
          Vis
        </Button>
      </form>
      <Table
        caption="Planernes årsrapporter"
        id="report-overview"
        columns={[
          { key: 'plan', label: 'Plan' },
          { key: 'district', label: 'Bydel' },
          { key: 'year', label: 'År' },
          { key: 'state', label: 'Rapport' },
          { key: 'due', label: 'Frist' },
          { key: 'status', label: 'Status' },
        ]}
        rows={rows.map((r) => ({
          plan: <a href={reportPaths.report(r.planId, r.year)}>{r.planName}</a>,
          district: r.district || '—',
          year: String(r.year),
          state: r.revision > 1 ? `${r.stateLabel} (revision ${r.revision})` : r.stateLabel,
          due: formatDate(r.dueOn),
          status: <Tag kind={deadlineKinds[r.status]}>{deadlineStatusLabels[r.status]}</Tag>,
        }))}
        empty="Ingen planer med årsrapporter."
      />
    </>,
  );
}

/** /rapporter/frister — the deadline per year and the reminder days; the secretariat changes them. */
export async function deadlinesPage(
  c: Context<AppEnv>,
  st: { values?: FormValues; errors?: FormErrors; year?: number; status?: 200 | 400 | 409; conflict?: Conflict } = {},
) {
  const ctx = c.get('ctx');
  const rows = await reportOverview(ctx);
  const thisYear = Number(today(ctx).slice(0, 4));
  const years = [...new Set([...rows.map((r) => r.year), thisYear])].sort((a, b) => b - a);
  const deadlines = await reportDeadlines(ctx, years);
  const csrf = c.get('csrfToken');
  const errors = st.errors ?? {};
  return page(
    c,
    {
      title: 'Frister for årsrapporter',
      breadcrumbs: [home, { label: 'Årsrapporter', href: reportPaths.overview() }, { label: 'Frister' }],
      status: st.status,
    },
    <>
      <h1>Frister for årsrapporter</h1>
      <p>
        Uden en fastsat frist skal rapporten for et år være indsendt den 30. juni året efter. Påmindelser sendes det angivne antal dage før
        fristen og igen, når fristen er overskredet.
      </p>
      <ErrorSummary errors={Object.entries(errors).map(([f, m]) => ({ field: `${st.year}-${f}`, message: m }))} />
      {deadlines.map((d) => (
        <Form action={`${reportPaths.deadlines()}/${d.year}`} csrfToken={csrf} fieldPrefix={`${d.year}-`}>
          <h2>{d.year}</h2>
          <HiddenField name="version" value={String(d.version)} />
          <TextField
            name="dueOn"
            label={`Frist for årsrapport ${d.year}`}
            type="date"
            value={st.year === d.year ? st.values?.dueOn : d.dueOn}
            error={st.year === d.year ? errors.dueOn : undefined}
            required
          />
          <TextField
            name="remindDays"
            label="Påmindelse, dage før fristen"
            inputmode="numeric"
            width="xs"
            value={st.year === d.year ? st.values?.remindDays : String(d.remindDays)}
            error={st.year === d.year ? errors.remindDays : undefined}
            required
          />
          <Button type="submit" variant="secondary">
            Gem fristen for {d.year}
          </Button>
        </Form>
      ))}
    </>,
  );
}

export async function saveDeadline(c: Context<AppEnv>, year: number) {
  const values = await readForm(c);
  // The form's adapter to the deadline contract: the number of days arrives as a string.
  const days = /^\d{1,3}$/.test(values.remindDays ?? '') ? Number(values.remindDays) : Number.NaN;
  try {
    await setDeadline(
      c.get('ctx'),
      year,
      Number(values.version ?? 0),
      contractOrInvalid(deadlineContract, { dueOn: values.dueOn, remindDays: days }),
    );
  } catch (err) {
    if (err instanceof Invalid) return deadlinesPage(c, { values, errors: err.fields, year, status: 400 });
    throw err;
  }
  flash(c, `Fristen for ${year} er gemt.`);
  return c.redirect(reportPaths.deadlines(), 303);
}

/** /planer/:id/rapporter — the plan's reports, one per year. */
export async function planReportsPage(c: Context<AppEnv>, planId: number) {
  const ctx = c.get('ctx');
  const plan = await planHeader(ctx, planId);
  const years = reportYears(plan, today(ctx));
  // A draft is not public: those who may not read it see only that the year's report is not submitted yet.
  const reports = await Promise.all(
    years.map((y) =>
      getReport(ctx, planId, y).catch((err) => (err instanceof Forbidden || err instanceof Unauthorized ? y : Promise.reject(err))),
    ),
  );
  return page(
    c,
    {
      title: `Årsrapporter: ${plan.name}`,
      breadcrumbs: [
        home,
        { label: 'Planer', href: planPaths.list() },
        { label: plan.name, href: planPaths.plan(planId) },
        { label: 'Årsrapporter' },
      ],
    },
    <>
      <h1>Årsrapporter for {plan.name}</h1>
      <Table
        caption="Rapporter pr. år"
        columns={[
          { key: 'year', label: 'År' },
          { key: 'state', label: 'Rapport' },
          { key: 'due', label: 'Frist' },
          { key: 'status', label: 'Status' },
        ]}
        rows={reports.map((r) =>
          typeof r === 'number'
            ? { year: `Årsrapport ${r}`, state: 'Ikke indsendt (kladder er ikke offentlige)', due: '—', status: '—' }
            : {
                year: <a href={reportPaths.report(planId, r.year)}>Årsrapport {r.year}</a>,
                state: r.stateLabel,
                due: formatDate(r.deadline.dueOn),
                status: <Tag kind={deadlineKinds[r.deadline.status]}>{deadlineStatusLabels[r.deadline.status]}</Tag>,
              },
        )}
        empty="Planen er ikke begyndt endnu; den første årsrapport kommer i planens første år."
      />
    </>,
  );
}
