import type { Context } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { agreementStepContract, measurementContract, targetContract } from '../../contracts/partnership.ts';
import { type AgreementAction, agreementActionLabels, type TargetStatus } from '../../domain/partnership/index.ts';
import { can } from '../../policy/index.ts';
import {
  type AgreementView,
  agreementForums,
  forumMeetings,
  getAgreement,
  getTarget,
  listAgreements,
  listDialogues,
  partnershipDesk,
  recordMeasurement,
  transitionAgreement,
  updateTarget,
} from '../../services/partnership/index.ts';
import { today } from '../../services/context.ts';
import { Alert, Button, ErrorSummary, Form, HiddenField, SelectField, Table, Tag, TextArea, TextField } from '../components/index.ts';
import { ConflictNotice } from '../conflict.tsx';
import { formatDate, formatDateTime, formatNumber } from '../format.ts';
import { contractOrInvalid, type FormFailure, formFailure, type FormValues, readForm } from '../forms.ts';
import { SummaryList } from '../registry/shared.tsx';
import { flash, home, page } from '../render.tsx';
import { TargetChart } from './chart.tsx';
import { partnershipPaths as p } from './paths.ts';

export const statusKinds: Record<TargetStatus, 'success' | 'info' | 'warning' | 'error'> = {
  met: 'success',
  on_track: 'info',
  at_risk: 'warning',
  missed: 'error',
  no_data: 'info',
};
export const num = (x: number | null) => (x === null ? '—' : formatNumber(x, Number.isInteger(x) ? 0 : 1));
/** A Danish number from a form ("1.234,5"); empty is null, anything else not a number is NaN (the contract refuses it). */
export const formNumber = (s: string | undefined) => {
  const v = (s ?? '').trim();
  if (!v) return null;
  return /^-?[\d.]*\d(,\d+)?$/.test(v) ? Number(v.replace(/\./g, '').replace(',', '.')) : Number.NaN;
};
/** A form's id field: empty is null, digits a number, anything else NaN (refused by the contract). */
export const formId = (s: string | undefined) => (!s?.trim() ? null : /^\d{1,10}$/.test(s.trim()) ? Number(s.trim()) : Number.NaN);
export const formVersion = (s: string | undefined) => (/^\d{1,10}$/.test(s ?? '') ? Number(s) : Number.NaN);
const crumbs = [home, { label: 'Hovedaftale', href: p.home() }];

type State = Partial<FormFailure> & { values?: FormValues; form?: 'target' | 'measurement' };

/** /hovedaftale — the agreements, this year's dialogues, and for the housing office the desk. */
export async function homePage(c: Context<AppEnv>) {
  const ctx = c.get('ctx');
  const year = Number(today(ctx).slice(0, 4));
  const [agreements, dialogues, desk] = await Promise.all([
    listAgreements(ctx),
    listDialogues(ctx, { year }),
    can(ctx.actor, 'read', { type: 'partnershipDesk' }) ? partnershipDesk(ctx) : Promise.resolve(null),
  ]);
  return page(
    c,
    { title: 'Hovedaftale med den almene boligsektor', breadcrumbs: [home, { label: 'Hovedaftale' }] },
    <>
      <h1>Hovedaftale med den almene boligsektor</h1>
      <p>
        Aftalen mellem Københavns Kommune og BL's 1. kreds: temaer, visioner og konkrete mål, og de årlige styringsdialoger med hver
        boligorganisation.
      </p>
      <Table
        caption="Hovedaftaler"
        columns={[
          { key: 'title', label: 'Aftale' },
          { key: 'period', label: 'Periode' },
          { key: 'status', label: 'Status' },
          { key: 'targets', label: 'Mål', numeric: true },
        ]}
        rows={agreements.map((a) => ({
          title: <a href={p.agreement(a.agreement.id)}>{a.agreement.title}</a>,
          period: `${formatDate(a.agreement.period_from)} – ${a.agreement.period_to ? formatDate(a.agreement.period_to) : 'indtil den afløses'}`,
          status: a.statusLabel,
          targets: String(a.targets.length),
        }))}
      />
      <h2>Styringsdialoger {year}</h2>
      <Table
        caption={`Styringsdialoger i ${year}`}
        columns={[
          { key: 'title', label: 'Dialog' },
          { key: 'date', label: 'Mødedato' },
          { key: 'state', label: 'Status' },
        ]}
        rows={dialogues.map((d) => ({
          title: <a href={p.dialogue(d.id)}>{d.title}</a>,
          date: formatDate(d.meetingOn),
          state: d.stateLabel,
        }))}
        empty={`Ingen styringsdialoger i ${year}, som du kan se.`}
      />
      <p>
        <a href={p.dialogues()}>Alle styringsdialoger</a>
        {can(ctx.actor, 'prepareDialogue', { type: 'partnershipAgreement' }) && (
          <>
            {' · '}
            <a href={p.newDialogue()}>Forbered en styringsdialog</a>
          </>
        )}
      </p>
      {desk && <Desk desk={desk} />}
    </>,
  );
}

