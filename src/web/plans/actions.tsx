import type { Context } from 'hono';
import { z } from 'zod';
import { parseKr } from '../../domain/amount.ts';
import { actionLabels, approvalChains, nextApprovalStep, type PlanAction } from '../../domain/plan-lifecycle.ts';
import { Conflict, Forbidden, NotFound } from '../../errors.ts';
import { can } from '../../policy/index.ts';
import { getPlan } from '../../services/plans/read.ts';
import { transitionChecks, transitionPlan } from '../../services/plans/write.ts';
import { Button, ErrorSummary, Form, HiddenField, TextArea, TextField } from '../components/index.ts';
import { ConflictNotice } from '../conflict.tsx';
import type { AppEnv } from '../../app-env.ts';
import { formatKr } from '../format.ts';
import { transitionFields } from '../../contracts/plans.ts';
import { field, type FormErrors, type FormFailure, formFailure, type FormValues, parseWith, readForm } from '../forms.ts';
import { flash, home, page } from '../render.tsx';
import { planPaths } from './paths.ts';

export const planActions = Object.keys(actionLabels) as PlanAction[];

const needs: Record<PlanAction, { date?: string; reference?: string; note?: string; amount?: boolean; body?: boolean }> = {
  submitPrequalification: {},
  recordPrequalification: { date: 'Dato for LBF’s prækvalifikation', reference: 'LBF’s journalnummer' },
  markWritten: {},
  recordApprovalStep: { date: 'Beslutningsdato', reference: 'Sagsnummer', body: true },
  recordGrant: { date: 'Tilsagnsdato', reference: 'Tilsagnets reference' },
  activate: {},
  end: { note: 'Bemærkning' },
  reject: { date: 'Dato for afslaget', note: 'Begrundelse' },
  withdraw: { note: 'Bemærkning' },
};

async function actionForm(
  c: Context<AppEnv>,
  id: number,
  action: PlanAction,
  st: { values?: FormValues; errors?: FormErrors; status?: 200 | FormFailure['status']; conflict?: Conflict } = {},
) {
  const plan = await getPlan(c.get('ctx'), id);
  // A form is shown only to those who may submit it (the same rule the POST checks).
  const subject = { type: 'plan' as const, id, state: plan.state, partyOrganisationIds: plan.partyOrganisations.map((o) => o.id) };
  if (!can(c.get('actor'), action, subject)) throw new Forbidden(`Du kan ikke »${actionLabels[action].toLowerCase()}« for denne plan.`);
  const facts = await transitionChecks(c.get('ctx'), id);
  const step = action === 'recordApprovalStep' ? nextApprovalStep(facts) : null;
  const n = needs[action];
  const v = st.values ?? {};
  const errors = st.errors ?? {};
  return page(
    c,
    {
      title: actionLabels[action],
      breadcrumbs: [
        home,
        { label: 'Planer', href: planPaths.list() },
        { label: plan.name, href: planPaths.plan(id) },
        { label: actionLabels[action] },
      ],
      status: st.status,
    },
    <>
      <h1>{actionLabels[action]}</h1>
      <p>
        Plan: <a href={planPaths.plan(id)}>{plan.name}</a>
      </p>
      {st.conflict && <ConflictNotice conflict={st.conflict} />}
      <ErrorSummary
        title="Handlingen kan ikke gennemføres"
        errors={Object.entries(errors).map(([f, m]) => ({ field: f.startsWith('rule_') ? 'action-form' : f, message: m }))}
      />
      {step && (
        <p>
          Skridt: <strong>{step.label}</strong> ({approvalChains[plan.approvalChain]?.label})
        </p>
      )}
      <Form action={planPaths.action(id, action)} csrfToken={c.get('csrfToken')} id="action-form">
        <HiddenField name="version" value={String(plan.version)} />
        {step && <HiddenField name="stepKey" value={step.key} />}
        {n.body && step && <TextField name="body" label="Besluttende organ" value={v.body ?? step.body} error={errors.body} required />}
        {n.date && <TextField name="decisionDate" label={n.date} type="date" value={v.decisionDate} error={errors.decisionDate} required />}
        {n.reference && <TextField name="caseNumber" label={n.reference} value={v.caseNumber} error={errors.caseNumber} required />}
        {step?.needsAmount && (
          <TextField
            name="amount"
            label="Kommunal medfinansiering (kr.)"
            hint={
              facts.budget
                ? `Kommunens andel i planens budget er ${formatKr(facts.budget.municipalOre)} Skriv beløbet i kroner, fx 1.250.000.`
                : 'Skriv beløbet i kroner, fx 1.250.000. Planen har endnu intet budget.'
            }
            value={v.amount}
            error={errors.amount}
            inputmode="decimal"
            required
          />
        )}
        {n.note && <TextArea name="note" label={n.note} value={v.note} error={errors.note} rows={3} required={action === 'reject'} />}
        <Button type="submit">{actionLabels[action]}</Button>
      </Form>
    </>,
  );
}

/** The form's adapter to the transition fields (the amount arrives in kroner; see the action's handler). */
const actionSchema = z.object({
  version: field.version(),
  ...transitionFields,
  amount: z.string().optional(),
});

export function planActionPages() {
  return {
    show: (c: Context<AppEnv>, id: number, action: string) => {
      if (!planActions.includes(action as PlanAction)) throw new NotFound();
      return actionForm(c, id, action as PlanAction);
    },
    save: async (c: Context<AppEnv>, id: number, action: string) => {
      if (!planActions.includes(action as PlanAction)) throw new NotFound();
      const a = action as PlanAction;
      const values = await readForm(c);
      const parsed = parseWith(actionSchema, values);
      if (!parsed.ok) return actionForm(c, id, a, { values, errors: parsed.errors, status: 400 });
      const amount = parsed.data.amount ? parseKr(parsed.data.amount) : null;
      if (amount && !amount.ok) return actionForm(c, id, a, { values, errors: { amount: amount.message }, status: 400 });
      try {
        await transitionPlan(c.get('ctx'), id, parsed.data.version, a, {
          stepKey: parsed.data.stepKey,
          decisionDate: parsed.data.decisionDate,
          caseNumber: parsed.data.caseNumber,
          amountOre: amount?.ok ? amount.ore : null,
          note: parsed.data.note,
          ...(parsed.data.body ? { body: parsed.data.body } : {}),
        } as never);
      } catch (err) {
        return actionForm(c, id, a, { values, ...formFailure(err) });
      }
      flash(c, `${actionLabels[a]}: registreret.`);
      return c.redirect(planPaths.plan(id), 303);
    },
  };
}
