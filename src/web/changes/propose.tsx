import type { Context } from 'hono';
import { z } from 'zod';
import { parseKr } from '../../domain/amount.ts';
import { type ChangeKind, changeKinds, type Edit } from '../../domain/changes/edits.ts';
import { Invalid } from '../../errors.ts';
import { can } from '../../policy/index.ts';
import { proposeChange } from '../../services/changes/requests.ts';
import { planFinance } from '../../services/money/index.ts';
import { getPlan, type PlanDetail } from '../../services/plans/read.ts';
import { Button, ChoiceGroup, ErrorSummary, Form, HiddenField, SelectField, TextArea, TextField } from '../components/index.ts';
import type { AppEnv } from '../env.ts';
import { formatKr } from '../format.ts';
import { field, type FormErrors, type FormValues, formAll, readForm } from '../forms.ts';
import { flash, home, page } from '../render.tsx';
import { planPaths } from '../plans/paths.ts';
import { changePaths } from './paths.ts';

const kinds = Object.keys(changeKinds) as ChangeKind[];
const activities = (p: PlanDetail) => p.subAgreements.flatMap((s) => s.activities.map((a) => ({ ...a, focusArea: s.focusArea })));
const optional = (v: string | undefined) => (v && v.trim() ? v.trim() : null);
const text = (v: string | undefined) => (v ?? '').trim();

