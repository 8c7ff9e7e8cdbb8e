import type { Context } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { measurementContract, measurementCorrectionContract, measurementRemovalContract } from '../../contracts/plans.ts';
import { Forbidden, NotFound } from '../../errors.ts';
import { can } from '../../policy/index.ts';
import { correctMeasurement, criterionMeasurements, recordMeasurement, removeMeasurement } from '../../services/plans/measurements.ts';
import type { PlanDetail } from '../../services/plans/read.ts';
import { Button, ErrorSummary, Form, HiddenField, Table, TextField } from '../components/index.ts';
import { ConflictNotice } from '../conflict.tsx';
import { formatDate, formatDateTime, formatNumber } from '../format.ts';
import { fromText } from '../../contracts/fields.ts';
import { field, type FormFailure, formFailure, type FormValues, parseWith, readForm } from '../forms.ts';
import { flash, home, page } from '../render.tsx';
import { planPaths } from './paths.ts';

/** The forms' adapters to the measurement contracts: the value arrives with a decimal comma, the version as text. */
const measuredValue = fromText.decimal('den målte værdi');
const recordSchema = measurementContract.extend({ value: measuredValue });
const correctionSchema = measurementCorrectionContract.extend({ value: measuredValue, version: field.version() });
const removalSchema = measurementRemovalContract.extend({ version: field.version() });

type State = Partial<FormFailure> & { values?: FormValues; form?: 'correct' | 'remove' };

const mayCorrect = (c: Context<AppEnv>, plan: PlanDetail) =>
  can(c.get('actor'), 'correctMeasurement', {
    type: 'plan',
    id: plan.id,
    state: plan.state,
    partyOrganisationIds: plan.partyOrganisations.map((o) => o.id),
  });

const crumbs = (plan: PlanDetail, last: { label: string; href?: string }[]) => [
  home,
  { label: 'Planer', href: planPaths.list() },
  { label: plan.name, href: planPaths.plan(plan.id) },
  ...last,
];

/** R4 — the measurements of one success criterion, their corrections and removals, and a form to record the next. */
export async function measurementPage(c: Context<AppEnv>, id: number, criterionId: number, st: State = {}) {
  const { plan, criterion: cr, revisions } = await criterionMeasurements(c.get('ctx'), id, criterionId);
  const errors = st.errors ?? {};
  const subject = { type: 'plan' as const, id, state: plan.state, partyOrganisationIds: plan.partyOrganisations.map((o) => o.id) };
  const mayRecord = can(c.get('actor'), 'recordMeasurement', subject);
  const correct = mayCorrect(c, plan);
  const unit = (v: number) => `${formatNumber(v, 1)} ${cr.unit}`.trim();
  return page(
    c,
    { title: `Målinger: ${cr.indicatorName}`, breadcrumbs: crumbs(plan, [{ label: 'Målinger' }]), status: st.status },
    <>
      <h1>Målinger: {cr.indicatorName}</h1>
      <Table
        caption="Registrerede målinger"
        columns={[
          { key: 'd', label: 'Dato' },
          { key: 'v', label: 'Værdi', numeric: true },
          { key: 's', label: 'Kilde' },
          { key: 'w', label: 'Registreret af' },
          ...(correct ? [{ key: 'x', label: '' }] : []),
        ]}
        rows={cr.measurements.map((m) => ({
          d: formatDate(m.measuredOn),
          v: unit(m.value),
          s: m.source,
          w: m.recordedBy,
          x: <a href={planPaths.measurement(id, criterionId, m.id)}>Ret eller fjern målingen fra {formatDate(m.measuredOn)}</a>,
        }))}
        empty="Ingen målinger endnu."
      />
      <Table
        caption="Rettelser og fjernede målinger"
        columns={[
          { key: 'when', label: 'Tidspunkt' },
          { key: 'what', label: 'Ændring' },
          { key: 'was', label: 'Tidligere værdi', numeric: true },
          { key: 'now', label: 'Ny værdi', numeric: true },
          { key: 'why', label: 'Begrundelse' },
          { key: 'who', label: 'Af' },
        ]}
        rows={revisions.map((r) => ({
          when: formatDateTime(r.revisedAt),
          what: r.kind === 'corrected' ? 'Rettet' : 'Fjernet',
          was: `${unit(r.oldValue)} (${formatDate(r.oldMeasuredOn)})`,
          now: r.newValue === null ? '—' : `${unit(r.newValue)} (${formatDate(r.newMeasuredOn)})`,
          why: r.reason,
          who: r.revisedBy,
        }))}
        empty="Ingen målinger er rettet eller fjernet."
      />
      {mayRecord && (
        <>
          <h2>Registrér en ny måling</h2>
          <ErrorSummary errors={Object.entries(errors).map(([f, m]) => ({ field: f, message: m }))} />
          <Form action={planPaths.measurements(id, criterionId)} csrfToken={c.get('csrfToken')}>
            <TextField
              name="value"
              label={`Målt værdi (${cr.unit || 'tal'})`}
              value={st.values?.value}
              error={errors.value}
              inputmode="decimal"
              required
            />
            <TextField name="measuredOn" label="Måledato" type="date" value={st.values?.measuredOn} error={errors.measuredOn} required />
            <TextField name="source" label="Kilde" value={st.values?.source} error={errors.source} />
            <Button type="submit">Registrér måling</Button>
          </Form>
        </>
      )}
    </>,
  );
}

