import { partyDecisionRuleLabels, partyDecisionRules } from '../../domain/changes/party-decision.ts';
import type { Context } from 'hono';
import { withoutRuleCodes } from '../../domain/text.ts';
import { Forbidden } from '../../errors.ts';
import { z } from 'zod';
import {
  bodyTypes,
  type BodyType,
  itemKindLabels,
  mandateKindLabels,
  mandateStateLabels,
  memberLevels,
  memberRoles,
} from '../../domain/governance/labels.ts';
import { administrationLabels, administrations, can } from '../../policy/index.ts';
import { today as todayIn } from '../../services/context.ts';
import {
  addMandateDocument,
  addMember,
  approveMandate,
  type BodyInput,
  createBody,
  endMember,
  memberForEdit,
  updateMember,
  getBody,
  updateBody,
  bodyOfMember,
  getMandateDocument,
} from '../../services/governance/bodies.ts';
import { competenceView, recordCompetenceTransfer } from '../../services/governance/competence.ts';
import { planMeeting, proposeItem } from '../../services/governance/meetings.ts';
import { bodyOptions, bodyPlanOptions, districtNumberOptions, planOptions } from '../../services/governance/options.ts';
import { organisationOptions } from '../../services/organisations.ts';
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
import { formatDate } from '../format.ts';
import { bodyContract, competenceTransferContract, itemContract, meetingContract, memberContract } from '../../contracts/governance.ts';
import { fromText } from '../../contracts/fields.ts';
import { contractOrInvalid, field, formAll } from '../forms.ts';
import { home, page } from '../render.tsx';
import { type FormState, HistoryLink, SummaryList, saveForm } from '../registry/shared.tsx';
import {
  levelLabel as levelLabelOf,
  MeetingStateTag,
  MemberTable,
  period,
  roleLabel as roleLabelOf,
  typeLabel,
  Warnings,
  when,
} from './parts.tsx';
import { govPaths } from './paths.ts';
import { personName } from '../../presenters/people.ts';

const crumbs = [home, { label: 'Styring', href: govPaths.home() }];
const errorList = (e?: Record<string, string>) => Object.entries(e ?? {}).map(([f, m]) => ({ field: f, message: m }));

