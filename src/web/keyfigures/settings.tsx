import type { Context } from 'hono';
import { COPENHAGEN_INDICATORS } from '../../domain/keyfigures/index.ts';
import { Conflict, Invalid } from '../../errors.ts';
import { can } from '../../policy/index.ts';
import { getSettings, updateOriginDefinition, updateSettings } from '../../services/keyfigures/settings.ts';
import { ORIGIN_DEFINITIONS } from '../../domain/keyfigures/index.ts';
import { Button, ChoiceGroup, ErrorSummary, Form, HiddenField, TextField } from '../components/index.ts';
import { ConflictNotice } from '../conflict.tsx';
import type { AppEnv } from '../../app-env.ts';
import { formatDateTime } from '../format.ts';
import { type FormErrors, type FormValues, formAll, readForm } from '../forms.ts';
import { flash, page } from '../render.tsx';
import { crumbs, kfPaths, readOptions, SubNav } from './shared.tsx';
import { kfHead } from './style.tsx';
import { originContract, settingsContract } from '../../contracts/keyfigures.ts';

interface State {
  /** Which form the state belongs to (the rule or the origin definition). */
  form?: 'rule' | 'origin';
  values?: FormValues;
  indicators?: string[];
  errors?: FormErrors;
  conflict?: Conflict;
  status?: 200 | 400 | 409;
}

/** /noegletal/regel — Copenhagen's designation rule and the suppression threshold: shown to all, edited by admin/secretariat (R18). */
export async function settingsPage(c: Context<AppEnv>, state: State = {}) {
  const ctx = c.get('ctx');
  const s = await getSettings(ctx);
  const mayEdit = can(c.get('actor'), 'configure', { type: 'keyfigures' });
  const ruleState = state.form === 'origin' ? {} : state;
  const originState = state.form === 'origin' ? state : {};
  const v: FormValues = ruleState.values ?? {
    name: s.rule.name,
    minDeviating: String(s.rule.minDeviating),
    deviationKind: s.rule.deviation.kind,
    deviation: (s.rule.deviation.kind === 'relative' ? s.rule.deviation.percent : s.rule.deviation.points).replace('.', ','),
    threshold: s.threshold === null ? '' : String(s.threshold),
    version: String(s.version),
  };
  const chosen = ruleState.indicators ?? [...s.rule.indicators];
  const errors = ruleState.errors ?? {};
  const originErrors = originState.errors ?? {};
  const title = 'Udpegningsregel og diskretionsgrænse';
  const threshold = s.threshold ?? readOptions(c).defaultThreshold;
  return page(
    c,
    { title, breadcrumbs: [...crumbs, { label: 'Udpegningsregel' }], status: state.status, head: kfHead() },
    <>
      <h1>{title}</h1>
      <SubNav active={kfPaths.settings()} canImport={can(c.get('actor'), 'import', { type: 'keyfigures' })} />
      <div class="kf-rule">
        <p>
          <strong>Gældende regel:</strong> {s.ruleText}
        </p>
        <p>
          Kommunens præcise regel for at udpege udsatte byområder er ikke offentlig, så reglen er en indstilling. Den vises ved siden af
          hvert resultat. Sidst ændret {formatDateTime(s.updatedAt)}.
        </p>
        <p>
          Diskretionsgrænse: tal, der bygger på færre end {threshold} personer eller boliger, offentliggøres ikke
          {s.threshold === null ? ' (standard fra konfigurationen)' : ''}.
        </p>
        <p id="kf-origin">
          <strong>Oprindelsesdefinition i de nationale kriterier:</strong> {s.origin.label}. EU-Domstolen fandt i december 2025 (sag
          C-417/23), at kriteriet om ikke-vestlig oprindelse kan være etnisk diskrimination; derfor kan definitionen skiftes, og hvert
          resultat viser, hvilken definition det er beregnet med.
        </p>
      </div>
      {mayEdit && (
        <>
          <h2>Skift oprindelsesdefinition</h2>
          {originState.conflict && <ConflictNotice conflict={originState.conflict} />}
          <ErrorSummary errors={Object.entries(originErrors).map(([field, message]) => ({ field, message }))} />
          <Form action={kfPaths.origin()} csrfToken={c.get('csrfToken')}>
            <HiddenField name="version" value={originState.values?.version ?? String(s.version)} />
            <ChoiceGroup
              name="originDefinition"
              type="radio"
              label="Oprindelsesdefinition"
              options={ORIGIN_DEFINITIONS.map((d) => ({ value: d.id, label: d.label }))}
              values={[originState.values?.originDefinition ?? s.origin.id]}
              error={originErrors.originDefinition}
              required
            />
            <Button type="submit">Gem oprindelsesdefinitionen</Button>
          </Form>
        </>
      )}
      {mayEdit && (
        <>
          <h2>Ret reglen</h2>
          {ruleState.conflict && <ConflictNotice conflict={ruleState.conflict} />}
          <ErrorSummary errors={Object.entries(errors).map(([field, message]) => ({ field, message }))} />
          <Form action={kfPaths.settings()} csrfToken={c.get('csrfToken')}>
            <HiddenField name="version" value={v.version ?? String(s.version)} />
            <TextField name="name" label="Reglens navn" value={v.name} error={errors.name} required />
            <ChoiceGroup
              name="indicators"
              label="Indikatorer, der indgår"
              options={COPENHAGEN_INDICATORS.map((i) => ({ value: i.id, label: i.label }))}
              values={chosen}
              error={errors.indicators}
              required
            />
            <TextField
              name="minDeviating"
              label="Mindst så mange indikatorer skal afvige"
              value={v.minDeviating}
              error={errors.minDeviating}
              inputmode="numeric"
              width="xs"
              required
            />
            <ChoiceGroup
              name="deviationKind"
              type="radio"
              label="Afvigelsen måles"
              options={[
                { value: 'relative', label: 'Relativt, i procent af byens gennemsnit' },
                { value: 'points', label: 'I procentpoint' },
              ]}
              values={[v.deviationKind ?? 'relative']}
              required
            />
            <TextField
              name="deviation"
              label="Afvigelse"
              hint="Fx 25 (procent) eller 10 (procentpoint)"
              value={v.deviation}
              error={errors.deviation}
              inputmode="decimal"
              width="xs"
              required
            />
            <TextField
              name="threshold"
              label="Diskretionsgrænse (personer)"
              hint="Tom: standarden fra konfigurationen"
              value={v.threshold}
              error={errors.threshold}
              inputmode="numeric"
              width="xs"
            />
            <Button type="submit">Gem reglen</Button>
          </Form>
        </>
      )}
    </>,
  );
}

