import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { z } from 'zod';
import type { AppEnv } from '../../app-env.ts';
import { activityContract } from '../../contracts/plans.ts';
import { Forbidden, NotFound } from '../../errors.ts';
import { updateActivity, updateChallenge, updateContact, updateCriterion, updateGoal } from '../../services/plans/content.ts';
import { getPlan, type PlanDetail } from '../../services/plans/read.ts';
import { Button, ChoiceGroup, Form, HiddenField, SelectField, TextArea, TextField } from '../components/index.ts';
import { contractOrInvalid, formAll, type FormFailure, formFailure, type FormValues, parseWith, readForm } from '../forms.ts';
import { msg } from '../messages.ts';
import { flash } from '../render.tsx';
import { planPaths } from './paths.ts';
import { type EditableKind, parseParty, partyOptions, planEditAbilities, planFormPage, schemas } from './sections.tsx';

type State = Partial<FormFailure> & { values?: FormValues; lists?: Record<string, string[]> };

const headings: Record<EditableKind, string> = {
  challenge: 'Ret udfordring',
  goal: 'Ret mål',
  criterion: 'Ret succeskriterium',
  activity: 'Ret aktivitet',
  contact: 'Ret kontakt på kaldelisten',
};
const sectionOf = {
  challenge: 'strategy',
  goal: 'strategy',
  criterion: 'strategy',
  activity: 'subAgreements',
  contact: 'contingency',
} as const;
const isKind = (k: string): k is EditableKind => k in headings;

/** The part as form values (what the form shows before the user changes anything), or null when it is not the plan's. */
function currentValues(plan: PlanDetail, kind: EditableKind, id: number): { values: FormValues; lists: Record<string, string[]> } | null {
  const str = (v: number | string | null | undefined) => (v === null || v === undefined ? '' : String(v));
  const decimal = (v: number) => String(v).replace('.', ',');
  if (kind === 'challenge') {
    const ch = plan.challenges.find((x) => x.id === id);
    return ch ? { values: { title: ch.title, description: ch.description }, lists: {} } : null;
  }
  if (kind === 'goal') {
    const g = plan.goals.find((x) => x.id === id);
    return g ? { values: { title: g.title, description: g.description, challengeId: str(g.challengeId) }, lists: {} } : null;
  }
  if (kind === 'criterion') {
    const cr = plan.goals.flatMap((g) => g.criteria).find((x) => x.id === id);
    if (!cr) return null;
    return {
      values: {
        goalId: String(cr.goalId),
        indicatorName: cr.indicatorName,
        unit: cr.unit,
        direction: cr.direction,
        baselineValue: decimal(cr.baselineValue),
        baselineDate: cr.baselineDate,
        baselineSource: cr.baselineSource,
        targetValue: decimal(cr.targetValue),
        targetDate: cr.targetDate,
      },
      lists: {},
    };
  }
  if (kind === 'activity') {
    const a = plan.subAgreements.flatMap((s) => s.activities).find((x) => x.id === id);
    if (!a) return null;
    const options = partyOptions(plan).map((o) => o.value);
    // A party is shown as the option of its kind and id (the stored name may differ from the option's label).
    const optionOf = (p: (typeof a.parties)[number]) =>
      options.find((o) => o.startsWith(`${p.kind}:${p.organisationId ?? p.administration ?? ''}:`)) ?? '';
    return {
      values: {
        subAgreementId: String(a.subAgreementId),
        title: a.title,
        description: a.description,
        targetGroup: a.targetGroup,
        startsOn: str(a.startsOn),
        endsOn: str(a.endsOn),
        responsible: optionOf(a.parties.find((p) => p.part === 'responsible') ?? a.parties[0]!),
      },
      lists: {
        goalIds: a.goalIds.map(String),
        carriesOut: a.parties.filter((p) => p.part === 'carries_out').map(optionOf),
        contributes: a.parties.filter((p) => p.part === 'contributes').map(optionOf),
      },
    };
  }
  const ct = plan.contingency?.contacts?.find((x) => x.id === id);
  return ct
    ? {
        values: {
          callOrder: String(ct.callOrder),
          role: ct.role,
          organisation: ct.organisation,
          name: ct.name,
          phone: ct.phone,
          email: ct.email,
        },
        lists: {},
      }
    : null;
}

