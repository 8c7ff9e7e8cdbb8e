import type { Context } from 'hono';
import { parseKr } from '../../domain/amount.ts';
import {
  type FunderKind,
  funderKindLabels,
  type LineKind,
  lineKindLabels,
  municipalCapText,
  planYears,
  proposeSplit,
} from '../../domain/money/budget.ts';
import { bpText } from '../../domain/money/amount.ts';
import { Conflict, Forbidden, Invalid } from '../../errors.ts';
import { can } from '../../policy/index.ts';
import { budgetSubject, budgetAbilities, budgetOptions } from '../../services/money/access.ts';
import { type BudgetInput, getPlanFinance, lockedReason, type PlanFinance, saveBudget } from '../../services/money/index.ts';
import { Alert, Button, ErrorSummary, Form, HiddenField, TextArea, TextField } from '../components/index.ts';
import { ConflictNotice } from '../conflict.tsx';
import type { AppEnv } from '../../app-env.ts';
import { formatKr } from '../format.ts';
import { type FormErrors, type FormValues, readForm } from '../forms.ts';
import { flash, page } from '../render.tsx';
import { moneyPaths } from './paths.ts';
import { planCrumbs } from './shared.tsx';
import { budgetContract } from '../../contracts/money.ts';

const categoryLines: [LineKind, string][] = [
  ['staff', 'Personale'],
  ['activities', 'Aktiviteter'],
  ['premises', 'Lokaler'],
  ['evaluation', 'Evaluering'],
  ['administration', 'Administration'],
];

/** Øre → the kroner a user would type (`1.234.567,50`), empty for 0 when asked. */
const krInput = (ore: number, blankZero = false) => (blankZero && ore === 0 ? '' : formatKr(ore).replace(' kr.', '').replace(/,00$/, ''));

const planOptions = (c: Context<AppEnv>, planId: number) => budgetOptions(c.get('ctx'), planId);

/** The form's values for a stored budget, or for a new one (with the 75/12,5/12,5 split proposed from `frame`). */
function initialValues(f: PlanFinance, o: Awaited<ReturnType<typeof planOptions>>, proposedFrame: number | null): FormValues {
  const v: FormValues = { version: String(f.version) };
  if (f.hasBudget) {
    v.frame = krInput(f.frameOre);
    v.note = f.note;
    f.lines.forEach((l, i) => {
      v[`line-${i}-id`] = String(l.id);
      v[`line-${i}-name`] = l.name;
      v[`line-${i}-kind`] = l.kind;
      v[`line-${i}-activity`] = l.activityId ? String(l.activityId) : '';
      for (const y of f.years) v[`line-${i}-y${y}`] = krInput(l.perYear[y]!.budgetOre, true);
    });
    f.funders.forEach((x, i) => {
      v[`funder-${i}-id`] = String(x.id);
      v[`funder-${i}-kind`] = x.kind;
      v[`funder-${i}-name`] = x.name;
      v[`funder-${i}-org`] = x.organisationId ? String(x.organisationId) : '';
      v[`funder-${i}-amount`] = krInput(x.amountOre);
    });
    return v;
  }
  const lines: [LineKind, string, number | null][] = [
    ...o.activities.map((a) => ['activity', a.title, a.id] as [LineKind, string, number]),
    ...categoryLines.map(([k, n]) => [k, n, null] as [LineKind, string, null]),
  ];
  lines.forEach(([kind, name, activity], i) => {
    v[`line-${i}-name`] = name;
    v[`line-${i}-kind`] = kind;
    v[`line-${i}-activity`] = activity ? String(activity) : '';
  });
  const funders = proposeSplit(proposedFrame ?? 0, o.orgs);
  funders.forEach((x, i) => {
    v[`funder-${i}-kind`] = x.kind;
    v[`funder-${i}-name`] = x.name;
    v[`funder-${i}-org`] = x.organisationId ? String(x.organisationId) : '';
    v[`funder-${i}-amount`] = proposedFrame ? krInput(x.amountOre) : '';
  });
  if (proposedFrame) v.frame = krInput(proposedFrame);
  return v;
}

const rowCount = (v: FormValues, prefix: string) =>
  Math.max(-1, ...Object.keys(v).flatMap((k) => (new RegExp(`^${prefix}-(\\d+)-`).exec(k) ? [Number(k.split('-')[1])] : []))) + 1;