export async function saveSettings(c: Context<AppEnv>) {
  const values = await readForm(c);
  const indicators = await formAll(c, 'indicators');
  // The form's adapter to the settings contract: numbers arrive as strings, the threshold field is named `threshold`.
  const whole = (v: string | undefined) => (/^\d{1,3}$/.test((v ?? '').trim()) ? Number(v) : Number.NaN);
  const t = (values.threshold ?? '').trim();
  const parsed = settingsContract.safeParse({
    name: values.name ?? '',
    indicators,
    minDeviating: whole(values.minDeviating),
    deviation: { kind: values.deviationKind === 'points' ? 'points' : 'relative', amount: values.deviation ?? '' },
    suppressionThreshold: t === '' ? null : whole(t),
  });
  if (!parsed.success) {
    const errors: FormErrors = {};
    for (const i of parsed.error.issues)
      errors[i.path[0] === 'suppressionThreshold' ? 'threshold' : String(i.path[0] ?? '_form')] ??= i.message;
    return settingsPage(c, { values, indicators, errors, status: 400 });
  }
  const d = parsed.data;
  try {
    await updateSettings(c.get('ctx'), Number(values.version) || 0, {
      name: d.name,
      indicators: d.indicators,
      minDeviating: d.minDeviating,
      deviationKind: d.deviation.kind,
      deviation: d.deviation.amount,
      threshold: d.suppressionThreshold,
    });
    flash(c, 'Reglen er gemt.');
    return c.redirect(kfPaths.settings(), 303);
  } catch (e) {
    if (e instanceof Invalid) return settingsPage(c, { values, indicators, errors: e.fields, status: 400 });
    if (e instanceof Conflict && e.current)
      return settingsPage(c, { values: { ...values, version: String(e.current.version) }, indicators, conflict: e, status: 409 });
    throw e;
  }
}

/** R20 — the origin definition form (C-417/23), through the same contract as the API. */
export async function saveOrigin(c: Context<AppEnv>) {
  const values = await readForm(c);
  const parsed = originContract.safeParse({ originDefinition: values.originDefinition ?? '' });
  if (!parsed.success) {
    const errors: FormErrors = {};
    for (const i of parsed.error.issues) errors[String(i.path[0] ?? '_form')] ??= i.message;
    return settingsPage(c, { form: 'origin', values, errors, status: 400 });
  }
  try {
    await updateOriginDefinition(c.get('ctx'), Number(values.version) || 0, parsed.data.originDefinition);
    flash(c, 'Oprindelsesdefinitionen er gemt.');
    return c.redirect(kfPaths.settings(), 303);
  } catch (e) {
    if (e instanceof Conflict && e.current)
      return settingsPage(c, { form: 'origin', values: { ...values, version: String(e.current.version) }, conflict: e, status: 409 });
    throw e;
  }
}
