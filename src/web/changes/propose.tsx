import type { Context } from 'hono';
import { parseKr } from '../../domain/amount.ts';
import { proposalContract } from '../../contracts/changes.ts';
import { fromText } from '../../contracts/fields.ts';
import { type ChangeKind, changeKinds, type FunderAmount } from '../../domain/changes/edits.ts';
import { funderKindLabels, type LineKind, lineKindLabels, planYears } from '../../domain/money/budget.ts';
import { Forbidden, Invalid } from '../../errors.ts';
import { can } from '../../policy/index.ts';
import { proposeChange } from '../../services/changes/requests.ts';
import { planChangeAbilities } from '../../services/changes/read.ts';
import { getPlanFinance, type PlanFinance } from '../../services/money/index.ts';
import { getPlan, type PlanDetail } from '../../services/plans/read.ts';
import { Button, ChoiceGroup, ErrorSummary, Form, HiddenField, SelectField, TextArea, TextField } from '../components/index.ts';
import type { AppEnv } from '../../app-env.ts';
import { formatKr, formatNumber } from '../format.ts';
import { type FormErrors, type FormValues, formAll, readForm } from '../forms.ts';
import { isoDate } from '../../services/context.ts';
import { flash, home, page } from '../render.tsx';
import { planPaths } from '../plans/paths.ts';
import { changePaths } from './paths.ts';

const kinds = Object.keys(changeKinds) as ChangeKind[];
const activities = (p: PlanDetail) => p.subAgreements.flatMap((s) => s.activities.map((a) => ({ ...a, focusArea: s.focusArea })));