function Desk({ desk }: { desk: Awaited<ReturnType<typeof partnershipDesk>> }) {
  return (
    <section aria-labelledby="partnership-desk">
      <h2 id="partnership-desk">Boligkontorets overblik</h2>
      <h3>Boligorganisationer uden styringsdialog i {desk.year}</h3>
      {desk.withoutDialogue.length ? (
        <ul>
          {desk.withoutDialogue.map((o) => (
            <li>
              <a href={p.organisation(o.id)}>{o.name}</a>
            </li>
          ))}
        </ul>
      ) : (
        <p>Alle boligorganisationer har en styringsdialog i {desk.year}.</p>
      )}
      <Table
        caption="Tilsagn, hvis frist er overskredet"
        columns={[
          { key: 'org', label: 'Boligorganisation' },
          { key: 'what', label: 'Tilsagn' },
          { key: 'due', label: 'Frist' },
          { key: 'followUp', label: 'Seneste opfølgning' },
        ]}
        rows={desk.overdue.map((x) => ({
          org: <a href={p.organisation(x.organisationId)}>{x.organisation}</a>,
          what: <a href={p.dialogue(x.dialogueId)}>{x.what}</a>,
          due: formatDate(x.dueOn),
          followUp: x.followUp?.outcomeLabel ?? 'Ingen',
        }))}
        empty="Ingen tilsagn har overskredet fristen."
      />
    </section>
  );
}

/** The agreement's status, dates and meetings as a summary. */
function Facts({ a }: { a: AgreementView }) {
  const r = a.agreement;
  return (
    <SummaryList
      items={[
        ['Parter', r.parties],
        ['Periode', `${formatDate(r.period_from)} – ${r.period_to ? formatDate(r.period_to) : 'indtil den afløses'}`],
        ['Status', <Tag kind={r.status === 'adopted' ? 'success' : 'info'}>{a.statusLabel}</Tag>],
        [
          'Forhandlet i Partnerskabsforum',
          r.negotiated_on ? (
            <>
              {formatDate(r.negotiated_on)}
              {r.negotiated_meeting_id && (
                <>
                  {' '}
                  (
                  <a href={`/styring/moeder/${r.negotiated_meeting_id}`}>
                    mødet {r.negotiated_meeting_at ? formatDateTime(r.negotiated_meeting_at) : ''}
                  </a>
                  )
                </>
              )}
            </>
          ) : (
            '—'
          ),
        ],
        [
          'Vedtaget',
          r.adopted_on ? (
            <>
              {formatDate(r.adopted_on)}
              {r.decision_reference ? `, ${r.decision_reference}` : ''}
              {r.adopted_meeting_id && (
                <>
                  {' '}
                  (<a href={`/styring/moeder/${r.adopted_meeting_id}`}>mødet</a>)
                </>
              )}
            </>
          ) : (
            '—'
          ),
        ],
        ...(r.ended_on
          ? ([['Ophørt', `${formatDate(r.ended_on)}${r.replaced_by_title ? `, afløst af ${r.replaced_by_title}` : ''}`]] as [
              string,
              string,
            ][])
          : []),
        ['Kilde', r.source],
      ]}
    />
  );
}