function fields(plan: PlanDetail, kind: EditableKind, v: FormValues, lists: Record<string, string[]>, e: Record<string, string>): Child {
  if (kind === 'challenge')
    return (
      <>
        <TextField name="title" label="Udfordring" value={v.title} error={e.title} required />
        <TextArea name="description" label="Beskrivelse" value={v.description} error={e.description} rows={3} />
      </>
    );
  if (kind === 'goal')
    return (
      <>
        <TextField name="title" label="Mål" value={v.title} error={e.title} required />
        <TextArea name="description" label="Beskrivelse" value={v.description} error={e.description} rows={3} />
        <SelectField
          name="challengeId"
          label="Udfordring, målet svarer på"
          options={[{ value: '', label: 'Ingen' }, ...plan.challenges.map((ch) => ({ value: String(ch.id), label: ch.title }))]}
          value={v.challengeId}
          error={e.challengeId}
        />
      </>
    );
  if (kind === 'criterion')
    return (
      <>
        <SelectField
          name="goalId"
          label="Mål"
          options={[{ value: '', label: 'Vælg …' }, ...plan.goals.map((g) => ({ value: String(g.id), label: g.title }))]}
          value={v.goalId}
          error={e.goalId}
          required
        />
        <TextField name="indicatorName" label="Indikator" value={v.indicatorName} error={e.indicatorName} required />
        <TextField name="unit" label="Enhed" hint="Fx %, antal" value={v.unit} error={e.unit} />
        <ChoiceGroup
          name="direction"
          type="radio"
          label="Retning"
          options={[
            { value: 'increase', label: 'Skal stige' },
            { value: 'decrease', label: 'Skal falde' },
          ]}
          values={[v.direction ?? '']}
          error={e.direction}
          required
        />
        <TextField
          name="baselineValue"
          label="Baseline (værdi)"
          value={v.baselineValue}
          error={e.baselineValue}
          inputmode="decimal"
          required
        />
        <TextField name="baselineDate" label="Baselinedato" type="date" value={v.baselineDate} error={e.baselineDate} required />
        <TextField name="baselineSource" label="Kilde til baseline" value={v.baselineSource} error={e.baselineSource} />
        <TextField name="targetValue" label="Mål (værdi)" value={v.targetValue} error={e.targetValue} inputmode="decimal" required />
        <TextField name="targetDate" label="Måldato" type="date" value={v.targetDate} error={e.targetDate} required />
      </>
    );
  if (kind === 'activity')
    return (
      <>
        <SelectField
          name="subAgreementId"
          label="Delaftale"
          options={[{ value: '', label: 'Vælg …' }, ...plan.subAgreements.map((s) => ({ value: String(s.id), label: s.focusArea }))]}
          value={v.subAgreementId}
          error={e.subAgreementId}
          required
        />
        <TextField name="title" label="Aktivitet" value={v.title} error={e.title} required />
        <TextArea name="description" label="Beskrivelse" value={v.description} error={e.description} rows={3} />
        <TextField name="targetGroup" label="Målgruppe" value={v.targetGroup} error={e.targetGroup} />
        <TextField name="startsOn" label="Start" type="date" value={v.startsOn} error={e.startsOn} />
        <TextField name="endsOn" label="Slut" type="date" value={v.endsOn} error={e.endsOn} />
        <ChoiceGroup
          name="goalIds"
          label="Mål, aktiviteten tjener"
          options={plan.goals.map((g) => ({ value: String(g.id), label: g.title }))}
          values={lists.goalIds ?? []}
          error={e.goalIds}
        />
        <SelectField
          name="responsible"
          label="Ansvarlig part"
          options={[{ value: '', label: 'Vælg …' }, ...partyOptions(plan)]}
          value={v.responsible}
          error={e.responsible ?? e.parties}
          required
        />
        <ChoiceGroup name="carriesOut" label="Udfører" options={partyOptions(plan)} values={lists.carriesOut ?? []} />
        <ChoiceGroup name="contributes" label="Bidrager" options={partyOptions(plan)} values={lists.contributes ?? []} />
      </>
    );
  return (
    <>
      <TextField name="callOrder" label="Rækkefølge" value={v.callOrder} error={e.callOrder} inputmode="numeric" required />
      <TextField name="role" label="Rolle" value={v.role} error={e.role} required />
      <TextField name="organisation" label="Organisation" value={v.organisation} error={e.organisation} />
      <TextField name="name" label="Navn" value={v.name} error={e.name} autocomplete="off" />
      <TextField name="phone" label="Telefon" type="tel" value={v.phone} error={e.phone} autocomplete="off" />
      <TextField name="email" label="E-mail" type="email" value={v.email} error={e.email} autocomplete="off" />
    </>
  );
}