/** Reads the budget form: every amount in kroner (Danish format) to øre; blank rows are skipped. */
export function parseBudgetForm(
  v: FormValues,
  years: number[],
  orgs: { id: number; name: string }[],
): { input: BudgetInput; errors: FormErrors } {
  const errors: FormErrors = {};
  const amount = (field: string, what: string, required = false): number => {
    const raw = (v[field] ?? '').trim();
    if (!raw) {
      if (required) errors[field] = `Skriv ${what}.`;
      return 0;
    }
    const r = parseKr(raw);
    if (!r.ok) {
      errors[field] = `${what[0]!.toUpperCase()}${what.slice(1)}: ${r.message}`;
      return 0;
    }
    if (r.ore < 0) errors[field] = `${what[0]!.toUpperCase()}${what.slice(1)} må ikke være negativ.`;
    return r.ore;
  };
  const frameOre = amount('frame', 'planens samlede ramme', true);
  const lines: BudgetInput['lines'] = [];
  for (let i = 0; i < rowCount(v, 'line'); i++) {
    const name = (v[`line-${i}-name`] ?? '').trim();
    const anyAmount = years.some((y) => (v[`line-${i}-y${y}`] ?? '').trim() !== '');
    if (!name && !anyAmount) continue;
    if (!name) errors[`line-${i}-name`] = 'Skriv budgetlinjens navn.';
    if (name.length > 200) errors[`line-${i}-name`] = 'Navnet må højst have 200 tegn.';
    const kind = (Object.keys(lineKindLabels) as LineKind[]).find((k) => k === v[`line-${i}-kind`]) ?? 'other';
    const activityId = /^\d+$/.test(v[`line-${i}-activity`] ?? '') ? Number(v[`line-${i}-activity`]) : null;
    if (kind === 'activity' && !activityId) errors[`line-${i}-activity`] = `Vælg aktiviteten for »${name}«.`;
    const perYear: Record<number, number> = {};
    for (const y of years) perYear[y] = amount(`line-${i}-y${y}`, `beløbet for ${name || 'linjen'} i ${y}`);
    const id = /^\d+$/.test(v[`line-${i}-id`] ?? '') ? Number(v[`line-${i}-id`]) : null;
    lines.push({ id, name, kind, activityId: kind === 'activity' ? activityId : null, perYear });
  }
  const funders: BudgetInput['funders'] = [];
  for (let i = 0; i < rowCount(v, 'funder'); i++) {
    const kind = (Object.keys(funderKindLabels) as FunderKind[]).find((k) => k === v[`funder-${i}-kind`]) ?? 'other';
    const rawName = (v[`funder-${i}-name`] ?? '').trim();
    const raw = (v[`funder-${i}-amount`] ?? '').trim();
    const orgId = /^\d+$/.test(v[`funder-${i}-org`] ?? '') ? Number(v[`funder-${i}-org`]) : null;
    if (!raw && (!rawName || kind !== 'other')) continue;
    const org = orgs.find((o) => o.id === orgId);
    if (kind === 'organisation' && !org) errors[`funder-${i}-org`] = 'Vælg boligorganisationen.';
    const name = rawName || (kind === 'organisation' ? (org?.name ?? '') : kind === 'other' ? '' : funderKindLabels[kind]);
    if (!name) errors[`funder-${i}-name`] = 'Skriv finansieringskildens navn.';
    const id = /^\d+$/.test(v[`funder-${i}-id`] ?? '') ? Number(v[`funder-${i}-id`]) : null;
    funders.push({
      id,
      kind,
      name,
      organisationId: kind === 'organisation' ? orgId : null,
      amountOre: amount(`funder-${i}-amount`, `beløbet fra ${name || 'finansieringskilden'}`, true),
    });
  }
  if (!lines.length) errors.lines = 'Budgettet skal have mindst én budgetlinje.';
  if (!funders.length) errors.funders = 'Budgettet skal have mindst én finansieringskilde.';
  return { input: { frameOre, note: (v.note ?? '').trim().slice(0, 4000), lines, funders }, errors };
}

const fieldLabel = (id: string, text: string) => (
  <label class="sr-only" for={id}>
    {text}
  </label>
);

function AmountInput({ name, label, v, errors }: { name: string; label: string; v: FormValues; errors: FormErrors }) {
  return (
    <>
      {fieldLabel(name, label)}
      <input
        class="form-input input-width-s text-align-right"
        id={name}
        name={name}
        value={v[name] ?? ''}
        inputmode="decimal"
        aria-invalid={errors[name] ? 'true' : undefined}
      />
      {errors[name] && <span class="form-error-message">{errors[name]}</span>}
    </>
  );
}