/** /hovedaftale/aftaler/:id — the agreement: themes with visions, targets with status, and its life cycle. */
export async function agreementPage(c: Context<AppEnv>, id: number, st: State = {}) {
  const ctx = c.get('ctx');
  const a = await getAgreement(ctx, id);
  const errors = st.errors ?? {};
  const val = (k: string) => st.values?.[k];
  const [meetings, forums] = await Promise.all([a.actions.length ? forumMeetings(ctx.db) : Promise.resolve([]), agreementForums(ctx.db)]);
  const others = a.actions.includes('replace') ? (await listAgreements(ctx)).filter((x) => x.agreement.id !== id) : [];
  return page(
    c,
    { title: a.agreement.title, breadcrumbs: [...crumbs, { label: a.agreement.title }], status: st.status },
    <>
      <h1>{a.agreement.title}</h1>
      {st.conflict && <ConflictNotice conflict={st.conflict} />}
      <ErrorSummary errors={Object.entries(errors).map(([field, message]) => ({ field, message }))} />
      <Facts a={a} />
      <p>
        <a href={p.excel(id)}>Hent mål og tilsagn som Excel</a>
      </p>
      {forums.length > 0 && (
        <section aria-labelledby="agreement-forums">
          <h2 id="agreement-forums">Fora</h2>
          <ul>
            {forums.map((f) => (
              <li>
                <a href={`/styring/organer/${f.id}`}>{f.name}</a>:{' '}
                {f.type === 'partnership_forum'
                  ? 'forhandler og vedtager aftalen og følger den mindst én gang om året.'
                  : 'det ledende administrative niveau; kan indgå delaftaler om at nå de fælles mål.'}
              </li>
            ))}
          </ul>
        </section>
      )}
      {a.actions.length > 0 && (
        <section aria-labelledby="agreement-steps">
          <h2 id="agreement-steps">Aftalens forløb</h2>
          {a.actions.map((action) => (
            <Form action={p.agreementStep(id)} csrfToken={c.get('csrfToken')} fieldPrefix={`${action}-`}>
              <HiddenField name="version" value={String(a.agreement.version)} />
              <HiddenField name="action" value={action} />
              <TextField
                name="on"
                label={action === 'adopt' ? 'Beslutningsdato' : 'Dato'}
                type="date"
                value={val('action') === action ? val('on') : today(ctx)}
                error={val('action') === action ? errors.on : undefined}
                required
              />
              {(action === 'negotiate' || action === 'adopt') && (
                <SelectField
                  name="meetingId"
                  label="Møde i Partnerskabsforum"
                  required={action === 'negotiate'}
                  options={[
                    { value: '', label: 'Vælg mødet' },
                    ...meetings.map((m) => ({
                      value: String(m.id),
                      label: `${formatDateTime(m.starts_at)}${m.place ? ` — ${m.place}` : ''}`,
                    })),
                  ]}
                  value={val('action') === action ? val('meetingId') : undefined}
                  error={val('action') === action ? errors.meetingId : undefined}
                />
              )}
              {action === 'adopt' && (
                <TextField
                  name="reference"
                  label="Beslutningens reference"
                  hint="Fx sagsnummer eller punkt på mødet"
                  value={val('reference')}
                  error={errors.reference}
                  required
                />
              )}
              {action === 'replace' && (
                <SelectField
                  name="replacedById"
                  label="Afløst af"
                  required
                  options={[
                    { value: '', label: 'Vælg aftalen' },
                    ...others.map((o) => ({ value: String(o.agreement.id), label: o.agreement.title })),
                  ]}
                  value={val('replacedById')}
                  error={errors.replacedById}
                />
              )}
              <Button variant={action === 'expire' || action === 'replace' ? 'secondary' : 'primary'}>
                {agreementActionLabels[action as AgreementAction]}
              </Button>
            </Form>
          ))}
        </section>
      )}
      {a.themes.map((t) => (
        <section aria-labelledby={`theme-${t.number}`}>
          <h2 id={`theme-${t.number}`}>
            {t.number}. {t.title}
          </h2>
          <p>
            <strong>Vision:</strong> {t.vision}
          </p>
          <p class="small-text">{t.sourceLine}</p>
          {t.targets.length > 0 && (
            <Table
              caption={`Mål under «${t.title}»`}
              columns={[
                { key: 'title', label: 'Mål' },
                { key: 'goal', label: 'Målværdi' },
                { key: 'deadline', label: 'Frist' },
                { key: 'latest', label: 'Seneste' },
                { key: 'status', label: 'Status' },
              ]}
              rows={t.targets.map((x) => ({
                title: <a href={p.target(x.id)}>{x.title}</a>,
                goal: x.rule === 'not_grow' ? 'Må ikke stige' : `${num(x.targetValue)} ${x.unit}${x.rule === 'per_year' ? ' om året' : ''}`,
                deadline: x.deadline ? formatDate(x.deadline) : 'Løbende',
                latest: x.byCommitments
                  ? `${num(x.commitments.delivered)} leveret af ${num(x.commitments.promised)} lovet`
                  : x.latest
                    ? `${num(x.latest.value)} (${formatDate(x.latest.on)})`
                    : '—',
                status: <Tag kind={statusKinds[x.judgement.status]}>{x.statusLabel}</Tag>,
              }))}
            />
          )}
        </section>
      ))}
    </>,
  );
}