/** R9–R16 — a body's page: coverage, plans, members with missing seats, mandate (R13), meetings and backlog. */
export async function bodyPage(c: Context<AppEnv>, id: number, notice?: { errors: Record<string, string>; status: 400 | 409 }) {
  const ctx = c.get('ctx');
  const b = await getBody(ctx, id);
  const actor = c.get('actor');
  const subject = b.subject;
  const may = {
    manage: can(actor, 'manageMembers', subject),
    update: can(actor, 'update', subject),
    planMeeting: can(actor, 'planMeeting', subject),
    propose: can(actor, 'proposeItem', subject),
    lbf: can(actor, 'approveMandateLbf', subject),
  };
  const today = todayIn(ctx);
  const upcoming = b.meetings.filter((m) => m.starts_at.getTime() >= ctx.now().getTime() - 86_400_000 && m.state !== 'cancelled').reverse();
  const past = b.meetings.filter((m) => !upcoming.includes(m));
  return page(
    c,
    { title: b.name, breadcrumbs: [...crumbs, { label: b.name }], status: notice?.status },
    <>
      <h1>{b.name}</h1>
      {notice && <ErrorSummary title="Ændringen blev ikke gemt" errors={errorList(notice.errors)} />}
      <p class="font-lead">{withoutRuleCodes(b.description)}</p>
      {!b.active && (
        <Alert kind="info" heading="Organet findes ikke længere">
          Organet var i funktion {period(b.validFrom, b.validTo)}. Medlemmerne vises, som de var den sidste dag.
        </Alert>
      )}
      <Warnings heading="Mangler i sammensætning og mødeplan" warnings={b.warnings} />
      <SummaryList
        items={[
          ['Type', typeLabel(b.type)],
          ['Periode', period(b.validFrom, b.validTo)],
          ['Hører under', b.parent ? <a href={govPaths.body(b.parent.id)}>{b.parent.name}</a> : '—'],
          ['Bydele', b.districts.map((d) => d.name).join(', ') || '—'],
          ['Byområder', b.urbanAreas.join(', ') || '—'],
          [
            'Mødefrekvens',
            b.minPerYear
              ? `${b.minPerYear}${b.maxPerYear && b.maxPerYear !== b.minPerYear ? `–${b.maxPerYear}` : ''} møder om året`
              : 'Fastsætter selv',
          ],
          ['Parternes beslutninger om ændringer', partyDecisionRuleLabels[b.partyDecisionRule]],
          ['Kalender', <a href={govPaths.feed(id)}>Abonnér på møderne (iCalendar)</a>],
        ]}
      />
      {b.children.length > 0 && (
        <>
          <h2>Organer under {b.name}</h2>
          <ul>
            {b.children.map((ch) => (
              <li>
                <a href={govPaths.body(ch.id)}>{ch.name}</a>
              </li>
            ))}
          </ul>
        </>
      )}
      {may.manage && (
        <p>
          <a class="button button-secondary" href={govPaths.editBody(id)}>
            Ret organet
          </a>{' '}
          <a class="button button-secondary" href={govPaths.newMember(id)}>
            Tilføj medlem
          </a>{' '}
          <a class="button button-primary" href={govPaths.newMeeting(id)}>
            Planlæg møde
          </a>{' '}
          {can(actor, 'create', { type: 'body', memberUserIds: [] }) && <HistoryLink entityType="body" id={id} />}
        </p>
      )}
      <h2>Medlemmer</h2>
      <MemberTable
        caption={`Medlemmer ${formatDate(b.on)}`}
        members={b.members}
        actions={
          may.manage
            ? (m) => (
                <>
                  <a class="function-link" href={govPaths.editMember(m.id)}>
                    Ret {m.name}
                  </a>
                  <Form action={govPaths.endMember(m.id)} csrfToken={c.get('csrfToken')} fieldPrefix={`end-${m.id}-`}>
                    <HiddenField name="version" value={String(m.version)} />
                    <HiddenField name="endsOn" value={today} />
                    <Button variant="tertiary">Udtræder i dag</Button>
                  </Form>
                </>
              )
            : undefined
        }
      />
      {b.formerMembers.length > 0 && <MemberTable caption="Tidligere og kommende medlemmer" members={b.formerMembers} />}
      {b.mandate && (
        <>
          <h2>Kommissorium og forretningsorden</h2>
          {b.mandate.inForce ? (
            <Alert kind="success" heading="Mandatet er gældende">
              Kommissorium og forretningsorden er godkendt af Boligsocial Bestyrelse og Landsbyggefonden.
            </Alert>
          ) : (
            <Alert kind="warning" heading="Mandatet er ikke gældende">
              Mangler godkendt {b.mandate.missing.join(' og ')}: Boligsocial Bestyrelse godkender, og derefter Landsbyggefonden.
            </Alert>
          )}
          <Table
            caption="Versioner"
            columns={[
              { key: 'doc', label: 'Dokument' },
              { key: 'state', label: 'Status' },
              { key: 'city', label: 'Boligsocial Bestyrelse' },
              { key: 'lbf', label: 'Landsbyggefonden' },
              { key: 'act', label: 'Handling' },
            ]}
            rows={b.mandates.map((d) => ({
              doc: (
                <details>
                  <summary>
                    {mandateKindLabels[d.kind]} v{d.number}: {d.title}
                  </summary>
                  <p style="white-space: pre-wrap">{d.content}</p>
                </details>
              ),
              state: mandateStateLabels[d.state],
              city: d.city_board_approved_on ? `${formatDate(d.city_board_approved_on)} (${d.city_board_reference})` : '—',
              lbf: d.lbf_approved_on ? `${formatDate(d.lbf_approved_on)} (${d.lbf_reference})` : '—',
              act:
                d.state === 'draft' && may.manage ? (
                  <a href={govPaths.approveMandate(d.id, 'city_board')}>Registrér Boligsocial Bestyrelses godkendelse</a>
                ) : d.state === 'city_board_approved' && may.lbf ? (
                  <a href={govPaths.approveMandate(d.id, 'lbf')}>Registrér LBF’s godkendelse</a>
                ) : (
                  ''
                ),
            }))}
            empty="Ingen dokumenter endnu."
          />
          {may.manage && (
            <p>
              <a class="button button-secondary" href={govPaths.newMandate(id)}>
                Ny version af kommissorium eller forretningsorden
              </a>
            </p>
          )}
        </>
      )}
      <h2>Møder</h2>
      <Table
        caption="Kommende møder"
        columns={[
          { key: 'when', label: 'Tidspunkt' },
          { key: 'place', label: 'Sted' },
          { key: 'state', label: 'Status' },
        ]}
        rows={upcoming.map((m) => ({
          when: <a href={govPaths.meeting(m.id)}>{when(m.starts_at)}</a>,
          place: m.place || '—',
          state: <MeetingStateTag state={m.state} />,
        }))}
        empty="Intet møde planlagt."
      />
      {past.length > 0 && (
        <Table
          caption="Tidligere møder"
          columns={[
            { key: 'when', label: 'Tidspunkt' },
            { key: 'place', label: 'Sted' },
            { key: 'state', label: 'Status' },
          ]}
          rows={past.map((m) => ({
            when: <a href={govPaths.meeting(m.id)}>{when(m.starts_at)}</a>,
            place: m.place || '—',
            state: <MeetingStateTag state={m.state} />,
          }))}
        />
      )}
      <h2>Forslag til dagsordenen</h2>
      <Table
        caption="Foreslåede punkter, der venter på en dagsorden"
        columns={[
          { key: 'title', label: 'Punkt' },
          { key: 'kind', label: 'Type' },
          { key: 'by', label: 'Foreslået af' },
        ]}
        rows={b.backlog.map((i) => ({ title: i.title, kind: itemKindLabels[i.kind], by: personName(i.proposed_by_label) }))}
        empty="Ingen forslag."
      />
      {may.propose && (
        <p>
          <a class="button button-secondary" href={govPaths.proposeItem(id)}>
            Foreslå et punkt
          </a>
        </p>
      )}
      <h2>Planer, organet svarer for</h2>
      <Table
        caption={`Planer ${formatDate(b.on)}`}
        columns={[
          { key: 'name', label: 'Plan' },
          { key: 'district', label: 'Bydel' },
          { key: 'period', label: 'Periode' },
          { key: 'who', label: 'Kompetence' },
        ]}
        rows={b.plans.map((p) => ({
          name: <a href={`/planer/${p.id}`}>{p.name}</a>,
          district: p.district ?? '—',
          period: period(p.starts_on, p.ends_on),
          who: <a href={govPaths.competence(p.id)}>Hvem beslutter?</a>,
        }))}
        empty="Ingen planer."
      />
    </>,
  );
}