/** R3 — the proposal form: pick the kind, then the structured change against the plan as it is now. */
export async function proposePage(
  c: Context<AppEnv>,
  planId: number,
  st: { values?: FormValues; errors?: FormErrors; status?: 200 | 400 } = {},
) {
  const ctx = c.get('ctx');
  const plan = await getPlan(ctx, planId);
  // The form is shown only to those who may submit it (the rule `proposeChange` checks).
  if (!(await planChangeAbilities(ctx, planId)).mayCreate)
    throw new Forbidden(
      'Ændringer til en igangværende plan foreslås af planens projektleder, de boligorganisationer, der er part i planen, og sekretariatet.',
    );
  const v = { ...(st.values ?? {}) };
  const kind = (kinds.includes(v.kind as ChangeKind) ? v.kind : c.req.query('type')) as ChangeKind | undefined;
  const errors = st.errors ?? {};
  const e = (k: string) => errors[k];
  const csrf = c.get('csrfToken');
  const acts = activities(plan);
  const chosen = acts.find((a) => String(a.id) === (v.activityId ?? c.req.query('aktivitet')));
  const crumbs = [
    home,
    { label: 'Planer', href: planPaths.list() },
    { label: plan.name, href: planPaths.plan(planId) },
    { label: 'Ændringer', href: changePaths.ofPlan(planId) },
    { label: 'Foreslå ændring' },
  ];
  if (!kind) {
    return page(
      c,
      { title: 'Foreslå ændring', breadcrumbs: crumbs },
      <>
        <h1>Foreslå en ændring af {plan.name}</h1>
        <p>
          Planen er godkendt og låst som version {plan.currentVersion}. En ændring besluttes af den kompetente bestyrelse og bliver derefter
          planens næste version.
        </p>
        <form method="get" action={changePaths.propose(planId)}>
          <ChoiceGroup
            name="type"
            type="radio"
            label="Hvad vil du ændre?"
            options={kinds.map((k) => ({ value: k, label: changeKinds[k] }))}
            values={[]}
            required
          />
          <Button type="submit">Videre</Button>
        </form>
      </>,
    );
  }
  const finance = kind === 'budget_reallocation' || kind === 'budget_change' ? await getPlanFinance(ctx, planId) : null;
  const lineOptions = finance
    ? [{ value: '', label: 'Vælg …' }, ...finance.lines.map((l) => ({ value: String(l.id), label: l.name }))]
    : [];
  const years = finance ? finance.years : [];
  const goals = plan.goals;
  const criteria = goals.flatMap((g) => g.criteria.map((cr) => ({ ...cr, goal: g.title })));
  const fields = (() => {
    switch (kind) {
      case 'budget_reallocation':
        return (
          <>
            <SelectField
              name="fromLineId"
              label="Flyt fra budgetlinje"
              options={lineOptions}
              value={v.fromLineId}
              error={e('fromLineId')}
              required
            />
            <SelectField
              name="toLineId"
              label="Flyt til budgetlinje"
              options={lineOptions}
              value={v.toLineId}
              error={e('toLineId')}
              required
            />
            <SelectField
              name="year"
              label="År"
              options={years.map((y) => ({ value: String(y), label: String(y) }))}
              value={v.year}
              error={e('year')}
              required
            />
            <TextField
              name="amount"
              label="Beløb (kr.)"
              hint="Fx 200.000"
              value={v.amount}
              error={e('amount')}
              inputmode="decimal"
              required
            />
            {finance && (
              <details class="details">
                <summary class="details-summary">Budgettet nu</summary>
                <div class="details-text">
                  <ul>
                    {finance.lines.map((l) => (
                      <li>
                        {l.name}: {years.map((y) => `${y}: ${formatKr(l.perYear[y]?.budgetOre ?? 0)}`).join(', ')}
                      </li>
                    ))}
                  </ul>
                </div>
              </details>
            )}
          </>
        );
      case 'budget_change':
        return finance ? budgetChangeFields(finance, plan, v, e) : null;
      case 'activity_content':
        return chosen ? (
          <>
            <HiddenField name="activityId" value={String(chosen.id)} />
            <p>
              Aktivitet: <strong>{chosen.title}</strong> ({chosen.focusArea})
            </p>
            <TextField name="title" label="Navn" value={v.title ?? chosen.title} error={e('title')} required />
            <TextArea name="description" label="Beskrivelse" value={v.description ?? chosen.description} rows={4} />
            <TextField name="targetGroup" label="Målgruppe" value={v.targetGroup ?? chosen.targetGroup} />
            <TextField name="startsOn" label="Start" type="date" value={v.startsOn ?? chosen.startsOn ?? ''} error={e('startsOn')} />
            <TextField name="endsOn" label="Slut" type="date" value={v.endsOn ?? chosen.endsOn ?? ''} error={e('endsOn')} />
          </>
        ) : null;
      case 'ended_activity':
        return (
          <>
            <SelectField
              name="activityId"
              label="Aktivitet"
              options={[
                { value: '', label: 'Vælg …' },
                ...acts
                  .filter((a) => a.status !== 'ended' && a.status !== 'cancelled')
                  .map((a) => ({ value: String(a.id), label: `${a.title} (${a.focusArea})` })),
              ]}
              value={v.activityId}
              error={e('activityId')}
              required
            />
            <ChoiceGroup
              name="status"
              type="radio"
              label="Hvordan slutter aktiviteten?"
              options={[
                { value: 'ended', label: 'Afsluttes' },
                { value: 'cancelled', label: 'Aflyses' },
              ]}
              values={[v.status ?? 'ended']}
              required
            />
            <TextField name="endsOn" label="Slutdato" type="date" value={v.endsOn} error={e('endsOn')} required />
          </>
        );
      case 'new_activity':
        return (
          <>
            <SelectField
              name="subAgreementId"
              label="Delaftale"
              options={[{ value: '', label: 'Vælg …' }, ...plan.subAgreements.map((s) => ({ value: String(s.id), label: s.focusArea }))]}
              value={v.subAgreementId}
              error={e('subAgreementId')}
              required
            />
            <TextField name="title" label="Navn" value={v.title} error={e('title')} required />
            <TextArea name="description" label="Beskrivelse" value={v.description} rows={4} />
            <TextField name="targetGroup" label="Målgruppe" value={v.targetGroup} />
            <TextField name="startsOn" label="Start" type="date" value={v.startsOn} error={e('startsOn')} />
            <TextField name="endsOn" label="Slut" type="date" value={v.endsOn} error={e('endsOn')} />
            <ChoiceGroup
              name="goalIds"
              label="Mål, aktiviteten tjener"
              options={goals.map((g) => ({ value: String(g.id), label: g.title }))}
              values={(v.__goalIds ?? '').split(',').filter(Boolean)}
              error={e('goalIds')}
            />
            <SelectField
              name="responsibleOrganisationId"
              label="Ansvarlig boligorganisation"
              options={[
                { value: '', label: 'Ingen' },
                ...plan.partyOrganisations.map((o) => ({ value: String(o.id), label: o.shortName })),
              ]}
              value={v.responsibleOrganisationId}
              error={e('responsibleOrganisationId')}
            />
          </>
        );
      case 'strategic_agreement':
        return (
          <>
            <p>Udfyld det, der skal ændres: et succeskriteriums mål, et mål i aftalen eller begge.</p>
            <fieldset>
              <legend class="h3">Ændret målværdi eller måldato</legend>
              <SelectField
                name="criterionId"
                label="Succeskriterium"
                options={[
                  { value: '', label: 'Ingen ændring' },
                  ...criteria.map((cr) => ({
                    value: String(cr.id),
                    label: `${cr.goal}: ${cr.indicatorName} (mål ${formatNumber(cr.targetValue, 1)} ${cr.unit})`,
                  })),
                ]}
                value={v.criterionId}
                error={e('criterionId')}
              />
              <TextField name="targetValue" label="Ny målværdi" value={v.targetValue} error={e('targetValue')} inputmode="decimal" />
              <TextField name="targetDate" label="Ny måldato" type="date" value={v.targetDate} error={e('targetDate')} />
            </fieldset>
            <fieldset>
              <legend class="h3">Ændret mål i aftalen</legend>
              <SelectField
                name="goalId"
                label="Mål"
                options={[{ value: '', label: 'Ingen ændring' }, ...goals.map((g) => ({ value: String(g.id), label: g.title }))]}
                value={v.goalId}
                error={e('goalId')}
              />
              <TextField name="goalTitle" label="Målets nye navn" hint="Tom: navnet beholdes" value={v.goalTitle} error={e('goalTitle')} />
              <TextArea
                name="goalDescription"
                label="Målets nye beskrivelse"
                hint="Tom: beskrivelsen beholdes"
                value={v.goalDescription}
                error={e('goalDescription')}
                rows={3}
              />
            </fieldset>
          </>
        );
      case 'contingency':
        return (
          <>
            <TextArea
              name="steps"
              label="Trin ved akut uro og tryghedsproblemer"
              value={v.steps ?? plan.contingency?.steps ?? ''}
              error={e('steps')}
              rows={6}
              required
            />
            <TextArea
              name="policeCooperation"
              label="Samarbejdet med politiet"
              value={v.policeCooperation ?? plan.contingency?.policeCooperation ?? ''}
              rows={4}
            />
          </>
        );
    }
  })();
  return page(
    c,
    { title: `Foreslå ændring: ${changeKinds[kind]}`, breadcrumbs: crumbs, status: st.status },
    <>
      <h1>{changeKinds[kind]}</h1>
      <p>
        Plan: <a href={planPaths.plan(planId)}>{plan.name}</a>, version {plan.currentVersion}.
      </p>
      <ErrorSummary errors={Object.entries(errors).map(([f, m]) => ({ field: f, message: m }))} />
      {kind === 'activity_content' && !chosen ? (
        <form method="get" action={changePaths.propose(planId)}>
          <HiddenField name="type" value={kind} />
          <SelectField
            name="aktivitet"
            label="Hvilken aktivitet?"
            options={[{ value: '', label: 'Vælg …' }, ...acts.map((a) => ({ value: String(a.id), label: `${a.title} (${a.focusArea})` }))]}
            required
          />
          <Button type="submit">Videre</Button>
        </form>
      ) : (
        <Form action={changePaths.propose(planId)} csrfToken={csrf}>
          <HiddenField name="kind" value={kind} />
          <TextField
            name="requestTitle"
            label="Overskrift"
            hint="Kort: hvad ændres"
            value={v.requestTitle}
            error={e('requestTitle')}
            required
          />
          <TextArea name="justification" label="Begrundelse" value={v.justification} error={e('justification')} rows={4} required />
          {fields}
          {e('edits') && (
            <p class="form-error-message" id="edits">
              {e('edits')}
            </p>
          )}
          <Button type="submit">Opret ændringsanmodning</Button>
        </Form>
      )}
    </>,
  );
}