/** POST /hovedaftale/aftaler/:id/trin — one step of the agreement's life cycle. */
export async function agreementStep(c: Context<AppEnv>, id: number) {
  const values = await readForm(c);
  try {
    const input = contractOrInvalid(agreementStepContract, {
      version: formVersion(values.version),
      action: values.action,
      on: values.on,
      meetingId: formId(values.meetingId),
      reference: values.reference ?? '',
      replacedById: formId(values.replacedById),
    });
    await transitionAgreement(c.get('ctx'), id, input.version, input.action, input);
    flash(c, 'Aftalens status er opdateret.');
  } catch (err) {
    return agreementPage(c, id, { values, ...formFailure(err) });
  }
  return c.redirect(p.agreement(id), 303);
}

/** /hovedaftale/maal/:id — a target: status with its rule, chart, measurements, and the commitments behind it. */
export async function targetPage(c: Context<AppEnv>, id: number, st: State = {}) {
  const ctx = c.get('ctx');
  const d = await getTarget(ctx, id);
  const t = d.target;
  const errors = st.errors ?? {};
  const val = (k: string) => st.values?.[k];
  const tv = (k: string, current: string | number | null) =>
    st.form === 'target' ? val(k) : current === null ? '' : typeof current === 'number' ? String(current).replace('.', ',') : current;
  const te = (k: string) => (st.form === 'target' ? errors[k] : undefined);
  const points = d.measurements.filter((m) => m.measuredOn <= today(ctx)).map((m) => ({ value: m.value, on: m.measuredOn }));
  return page(
    c,
    {
      title: t.title,
      breadcrumbs: [...crumbs, { label: d.agreement.title, href: p.agreement(d.agreement.id) }, { label: t.title }],
      status: st.status,
    },
    <>
      <h1>{t.title}</h1>
      {st.conflict && <ConflictNotice conflict={st.conflict} />}
      <ErrorSummary
        errors={Object.entries(errors).map(([field, message]) => ({ field, message }))}
        fieldPrefix={st.form === 'target' ? 't-' : 'm-'}
      />
      <p>
        Status: <Tag kind={statusKinds[t.judgement.status]}>{t.statusLabel}</Tag>
        {t.judgement.expected !== null && t.rule !== 'per_year' && (
          <>
            {' '}
            — {t.rule === 'not_grow' ? 'udgangspunkt' : 'forventet på seneste måledag'} {num(Math.round(t.judgement.expected * 10) / 10)}{' '}
            {t.unit}
          </>
        )}
      </p>
      <p class="small-text" id="status-rule">
        <strong>Sådan findes status:</strong> {t.judgement.rule}
      </p>
      <SummaryList
        items={[
          ['Tema', t.themeTitle],
          ['Regel', t.ruleLabel],
          ['Målværdi', t.rule === 'not_grow' ? 'Må ikke stige' : `${num(t.targetValue)} ${t.unit}`],
          ...((t.byCommitments
            ? []
            : [
                [
                  'Udgangspunkt (baseline)',
                  t.baselineValue === null ? 'Første måling' : `${num(t.baselineValue)} (${formatDate(t.baselineOn ?? t.startsOn)})`,
                ],
              ]) as [string, string][]),
          ['Frist', t.deadline ? formatDate(t.deadline) : 'Løbende'],
          ['Ansvarlig', t.responsible],
          ['Sådan måles', t.measuredHow],
          ['Kilde', t.sourceLine],
        ]}
      />
      {!t.byCommitments && (
        <>
          <h2>Målinger</h2>
          <TargetChart target={t} points={points} />
          <Table
            caption={`Målinger af «${t.title}»`}
            columns={[
              { key: 'on', label: 'Dato' },
              { key: 'value', label: 'Værdi', numeric: true },
              { key: 'source', label: 'Kilde' },
              { key: 'by', label: 'Registreret af' },
            ]}
            rows={d.measurements.map((m) => ({
              on: formatDate(m.measuredOn),
              value: `${num(m.value)}`,
              source: `${m.source}${m.note ? ` — ${m.note}` : ''}${m.isDemo ? ' (demodata)' : ''}`,
              by: m.recordedBy,
            }))}
            empty="Ingen målinger endnu."
          />
          {d.mayRecord && (
            <Form action={p.measurement(id)} csrfToken={c.get('csrfToken')} fieldPrefix="m-">
              <h3>Registrér en måling</h3>
              <TextField
                name="value"
                label={`Værdi (${t.unit})`}
                inputmode="decimal"
                width="s"
                value={val('value')}
                error={errors.value}
                required
              />
              <TextField
                name="measuredOn"
                label="Målingsdato"
                type="date"
                value={val('measuredOn') ?? today(ctx)}
                error={errors.measuredOn}
                required
              />
              <TextField name="source" label="Kilde" value={val('source')} error={errors.source} required />
              <TextArea name="note" label="Bemærkning" rows={2} value={val('note')} error={errors.note} />
              <Button>Gem målingen</Button>
            </Form>
          )}
        </>
      )}
      {d.mayEdit && (
        <details class="details" open={st.form === 'target'}>
          <summary class="details-summary">Ret målet</summary>
          <div class="details-text">
            <Form action={p.editTarget(id)} csrfToken={c.get('csrfToken')} fieldPrefix="t-">
              <HiddenField name="version" value={String(t.version)} />
              <TextField
                name="baselineValue"
                label={`Baseline (${t.unit})`}
                inputmode="decimal"
                width="s"
                value={tv('baselineValue', t.baselineValue)}
                error={te('baselineValue')}
              />
              <TextField
                name="baselineOn"
                label="Baselinedato"
                type="date"
                value={tv('baselineOn', t.baselineOn)}
                error={te('baselineOn')}
              />
              {t.rule !== 'not_grow' && (
                <TextField
                  name="targetValue"
                  label={`Målværdi (${t.unit})`}
                  inputmode="decimal"
                  width="s"
                  value={tv('targetValue', t.targetValue)}
                  error={te('targetValue')}
                  required
                />
              )}
              <TextField name="deadline" label="Frist" type="date" value={tv('deadline', t.deadline)} error={te('deadline')} />
              <TextField name="responsible" label="Ansvarlig" value={tv('responsible', t.responsible)} error={te('responsible')} />
              <TextArea
                name="measuredHow"
                label="Sådan måles"
                rows={2}
                value={tv('measuredHow', t.measuredHow)}
                error={te('measuredHow')}
              />
              <Button variant="secondary">Gem målet</Button>
            </Form>
          </div>
        </details>
      )}
      <h2>Tilsagn bag målet</h2>
      {t.byCommitments && (
        <Alert kind="info" heading="Målet nås gennem boligorganisationernes tilsagn">
          <p>
            Lovet i indgåede styringsaftaler: {num(t.commitments.promised)} {t.unit}. Leveret ifølge opfølgningen:{' '}
            {num(t.commitments.delivered)} {t.unit}.
          </p>
        </Alert>
      )}
      <Table
        caption="Tilsagn i indgåede styringsaftaler"
        columns={[
          { key: 'year', label: 'År' },
          { key: 'org', label: 'Boligorganisation' },
          { key: 'what', label: 'Tilsagn' },
          { key: 'amount', label: 'Omfang', numeric: true },
          { key: 'due', label: 'Frist' },
          { key: 'outcome', label: 'Opfølgning' },
        ]}
        rows={d.commitments.map((x) => ({
          year: String(x.year),
          org: <a href={p.organisation(x.organisationId)}>{x.organisation}</a>,
          what: <a href={p.dialogue(x.dialogueId)}>{x.what}</a>,
          amount: x.amount === null ? '—' : `${num(x.amount)} ${x.unit}`,
          due: formatDate(x.dueOn),
          outcome: x.outcome
            ? `${{ fulfilled: 'Opfyldt', partly: 'Delvist opfyldt', not_fulfilled: 'Ikke opfyldt' }[x.outcome]}${x.delivered !== null ? ` (${num(x.delivered)})` : ''}`
            : '—',
        }))}
        empty="Ingen tilsagn knyttet til målet."
      />
    </>,
  );
}