/** The form's adapter to the body contract: ids and counts arrive as strings; the districts and plans are checkbox groups. */
const bodySchema = bodyContract.omit({ districtNumbers: true, planIds: true }).extend({
  parentId: field.optionalId(),
  minPerYear: fromText.number(bodyContract.shape.minPerYear),
  maxPerYear: fromText.number(bodyContract.shape.maxPerYear),
  version: z.string().optional(),
});

async function bodyForm(c: Context<AppEnv>, id: number | null, st: FormState) {
  const ctx = c.get('ctx');
  // R14 — the secretariat sets up any body; a housing organisation only its own local groups, for its own plans.
  const central = can(c.get('actor'), 'create', { type: 'body', memberUserIds: [] });
  const [districts, plans, parents] = await Promise.all([districtNumberOptions(ctx), bodyPlanOptions(ctx), bodyOptions(ctx)]);
  if (!central && !plans.length && id === null)
    throw new Forbidden(
      'Organer oprettes af sekretariatet; en boligorganisation kan oprette en lokal styre- eller følgegruppe for sine egne planer.',
    );
  const v = st.values;
  const e = st.errors ?? {};
  const districtValues = (v.__districts ?? '').split(',').filter(Boolean);
  const planValues = (v.__plans ?? '').split(',').filter(Boolean);
  const title = id ? `Ret ${v.name ?? 'organet'}` : central ? 'Opret organ' : 'Opret lokal styre- eller følgegruppe';
  return page(
    c,
    {
      title,
      breadcrumbs: [...crumbs, ...(id ? [{ label: v.name ?? 'Organ', href: govPaths.body(id) }] : []), { label: title }],
      status: st.status,
    },
    <>
      <h1>{title}</h1>
      {st.conflict && <ConflictNotice conflict={st.conflict} />}
      <ErrorSummary errors={errorList(e)} />
      <Form action={id ? govPaths.editBody(id) : govPaths.newBody()} csrfToken={c.get('csrfToken')}>
        {id && <HiddenField name="version" value={v.version ?? ''} />}
        {!central && (
          <p>
            En lokal styre- eller følgegruppe følger jeres egne planer. Gruppen har beboervalgte og planernes projektledere som medlemmer og
            fastsætter selv, hvor ofte den mødes.
          </p>
        )}
        <TextField name="name" label="Navn" value={v.name} error={e.name} required />
        {central ? (
          <SelectField
            name="type"
            label="Type"
            options={bodyTypes.map((t) => ({ value: t, label: typeLabel(t) }))}
            value={v.type}
            error={e.type}
            required
          />
        ) : (
          <HiddenField name="type" value="local_group" />
        )}
        {central && (
          <SelectField
            name="parentId"
            label="Hører under"
            options={[
              { value: '', label: 'Intet' },
              ...parents.filter((p) => p.id !== id).map((p) => ({ value: String(p.id), label: p.label })),
            ]}
            value={v.parentId}
            error={e.parentId}
          />
        )}
        <TextField name="validFrom" label="Gælder fra" type="date" value={v.validFrom} error={e.validFrom} required />
        <TextField name="validTo" label="Gælder til" type="date" value={v.validTo} error={e.validTo} />
        <TextArea name="description" label="Opgaver og kompetence" value={v.description} error={e.description} rows={4} />
        <TextField
          name="minPerYear"
          label="Mindst antal møder om året"
          type="number"
          width="xs"
          value={v.minPerYear}
          error={e.minPerYear}
        />
        <TextField name="maxPerYear" label="Højst antal møder om året" type="number" width="xs" value={v.maxPerYear} error={e.maxPerYear} />
        <SelectField
          name="partyDecisionRule"
          label="Hvornår er en ændringsanmodning besluttet?"
          hint="Når flere boligorganisationer er part i en plan, svarer hver part for sig. Følg bestyrelsens forretningsorden."
          options={partyDecisionRules.map((r) => ({ value: r, label: partyDecisionRuleLabels[r] }))}
          value={v.partyDecisionRule ?? 'all'}
          error={e.partyDecisionRule}
        />
        {central && (
          <ChoiceGroup
            name="districts"
            id="districtNumbers"
            label="Bydele, organet dækker"
            options={districts.map((d) => ({ value: String(d.number), label: d.label }))}
            values={districtValues}
            error={e.districtNumbers}
          />
        )}
        <ChoiceGroup
          name="plans"
          id="planIds"
          label={
            central
              ? 'Planer, organet svarer for ud over bydelenes (en lokal styre- eller følgegruppe: de planer, den følger)'
              : 'Planer, gruppen følger'
          }
          options={plans.map((p) => ({ value: String(p.id), label: p.label }))}
          values={planValues}
          error={e.planIds}
        />
        <Button>Gem</Button>
      </Form>
    </>,
  );
}