export async function saveMeasurement(c: Context<AppEnv>, id: number, criterionId: number) {
  const values = await readForm(c);
  const parsed = parseWith(recordSchema, values);
  if (!parsed.ok) return measurementPage(c, id, criterionId, { values, errors: parsed.errors, status: 400 });
  try {
    // The criterion must be this plan's: the page's read checks it (404 otherwise) before anything is written.
    await criterionMeasurements(c.get('ctx'), id, criterionId);
    await recordMeasurement(c.get('ctx'), criterionId, parsed.data);
  } catch (err) {
    return measurementPage(c, id, criterionId, { values, ...formFailure(err) });
  }
  flash(c, 'Målingen er registreret.');
  return c.redirect(planPaths.plan(id), 303);
}

/** R4 — one measurement: a form to correct it and one to remove it, each with a reason; the old value is kept. */
export async function measurementEditPage(c: Context<AppEnv>, id: number, criterionId: number, measurementId: number, st: State = {}) {
  const { plan, criterion: cr } = await criterionMeasurements(c.get('ctx'), id, criterionId);
  const m = cr.measurements.find((x) => x.id === measurementId);
  if (!m) throw new NotFound('Målingen findes ikke.');
  if (!mayCorrect(c, plan)) throw new Forbidden('Du kan ikke rette planens målinger.');
  const errors = st.errors ?? {};
  const e = (form: State['form'], f: string) => (st.form === form ? errors[f] : undefined);
  const v = (form: State['form'], f: string, fallback: string) => (st.form === form ? (st.values?.[f] ?? '') : fallback);
  const version = st.conflict ? String(m.version) : (st.values?.version ?? String(m.version));
  return page(
    c,
    {
      title: `Ret måling: ${cr.indicatorName}`,
      breadcrumbs: crumbs(plan, [{ label: 'Målinger', href: planPaths.measurements(id, criterionId) }, { label: 'Ret måling' }]),
      status: st.status,
    },
    <>
      <h1>Ret måling: {cr.indicatorName}</h1>
      <p>
        Registreret: {formatNumber(m.value, 1)} {cr.unit} ({formatDate(m.measuredOn)}) af {m.recordedBy}. Den gamle værdi bevares i
        målingernes historik.
      </p>
      {st.conflict && <ConflictNotice conflict={st.conflict} />}
      <ErrorSummary
        errors={Object.entries(errors).map(([f, msg]) => ({ field: f, message: msg }))}
        fieldPrefix={st.form === 'remove' ? 'remove-' : 'correct-'}
      />
      <h2>Ret målingen</h2>
      <Form action={planPaths.measurement(id, criterionId, measurementId)} csrfToken={c.get('csrfToken')} fieldPrefix="correct-">
        <HiddenField name="version" value={version} />
        <TextField
          name="value"
          label={`Målt værdi (${cr.unit || 'tal'})`}
          value={v('correct', 'value', String(m.value).replace('.', ','))}
          error={e('correct', 'value')}
          inputmode="decimal"
          required
        />
        <TextField
          name="measuredOn"
          label="Måledato"
          type="date"
          value={v('correct', 'measuredOn', m.measuredOn)}
          error={e('correct', 'measuredOn')}
          required
        />
        <TextField name="source" label="Kilde" value={v('correct', 'source', m.source)} error={e('correct', 'source')} />
        <TextField
          name="reason"
          label="Begrundelse for rettelsen"
          value={v('correct', 'reason', '')}
          error={e('correct', 'reason')}
          required
        />
        <Button type="submit">Gem rettelsen</Button>
      </Form>
      <h2>Fjern målingen</h2>
      <Form action={planPaths.removeMeasurement(id, criterionId, measurementId)} csrfToken={c.get('csrfToken')} fieldPrefix="remove-">
        <HiddenField name="version" value={version} />
        <TextField
          name="reason"
          label="Begrundelse for at fjerne målingen"
          value={v('remove', 'reason', '')}
          error={e('remove', 'reason')}
          required
        />
        <Button type="submit" variant="secondary">
          Fjern målingen
        </Button>
      </Form>
    </>,
  );
}

/** POST: a correction; refused input re-renders the form with the input kept and nothing written. */
export async function saveCorrection(c: Context<AppEnv>, id: number, criterionId: number, measurementId: number) {
  const values = await readForm(c);
  const parsed = parseWith(correctionSchema, values);
  if (!parsed.ok)
    return measurementEditPage(c, id, criterionId, measurementId, { form: 'correct', values, errors: parsed.errors, status: 400 });
  try {
    await correctMeasurement(c.get('ctx'), criterionId, measurementId, parsed.data, id);
  } catch (err) {
    return measurementEditPage(c, id, criterionId, measurementId, { form: 'correct', values, ...formFailure(err) });
  }
  flash(c, 'Målingen er rettet.');
  return c.redirect(planPaths.measurements(id, criterionId), 303);
}

/** POST: a removal, with its reason. */
export async function saveRemoval(c: Context<AppEnv>, id: number, criterionId: number, measurementId: number) {
  const values = await readForm(c);
  const parsed = parseWith(removalSchema, values);
  if (!parsed.ok)
    return measurementEditPage(c, id, criterionId, measurementId, { form: 'remove', values, errors: parsed.errors, status: 400 });
  try {
    await removeMeasurement(c.get('ctx'), criterionId, measurementId, parsed.data, id);
  } catch (err) {
    return measurementEditPage(c, id, criterionId, measurementId, { form: 'remove', values, ...formFailure(err) });
  }
  flash(c, 'Målingen er fjernet.');
  return c.redirect(planPaths.measurements(id, criterionId), 303);
}