/** The locked budget: read-only for everyone after the municipal approval, and why (R1, R3). */
function lockedPage(c: Context<AppEnv>, f: PlanFinance, status: 200 | 403 = 200) {
  return page(
    c,
    { title: 'Budgettet er låst', breadcrumbs: planCrumbs(f.planId, f.planName, 'Budget'), status },
    <>
      <h1>Budgettet er låst</h1>
      <Alert kind="info" heading="Hvorfor kan budgettet ikke ændres?">
        <p>{lockedReason}</p>
        <p>
          En ændringsanmodning kan flytte penge mellem budgetlinjer, tilføje budgetlinjer og år, ændre et beløb og ændre rammen med dens
          finansiering — også give en plan uden budget sit budget. Anmodningen viser forskellen; den kompetente bestyrelse beslutter, og når
          ændringen er godkendt, opdateres budgettet og planen får en ny version. Reglerne for finansiering skal stadig være overholdt.
        </p>
      </Alert>
      <p>
        <a class="button button-secondary" href={moneyPaths.plan(f.planId)}>
          Se budget og regnskab
        </a>{' '}
        <a class="button button-tertiary" href={`/planer/${f.planId}/aendringer`}>
          Ændringsanmodninger
        </a>
      </p>
    </>,
  );
}

interface BudgetFormState {
  values?: FormValues;
  errors?: FormErrors;
  conflict?: Conflict;
  status?: 200 | 400 | 409;
}