const toInput = (d: z.infer<typeof bodySchema>, districts: string[], plans: string[]): BodyInput => ({
  name: d.name,
  type: d.type as BodyType,
  parentId: d.parentId,
  validFrom: d.validFrom,
  validTo: d.validTo,
  description: d.description,
  minPerYear: d.minPerYear,
  maxPerYear: d.maxPerYear,
  partyDecisionRule: d.partyDecisionRule,
  districtNumbers: districts.filter((x) => /^\d+$/.test(x)).map(Number),
  planIds: plans.filter((x) => /^\d+$/.test(x)).map(Number),
});

/** A new body; `?plan=<id>` (from a plan page) ticks that plan for a new local group (R14). */
export const newBodyForm = (c: Context<AppEnv>) =>
  bodyForm(c, null, {
    values: {
      type: 'local_group',
      validFrom: todayIn(c.get('ctx')),
      __plans: /^\d{1,9}$/.test(c.req.query('plan') ?? '') ? c.req.query('plan')! : '',
    },
  });

export async function editBodyForm(c: Context<AppEnv>, id: number) {
  const b = await getBody(c.get('ctx'), id);
  return bodyForm(c, id, {
    values: {
      name: b.name,
      type: b.type,
      parentId: b.parentId ? String(b.parentId) : '',
      validFrom: b.validFrom,
      validTo: b.validTo ?? '',
      description: b.description,
      minPerYear: b.minPerYear === null ? '' : String(b.minPerYear),
      maxPerYear: b.maxPerYear === null ? '' : String(b.maxPerYear),
      partyDecisionRule: b.partyDecisionRule,
      version: String(b.version),
      __districts: b.districts.map((d) => d.number).join(','),
      __plans: b.linkedPlanIds.join(','),
    },
  });
}

export async function saveBody(c: Context<AppEnv>, id: number | null) {
  const districts = await formAll(c, 'districts');
  const plans = await formAll(c, 'plans');
  return saveForm(
    c,
    bodySchema,
    (st) => bodyForm(c, id, { ...st, values: { ...st.values, __districts: districts.join(','), __plans: plans.join(',') } }),
    async (d) => {
      const input = contractOrInvalid(bodyContract, toInput(d, districts, plans));
      if (id === null) return createBody(c.get('ctx'), input);
      await updateBody(c.get('ctx'), id, Number(d.version), input);
      return id;
    },
    (bodyId) => govPaths.body(bodyId),
  );
}

/** The form's adapter to the member contract (the same e-mail check as the API). */
const memberSchema = memberContract.extend({
  organisationId: field.optionalId(),
  administration: fromText.choice(memberContract.shape.administration),
});

