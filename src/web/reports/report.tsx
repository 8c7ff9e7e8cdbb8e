import type { Context } from 'hono';
import { personName } from '../../presenters/people.ts';
import type { Child } from 'hono/jsx';
import { kr } from '../../domain/money/amount.ts';
import {
  deadlineStatusLabels,
  type DeadlineStatus,
  type Milestone,
  milestoneViolations,
  narrativeSections,
  type ReportAction,
  reportActionLabels,
  reportStateLabels,
  verdictLabels,
  verdicts,
} from '../../domain/reports/index.ts';
import { Conflict, Invalid, NotFound } from '../../errors.ts';
import { listMeetings } from '../../services/governance/meetings.ts';
import { getReport, recordVerdicts, type ReportView, saveNarrative, transitionReport } from '../../services/reports/reports.ts';
import {
  Alert,
  Button,
  ChoiceGroup,
  ErrorSummary,
  Form,
  HiddenField,
  SelectField,
  Table,
  Tag,
  TextArea,
  TextField,
} from '../components/index.ts';
import { ConflictNotice } from '../conflict.tsx';
import type { AppEnv } from '../../app-env.ts';
import { formatDate, formatDateTime, formatNumber } from '../format.ts';
import { contractOrInvalid, type FormErrors, type FormFailure, formFailure, type FormValues, parseWith, readForm } from '../forms.ts';
import { planPaths } from '../plans/paths.ts';
import { SummaryList } from '../registry/shared.tsx';
import { flash, home, page } from '../render.tsx';
import { reportPaths } from './paths.ts';
import { z } from 'zod';
import { milestoneContract, narrativeContract, reportTransitionFields, verdictsContract } from '../../contracts/reports.ts';

export const deadlineKinds: Record<DeadlineStatus, 'info' | 'success' | 'warning' | 'error'> = {
  submitted: 'success',
  not_due: 'info',
  due_soon: 'warning',
  overdue: 'error',
};
const num = (x: number | null) => (x === null ? '—' : formatNumber(x, Number.isInteger(x) ? 0 : 2));
const moneyCols = [
  { key: 'name', label: '', srLabel: 'Post' },
  { key: 'budget', label: 'Budget i året', numeric: true },
  { key: 'actual', label: 'Forbrug i året', numeric: true },
  { key: 'variance', label: 'Afvigelse', numeric: true },
  { key: 'cumBudget', label: 'Budget til og med året', numeric: true },
  { key: 'cumActual', label: 'Forbrug til og med året', numeric: true },
];
const moneyRow = (r: {
  name: string;
  budgetOre: number;
  actualOre: number;
  varianceOre: number;
  cumulativeBudgetOre: number;
  cumulativeActualOre: number;
}) => ({
  name: r.name,
  budget: kr(r.budgetOre),
  actual: kr(r.actualOre),
  variance: kr(r.varianceOre),
  cumBudget: kr(r.cumulativeBudgetOre),
  cumActual: kr(r.cumulativeActualOre),
});

type State = { values?: FormValues; errors?: FormErrors; status?: 200 | FormFailure['status']; conflict?: Conflict };

