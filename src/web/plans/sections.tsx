import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { z } from 'zod';
import { Conflict, Invalid } from '../../errors.ts';
import { administrations, administrationLabels } from '../../policy/actor.ts';
import {
  addActivity,
  addChallenge,
  addContact,
  addCriterion,
  addGoal,
  addSubAgreement,
  type Part,
  type PartyKind,
  removeContact,
  removePart,
  type RemovableKind,
  saveContingency,
} from '../../services/plans/content.ts';
import { isFrozen } from '../../domain/plan-lifecycle.ts';
import { can } from '../../policy/index.ts';
import { getPlan, type PlanDetail } from '../../services/plans/read.ts';
import { Button, ChoiceGroup, ErrorSummary, Form, HiddenField, SelectField, Table, TextArea, TextField } from '../components/index.ts';
import { ConflictNotice } from '../conflict.tsx';
import type { AppEnv } from '../../app-env.ts';
import { formatDate, formatNumber } from '../format.ts';
import {
  activityContract,
  challengeContract,
  contactContract,
  contingencyContract,
  criterionContract,
  goalContract,
  subAgreementContract,
} from '../../contracts/plans.ts';
import { contractOrInvalid, field, formAll, type FormErrors, type FormValues, parseWith, readForm } from '../forms.ts';
import { msg } from '../messages.ts';
import { flash, home, type PageOptions, page } from '../render.tsx';
import { planPaths } from './paths.ts';
import { partyName } from './view.tsx';

/** The parts of a plan that have an edit page (`/planer/:id/ret/:kind/:part`). */
export type EditableKind = 'challenge' | 'goal' | 'criterion' | 'activity' | 'contact';

type Section = 'strategy' | 'subAgreements' | 'contingency';
const titles: Record<Section, string> = {
  strategy: 'Strategisk samarbejdsaftale',
  subAgreements: 'Delaftaler og aktiviteter',
  contingency: 'Beredskabsplan',
};

interface State {
  form?: string;
  values?: FormValues;
  errors?: FormErrors;
  conflict?: Conflict;
  status?: 200 | 400 | 409;
}

const num = (what: string) =>
  z
    .string({ error: `Skriv ${what}.` })
    .trim()
    .regex(/^-?\d+([.,]\d+)?$/, { error: `${what[0]!.toUpperCase()}${what.slice(1)} skal være et tal.` })
    .transform((v) => Number(v.replace(',', '.')));

/** The forms' adapters to the plan contracts: ids and numbers arrive as strings; the rest is the contract as it is. */
export const schemas = {
  challenge: challengeContract,
  goal: goalContract.extend({ challengeId: field.optionalId() }),
  criterion: criterionContract.extend({
    goalId: field.id('et mål'),
    baselineValue: num('baseline').pipe(criterionContract.shape.baselineValue),
    targetValue: num('målet').pipe(criterionContract.shape.targetValue),
  }),
  subAgreement: subAgreementContract.extend({ focusAreaId: field.id('et indsatsområde') }),
  activity: activityContract
    .omit({ goalIds: true, parties: true })
    .extend({ subAgreementId: field.id('en delaftale'), responsible: field.text('den ansvarlige part') }),
  contingency: contingencyContract,
  contact: contactContract.extend({ callOrder: field.wholeNumber('rækkefølgen', 'Rækkefølgen').pipe(contactContract.shape.callOrder) }),
};

/** What the actor may change on this plan's pages: the content until it is frozen; the call list while the plan lives. */
export function planEditAbilities(c: Context<AppEnv>, plan: PlanDetail) {
  const actor = c.get('actor');
  const partyOrganisationIds = plan.partyOrganisations.map((o) => o.id);
  return {
    content: !isFrozen(plan.state) && can(actor, 'update', { type: 'plan', id: plan.id, state: plan.state, partyOrganisationIds }),
    callList: can(actor, 'update', { type: 'planContacts', planId: plan.id, state: plan.state, partyOrganisationIds }),
  };
}

/** Parties an activity can name, as `kind:id` option values. */
export function partyOptions(plan: PlanDetail) {
  return [
    ...plan.partyOrganisations.map((o) => ({ value: `organisation:${o.id}:${o.shortName}`, label: `Boligorganisation: ${o.shortName}` })),
    ...administrations.map((a) => ({
      value: `administration:${a}:${administrationLabels[a]}`,
      label: `Kommunen: ${administrationLabels[a]}`,
    })),
    { value: 'civil_society::Civilsamfund', label: 'Civilsamfund (foreninger m.fl.)' },
    { value: 'police::Politiet', label: 'Politiet' },
  ];
}