/** The member form: a new seat, or (with `memberId`) a correction of one under its version. */
async function memberForm(c: Context<AppEnv>, bodyId: number, st: FormState, memberId?: number) {
  const ctx = c.get('ctx');
  const [b, orgs] = await Promise.all([getBody(ctx, bodyId), organisationOptions(ctx)]);
  const v = st.values;
  const e = st.errors ?? {};
  const heading = memberId ? `Ret medlem af ${b.name}` : `Nyt medlem af ${b.name}`;
  return page(
    c,
    {
      title: heading,
      breadcrumbs: [...crumbs, { label: b.name, href: govPaths.body(bodyId) }, { label: memberId ? 'Ret medlem' : 'Nyt medlem' }],
      status: st.status,
    },
    <>
      <h1>{heading}</h1>
      {st.conflict && <ConflictNotice conflict={st.conflict} />}
      <ErrorSummary errors={errorList(e)} />
      <Form action={memberId ? govPaths.editMember(memberId) : govPaths.newMember(bodyId)} csrfToken={c.get('csrfToken')}>
        {memberId && <HiddenField name="version" value={v.version ?? ''} />}
        <TextField name="personName" label="Navn" value={v.personName} error={e.personName} required />
        <TextField
          name="email"
          label="E-mail"
          type="email"
          hint="Har personen en bruger i Helhed med denne e-mail, får vedkommende adgang til lukkede punkter og kan godkende referater."
          value={v.email}
          error={e.email}
        />
        <SelectField
          name="representsKind"
          label="Repræsenterer"
          options={[
            { value: 'organisation', label: 'En boligorganisation' },
            { value: 'administration', label: 'En forvaltning i kommunen' },
            { value: 'other', label: 'Andet (fx beboervalgt)' },
          ]}
          value={v.representsKind}
          error={e.representsKind}
          required
        />
        <SelectField
          name="organisationId"
          label="Boligorganisation"
          options={[{ value: '', label: 'Vælg' }, ...orgs.map((o) => ({ value: String(o.id), label: o.label }))]}
          value={v.organisationId}
          error={e.organisationId}
        />
        <SelectField
          name="administration"
          label="Forvaltning"
          options={[
            { value: '', label: 'Vælg' },
            ...administrations.map((a) => ({ value: a, label: `${administrationLabels[a]} (${a})` })),
          ]}
          value={v.administration}
          error={e.administration}
        />
        <TextField name="representsOther" label="Andet: hvem" value={v.representsOther} error={e.representsOther} />
        <SelectField
          name="level"
          label="Niveau"
          options={memberLevels.map((l) => ({ value: l, label: levelLabelOf(l) }))}
          value={v.level}
          error={e.level}
          required
        />
        <SelectField
          name="role"
          label="Rolle"
          options={memberRoles.map((r) => ({ value: r, label: roleLabelOf(r) }))}
          value={v.role}
          error={e.role}
          required
        />
        <TextField name="startsOn" label="Medlem fra" type="date" value={v.startsOn} error={e.startsOn} required />
        <TextField name="endsOn" label="Medlem til" type="date" value={v.endsOn} error={e.endsOn} />
        <Button>{memberId ? 'Gem ændringerne' : 'Tilføj medlem'}</Button>
      </Form>
    </>,
  );
}

export const newMemberForm = (c: Context<AppEnv>, bodyId: number) =>
  memberForm(c, bodyId, {
    values: { representsKind: 'organisation', level: 'business_manager', role: 'member', startsOn: todayIn(c.get('ctx')) },
  });

export const saveMember = (c: Context<AppEnv>, bodyId: number) =>
  saveForm(
    c,
    memberSchema,
    (st) => memberForm(c, bodyId, st),
    (d) => addMember(c.get('ctx'), bodyId, d),
    () => govPaths.body(bodyId),
    'Medlemmet er tilføjet.',
  );

/** GET /styring/medlemmer/:id/ret — a member's seat in the form, as it is. */
export async function editMemberForm(c: Context<AppEnv>, memberId: number) {
  const m = await memberForEdit(c.get('ctx'), memberId);
  return memberForm(
    c,
    m.body_id,
    {
      values: {
        version: String(m.version),
        personName: m.person_name,
        email: m.email,
        representsKind: m.represents_kind,
        organisationId: m.organisation_id ? String(m.organisation_id) : '',
        administration: m.administration ?? '',
        representsOther: m.represents_other,
        level: m.level,
        role: m.role,
        startsOn: m.starts_on,
        endsOn: m.ends_on ?? '',
      },
    },
    memberId,
  );
}