/** Where an error inside an edit belongs on the form: the edit's field name, except where the form names it otherwise. */
const formFieldOf: Record<string, string> = { amountOre: 'amount', goalId: 'goalId' };

/**
 * The form's adapter to the proposal contract: maps an issue's path in the contract (`edits.0.after.title`) back to
 * the form field it came from (`title`); the request's `title` is the form's `requestTitle`.
 */
export function proposalFormErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FormErrors {
  const errors: FormErrors = {};
  for (const i of issues) {
    const [head, , ...rest] = i.path;
    let key: string;
    if (head === 'title') key = 'requestTitle';
    else if (head !== 'edits' || rest[0] === 'before') key = head === 'edits' ? 'edits' : String(head ?? '_form');
    else {
      const last = [...rest].reverse().find((x): x is string => typeof x === 'string');
      key = last ? (formFieldOf[last] ?? last) : 'edits';
    }
    errors[key] ??= i.message;
  }
  return errors;
}

/**
 * Builds the contract's structured edits from the form strings, with the values they start from (R3). The few checks
 * here are about the form's own strings (an amount in kroner, a number with a decimal comma, a year of the plan);
 * everything else is the contract's and the service's to say. A choice not made becomes id 0, which the contract
 * refuses with the field's own message.
 */
async function editsFrom(
  c: Context<AppEnv>,
  plan: PlanDetail,
  kind: ChangeKind,
  v: FormValues,
): Promise<{ edits: unknown[]; errors: FormErrors }> {
  const errors: FormErrors = {};
  const act = activities(plan).find((a) => String(a.id) === v.activityId);
  const activityBefore = act
    ? { title: act.title, description: act.description, targetGroup: act.targetGroup, startsOn: act.startsOn, endsOn: act.endsOn }
    : { title: '', description: '', targetGroup: '', startsOn: null, endsOn: null };
  const activityAfter = {
    title: v.title ?? '',
    description: v.description ?? '',
    targetGroup: v.targetGroup ?? '',
    startsOn: v.startsOn ?? null,
    endsOn: v.endsOn ?? null,
  };
  switch (kind) {
    case 'budget_reallocation': {
      const amount = parseKr(v.amount ?? '');
      if (!amount.ok) errors.amount = amount.message;
      const finance = await getPlanFinance(c.get('ctx'), plan.id);
      const from = finance.lines.find((l) => String(l.id) === v.fromLineId);
      const to = finance.lines.find((l) => String(l.id) === v.toLineId);
      const year = Number(v.year);
      if (!finance.years.includes(year)) errors.year = 'Vælg et år i planens periode.';
      return {
        edits: [
          {
            op: 'moveBudget',
            fromLineId: from?.id ?? 0,
            toLineId: to?.id ?? 0,
            year: Number.isInteger(year) ? year : 0,
            amountOre: amount.ok ? amount.ore : 1,
            before: { fromOre: from?.perYear[year]?.budgetOre ?? 0, toOre: to?.perYear[year]?.budgetOre ?? 0 },
          },
        ],
        errors,
      };
    }
    case 'budget_change':
      return budgetChangeEdits(await getPlanFinance(c.get('ctx'), plan.id), plan, v);
    case 'activity_content':
      return { edits: [{ op: 'updateActivity', activityId: act?.id ?? 0, before: activityBefore, after: activityAfter }], errors };
    case 'ended_activity':
      return {
        edits: [
          {
            op: 'endActivity',
            activityId: act?.id ?? 0,
            before: { status: act?.status ?? '', endsOn: act?.endsOn ?? null },
            after: { status: v.status === 'cancelled' ? 'cancelled' : 'ended', endsOn: v.endsOn ?? '' },
          },
        ],
        errors,
      };
    case 'new_activity': {
      const goalIds = (await formAll(c, 'goalIds')).map((g) => (/^\d{1,10}$/.test(g) ? Number(g) : 0));
      return {
        edits: [
          {
            op: 'addActivity',
            subAgreementId: idOf(v.subAgreementId),
            activity: activityAfter,
            goalIds,
            responsibleOrganisationId: v.responsibleOrganisationId ? idOf(v.responsibleOrganisationId) : null,
          },
        ],
        errors,
      };
    }
    case 'strategic_agreement': {
      const edits: unknown[] = [];
      if (v.criterionId) {
        const cr = plan.goals.flatMap((g) => g.criteria).find((x) => String(x.id) === v.criterionId);
        const value = fromText.decimal('målværdien').safeParse(v.targetValue ?? '');
        if (!value.success) errors.targetValue = value.error.issues[0]!.message;
        edits.push({
          op: 'updateCriterion',
          criterionId: cr?.id ?? 0,
          before: { targetValue: cr?.targetValue ?? 0, targetDate: cr?.targetDate ?? '2000-01-01' },
          after: { targetValue: value.success ? value.data : 0, targetDate: v.targetDate ?? '' },
        });
      }
      if (v.goalId) {
        // R4 — a goal's new name and description; a field left empty keeps what the goal has.
        const g = plan.goals.find((x) => String(x.id) === v.goalId);
        const before = { title: g?.title ?? '', description: g?.description ?? '' };
        edits.push({
          op: 'updateGoal',
          goalId: g?.id ?? 0,
          before,
          after: { title: v.goalTitle?.trim() || before.title, description: v.goalDescription?.trim() || before.description },
        });
      }
      return { edits, errors };
    }
    case 'contingency': {
      const k = plan.contingency;
      return {
        edits: [
          {
            op: 'updateContingency',
            before: { steps: k?.steps ?? '', policeCooperation: k?.policeCooperation ?? '' },
            after: { steps: v.steps ?? '', policeCooperation: v.policeCooperation ?? '', lastReviewed: isoDate(c.get('ctx').now()) },
          },
        ],
        errors,
      };
    }
  }
}