export function parseParty(v: string, part: Part) {
  const [kind, id, name] = v.split(':') as [PartyKind, string, string];
  return {
    kind,
    organisationId: kind === 'organisation' ? Number(id) : null,
    administration: kind === 'administration' ? (id as never) : null,
    name: name ?? '',
    part,
  };
}

function sectionBody(c: Context<AppEnv>, plan: PlanDetail, section: Section, st: State): Child {
  const csrf = c.get('csrfToken');
  const v = plan.version;
  const e = (f: string) => (st.form ? st.errors?.[f] : undefined);
  const val = (form: string, f: string) => (st.form === form ? st.values?.[f] : undefined);
  const ab = planEditAbilities(c, plan);
  const edit = (kind: EditableKind, id: number, label: string) => (
    <a class="function-link" href={planPaths.editPart(plan.id, kind, id)}>
      Ret {label}
    </a>
  );
  const remove = (kind: RemovableKind | 'contact', id: number, label: string) => (
    <Form action={planPaths.remove(plan.id, kind, id)} csrfToken={csrf}>
      <HiddenField name="version" value={String(v)} />
      <Button type="submit" variant="tertiary">
        Fjern {label}
      </Button>
    </Form>
  );
  const form = (name: string, heading: string, fields: Child) => (
    <section class="plan-form">
      <h2>{heading}</h2>
      <Form action={`${planPaths[section](plan.id)}?form=${name}`} csrfToken={csrf} id={`form-${name}`} fieldPrefix={`${name}-`}>
        <HiddenField name="version" value={String(v)} />
        {fields}
        <Button type="submit">Tilføj</Button>
      </Form>
    </section>
  );
  if (section === 'strategy') {
    return (
      <>
        <Table
          caption="Udfordringer"
          columns={[
            { key: 't', label: 'Udfordring' },
            { key: 'x', label: '' },
          ]}
          rows={plan.challenges.map((ch) => ({
            t: ch.title,
            x: (
              <>
                {edit('challenge', ch.id, ch.title)} {remove('challenge', ch.id, ch.title)}
              </>
            ),
          }))}
          empty="Ingen udfordringer endnu."
        />
        <Table
          caption="Mål og succeskriterier"
          columns={[
            { key: 'goal', label: 'Mål' },
            { key: 'crit', label: 'Succeskriterier' },
            { key: 'x', label: '' },
          ]}
          rows={plan.goals.map((g) => ({
            goal: g.title,
            crit: (
              <ul class="nobullet-list">
                {g.criteria.map((cr) => (
                  <li>
                    {cr.indicatorName}: {formatNumber(cr.baselineValue, 1)} → {formatNumber(cr.targetValue, 1)} {cr.unit} (
                    {formatDate(cr.targetDate)}) {edit('criterion', cr.id, cr.indicatorName)} {remove('criterion', cr.id, cr.indicatorName)}
                  </li>
                ))}
              </ul>
            ),
            x: (
              <>
                {edit('goal', g.id, g.title)} {remove('goal', g.id, g.title)}
              </>
            ),
          }))}
          empty="Ingen mål endnu."
        />
        {form(
          'challenge',
          'Tilføj udfordring',
          <>
            <TextField name="title" label="Udfordring" value={val('challenge', 'title')} error={e('title')} required />
            <TextArea name="description" label="Beskrivelse" value={val('challenge', 'description')} rows={3} />
          </>,
        )}
        {form(
          'goal',
          'Tilføj mål',
          <>
            <TextField name="title" label="Mål" value={val('goal', 'title')} error={e('title')} required />
            <TextArea name="description" label="Beskrivelse" value={val('goal', 'description')} rows={3} />
            <SelectField
              name="challengeId"
              label="Udfordring, målet svarer på"
              options={[{ value: '', label: 'Ingen' }, ...plan.challenges.map((ch) => ({ value: String(ch.id), label: ch.title }))]}
              value={val('goal', 'challengeId')}
              error={e('challengeId')}
            />
          </>,
        )}
        {form(
          'criterion',
          'Tilføj succeskriterium',
          <>
            <SelectField
              name="goalId"
              label="Mål"
              options={[{ value: '', label: 'Vælg …' }, ...plan.goals.map((g) => ({ value: String(g.id), label: g.title }))]}
              value={val('criterion', 'goalId')}
              error={e('goalId')}
              required
            />
            <TextField
              name="indicatorName"
              label="Indikator"
              value={val('criterion', 'indicatorName')}
              error={e('indicatorName')}
              required
            />
            <TextField name="unit" label="Enhed" hint="Fx %, antal" value={val('criterion', 'unit')} error={e('unit')} />
            <ChoiceGroup
              name="direction"
              type="radio"
              label="Retning"
              options={[
                { value: 'increase', label: 'Skal stige' },
                { value: 'decrease', label: 'Skal falde' },
              ]}
              values={[val('criterion', 'direction') ?? '']}
              error={e('direction')}
              required
            />
            <TextField
              name="baselineValue"
              label="Baseline (værdi)"
              value={val('criterion', 'baselineValue')}
              error={e('baselineValue')}
              inputmode="decimal"
              required
            />
            <TextField
              name="baselineDate"
              label="Baselinedato"
              type="date"
              value={val('criterion', 'baselineDate')}
              error={e('baselineDate')}
              required
            />
            <TextField name="baselineSource" label="Kilde til baseline" value={val('criterion', 'baselineSource')} />
            <TextField
              name="targetValue"
              label="Mål (værdi)"
              value={val('criterion', 'targetValue')}
              error={e('targetValue')}
              inputmode="decimal"
              required
            />
            <TextField
              name="targetDate"
              label="Måldato"
              type="date"
              value={val('criterion', 'targetDate')}
              error={e('targetDate')}
              required
            />
          </>,
        )}
      </>
    );
  }
  if (section === 'subAgreements') {
    const used = new Set(plan.subAgreements.map((s) => s.focusAreaId));
    return (
      <>
        {plan.subAgreements.map((s) => (
          <section>
            <h2>Delaftale: {s.focusArea}</h2>
            <Table
              caption={`Aktiviteter under ${s.focusArea}`}
              columns={[
                { key: 't', label: 'Aktivitet' },
                { key: 'p', label: 'Parter' },
                { key: 'x', label: '' },
              ]}
              rows={s.activities.map((a) => ({
                t: a.title,
                p: a.parties.map(partyName).join(', '),
                x: (
                  <>
                    {edit('activity', a.id, a.title)} {remove('activity', a.id, a.title)}
                  </>
                ),
              }))}
              empty="Ingen aktiviteter endnu."
            />
            {remove('subAgreement', s.id, `delaftalen ${s.focusArea}`)}
          </section>
        ))}
        {form(
          'subAgreement',
          'Tilføj delaftale',
          <>
            <SelectField
              name="focusAreaId"
              label="Indsatsområde"
              hint={`Indsatsområderne i bevillingsperioden ${plan.period.code}`}
              options={[
                { value: '', label: 'Vælg …' },
                ...plan.focusAreaOptions.filter((f) => !used.has(f.id)).map((f) => ({ value: String(f.id), label: f.name })),
              ]}
              value={val('subAgreement', 'focusAreaId')}
              error={e('focusAreaId')}
              required
            />
            <TextArea name="summary" label="Resumé" value={val('subAgreement', 'summary')} rows={3} />
          </>,
        )}
        {plan.subAgreements.length > 0 &&
          form(
            'activity',
            'Tilføj aktivitet',
            <>
              <SelectField
                name="subAgreementId"
                label="Delaftale"
                options={[{ value: '', label: 'Vælg …' }, ...plan.subAgreements.map((s) => ({ value: String(s.id), label: s.focusArea }))]}
                value={val('activity', 'subAgreementId')}
                error={e('subAgreementId')}
                required
              />
              <TextField name="title" label="Aktivitet" value={val('activity', 'title')} error={e('title')} required />
              <TextArea name="description" label="Beskrivelse" value={val('activity', 'description')} rows={3} />
              <TextField name="targetGroup" label="Målgruppe" value={val('activity', 'targetGroup')} />
              <TextField name="startsOn" label="Start" type="date" value={val('activity', 'startsOn')} error={e('startsOn')} />
              <TextField name="endsOn" label="Slut" type="date" value={val('activity', 'endsOn')} error={e('endsOn')} />
              <ChoiceGroup
                name="goalIds"
                label="Mål, aktiviteten tjener"
                options={plan.goals.map((g) => ({ value: String(g.id), label: g.title }))}
                values={[]}
                error={e('goalIds')}
              />
              <SelectField
                name="responsible"
                label="Ansvarlig part"
                options={[{ value: '', label: 'Vælg …' }, ...partyOptions(plan)]}
                value={val('activity', 'responsible')}
                error={e('responsible') ?? e('parties')}
                required
              />
              <ChoiceGroup name="carriesOut" label="Udfører" options={partyOptions(plan)} values={[]} />
              <ChoiceGroup name="contributes" label="Bidrager" options={partyOptions(plan)} values={[]} />
            </>,
          )}
      </>
    );
  }
  const k = plan.contingency;
  return (
    <>
      {!ab.content && (
        <p>
          Planens indhold er godkendt og låst; trinene og samarbejdet med politiet ændres gennem en ændringsanmodning. Kaldelisten holdes
          ajour her.
        </p>
      )}
      {ab.content && (
        <section class="plan-form">
          <Form
            action={`${planPaths.contingency(plan.id)}?form=contingency`}
            csrfToken={csrf}
            id="form-contingency"
            fieldPrefix="contingency-"
          >
            <HiddenField name="version" value={String(v)} />
            <TextArea
              name="steps"
              label="Trin ved akut uro og tryghedsproblemer"
              value={val('contingency', 'steps') ?? k?.steps}
              error={e('steps')}
              rows={6}
              required
            />
            <TextArea
              name="policeCooperation"
              label="Samarbejdet med politiet"
              value={val('contingency', 'policeCooperation') ?? k?.policeCooperation}
              rows={4}
            />
            <TextField
              name="lastReviewed"
              label="Sidst gennemgået"
              type="date"
              value={val('contingency', 'lastReviewed') ?? k?.lastReviewed ?? ''}
              error={e('lastReviewed')}
            />
            <Button type="submit">Gem beredskabsplanen</Button>
          </Form>
        </section>
      )}
      {k?.contacts && (
        <Table
          caption="Kaldeliste"
          columns={[
            { key: 'o', label: 'Rækkefølge', numeric: true },
            { key: 'r', label: 'Rolle' },
            { key: 'n', label: 'Navn' },
            { key: 'x', label: '' },
          ]}
          rows={k.contacts.map((ct) => ({
            o: String(ct.callOrder),
            r: `${ct.role}${ct.organisation ? `, ${ct.organisation}` : ''}`,
            n: ct.name,
            x: ab.callList ? (
              <>
                {edit('contact', ct.id, ct.role)} {remove('contact', ct.id, ct.role)}
              </>
            ) : (
              ''
            ),
          }))}
          empty="Ingen på kaldelisten endnu."
        />
      )}
      {ab.callList &&
        form(
          'contact',
          'Tilføj til kaldelisten',
          <>
            <TextField
              name="callOrder"
              label="Rækkefølge"
              value={val('contact', 'callOrder') ?? String((k?.contacts?.length ?? 0) + 1)}
              error={e('callOrder')}
              inputmode="numeric"
              required
            />
            <TextField
              name="role"
              label="Rolle"
              hint="Fx boligsocial projektleder, politiets nærbetjent"
              value={val('contact', 'role')}
              error={e('role')}
              required
            />
            <TextField name="organisation" label="Organisation" value={val('contact', 'organisation')} />
            <TextField name="name" label="Navn" value={val('contact', 'name')} autocomplete="off" />
            <TextField name="phone" label="Telefon" type="tel" value={val('contact', 'phone')} error={e('phone')} autocomplete="off" />
            <TextField name="email" label="E-mail" type="email" value={val('contact', 'email')} error={e('email')} autocomplete="off" />
          </>,
        )}
    </>
  );
}