export const saveEditMember = async (c: Context<AppEnv>, memberId: number) => {
  const bodyId = (await memberForEdit(c.get('ctx'), memberId)).body_id;
  return saveForm(
    c,
    memberSchema.extend({ version: field.version() }),
    (st) => memberForm(c, bodyId, st, memberId),
    ({ version, ...d }) => updateMember(c.get('ctx'), memberId, version, d),
    (id) => govPaths.body(id),
  );
};

export const saveEndMember = (c: Context<AppEnv>, memberId: number) =>
  saveForm(
    c,
    z.object({ version: field.version(), endsOn: field.date('slutdatoen') }),
    async (st) => {
      return bodyPage(c, await bodyOfMember(c.get('ctx'), memberId), {
        errors: st.conflict ? { endsOn: 'En anden har ændret medlemmet imens. Prøv igen.' } : (st.errors ?? {}),
        status: st.conflict ? 409 : 400,
      });
    },
    (d) => endMember(c.get('ctx'), memberId, d.version, d.endsOn),
    (bodyId) => govPaths.body(bodyId),
    'Medlemskabet er afsluttet.',
  );

const mandateSchema = z.object({
  kind: z.enum(['terms_of_reference', 'rules_of_procedure'], { error: 'Vælg dokumenttypen.' }),
  title: field.text('titlen'),
  content: field.text('teksten', 50_000),
});

async function mandateForm(c: Context<AppEnv>, bodyId: number, st: FormState) {
  const b = await getBody(c.get('ctx'), bodyId);
  const v = st.values;
  const e = st.errors ?? {};
  return page(
    c,
    {
      title: 'Ny version af mandat',
      breadcrumbs: [...crumbs, { label: b.name, href: govPaths.body(bodyId) }, { label: 'Kommissorium' }],
      status: st.status,
    },
    <>
      <h1>Ny version: kommissorium eller forretningsorden for {b.name}</h1>
      <p>Versionen gemmes som udkast. Boligsocial Bestyrelse godkender den, og derefter Landsbyggefonden.</p>
      <ErrorSummary errors={errorList(e)} />
      <Form action={govPaths.newMandate(bodyId)} csrfToken={c.get('csrfToken')}>
        <SelectField
          name="kind"
          label="Dokument"
          options={[
            { value: 'terms_of_reference', label: 'Kommissorium' },
            { value: 'rules_of_procedure', label: 'Forretningsorden' },
          ]}
          value={v.kind}
          error={e.kind}
          required
        />
        <TextField name="title" label="Titel" value={v.title} error={e.title} required />
        <TextArea name="content" label="Tekst" value={v.content} error={e.content} rows={12} required />
        <Button>Gem udkast</Button>
      </Form>
    </>,
  );
}
export const newMandateForm = (c: Context<AppEnv>, bodyId: number) => mandateForm(c, bodyId, { values: { kind: 'terms_of_reference' } });
export const saveMandate = (c: Context<AppEnv>, bodyId: number) =>
  saveForm(
    c,
    mandateSchema,
    (st) => mandateForm(c, bodyId, st),
    (d) => addMandateDocument(c.get('ctx'), bodyId, d),
    () => govPaths.body(bodyId),
    'Udkastet er gemt.',
  );

const approvalSchema = z.object({
  version: field.version(),
  approvedOn: field.date('godkendelsesdatoen'),
  reference: field.text('referencen (sagsnummer eller mødereference)'),
});

async function approvalForm(c: Context<AppEnv>, docId: number, step: 'city_board' | 'lbf', st: FormState) {
  const doc = await getMandateDocument(c.get('ctx'), docId);
  const who = step === 'city_board' ? 'Boligsocial Bestyrelse' : 'Landsbyggefonden';
  const v = st.values;
  const e = st.errors ?? {};
  return page(
    c,
    {
      title: `Godkendelse i ${who}`,
      breadcrumbs: [...crumbs, { label: 'Organ', href: govPaths.body(doc.body_id) }, { label: 'Godkendelse' }],
      status: st.status,
    },
    <>
      <h1>
        {who} godkender {doc.title} v{doc.number}
      </h1>
      {st.conflict && <ConflictNotice conflict={st.conflict} />}
      <ErrorSummary errors={errorList(e)} />
      <Form action={govPaths.approveMandate(docId, step)} csrfToken={c.get('csrfToken')}>
        <HiddenField name="version" value={v.version ?? String(doc.version)} />
        <TextField name="approvedOn" label="Godkendt den" type="date" value={v.approvedOn} error={e.approvedOn} required />
        <TextField
          name="reference"
          label="Reference"
          hint="Mødereference eller sagsnummer"
          value={v.reference}
          error={e.reference}
          required
        />
        <Button>Registrér godkendelsen</Button>
      </Form>
    </>,
  );
}
export const mandateApprovalForm = (c: Context<AppEnv>, docId: number, step: 'city_board' | 'lbf') =>
  approvalForm(c, docId, step, { values: {} });