/** GET /planer/:id/oekonomi/budget — edit the budget, or (after approval) why it is locked. */
export async function budgetPage(c: Context<AppEnv>, planId: number, state: BudgetFormState = {}) {
  const ctx = c.get('ctx');
  const f = await getPlanFinance(ctx, planId);
  if (f.locked) return lockedPage(c, f);
  if (!(await budgetAbilities(ctx, planId)).update)
    throw new Forbidden('Budgettet lægges af boligorganisationerne bag planen og projektlederne.');
  const o = await planOptions(c, planId);
  const proposed = c.req.query('ramme') ? parseKr(c.req.query('ramme')!) : null;
  const v = state.values ?? initialValues(f, o, proposed?.ok && proposed.ore > 0 ? proposed.ore : null);
  const errors = state.errors ?? {};
  const years = planYears(f.startsOn, f.endsOn);
  const lineRows = rowCount(v, 'line') + 3;
  const funderRows = rowCount(v, 'funder') + 1;
  const title = f.hasBudget ? 'Ret budgettet' : 'Læg budget';
  const kindOptions = Object.entries(lineKindLabels);
  const summary = Object.entries(errors).map(([field, message]) => ({ field, message }));
  return page(
    c,
    { title, breadcrumbs: planCrumbs(planId, f.planName, 'Budget'), status: state.status },
    <>
      <h1>
        {title}: {f.planName}
      </h1>
      {state.conflict && <ConflictNotice conflict={state.conflict} />}
      <ErrorSummary errors={summary} />
      <p>
        Budgettet har en samlet ramme, budgetlinjer pr. år (en aktivitet eller en omkostningstype) og finansieringskilderne. Reglerne:
        linjerne og finansieringen skal hver summe til rammen; Landsbyggefonden må højst betale {f.limits.lbfMaxPct} % og den lokale
        medfinansiering skal være mindst {f.limits.localMinPct} % i bevillingsperioden. Beløb skrives i kroner, fx 1.250.000 eller
        1250000,50.
      </p>
      {f.limits.municipalMaxPct !== undefined && (
        <p id="municipal-cap">
          {municipalCapText(Math.round(f.limits.municipalMaxPct * 100))}; et budget, hvor kommunen betaler mere, kan ikke gemmes.
          {f.municipalSplit?.contractedBp != null && f.municipalSplit.facilitationBp != null && (
            <>
              {' '}
              Kommunens andel deles i kontraktstyret arbejde ({bpText(f.municipalSplit.contractedBp)} af rammen) og facilitering (
              {bpText(f.municipalSplit.facilitationBp)}).
            </>
          )}
        </p>
      )}
      {!f.hasBudget && (
        <form method="get" action={moneyPaths.budget(planId)} class="mb-6">
          <TextField
            name="ramme"
            label="Foreslå en fordeling ud fra rammen (kr.)"
            hint="Københavns praksis: LBF 75 %, kommunen 12,5 %, boligorganisationerne 12,5 %"
            value={c.req.query('ramme') ?? ''}
            inputmode="decimal"
            width="m"
          />
          <Button type="submit" variant="secondary">
            Foreslå fordeling
          </Button>
        </form>
      )}
      <Form action={moneyPaths.budget(planId)} csrfToken={c.get('csrfToken')}>
        <HiddenField name="version" value={v.version ?? String(f.version)} />
        <TextField
          name="frame"
          label="Samlet ramme (kr.)"
          value={v.frame}
          error={errors.frame ?? errors.frameOre}
          inputmode="decimal"
          width="m"
          required
        />
        <h2 id="lines" tabindex={-1}>
          Budgetlinjer
        </h2>
        {errors.lines && (
          <p class="form-error-message" id="lines-error">
            {errors.lines}
          </p>
        )}
        <p class="form-hint">Tomme rækker springes over. Gem for at få flere tomme rækker.</p>
        <div class="table--responsive-scroll" tabindex={0} role="region" aria-label="Budgetlinjer pr. år (kr.)">
          <table class="table table--compact">
            <caption>Budgetlinjer pr. år (kr.)</caption>
            <thead>
              <tr>
                <th scope="col">Navn</th>
                <th scope="col">Type</th>
                <th scope="col">Aktivitet</th>
                {years.map((y) => (
                  <th scope="col" class="text-align-right">
                    {y}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {Array.from({ length: lineRows }, (_, i) => {
                const n = (k: string) => `line-${i}-${k}`;
                return (
                  <tr>
                    <td>
                      {v[n('id')] && <HiddenField name={n('id')} value={v[n('id')]!} />}
                      {fieldLabel(n('name'), `Budgetlinje ${i + 1}: navn`)}
                      <input
                        class="form-input"
                        id={n('name')}
                        name={n('name')}
                        value={v[n('name')] ?? ''}
                        aria-invalid={errors[n('name')] ? 'true' : undefined}
                      />
                      {errors[n('name')] && <span class="form-error-message">{errors[n('name')]}</span>}
                    </td>
                    <td>
                      {fieldLabel(n('kind'), `Budgetlinje ${i + 1}: type`)}
                      <select class="form-select" id={n('kind')} name={n('kind')}>
                        {kindOptions.map(([k, label]) => (
                          <option value={k} selected={(v[n('kind')] ?? 'staff') === k}>
                            {label}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      {fieldLabel(n('activity'), `Budgetlinje ${i + 1}: aktivitet`)}
                      <select
                        class="form-select"
                        id={n('activity')}
                        name={n('activity')}
                        aria-invalid={errors[n('activity')] ? 'true' : undefined}
                      >
                        <option value="">—</option>
                        {o.activities.map((a) => (
                          <option value={String(a.id)} selected={v[n('activity')] === String(a.id)}>
                            {a.title}
                          </option>
                        ))}
                      </select>
                      {errors[n('activity')] && <span class="form-error-message">{errors[n('activity')]}</span>}
                    </td>
                    {years.map((y) => (
                      <td>
                        <AmountInput name={n(`y${y}`)} label={`Budgetlinje ${i + 1}: beløb ${y}`} v={v} errors={errors} />
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <h2 id="funders" tabindex={-1}>
          Finansiering
        </h2>
        {errors.funders && (
          <p class="form-error-message" id="funders-error">
            {errors.funders}
          </p>
        )}
        <div class="table--responsive-scroll" tabindex={0} role="region" aria-label="Finansieringskilder (kr.)">
          <table class="table table--compact">
            <caption>Finansieringskilder (kr.)</caption>
            <thead>
              <tr>
                <th scope="col">Type</th>
                <th scope="col">Navn</th>
                <th scope="col">Boligorganisation</th>
                <th scope="col" class="text-align-right">
                  Beløb
                </th>
              </tr>
            </thead>
            <tbody>
              {Array.from({ length: funderRows }, (_, i) => {
                const n = (k: string) => `funder-${i}-${k}`;
                return (
                  <tr>
                    <td>
                      {v[n('id')] && <HiddenField name={n('id')} value={v[n('id')]!} />}
                      {fieldLabel(n('kind'), `Finansiering ${i + 1}: type`)}
                      <select class="form-select" id={n('kind')} name={n('kind')}>
                        {Object.entries(funderKindLabels).map(([k, label]) => (
                          <option value={k} selected={(v[n('kind')] ?? 'other') === k}>
                            {label}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      {fieldLabel(n('name'), `Finansiering ${i + 1}: navn`)}
                      <input
                        class="form-input"
                        id={n('name')}
                        name={n('name')}
                        value={v[n('name')] ?? ''}
                        aria-invalid={errors[n('name')] ? 'true' : undefined}
                      />
                      {errors[n('name')] && <span class="form-error-message">{errors[n('name')]}</span>}
                    </td>
                    <td>
                      {fieldLabel(n('org'), `Finansiering ${i + 1}: boligorganisation`)}
                      <select class="form-select" id={n('org')} name={n('org')} aria-invalid={errors[n('org')] ? 'true' : undefined}>
                        <option value="">—</option>
                        {o.orgs.map((x) => (
                          <option value={String(x.id)} selected={v[n('org')] === String(x.id)}>
                            {x.name}
                          </option>
                        ))}
                      </select>
                      {errors[n('org')] && <span class="form-error-message">{errors[n('org')]}</span>}
                    </td>
                    <td>
                      <AmountInput name={n('amount')} label={`Finansiering ${i + 1}: beløb`} v={v} errors={errors} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <TextArea name="note" label="Bemærkninger til budgettet" value={v.note} rows={3} />
        <Button type="submit">Gem budget</Button>
      </Form>
    </>,
  );
}

/**
 * The form's adapter back from the budget contract: an issue at `lines.1.name` belongs to the form row whose line it
 * is (`line-3-name`, rows left empty are skipped when the form is read), `frameOre` to `frame`.
 */
function budgetFormErrors(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  v: FormValues,
  input: BudgetInput,
): FormErrors {
  const errors: FormErrors = {};
  const rowOf = (prefix: 'line' | 'funder', name: string) => {
    for (let j = 0; j < rowCount(v, prefix); j++) if ((v[`${prefix}-${j}-name`] ?? '').trim() === name) return j;
    return null;
  };
  const lineField: Record<string, string> = { name: 'name', activityId: 'activity', kind: 'kind' };
  const funderField: Record<string, string> = { name: 'name', amountOre: 'amount', organisationId: 'org', kind: 'kind' };
  for (const i of issues) {
    const [head, index, key, year] = i.path;
    let field = head === 'frameOre' ? 'frame' : String(head ?? '_form');
    if ((head === 'lines' || head === 'funders') && typeof index === 'number') {
      const prefix = head === 'lines' ? 'line' : 'funder';
      const row = rowOf(prefix, (head === 'lines' ? input.lines[index]?.name : input.funders[index]?.name) ?? '');
      const suffix = key === 'perYear' ? `y${String(year)}` : (head === 'lines' ? lineField : funderField)[String(key)];
      if (row !== null && suffix) field = `${prefix}-${row}-${suffix}`;
    }
    errors[field] ??= i.message;
  }
  return errors;
}

/** POST /planer/:id/oekonomi/budget — saves the whole budget; R1 breaches come back next to the tables (400). */
export async function saveBudgetForm(c: Context<AppEnv>, planId: number) {
  const ctx = c.get('ctx');
  const values = await readForm(c);
  const f = await getPlanFinance(ctx, planId);
  if (f.locked) return lockedPage(c, f, 403);
  const o = await planOptions(c, planId);
  const { input, errors } = parseBudgetForm(values, planYears(f.startsOn, f.endsOn), o.orgs);
  if (Object.keys(errors).length) return budgetPage(c, planId, { values, errors, status: 400 });
  const checked = budgetContract.safeParse(input);
  if (!checked.success)
    return budgetPage(c, planId, { values, errors: budgetFormErrors(checked.error.issues, values, input), status: 400 });
  try {
    await saveBudget(ctx, planId, /^\d+$/.test(values.version ?? '') ? Number(values.version) : 0, input);
  } catch (err) {
    if (err instanceof Invalid) {
      const fields = { ...err.fields };
      if (fields.frameOre) {
        fields.frame = fields.frameOre;
        delete fields.frameOre;
      }
      return budgetPage(c, planId, { values, errors: fields, status: 400 });
    }
    if (err instanceof Conflict)
      return budgetPage(c, planId, { values: { ...values, version: String(f.version) }, conflict: err, status: 409 });
    throw err;
  }
  flash(c, 'Budgettet er gemt.');
  return c.redirect(moneyPaths.plan(planId), 303);
}