/** The plan and the part, for someone who may edit it: 404 for a part that is not this plan's, 403 without the right. */
async function editable(c: Context<AppEnv>, planId: number, kind: string, partId: number) {
  if (!isKind(kind)) throw new NotFound();
  const plan = await getPlan(c.get('ctx'), planId);
  const ab = planEditAbilities(c, plan);
  if (kind === 'contact' ? !ab.callList : !ab.content) {
    throw new Forbidden(
      kind !== 'contact' && plan.currentVersion > 0
        ? 'Planen er godkendt og låst. Indholdet kan kun ændres gennem en ændringsanmodning.'
        : 'Du kan ikke rette denne del af planen.',
    );
  }
  const current = currentValues(plan, kind, partId);
  if (!current) throw new NotFound('Delen findes ikke i denne plan.');
  return { plan, kind, current };
}

/** GET /planer/:id/ret/:kind/:part — a part of the plan in its form, filled in as it is. */
export async function editPartPage(c: Context<AppEnv>, planId: number, kind: string, partId: number, st: State = {}) {
  const { plan, kind: k, current } = await editable(c, planId, kind, partId);
  const values = st.values ?? current.values;
  const lists = st.lists ?? current.lists;
  const errors = st.errors ?? {};
  // After a conflict the form carries the version as it is now, so a second save (having seen the changes) can pass.
  const version = st.conflict || !st.values ? String(plan.version) : (st.values.version ?? String(plan.version));
  const back = planPaths[sectionOf[k]](planId);
  return planFormPage(
    c,
    plan,
    headings[k],
    { status: st.status, conflict: st.conflict, errors },
    <>
      <Form action={planPaths.editPart(planId, k, partId)} csrfToken={c.get('csrfToken')}>
        <HiddenField name="version" value={version} />
        {fields(plan, k, values, lists, errors)}
        <Button type="submit">Gem ændringerne</Button> <a href={back}>Tilbage</a>
      </Form>
    </>,
  );
}

/** POST /planer/:id/ret/:kind/:part — validates with the use case's contract, saves under the plan's version. */
export async function saveEditPart(c: Context<AppEnv>, planId: number, kind: string, partId: number) {
  if (!isKind(kind)) throw new NotFound();
  const values = await readForm(c);
  const lists = {
    goalIds: await formAll(c, 'goalIds'),
    carriesOut: await formAll(c, 'carriesOut'),
    contributes: await formAll(c, 'contributes'),
  };
  const ctx = c.get('ctx');
  const version = Number(values.version);
  const fail = (st: Omit<State, 'values' | 'lists'>) => editPartPage(c, planId, kind, partId, { values, lists, ...st });
  const run = async <S extends z.ZodType>(schema: S, fn: (d: z.infer<S>) => Promise<unknown>) => {
    const parsed = parseWith(schema, values);
    if (!parsed.ok) return fail({ status: 400, errors: parsed.errors });
    try {
      await fn(parsed.data);
    } catch (err) {
      return fail(formFailure(err));
    }
    flash(c, msg.saved);
    return c.redirect(planPaths[sectionOf[kind]](planId), 303);
  };
  switch (kind) {
    case 'challenge':
      return run(schemas.challenge, (d) => updateChallenge(ctx, planId, version, partId, d));
    case 'goal':
      return run(schemas.goal, (d) => updateGoal(ctx, planId, version, partId, d));
    case 'criterion':
      return run(schemas.criterion, (d) => updateCriterion(ctx, planId, version, partId, d));
    case 'activity':
      return run(schemas.activity, ({ responsible, ...d }) =>
        updateActivity(
          ctx,
          planId,
          version,
          partId,
          contractOrInvalid(activityContract, {
            ...d,
            goalIds: lists.goalIds.map(Number).filter(Boolean),
            parties: [
              parseParty(responsible, 'responsible'),
              ...lists.carriesOut.map((p) => parseParty(p, 'carries_out')),
              ...lists.contributes.map((p) => parseParty(p, 'contributes')),
            ],
          }),
        ),
      );
    case 'contact':
      return run(schemas.contact, (d) => updateContact(ctx, planId, version, partId, d));
  }
}