export const saveMandateApproval = (c: Context<AppEnv>, docId: number, step: 'city_board' | 'lbf') =>
  saveForm(
    c,
    approvalSchema,
    (st) => approvalForm(c, docId, step, st),
    (d) => approveMandate(c.get('ctx'), docId, d.version, step, d),
    (bodyId) => govPaths.body(bodyId),
    'Godkendelsen er registreret.',
  );

/** The form's adapter to the agenda item contract. */
export const itemSchema = itemContract.extend({
  kind: z.enum(['plan', 'change_request', 'report', 'free'], { error: 'Vælg punktets type.' }),
  refId: field.optionalId(),
  closed: z
    .string()
    .optional()
    .transform((v) => v === 'on' || v === 'true' || v === '1'),
});

export function ItemFields({
  v,
  e,
  plans,
}: {
  v: Record<string, string>;
  e: Record<string, string>;
  plans: { id: number; label: string }[];
}) {
  return (
    <>
      <TextField name="title" label="Punktets titel" value={v.title} error={e.title} required />
      <SelectField
        name="kind"
        label="Type"
        options={Object.entries(itemKindLabels).map(([value, label]) => ({ value, label }))}
        value={v.kind ?? 'free'}
        error={e.kind}
        required
      />
      <SelectField
        name="refId"
        label="Plan (for punkter om en plan)"
        options={[{ value: '', label: 'Ingen' }, ...plans.map((p) => ({ value: String(p.id), label: p.label }))]}
        value={v.refId}
        error={e.refId}
      />
      <TextArea name="description" label="Beskrivelse / indstilling" value={v.description} error={e.description} rows={4} />
      <ChoiceGroup
        name="closed"
        label="Lukket punkt"
        hint="Indholdet af et lukket punkt ser kun medlemmerne og sekretariatet."
        options={[{ value: 'on', label: 'Lukket punkt' }]}
        values={v.closed === 'on' ? ['on'] : []}
      />
    </>
  );
}

async function proposeForm(c: Context<AppEnv>, bodyId: number, st: FormState) {
  const ctx = c.get('ctx');
  const [b, plans] = await Promise.all([getBody(ctx, bodyId), planOptions(ctx)]);
  return page(
    c,
    {
      title: 'Foreslå et punkt',
      breadcrumbs: [...crumbs, { label: b.name, href: govPaths.body(bodyId) }, { label: 'Foreslå punkt' }],
      status: st.status,
    },
    <>
      <h1>Foreslå et punkt til {b.name}</h1>
      <ErrorSummary errors={errorList(st.errors)} />
      <Form action={govPaths.proposeItem(bodyId)} csrfToken={c.get('csrfToken')}>
        <ItemFields v={st.values} e={st.errors ?? {}} plans={plans} />
        <Button>Foreslå punktet</Button>
      </Form>
    </>,
  );
}
export const proposeItemForm = (c: Context<AppEnv>, bodyId: number) => proposeForm(c, bodyId, { values: { kind: 'free' } });
export const saveProposal = (c: Context<AppEnv>, bodyId: number) =>
  saveForm(
    c,
    itemSchema,
    (st) => proposeForm(c, bodyId, st),
    (d) => proposeItem(c.get('ctx'), bodyId, d),
    () => govPaths.body(bodyId),
    'Punktet er foreslået.',
  );

/** A meeting's form values are all strings, so the form uses the contract as it is. */
export const meetingSchema = meetingContract;

export function MeetingFields({ v, e }: { v: Record<string, string>; e: Record<string, string> }) {
  return (
    <>
      <TextField name="date" label="Dato" type="date" value={v.date} error={e.date} required />
      <TextField name="startTime" label="Starttidspunkt" hint="tt:mm" width="xs" value={v.startTime} error={e.startTime} required />
      <TextField name="endTime" label="Sluttidspunkt" hint="tt:mm" width="xs" value={v.endTime} error={e.endTime} required />
      <TextField name="place" label="Sted" value={v.place} error={e.place} required />
    </>
  );
}