/**
 * R1 — the funders a frame change names: the plan's own, or for a plan without a budget LBF, the municipality and each
 * party organisation (the form shows one amount field per funder, `funder0`, `funder1`, …).
 */
function formFunders(finance: PlanFinance, plan: PlanDetail): FunderAmount[] {
  if (finance.funders.length)
    return finance.funders.map((f) => ({ kind: f.kind, name: f.name, organisationId: f.organisationId, amountOre: f.amountOre }));
  return [
    { kind: 'lbf', name: funderKindLabels.lbf, organisationId: null, amountOre: 0 },
    { kind: 'municipality', name: funderKindLabels.municipality, organisationId: null, amountOre: 0 },
    ...plan.partyOrganisations.map((o) => ({ kind: 'organisation' as const, name: o.shortName, organisationId: o.id, amountOre: 0 })),
  ];
}

const planYearsOf = (finance: PlanFinance) => planYears(finance.startsOn, finance.endsOn);

/** R1 — the form of a budget change: the frame and its funders, and a new budget line with its amounts per year. */
function budgetChangeFields(finance: PlanFinance, plan: PlanDetail, v: FormValues, e: (k: string) => string | undefined) {
  const funders = formFunders(finance, plan);
  const kr = (ore: number) => (ore ? formatKr(ore) : '');
  return (
    <>
      {!finance.hasBudget && <p>Planen har endnu intet budget. Her kan du give den en ramme, finansiering og budgetlinjer.</p>}
      <fieldset>
        <legend class="h3">Ramme og finansiering</legend>
        <TextField
          name="frame"
          label="Samlet ramme (kr.)"
          hint={finance.hasBudget ? `Nu ${formatKr(finance.frameOre)}` : 'Fx 8.000.000'}
          value={v.frame ?? kr(finance.frameOre)}
          error={e('frame') ?? e('frameOre')}
          inputmode="decimal"
        />
        {funders.map((f, i) => (
          <TextField
            name={`funder${i}`}
            label={`${f.name} (kr.)`}
            value={v[`funder${i}`] ?? kr(f.amountOre)}
            error={e(`funder${i}`)}
            inputmode="decimal"
          />
        ))}
        {e('funders') && (
          <p class="form-error-message" id="funders">
            {e('funders')}
          </p>
        )}
      </fieldset>
      <fieldset>
        <legend class="h3">Ny budgetlinje</legend>
        <p>Udfyld kun, hvis planen skal have en ny linje. Linjerne skal tilsammen give rammen.</p>
        <TextField name="lineName" label="Budgetlinjens navn" value={v.lineName} error={e('lineName') ?? e('name')} />
        <SelectField
          name="lineKind"
          label="Linjens type"
          options={(Object.keys(lineKindLabels) as LineKind[])
            .filter((k) => k !== 'activity')
            .map((k) => ({ value: k, label: lineKindLabels[k] }))}
          value={v.lineKind ?? 'other'}
        />
        {planYearsOf(finance).map((y) => (
          <TextField
            name={`lineYear${y}`}
            label={`Beløb ${y} (kr.)`}
            value={v[`lineYear${y}`]}
            error={e(`lineYear${y}`)}
            inputmode="decimal"
          />
        ))}
      </fieldset>
      {finance.lines.length > 0 && (
        <details class="details">
          <summary class="details-summary">Budgettet nu</summary>
          <div class="details-text">
            <ul>
              {finance.lines.map((l) => (
                <li>
                  {l.name}: {finance.years.map((y) => `${y}: ${formatKr(l.perYear[y]?.budgetOre ?? 0)}`).join(', ')}
                </li>
              ))}
            </ul>
          </div>
        </details>
      )}
    </>
  );
}