/**
 * A page that edits part of a plan: its heading, breadcrumbs back to the plan, a conflict notice and the error summary
 * above the page's own forms (the section pages and the edit page of one part share it).
 */
export function planFormPage(
  c: Context<AppEnv>,
  plan: PlanDetail,
  heading: string,
  st: { status?: PageOptions['status']; conflict?: Conflict; errors?: FormErrors; fieldPrefix?: string },
  body: Child,
) {
  const errors = st.errors ?? {};
  return page(
    c,
    {
      title: `${heading}: ${plan.name}`,
      breadcrumbs: [
        home,
        { label: 'Planer', href: planPaths.list() },
        { label: plan.name, href: planPaths.plan(plan.id) },
        { label: heading },
      ],
      status: st.status,
    },
    <>
      <h1>{heading}</h1>
      <p>
        Plan: <a href={planPaths.plan(plan.id)}>{plan.name}</a>
      </p>
      {st.conflict && <ConflictNotice conflict={st.conflict} />}
      <ErrorSummary errors={Object.entries(errors).map(([f, m]) => ({ field: f, message: m }))} fieldPrefix={st.fieldPrefix ?? ''} />
      {body}
    </>,
  );
}

export async function sectionPage(c: Context<AppEnv>, id: number, section: Section, st: State = {}) {
  const plan = await getPlan(c.get('ctx'), id);
  return planFormPage(
    c,
    plan,
    titles[section],
    { status: st.status, conflict: st.conflict, errors: st.errors, fieldPrefix: st.form ? `${st.form}-` : '' },
    sectionBody(c, plan, section, st),
  );
}