/** The report's content sections, as the PDF has them. */
function Sections({ r }: { r: ReportView }) {
  const c = r.content;
  return (
    <>
      <h2 id="goals">1. Mål og succeskriterier</h2>
      <p class="small-text">{c.statusRule}</p>
      {c.goals.map((g) => (
        <>
          <h3>{g.title}</h3>
          <Table
            caption={`Succeskriterier for «${g.title}»`}
            columns={[
              { key: 'indicator', label: 'Indikator' },
              { key: 'baseline', label: 'Baseline' },
              { key: 'target', label: 'Mål' },
              { key: 'values', label: `Målinger i ${c.year}` },
              { key: 'status', label: 'Status' },
            ]}
            rows={g.criteria.map((cr) => ({
              indicator: `${cr.indicator}${cr.unit ? ` (${cr.unit})` : ''}`,
              baseline: `${num(cr.baseline.value)} (${formatDate(cr.baseline.date)})`,
              target: `${num(cr.target.value)} (${formatDate(cr.target.date)})`,
              values: cr.yearValues.length ? cr.yearValues.map((v) => `${num(v.value)} (${formatDate(v.measuredOn)})`).join(', ') : 'Ingen',
              status:
                cr.expected === null
                  ? cr.statusLabel
                  : `${cr.statusLabel} (forventet ${num(cr.expected)} pr. ${formatDate(cr.latest?.measuredOn ?? null)})`,
            }))}
            empty="Ingen succeskriterier."
          />
        </>
      ))}
      <h2 id="activities">2. Aktiviteter</h2>
      {c.activityRule && <p class="small-text">{c.activityRule}</p>}
      <Table
        caption={`Aktiviteternes status i ${c.year}`}
        columns={[
          { key: 'title', label: 'Aktivitet' },
          { key: 'focus', label: 'Indsatsområde' },
          { key: 'status', label: 'Status' },
          { key: 'period', label: 'Periode' },
          { key: 'changes', label: 'Ændret i året' },
        ]}
        rows={c.activities.map((a) => ({
          title: a.title,
          focus: a.focusArea,
          status: a.statusLabel,
          period: `${formatDate(a.startsOn)} – ${formatDate(a.endsOn)}`,
          changes: a.changes.join('; ') || '—',
        }))}
        empty="Ingen aktiviteter."
      />
      <h2 id="finance">3. Økonomi</h2>
      <p>Planens samlede ramme: {kr(c.finance.frameOre)}</p>
      <Table
        caption="Budget og forbrug pr. budgetlinje"
        id="report-lines"
        columns={moneyCols}
        rows={[...c.finance.lines.map(moneyRow), { ...moneyRow(c.finance.totals), name: <strong>I alt</strong> }]}
        empty="Intet budget."
      />
      <Table
        caption="Budget og forbrug pr. finansieringskilde"
        id="report-funders"
        columns={[{ key: 'name', label: 'Kilde' }, { key: 'share', label: 'Andel af rammen', numeric: true }, ...moneyCols.slice(1)]}
        rows={c.finance.funders.map((f) => ({
          ...moneyRow(f),
          name: `${f.name} (${f.kindLabel})`,
          share: f.shareBp === null ? '—' : `${formatNumber(f.shareBp / 100, 2)} %`,
        }))}
        empty="Ingen finansieringskilder."
      />
      <p class="small-text">{c.finance.rounding}</p>
      <h2 id="changes">4. Ændringer godkendt i {c.year}</h2>
      <Table
        caption="Gennemførte ændringsanmodninger"
        columns={[
          { key: 'n', label: 'Nr.' },
          { key: 'title', label: 'Ændring' },
          { key: 'kind', label: 'Art' },
          { key: 'on', label: 'Gennemført' },
          { key: 'v', label: 'Ny version' },
        ]}
        rows={c.changes.map((x) => ({
          n: String(x.number),
          title: <a href={`/planer/${c.plan.id}/aendringer/${x.id}`}>{x.title}</a>,
          kind: x.kindLabel,
          on: formatDate(x.appliedOn),
          v: x.version ? String(x.version) : '—',
        }))}
        empty="Ingen ændringer i året."
      />
      <h2 id="previous-verdicts">5. Bestyrelsens vurdering af sidste års rapport</h2>
      <Table
        caption={`Vurdering af årsrapport ${c.year - 1}`}
        columns={[
          { key: 'indicator', label: 'Succeskriterium' },
          { key: 'verdict', label: 'Vurdering' },
          { key: 'comment', label: 'Kommentar' },
          { key: 'decided', label: 'Besluttet' },
        ]}
        rows={c.previousVerdicts.map((v) => ({
          indicator: v.indicator,
          verdict: v.verdictLabel,
          comment: v.comment || '—',
          decided: `${formatDate(v.decidedOn)}, ${v.bodyName}`,
        }))}
        empty="Ingen vurdering registreret."
      />
    </>
  );
}