/** R1 — the form's budget change as structured edits: a frame change when the frame or a funder differs, a new line when named. */
function budgetChangeEdits(finance: PlanFinance, plan: PlanDetail, v: FormValues): { edits: unknown[]; errors: FormErrors } {
  const errors: FormErrors = {};
  const amount = (field: string, raw: string | undefined): number => {
    if (!raw?.trim()) return 0;
    const a = parseKr(raw);
    if (!a.ok) errors[field] = a.message;
    return a.ok ? a.ore : 0;
  };
  const edits: unknown[] = [];
  const current = formFunders(finance, plan);
  const frameOre = amount('frame', v.frame);
  const funders = current.map((f, i) => ({ ...f, amountOre: amount(`funder${i}`, v[`funder${i}`]) }));
  const before = {
    frameOre: finance.frameOre,
    funders: finance.funders.map((f) => ({ kind: f.kind, name: f.name, organisationId: f.organisationId, amountOre: f.amountOre })),
  };
  if (frameOre !== finance.frameOre || funders.some((f, i) => f.amountOre !== (finance.funders[i]?.amountOre ?? 0)))
    edits.push({
      op: 'changeFrame',
      before,
      after: { frameOre, funders: funders.filter((f) => f.amountOre > 0 || f.kind !== 'organisation') },
    });
  if (v.lineName?.trim()) {
    const kind = (Object.keys(lineKindLabels) as LineKind[]).includes(v.lineKind as LineKind) ? v.lineKind : 'other';
    edits.push({
      op: 'addBudgetLine',
      line: { name: v.lineName, kind, activityId: null },
      amounts: planYearsOf(finance).map((y) => ({ year: y, amountOre: amount(`lineYear${y}`, v[`lineYear${y}`]) })),
    });
  }
  return { edits, errors };
}