/** Handles one of a section's forms: validate, call the service with the plan version, re-render on error. */
export async function saveSection(c: Context<AppEnv>, id: number, section: Section) {
  const form = c.req.query('form') ?? '';
  const values = await readForm(c);
  const ctx = c.get('ctx');
  const version = Number(values.version);
  const fail = (errors: FormErrors, status: 400 | 409 = 400, conflict?: Conflict) =>
    sectionPage(c, id, section, { form, values, errors, status, conflict });
  const run = async <S extends z.ZodType>(schema: S, fn: (d: z.infer<S>) => Promise<unknown>) => {
    const parsed = parseWith(schema, values);
    if (!parsed.ok) return fail(parsed.errors);
    try {
      await fn(parsed.data);
    } catch (err) {
      if (err instanceof Invalid) return fail(err.fields);
      if (err instanceof Conflict) return fail({}, 409, err);
      throw err;
    }
    flash(c, msg.saved);
    return c.redirect(`${planPaths[section](id)}#form-${form}`, 303);
  };
  switch (form) {
    case 'challenge':
      return run(schemas.challenge, (d) => addChallenge(ctx, id, version, d));
    case 'goal':
      return run(schemas.goal, (d) => addGoal(ctx, id, version, d));
    case 'criterion':
      return run(schemas.criterion, (d) => addCriterion(ctx, id, version, d));
    case 'subAgreement':
      return run(schemas.subAgreement, (d) => addSubAgreement(ctx, id, version, d));
    case 'activity': {
      const goalIds = (await formAll(c, 'goalIds')).map(Number).filter(Boolean);
      const carriesOut = await formAll(c, 'carriesOut');
      const contributes = await formAll(c, 'contributes');
      return run(schemas.activity, ({ responsible, ...d }) =>
        addActivity(
          ctx,
          id,
          version,
          contractOrInvalid(activityContract, {
            ...d,
            goalIds,
            parties: [
              parseParty(responsible, 'responsible'),
              ...carriesOut.map((p) => parseParty(p, 'carries_out')),
              ...contributes.map((p) => parseParty(p, 'contributes')),
            ],
          }),
        ),
      );
    }
    case 'contingency':
      return run(schemas.contingency, (d) => saveContingency(ctx, id, version, d));
    case 'contact':
      return run(schemas.contact, (d) => addContact(ctx, id, version, d));
    default:
      return fail({ _form: 'Ukendt formular.' });
  }
}

export async function removeFromPlan(c: Context<AppEnv>, id: number, kind: string, partId: number) {
  const kinds: Record<string, Section> = {
    challenge: 'strategy',
    goal: 'strategy',
    criterion: 'strategy',
    subAgreement: 'subAgreements',
    activity: 'subAgreements',
    contact: 'contingency',
  };
  const section = kinds[kind];
  if (!section) return c.notFound();
  const values = await readForm(c);
  try {
    if (kind === 'contact') await removeContact(c.get('ctx'), id, Number(values.version), partId);
    else await removePart(c.get('ctx'), id, Number(values.version), kind as RemovableKind, partId);
  } catch (err) {
    if (err instanceof Conflict) return sectionPage(c, id, section, { status: 409, conflict: err });
    throw err;
  }
  flash(c, msg.deleted);
  return c.redirect(planPaths[section](id), 303);
}