/** R6 — next year's milestone plan as a table (read-only, and in the frozen report). */
function MilestoneTable({ r }: { r: ReportView }) {
  return (
    <>
      <h2 id="milestones">7. Milepælsplan for {r.year + 1}</h2>
      <Table
        caption={`Milepæle i ${r.year + 1}`}
        columns={[
          { key: 'dueOn', label: 'Dato' },
          { key: 'description', label: 'Milepæl' },
          { key: 'responsible', label: 'Ansvarlig' },
        ]}
        rows={r.milestones.map((m) => ({ dueOn: formatDate(m.dueOn), description: m.description, responsible: m.responsible }))}
        empty="Ingen milepæle."
      />
    </>
  );
}

const milestoneKeys = ['dueOn', 'description', 'responsible'] as const;
/** How many empty milestone rows the form offers below the saved ones (no JavaScript needed to add one). */
const blankMilestoneRows = 3;

/** The row numbers a submitted form holds (`milestones.<n>.<field>`). */
const submittedRows = (values: FormValues) =>
  [...new Set(Object.keys(values).flatMap((k) => /^milestones\.(\d{1,3})\.\w+$/.exec(k)?.[1] ?? []))].map(Number).sort((a, b) => a - b);

/** R6 — the milestone plan's rows in the narrative form: the saved milestones, then empty rows. */
function MilestoneFields({ r, values, errors }: { r: ReportView; values?: FormValues; errors: FormErrors }) {
  const rows: Record<(typeof milestoneKeys)[number], string>[] =
    values && submittedRows(values).length
      ? submittedRows(values).map((i) => Object.fromEntries(milestoneKeys.map((k) => [k, values[`milestones.${i}.${k}`] ?? ''])) as never)
      : r.milestones.map((m) => ({ ...m }));
  const shown = [...rows, ...Array.from({ length: blankMilestoneRows }, () => ({ dueOn: '', description: '', responsible: '' }))];
  return (
    <fieldset id="milestones">
      <legend class="h3">Milepælsplan for {r.year + 1}</legend>
      <p class="form-hint">
        Landsbyggefonden skal have en milepælsplan for det kommende år med rapporten. Udfyld en række pr. milepæl; tomme rækker gemmes ikke.
        Gem for at få flere tomme rækker.
      </p>
      {errors.milestones && (
        <p class="form-error-message">
          <span class="sr-only">Fejl: </span>
          {errors.milestones}
        </p>
      )}
      {shown.map((m, i) => (
        <div class="milestone-row">
          <TextField
            name={`milestones.${i}.dueOn`}
            label={`Milepæl ${i + 1}: dato`}
            type="date"
            value={m.dueOn}
            error={errors[`milestones.${i}.dueOn`]}
          />
          <TextField
            name={`milestones.${i}.description`}
            label={`Milepæl ${i + 1}: hvad`}
            value={m.description}
            error={errors[`milestones.${i}.description`]}
            width="xl"
          />
          <TextField
            name={`milestones.${i}.responsible`}
            label={`Milepæl ${i + 1}: ansvarlig`}
            value={m.responsible}
            error={errors[`milestones.${i}.responsible`]}
          />
        </div>
      ))}
    </fieldset>
  );
}

/**
 * R6 — the form's adapter to the milestone contract: each filled-in row (`milestones.<n>.<field>`) checked on its own,
 * so a message lands next to its field; empty rows are left out. Refuses with every row's messages at once.
 */
function milestonesFromForm(values: FormValues, year: number): Milestone[] {
  const out: { row: number; m: Milestone }[] = [];
  const errors: Record<string, string> = {};
  for (const i of submittedRows(values)) {
    const row = Object.fromEntries(milestoneKeys.map((k) => [k, (values[`milestones.${i}.${k}`] ?? '').trim()]));
    if (milestoneKeys.every((k) => !row[k])) continue;
    const parsed = parseWith(milestoneContract, row);
    if (parsed.ok) out.push({ row: i, m: parsed.data });
    else for (const [k, m] of Object.entries(parsed.errors)) errors[`milestones.${i}.${k}`] = m;
  }
  // The same next-year rule the use case applies, keyed by the form's row.
  for (const w of milestoneViolations(
    year,
    out.map((x) => x.m),
  ))
    errors[`milestones.${out[w.index]!.row}.dueOn`] ??= w.message;
  if (Object.keys(errors).length) throw new Invalid(errors);
  return out.map((x) => x.m);
}