/** R3 — the proposal form: pick the kind, then the structured change against the plan as it is now. */
export async function proposePage(c: Context<AppEnv>, planId: number, st: { values?: FormValues; errors?: FormErrors; status?: 200 | 400 } = {}) {
  const ctx = c.get('ctx');
  const plan = await getPlan(ctx, planId);
  const v = { ...(st.values ?? {}) };
  const kind = (kinds.includes(v.kind as ChangeKind) ? v.kind : c.req.query('type')) as ChangeKind | undefined;
  const errors = st.errors ?? {};
  const e = (k: string) => errors[k];
  const csrf = c.get('csrfToken');
  const acts = activities(plan);
  const chosen = acts.find((a) => String(a.id) === (v.activityId ?? c.req.query('aktivitet')));
  const crumbs = [home, { label: 'Planer', href: planPaths.list() }, { label: plan.name, href: planPaths.plan(planId) }, { label: 'Ændringer', href: changePaths.ofPlan(planId) }, { label: 'Foreslå ændring' }];
  if (!kind) {
    return page(c, { title: 'Foreslå ændring', breadcrumbs: crumbs }, (
      <>
        <h1>Foreslå en ændring af {plan.name}</h1>
        <p>Planen er godkendt og låst som version {plan.currentVersion}. En ændring besluttes af den kompetente bestyrelse og bliver derefter planens næste version.</p>
        <form method="get" action={changePaths.propose(planId)}>
          <ChoiceGroup name="type" type="radio" label="Hvad vil du ændre?" options={kinds.map((k) => ({ value: k, label: changeKinds[k] }))} values={[]} required />
          <Button type="submit">Videre</Button>
        </form>
      </>
    ));
  }
  const finance = kind === 'budget_reallocation' ? await planFinance(ctx.db, planId) : null;
  const lineOptions = finance ? [{ value: '', label: 'Vælg …' }, ...finance.lines.map((l) => ({ value: String(l.id), label: l.name }))] : [];
  const years = finance ? finance.years : [];
  const goals = plan.goals;
  const criteria = goals.flatMap((g) => g.criteria.map((cr) => ({ ...cr, goal: g.title })));
  const fields = (() => {
    switch (kind) {
      case 'budget_reallocation':
        return (
          <>
            <SelectField name="fromLineId" label="Flyt fra budgetlinje" options={lineOptions} value={v.fromLineId} error={e('fromLineId')} required />
            <SelectField name="toLineId" label="Flyt til budgetlinje" options={lineOptions} value={v.toLineId} error={e('toLineId')} required />
            <SelectField name="year" label="År" options={years.map((y) => ({ value: String(y), label: String(y) }))} value={v.year} error={e('year')} required />
            <TextField name="amount" label="Beløb (kr.)" hint="Fx 200.000" value={v.amount} error={e('amount')} inputmode="decimal" required />
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
            <SelectField name="activityId" label="Aktivitet" options={[{ value: '', label: 'Vælg …' }, ...acts.filter((a) => a.status !== 'ended' && a.status !== 'cancelled').map((a) => ({ value: String(a.id), label: `${a.title} (${a.focusArea})` }))]} value={v.activityId} error={e('activityId')} required />
            <ChoiceGroup name="status" type="radio" label="Hvordan slutter aktiviteten?" options={[{ value: 'ended', label: 'Afsluttes' }, { value: 'cancelled', label: 'Aflyses' }]} values={[v.status ?? 'ended']} required />
            <TextField name="endsOn" label="Slutdato" type="date" value={v.endsOn} error={e('endsOn')} required />
          </>
        );
      case 'new_activity':
        return (
          <>
            <SelectField name="subAgreementId" label="Delaftale" options={[{ value: '', label: 'Vælg …' }, ...plan.subAgreements.map((s) => ({ value: String(s.id), label: s.focusArea }))]} value={v.subAgreementId} error={e('subAgreementId')} required />
            <TextField name="title" label="Navn" value={v.title} error={e('title')} required />
            <TextArea name="description" label="Beskrivelse" value={v.description} rows={4} />
            <TextField name="targetGroup" label="Målgruppe" value={v.targetGroup} />
            <TextField name="startsOn" label="Start" type="date" value={v.startsOn} error={e('startsOn')} />
            <TextField name="endsOn" label="Slut" type="date" value={v.endsOn} error={e('endsOn')} />
            <ChoiceGroup name="goalIds" label="Mål, aktiviteten tjener" options={goals.map((g) => ({ value: String(g.id), label: g.title }))} values={[]} />
            <SelectField name="responsibleOrganisationId" label="Ansvarlig boligorganisation" options={[{ value: '', label: 'Ingen' }, ...plan.partyOrganisations.map((o) => ({ value: String(o.id), label: o.shortName }))]} value={v.responsibleOrganisationId} />
          </>
        );
      case 'strategic_agreement':
        return (
          <>
            <SelectField name="criterionId" label="Succeskriterium" options={[{ value: '', label: 'Vælg …' }, ...criteria.map((cr) => ({ value: String(cr.id), label: `${cr.goal}: ${cr.indicatorName} (mål ${cr.targetValue} ${cr.unit})` }))]} value={v.criterionId} error={e('criterionId')} required />
            <TextField name="targetValue" label="Ny målværdi" value={v.targetValue} error={e('targetValue')} inputmode="decimal" required />
            <TextField name="targetDate" label="Ny måldato" type="date" value={v.targetDate} error={e('targetDate')} required />
          </>
        );
      case 'contingency':
        return (
          <>
            <TextArea name="steps" label="Trin ved akut uro og tryghedsproblemer" value={v.steps ?? plan.contingency?.steps ?? ''} error={e('steps')} rows={6} required />
            <TextArea name="policeCooperation" label="Samarbejdet med politiet" value={v.policeCooperation ?? plan.contingency?.policeCooperation ?? ''} rows={4} />
          </>
        );
    }
  })();
  return page(c, { title: `Foreslå ændring: ${changeKinds[kind]}`, breadcrumbs: crumbs, status: st.status }, (
    <>
      <h1>{changeKinds[kind]}</h1>
      <p>
        Plan: <a href={planPaths.plan(planId)}>{plan.name}</a>, version {plan.currentVersion}.
      </p>
      <ErrorSummary errors={Object.entries(errors).map(([f, m]) => ({ field: f, message: m }))} />
      {kind === 'activity_content' && !chosen ? (
        <form method="get" action={changePaths.propose(planId)}>
          <HiddenField name="type" value={kind} />
          <SelectField name="aktivitet" label="Hvilken aktivitet?" options={[{ value: '', label: 'Vælg …' }, ...acts.map((a) => ({ value: String(a.id), label: `${a.title} (${a.focusArea})` }))]} required />
          <Button type="submit">Videre</Button>
        </form>
      ) : (
        <Form action={changePaths.propose(planId)} csrfToken={csrf}>
          <HiddenField name="kind" value={kind} />
          <TextField name="requestTitle" label="Overskrift" hint="Kort: hvad ændres" value={v.requestTitle} error={e('requestTitle')} required />
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
    </>
  ));
}

const base = z.object({
  requestTitle: field.text('Overskriften', 200),
  justification: field.text('Begrundelsen', 4000),
});

/** Builds the structured edits from the form, with the values they start from (R3). */
async function editsFrom(c: Context<AppEnv>, plan: PlanDetail, kind: ChangeKind, v: FormValues): Promise<{ edits: Edit[]; errors: FormErrors }> {
  const errors: FormErrors = {};
  const acts = activities(plan);
  const act = acts.find((a) => String(a.id) === v.activityId);
  switch (kind) {
    case 'budget_reallocation': {
      const amount = parseKr(v.amount ?? '');
      if (!amount.ok) errors.amount = amount.message;
      if (!v.fromLineId) errors.fromLineId = 'Vælg den linje, der flyttes fra.';
      if (!v.toLineId) errors.toLineId = 'Vælg den linje, der flyttes til.';
      const finance = await planFinance(c.get('ctx').db, plan.id);
      const from = finance.lines.find((l) => String(l.id) === v.fromLineId);
      const to = finance.lines.find((l) => String(l.id) === v.toLineId);
      const year = Number(v.year);
      if (!finance.years.includes(year)) errors.year = 'Vælg et år i planens periode.';
      if (Object.keys(errors).length || !from || !to || !amount.ok) return { edits: [], errors };
      return { edits: [{ op: 'moveBudget', fromLineId: from.id, toLineId: to.id, year, amountOre: amount.ore, before: { fromOre: from.perYear[year]?.budgetOre ?? 0, toOre: to.perYear[year]?.budgetOre ?? 0 } }], errors };
    }
    case 'activity_content': {
      if (!act) return { edits: [], errors: { activityId: 'Vælg en aktivitet.' } };
      if (!text(v.title)) errors.title = 'Skriv aktivitetens navn.';
      const before = { title: act.title, description: act.description, targetGroup: act.targetGroup, startsOn: act.startsOn, endsOn: act.endsOn };
      return { edits: [{ op: 'updateActivity', activityId: act.id, before, after: { title: text(v.title), description: text(v.description), targetGroup: text(v.targetGroup), startsOn: optional(v.startsOn), endsOn: optional(v.endsOn) } }], errors };
    }
    case 'ended_activity': {
      if (!act) errors.activityId = 'Vælg en aktivitet.';
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v.endsOn ?? '')) errors.endsOn = 'Skriv slutdatoen.';
      if (!act || Object.keys(errors).length) return { edits: [], errors };
      return { edits: [{ op: 'endActivity', activityId: act.id, before: { status: act.status, endsOn: act.endsOn }, after: { status: v.status === 'cancelled' ? 'cancelled' : 'ended', endsOn: v.endsOn! } }], errors };
    }
    case 'new_activity': {
      if (!plan.subAgreements.some((s) => String(s.id) === v.subAgreementId)) errors.subAgreementId = 'Vælg en delaftale.';
      if (!text(v.title)) errors.title = 'Skriv aktivitetens navn.';
      if (Object.keys(errors).length) return { edits: [], errors };
      const goalIds = (await formAll(c, 'goalIds')).map(Number).filter((g) => plan.goals.some((x) => x.id === g));
      return { edits: [{ op: 'addActivity', subAgreementId: Number(v.subAgreementId), activity: { title: text(v.title), description: text(v.description), targetGroup: text(v.targetGroup), startsOn: optional(v.startsOn), endsOn: optional(v.endsOn) }, goalIds, responsibleOrganisationId: v.responsibleOrganisationId ? Number(v.responsibleOrganisationId) : null }], errors };
    }
    case 'strategic_agreement': {
      const cr = plan.goals.flatMap((g) => g.criteria).find((x) => String(x.id) === v.criterionId);
      const value = Number((v.targetValue ?? '').replace(/\./g, '').replace(',', '.'));
      if (!cr) errors.criterionId = 'Vælg et succeskriterium.';
      if (!v.targetValue || !Number.isFinite(value)) errors.targetValue = 'Målværdien skal være et tal.';
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v.targetDate ?? '')) errors.targetDate = 'Skriv måldatoen.';
      if (!cr || Object.keys(errors).length) return { edits: [], errors };
      return { edits: [{ op: 'updateCriterion', criterionId: cr.id, before: { targetValue: cr.targetValue, targetDate: cr.targetDate }, after: { targetValue: value, targetDate: v.targetDate! } }], errors };
    }
    case 'contingency': {
      if (!text(v.steps)) errors.steps = 'Skriv trinene.';
      if (Object.keys(errors).length) return { edits: [], errors };
      const k = plan.contingency;
      return { edits: [{ op: 'updateContingency', before: { steps: k?.steps ?? '', policeCooperation: k?.policeCooperation ?? '' }, after: { steps: text(v.steps), policeCooperation: text(v.policeCooperation), lastReviewed: new Date().toISOString().slice(0, 10) } }], errors };
    }
  }
}