/** POST /hovedaftale/maal/:id/maalinger — the housing office records a measurement. */
export async function measurementAction(c: Context<AppEnv>, id: number) {
  const values = await readForm(c);
  try {
    const input = contractOrInvalid(measurementContract, {
      value: formNumber(values.value),
      measuredOn: values.measuredOn,
      source: values.source,
      note: values.note ?? '',
    });
    const r = await recordMeasurement(c.get('ctx'), id, input);
    flash(
      c,
      `Målingen er gemt. Målets status: ${{ met: 'Opfyldt', on_track: 'På vej', at_risk: 'I risiko', missed: 'Ikke nået', no_data: 'Ingen data' }[r.status]}.`,
    );
  } catch (err) {
    return targetPage(c, id, { values, ...formFailure(err) });
  }
  return c.redirect(p.target(id), 303);
}

/** POST /hovedaftale/maal/:id/ret — the housing office corrects a target (versioned). */
export async function targetEditAction(c: Context<AppEnv>, id: number) {
  const values = await readForm(c);
  try {
    const input = contractOrInvalid(targetContract, {
      version: formVersion(values.version),
      baselineValue: formNumber(values.baselineValue),
      baselineOn: values.baselineOn ?? '',
      targetValue: formNumber(values.targetValue),
      deadline: values.deadline ?? '',
      responsible: values.responsible ?? '',
      measuredHow: values.measuredHow ?? '',
    });
    const { version, ...rest } = input;
    await updateTarget(c.get('ctx'), id, version, rest);
    flash(c, 'Målet er gemt.');
  } catch (err) {
    return targetPage(c, id, { values, form: 'target', ...formFailure(err) });
  }
  return c.redirect(p.target(id), 303);
}