const lifecycleActions: ReportAction[] = ['markReady', 'backToDraft', 'approve', 'submit', 'acknowledge', 'reopen'];

/** /planer/:id/rapporter/:year — the report, its workflow, the narrative and the board's verdict (R6, R7, R10). */
export async function reportPage(c: Context<AppEnv>, planId: number, year: number, st: State = {}) {
  const ctx = c.get('ctx');
  const r = await getReport(ctx, planId, year);
  const csrf = c.get('csrfToken');
  const errors = st.errors ?? {};
  const val = (k: string) => (st.values ?? {})[k];
  const may = (a: ReportView['actions'][number]) => r.actions.includes(a);
  const meetings = may('recordVerdict') && r.decidingBody ? await listMeetings(ctx, { bodyId: r.decidingBody.id }) : [];
  const crumbs = [
    home,
    { label: 'Planer', href: planPaths.list() },
    { label: r.planName, href: planPaths.plan(planId) },
    { label: 'Årsrapporter', href: reportPaths.ofPlan(planId) },
    { label: String(year) },
  ];
  return page(
    c,
    { title: `Årsrapport ${year}: ${r.planName}`, breadcrumbs: crumbs, status: st.status },
    <>
      <h1>
        Årsrapport {year}: {r.planName}
      </h1>
      <p>
        <Tag kind={r.frozen ? 'success' : 'info'}>{r.stateLabel}</Tag>{' '}
        <Tag
          kind={deadlineKinds[r.deadline.status]}
        >{`${deadlineStatusLabels[r.deadline.status]}: frist ${formatDate(r.deadline.dueOn)}`}</Tag>
      </p>
      {st.conflict && <ConflictNotice conflict={st.conflict} />}
      <ErrorSummary errors={Object.entries(errors).map(([f, m]) => ({ field: f, message: m }))} />
      {r.deadline.status === 'overdue' && (
        <Alert kind="error" heading="Rapporten er forsinket">
          <p>Fristen var {formatDate(r.deadline.dueOn)}. Landsbyggefonden kan holde udbetalinger tilbage, mens rapporten mangler.</p>
        </Alert>
      )}
      <SummaryList
        items={[
          [
            'Revision',
            r.revisions.length > 1
              ? `${r.revision} af ${r.revisions.length}${r.report?.reopen_reason ? ` — genåbnet: ${r.report.reopen_reason}` : ''}`
              : String(r.revision),
          ],
          [
            'Indhold',
            r.frozen
              ? `Låst ved indsendelsen ${r.report?.submitted_at ? formatDateTime(r.report.submitted_at) : ''}; senere ændringer i planen ændrer ikke rapporten.`
              : 'Hentet fra Helheds data nu; låses, når rapporten indsendes.',
          ],
          ...(r.contentHash ? ([['Kontrolsum (SHA-256)', <code>{r.contentHash}</code>]] as [string, Child][]) : []),
          [
            'Godkendt',
            r.report?.approved_at ? `${formatDateTime(r.report.approved_at)} af ${personName(r.report.approved_by_label)}` : '—',
          ],
          [
            'Indsendt',
            r.report?.submitted_at ? `${formatDateTime(r.report.submitted_at)} af ${personName(r.report.submitted_by_label)}` : '—',
          ],
          [
            'Modtaget af Landsbyggefonden',
            r.report?.acknowledged_at
              ? `${formatDateTime(r.report.acknowledged_at)}${r.report.lbf_reference ? ` (${r.report.lbf_reference})` : ''}`
              : '—',
          ],
          ['Vurderes af', r.decidingBody?.name ?? '—'],
        ]}
      />
      <p>
        <a href={reportPaths.pdf(planId, year)}>Hent rapporten som PDF</a> ·{' '}
        <a href={reportPaths.excel(planId, year)}>Hent tallene som Excel</a>
      </p>
      {lifecycleActions
        .filter((a) => may(a))
        .map((a) => (
          <Form action={reportPaths.action(planId, year, a)} csrfToken={csrf} fieldPrefix={`${a}-`}>
            <HiddenField name="version" value={String(r.version)} />
            {a === 'acknowledge' && <TextField name="lbfReference" label="Landsbyggefondens reference" value={val('lbfReference')} />}
            {a === 'submit' && !r.yearEnded && (
              <TextArea
                name="earlySubmissionReason"
                label={`Begrundelse for at indsende før ${year} er slut`}
                hint={`Årsrapporten indsendes normalt, når året er slut. Skal den indsendes nu, så skriv hvorfor; begrundelsen gemmes i historikken.`}
                value={val('earlySubmissionReason')}
                error={errors.earlySubmissionReason}
                rows={3}
                required
              />
            )}
            {a === 'reopen' && (
              <TextField name="reason" label="Hvorfor genåbnes rapporten?" value={val('reason')} error={errors.reason} required />
            )}
            <Button type="submit" variant={a === 'backToDraft' || a === 'reopen' ? 'secondary' : 'primary'}>
              {reportActionLabels[a]}
            </Button>
          </Form>
        ))}
      <Sections r={r} />
      <h2 id="narrative">6. Projektlederens beretning</h2>
      {may('writeNarrative') ? (
        <Form action={reportPaths.action(planId, year, 'beretning')} csrfToken={csrf} fieldPrefix="narrative-">
          <HiddenField name="version" value={String(r.version)} />
          {narrativeSections.map(([k, label]) => (
            <TextArea name={k} label={label} value={val(k) ?? r.narrative[k]} error={errors[k]} rows={5} />
          ))}
          <MilestoneFields r={r} values={st.values} errors={errors} />
          <Button type="submit">Gem beretningen og milepælsplanen</Button>
        </Form>
      ) : (
        <>
          {narrativeSections.map(([k, label]) => (
            <>
              <h3>{label}</h3>
              <p style="white-space: pre-wrap">{r.narrative[k] || '(Ikke udfyldt)'}</p>
            </>
          ))}
          <MilestoneTable r={r} />
        </>
      )}
      {(r.frozen || r.verdicts.length > 0) && (
        <>
          <h2 id="verdicts">Bestyrelsens vurdering</h2>
          <Table
            caption="Vurdering pr. succeskriterium"
            columns={[
              { key: 'indicator', label: 'Succeskriterium' },
              { key: 'verdict', label: 'Vurdering' },
              { key: 'comment', label: 'Kommentar' },
              { key: 'decided', label: 'Besluttet' },
            ]}
            rows={r.verdicts.map((v) => ({
              indicator: v.indicator,
              verdict: v.verdictLabel,
              comment: v.comment || '—',
              decided: (
                <>
                  {formatDate(v.decidedOn)}, {v.bodyName}
                  {v.meetingId && (
                    <>
                      {' '}
                      (<a href={`/styring/moeder/${v.meetingId}`}>mødet</a>)
                    </>
                  )}
                </>
              ),
            }))}
            empty="Bestyrelsen har ikke vurderet rapporten endnu."
          />
        </>
      )}
      {may('recordVerdict') && (
        <Form action={reportPaths.action(planId, year, 'vurdering')} csrfToken={csrf} fieldPrefix="verdict-">
          <HiddenField name="version" value={String(r.version)} />
          <SelectField
            name="meetingId"
            label="Møde, hvor vurderingen blev besluttet"
            options={[
              { value: '', label: 'Skriftlig behandling' },
              ...meetings.map((m) => ({ value: String(m.id), label: `${formatDateTime(m.startsAt)} — ${m.place}` })),
            ]}
            value={val('meetingId')}
            error={errors.meetingId}
          />
          <TextField name="decidedOn" label="Besluttet den" type="date" value={val('decidedOn')} error={errors.decidedOn} required />
          {r.content.goals.flatMap((g) =>
            g.criteria.map((cr) => (
              <>
                <ChoiceGroup
                  name={`v-${cr.id}`}
                  type="radio"
                  label={`${cr.indicator} (${g.title})`}
                  options={verdicts.map((v) => ({ value: v, label: verdictLabels[v] }))}
                  values={[val(`v-${cr.id}`) ?? r.verdicts.find((x) => x.criterionId === cr.id)?.verdict ?? '']}
                  error={errors[`v-${cr.id}`]}
                />
                <TextField
                  name={`c-${cr.id}`}
                  label={`Kommentar til ${cr.indicator}`}
                  value={val(`c-${cr.id}`) ?? r.verdicts.find((x) => x.criterionId === cr.id)?.comment}
                />
              </>
            )),
          )}
          {errors.verdicts && <p class="form-error-message">{errors.verdicts}</p>}
          <Button type="submit">Gem vurderingen</Button>
        </Form>
      )}
      {r.revisions.length > 1 && (
        <>
          <h2 id="revisions">Revisioner</h2>
          <Table
            caption="Rapportens revisioner"
            columns={[
              { key: 'n', label: 'Revision' },
              { key: 'state', label: 'Status' },
              { key: 'at', label: 'Indsendt' },
              { key: 'hash', label: 'Kontrolsum' },
              { key: 'pdf', label: 'Som indsendt' },
            ]}
            rows={r.revisions.map((x) => ({
              n: String(x.revision),
              state: reportStateLabels[x.state],
              at: x.submittedAt ? formatDateTime(x.submittedAt) : '—',
              hash: x.contentHash ? <code>{x.contentHash.slice(0, 16)}…</code> : '—',
              pdf: x.contentHash ? <a href={reportPaths.pdf(planId, year, x.revision)}>PDF for revision {x.revision}</a> : '—',
            }))}
          />
        </>
      )}
    </>,
  );
}