export async function saveProposal(c: Context<AppEnv>, planId: number) {
  const values = await readForm(c);
  const kind = values.kind as ChangeKind;
  if (!kinds.includes(kind)) return proposePage(c, planId, { values, errors: { kind: 'Vælg, hvad du vil ændre.' }, status: 400 });
  const plan = await getPlan(c.get('ctx'), planId);
  const head = base.safeParse(values);
  const built = await editsFrom(c, plan, kind, values);
  const errors: FormErrors = { ...built.errors };
  if (!head.success) for (const i of head.error.issues) errors[String(i.path[0])] ??= i.message;
  if (Object.keys(errors).length || !head.success) return proposePage(c, planId, { values, errors, status: 400 });
  try {
    const id = await proposeChange(c.get('ctx'), planId, { kind, title: head.data.requestTitle, justification: head.data.justification, edits: built.edits });
    flash(c, 'Ændringsanmodningen er oprettet. Send den til beslutning, når den er klar.');
    return c.redirect(changePaths.request(planId, id), 303);
  } catch (err) {
    if (err instanceof Invalid) return proposePage(c, planId, { values, errors: err.fields, status: 400 });
    throw err;
  }
}

export const mayPropose = (c: Context<AppEnv>, plan: PlanDetail) =>
  can(c.get('actor'), 'create', { type: 'changeRequest', planId: plan.id, state: 'draft', planState: plan.state, partyOrganisationIds: plan.partyOrganisations.map((o) => o.id), proposedBy: null, voterUserIds: [], memberUserIds: [] });