async function newMeetingPage(c: Context<AppEnv>, bodyId: number, st: FormState) {
  const b = await getBody(c.get('ctx'), bodyId);
  return page(
    c,
    {
      title: 'Planlæg møde',
      breadcrumbs: [...crumbs, { label: b.name, href: govPaths.body(bodyId) }, { label: 'Planlæg møde' }],
      status: st.status,
    },
    <>
      <h1>Planlæg møde i {b.name}</h1>
      <ErrorSummary errors={errorList(st.errors)} />
      <Form action={govPaths.newMeeting(bodyId)} csrfToken={c.get('csrfToken')}>
        <MeetingFields v={st.values} e={st.errors ?? {}} />
        <Button>Planlæg mødet</Button>
      </Form>
    </>,
  );
}
export const newMeetingForm = (c: Context<AppEnv>, bodyId: number) =>
  newMeetingPage(c, bodyId, { values: { startTime: '14:00', endTime: '16:00' } });
export const saveNewMeeting = (c: Context<AppEnv>, bodyId: number) =>
  saveForm(
    c,
    meetingSchema,
    (st) => newMeetingPage(c, bodyId, st),
    (d) => planMeeting(c.get('ctx'), bodyId, d),
    (id) => govPaths.meeting(id),
    'Mødet er planlagt.',
  );

/** R11, R12 — who decides on a plan, who may vote, and the record of a competence transfer. */
async function competencePage(c: Context<AppEnv>, planId: number, st: FormState) {
  // A plan the viewer may not read does not exist for them: its name and parties stay on the server (404).
  const { plan, transfers, decider, mayRecord } = await competenceView(c.get('ctx'), planId);
  const who = 'noBody' in decider ? new Error(decider.noBody) : decider;
  const e = st.errors ?? {};
  const v = st.values;
  return page(
    c,
    {
      title: `Kompetence: ${plan.name}`,
      breadcrumbs: [...crumbs, { label: plan.name, href: `/planer/${planId}` }, { label: 'Kompetence' }],
      status: st.status,
    },
    <>
      <h1>Hvem beslutter om {plan.name}?</h1>
      {who instanceof Error ? (
        <Alert kind="warning" heading="Intet besluttende organ">
          {who.message}
        </Alert>
      ) : (
        <>
          <Alert kind="info" heading={who.body.name}>
            <p>{who.reason}.</p>
            <p>
              <a href={govPaths.body(who.body.id)}>Gå til {who.body.name}</a>
            </p>
          </Alert>
          <Table
            caption="Medlemmer og stemmeret"
            columns={[
              { key: 'name', label: 'Navn' },
              { key: 'represents', label: 'Repræsenterer' },
              { key: 'vote', label: 'Stemmeret' },
              { key: 'why', label: 'Begrundelse' },
            ]}
            rows={[...who.voters.map((m) => ({ m, vote: true })), ...who.others.map((m) => ({ m, vote: false }))].map(({ m, vote }) => ({
              name: m.name,
              represents: m.representsLabel,
              vote: vote ? <Tag kind="success">Stemmer</Tag> : <Tag kind="info">Kommenterer</Tag>,
              why: m.votingReason,
            }))}
            empty="Organet har ingen medlemmer registreret."
          />
        </>
      )}
      <h2>Flytning af kompetence til Boligsocial Bestyrelse</h2>
      {transfers.map((t) => (
        <p>
          Boligorganisationerne besluttede {formatDate(t.decided_on)} at flytte kompetencen{t.reference ? ` (${t.reference})` : ''}.{' '}
          {t.note}
        </p>
      ))}
      {transfers.length === 0 && <p>Kompetencen er ikke flyttet.</p>}
      {mayRecord && (
        <>
          <ErrorSummary errors={errorList(e)} />
          <Form action={govPaths.competence(planId)} csrfToken={c.get('csrfToken')}>
            <TextField
              name="decidedOn"
              label="Boligorganisationernes beslutningsdato"
              type="date"
              value={v.decidedOn}
              error={e.decidedOn}
              required
            />
            <TextField name="reference" label="Reference" value={v.reference} error={e.reference} />
            <TextArea name="note" label="Bemærkning" value={v.note} error={e.note} rows={3} />
            <Button>Registrér flytningen</Button>
          </Form>
        </>
      )}
    </>,
  );
}
export const competenceForm = (c: Context<AppEnv>, planId: number) => competencePage(c, planId, { values: {} });
export const saveCompetence = (c: Context<AppEnv>, planId: number) =>
  saveForm(
    c,
    competenceTransferContract,
    (st) => competencePage(c, planId, st),
    (d) => recordCompetenceTransfer(c.get('ctx'), planId, d),
    () => govPaths.competence(planId),
    'Flytningen af kompetencen er registreret.',
  );