const actionSlugs: Record<string, ReportAction> = Object.fromEntries(lifecycleActions.map((a) => [a, a]));
const doneText: Record<ReportAction, string> = {
  markReady: 'Rapporten er sendt til godkendelse i boligorganisationen.',
  backToDraft: 'Rapporten er sendt tilbage til projektlederen som kladde.',
  approve: 'Rapporten er godkendt af boligorganisationen.',
  submit: 'Rapporten er indsendt til Landsbyggefonden og låst.',
  acknowledge: 'Modtagelsen er registreret.',
  reopen: 'En ny revision er oprettet som kladde.',
};

/** The report's forms: narrative, workflow steps and verdicts; refusals keep the input and explain. */
export async function reportAction(c: Context<AppEnv>, planId: number, year: number, action: string) {
  const values = await readForm(c);
  const ctx = c.get('ctx');
  const version = Number(values.version ?? 0);
  try {
    if (action === 'beretning') {
      await saveNarrative(ctx, planId, year, version, contractOrInvalid(narrativeContract, values), milestonesFromForm(values, year));
      flash(c, 'Beretningen er gemt.');
    } else if (action === 'vurdering') {
      // The form's adapter to the verdicts contract: one `v-<criterion>` choice and `c-<criterion>` comment per criterion.
      const chosen = Object.entries(values).filter(([k, v]) => /^v-\d{1,10}$/.test(k) && (verdicts as readonly string[]).includes(v));
      await recordVerdicts(
        ctx,
        planId,
        year,
        version,
        contractOrInvalid(verdictsContract, {
          decidedOn: values.decidedOn,
          meetingId: values.meetingId && /^\d{1,10}$/.test(values.meetingId) ? Number(values.meetingId) : null,
          verdicts: chosen.map(([k, v]) => ({ criterionId: Number(k.slice(2)), verdict: v, comment: values[`c-${k.slice(2)}`] ?? '' })),
        }),
      );
      flash(c, 'Bestyrelsens vurdering er gemt.');
    } else {
      const a = actionSlugs[action];
      if (!a) throw new NotFound('Handlingen findes ikke.');
      await transitionReport(
        ctx,
        planId,
        year,
        version,
        a,
        contractOrInvalid(z.object(reportTransitionFields), {
          reason: values.reason,
          lbfReference: values.lbfReference,
          earlySubmissionReason: values.earlySubmissionReason,
        }),
      );
      flash(c, doneText[a]);
    }
  } catch (err) {
    return reportPage(c, planId, year, { values, ...formFailure(err) });
  }
  return c.redirect(reportPaths.report(planId, year), 303);
}