/** A chosen id from a select; anything else is 0, which the contract refuses as "not chosen". */
const idOf = (v: string | undefined) => (v && /^\d{1,10}$/.test(v) ? Number(v) : 0);

export async function saveProposal(c: Context<AppEnv>, planId: number) {
  // The checked goals are kept as one value, so a refused form shows them checked again.
  const values: FormValues = { ...(await readForm(c)), __goalIds: (await formAll(c, 'goalIds')).join(',') };
  const kind = values.kind as ChangeKind;
  if (!kinds.includes(kind)) return proposePage(c, planId, { values, errors: { kind: 'Vælg, hvad du vil ændre.' }, status: 400 });
  const plan = await getPlan(c.get('ctx'), planId);
  const built = await editsFrom(c, plan, kind, values);
  const parsed = proposalContract.safeParse({
    kind,
    title: values.requestTitle ?? '',
    justification: values.justification ?? '',
    edits: built.edits,
  });
  const errors: FormErrors = { ...(parsed.success ? {} : proposalFormErrors(parsed.error.issues)), ...built.errors };
  // A goal's fields are named for the goal on the strategic agreement's form (the activity forms use `title`).
  if (kind === 'strategic_agreement')
    for (const [from, to] of [
      ['title', 'goalTitle'],
      ['description', 'goalDescription'],
    ] as const)
      if (errors[from]) {
        errors[to] = errors[from];
        delete errors[from];
      }
  if (Object.keys(errors).length || !parsed.success) return proposePage(c, planId, { values, errors, status: 400 });
  try {
    const id = await proposeChange(c.get('ctx'), planId, parsed.data);
    flash(c, 'Ændringsanmodningen er oprettet. Send den til beslutning, når den er klar.');
    return c.redirect(changePaths.request(planId, id), 303);
  } catch (err) {
    if (err instanceof Invalid) return proposePage(c, planId, { values, errors: err.fields, status: 400 });
    throw err;
  }
}
