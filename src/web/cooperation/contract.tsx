import type { Context } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { createContractContract, goalContract, goalLinkContract } from '../../contracts/cooperation.ts';
import { contractThemes, fieldLabels, rolesText } from '../../domain/cooperation/index.ts';
import { Forbidden, NotFound } from '../../errors.ts';
import { can } from '../../policy/index.ts';
import {
  type ContractView,
  contractAreas,
  contractBodyOptions,
  contractMeetings,
  createContract,
  getContract,
  linkableActivities,
  linkActivity,
  listContracts,
  saveGoal,
} from '../../services/cooperation/index.ts';
import { Alert, Button, ErrorSummary, Form, HiddenField, SelectField, Table, Tag, TextArea, TextField } from '../components/index.ts';
import { ConflictNotice } from '../conflict.tsx';
import { formatDate, formatDateTime } from '../format.ts';
import { contractOrInvalid, type FormFailure, formFailure, type FormValues, readForm } from '../forms.ts';
import { formId, formVersion } from '../partnership/agreement.tsx';
import { SummaryList } from '../registry/shared.tsx';
import { flash, home, page } from '../render.tsx';
import { cooperationPaths as p } from './paths.ts';

const crumbs = [home, { label: 'Kontrakter om boligsocialt samarbejde', href: p.list() }];
type State = Partial<FormFailure> & { values?: FormValues; goalId?: number };

/** /kontrakter — one contract per vulnerable urban area (R17). */
export async function listPage(c: Context<AppEnv>) {
  const ctx = c.get('ctx');
  const contracts = await listContracts(ctx);
  return page(
    c,
    { title: 'Kontrakter om boligsocialt samarbejde', breadcrumbs: [home, { label: 'Kontrakter om boligsocialt samarbejde' }] },
    <>
      <h1>Kontrakter om boligsocialt samarbejde</h1>
      <p>
        Én kontrakt pr. udsat byområde om de temaer, der grænser op til kommunens kerneopgaver. Kontrakten skrives i arbejdsgrupper under
        områdets forum eller bydelsbestyrelse, godkendes politisk sammen med helhedsplanerne og revideres derefter af forummet eller
        bestyrelsen uden ny politisk godkendelse.
      </p>
      <Table
        caption="Kontrakter"
        columns={[
          { key: 'area', label: 'Udsat byområde' },
          { key: 'title', label: 'Kontrakt' },
          { key: 'body', label: 'Forum/bestyrelse' },
          { key: 'status', label: 'Status' },
          { key: 'version', label: 'Version', numeric: true },
        ]}
        rows={contracts.map((k) => ({
          area: k.areaName,
          title: <a href={p.contract(k.id)}>{k.title}</a>,
          body: k.bodyName ?? '—',
          status: (
            <>
              {k.statusLabel}
              {k.isDemo && ' (demo)'}
            </>
          ),
          version: k.currentVersion ? String(k.currentVersion) : 'Udkast',
        }))}
        empty="Der er endnu ingen kontrakter, som du kan se."
      />
      {can(ctx.actor, 'create', { type: 'cooperationContract' }) && (
        <p>
          <a href={p.create()}>Opret en kontrakt for et udsat byområde</a>
        </p>
      )}
    </>,
  );
}

/** /kontrakter/ny — a draft contract for an area. */
export async function createPage(c: Context<AppEnv>, st: State = {}) {
  const ctx = c.get('ctx');
  const [areas, bodies] = await Promise.all([contractAreas(ctx.db), contractBodyOptions(ctx)]);
  const errors = st.errors ?? {};
  const v = st.values ?? {};
  return page(
    c,
    { title: 'Opret kontrakt', breadcrumbs: [...crumbs, { label: 'Opret kontrakt' }], status: st.status },
    <>
      <h1>Opret kontrakt om boligsocialt samarbejde</h1>
      <ErrorSummary errors={Object.entries(errors).map(([field, message]) => ({ field, message }))} />
      <Form action={p.create()} csrfToken={c.get('csrfToken')}>
        <SelectField
          name="areaName"
          label="Udsat byområde"
          required
          options={[{ value: '', label: 'Vælg området' }, ...areas.map((a) => ({ value: a, label: a }))]}
          value={v.areaName}
          error={errors.areaName}
        />
        <SelectField
          name="bodyId"
          label="Forum eller bydelsbestyrelse, der reviderer kontrakten"
          options={[{ value: '', label: 'Vælg organet' }, ...bodies.map((b) => ({ value: String(b.id), label: b.label }))]}
          value={v.bodyId}
          error={errors.bodyId}
        />
        <TextField name="title" label="Titel" value={v.title ?? 'Kontrakt om boligsocialt samarbejde'} error={errors.title} required />
        <TextArea
          name="source"
          label="Kilde"
          hint="Fx indstillingen eller den offentlige kilde"
          value={v.source}
          error={errors.source}
          rows={2}
        />
        <Button>Opret kontrakten</Button>
      </Form>
    </>,
  );
}

export async function createAction(c: Context<AppEnv>) {
  const values = await readForm(c);
  let id: number;
  try {
    const input = contractOrInvalid(createContractContract, {
      areaName: values.areaName ?? '',
      bodyId: formId(values.bodyId),
      title: values.title ?? '',
      source: values.source ?? '',
    });
    id = await createContract(c.get('ctx'), { ...input, source: input.source });
  } catch (err) {
    return createPage(c, { values, ...formFailure(err) });
  }
  flash(c, 'Kontrakten er oprettet som udkast.');
  return c.redirect(p.contract(id), 303);
}

function Versions({ k }: { k: ContractView }) {
  if (!k.versions.length) return <p>Kontrakten er et udkast og har endnu ingen godkendt version.</p>;
  return (
    <>
      {k.versions.map((v) => (
        <section aria-labelledby={`version-${v.number}`} class="mb-6">
          <h3 id={`version-${v.number}`}>
            Version {v.number}
            {v.number === k.currentVersion && ' (gældende)'}
          </h3>
          <p>
            {v.kind === 'approval' ? (
              <>
                Politisk godkendt {formatDate(v.decidedOn)} sammen med helhedsplanerne{v.reference ? ` (${v.reference})` : ''}.
              </>
            ) : (
              <>
                Revideret {formatDate(v.decidedOn)} af {v.meeting?.bodyName ?? 'forummet'} på{' '}
                {v.meeting ? <a href={`/styring/moeder/${v.meeting.id}`}>mødet {formatDateTime(v.meeting.startsAt)}</a> : 'et møde'} — uden
                ny politisk godkendelse.
              </>
            )}{' '}
            Registreret af {v.createdBy}.
          </p>
          {v.note && <p>{v.note}</p>}
          {v.kind === 'revision' &&
            v.diff.goals.map((d) => (
              <Table
                caption={`${d.kind === 'added' ? 'Nyt mål' : d.kind === 'removed' ? 'Fjernet mål' : 'Ændret mål'}: ${d.title}`}
                columns={[
                  { key: 'field', label: 'Felt' },
                  { key: 'before', label: 'Før' },
                  { key: 'after', label: 'Efter' },
                ]}
                rows={d.changes.map((x) => ({
                  field: fieldLabels[x.field],
                  before: <span class="pre-wrap">{x.before || '—'}</span>,
                  after: <span class="pre-wrap">{x.after || '—'}</span>,
                }))}
              />
            ))}
        </section>
      ))}
    </>
  );
}

/** /kontrakter/:id — the contract: goals by theme with roles and success criteria, the plans and activities behind each goal, its versions. */
export async function contractPage(c: Context<AppEnv>, id: number, st: State = {}) {
  const ctx = c.get('ctx');
  const k = await getContract(ctx, id);
  const activities = await linkableActivities(ctx, id, k.abilities.linkPlanIds);
  const errors = st.errors ?? {};
  return page(
    c,
    { title: k.title, breadcrumbs: [...crumbs, { label: k.areaName }], status: st.status },
    <>
      <h1>
        {k.title} — {k.areaName}
      </h1>
      {k.isDemo && (
        <Alert kind="info" heading="Demodata">
          Kontraktens indhold er opdigtet til demonstration.
        </Alert>
      )}
      <ErrorSummary errors={Object.entries(errors).map(([field, message]) => ({ field: `link-${st.goalId}-${field}`, message }))} />
      <SummaryList
        items={[
          ['Udsat byområde', k.areaName],
          ['Forum/bestyrelse', k.bodyName ?? '—'],
          ['Status', <Tag kind={k.status === 'approved' ? 'success' : 'info'}>{k.statusLabel}</Tag>],
          [
            'Politisk godkendt',
            k.approvedOn ? (
              <>
                {formatDate(k.approvedOn)}
                {k.approvalReference ? `, ${k.approvalReference}` : ''}
                {k.approvedWithPlan && (
                  <>
                    {' '}
                    sammen med <a href={`/planer/${k.approvedWithPlan.id}`}>{k.approvedWithPlan.name}</a>
                  </>
                )}
              </>
            ) : (
              'Godkendes politisk sammen med områdets helhedsplaner (et trin i planernes godkendelseskæde)'
            ),
          ],
          ['Gældende version', k.currentVersion ? `Version ${k.currentVersion}` : 'Udkast'],
          ...(k.source ? ([['Kilde', k.source]] as [string, string][]) : []),
        ]}
      />
      <p>
        <a href={p.pdf(id)}>Hent kontrakten som PDF</a>
        {k.abilities.revise && (
          <>
            {' · '}
            <a href={p.newGoal(id)}>Tilføj et mål</a>
          </>
        )}
      </p>
      {contractThemes.map((theme) => {
        const goals = k.goals.filter((g) => g.theme === theme);
        return (
          <section aria-labelledby={`theme-${contractThemes.indexOf(theme)}`}>
            <h2 id={`theme-${contractThemes.indexOf(theme)}`}>{theme}</h2>
            {goals.length === 0 && <p>Ingen fælles mål under dette tema.</p>}
            {goals.map((g) => (
              <article aria-labelledby={`goal-${g.id}`} class="mb-6">
                <h3 id={`goal-${g.id}`}>{g.title}</h3>
                {g.description && <p class="pre-wrap">{g.description}</p>}
                <Table
                  caption={`Roller og ansvar for «${g.title}»`}
                  columns={[
                    { key: 'party', label: 'Part' },
                    { key: 'kind', label: 'Type' },
                    { key: 'resp', label: 'Rolle og ansvar' },
                  ]}
                  rows={g.roles.map((r) => ({
                    party: r.party,
                    kind: r.kind === 'administration' ? 'Forvaltning' : 'Boligorganisation',
                    resp: r.responsibility,
                  }))}
                  empty="Ingen roller angivet."
                />
                <p>
                  <strong>Succeskriterier:</strong> <span class="pre-wrap">{g.successCriteria || '—'}</span>
                </p>
                <h4>Planer og aktiviteter bag målet</h4>
                {g.activities.length ? (
                  <ul>
                    {g.activities.map((a) => (
                      <li>
                        <a href={`/planer/${a.planId}`}>{a.planName}</a>: {a.title}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p>Ingen aktiviteter er knyttet til målet endnu.</p>
                )}
                {k.abilities.revise && (
                  <p>
                    <a href={p.goal(id, g.id)}>{k.status === 'approved' ? 'Revidér målet' : 'Ret målet'}</a>
                  </p>
                )}
                {activities.length > 0 && (
                  <Form action={p.link(id, g.id)} csrfToken={c.get('csrfToken')} fieldPrefix={`link-${g.id}-`}>
                    <SelectField
                      name="activityId"
                      label={`Knyt en aktivitet til «${g.title}»`}
                      required
                      options={[
                        { value: '', label: 'Vælg aktiviteten' },
                        ...activities
                          .filter((a) => !g.activities.some((x) => x.id === a.id))
                          .map((a) => ({ value: String(a.id), label: `${a.plan_name}: ${a.title}` })),
                      ]}
                      value={st.goalId === g.id ? st.values?.activityId : undefined}
                      error={st.goalId === g.id ? errors.activityId : undefined}
                    />
                    <Button variant="secondary">Knyt aktiviteten til målet</Button>
                  </Form>
                )}
              </article>
            ))}
          </section>
        );
      })}
      <h2>Planer i området</h2>
      {k.plans.length ? (
        <ul>
          {k.plans.map((pl) => (
            <li>
              <a href={`/planer/${pl.id}`}>{pl.name}</a>
            </li>
          ))}
        </ul>
      ) : (
        <p>Ingen helhedsplaner i området.</p>
      )}
      <h2>Versioner</h2>
      <Versions k={k} />
    </>,
  );
}

export async function linkAction(c: Context<AppEnv>, id: number, goalId: number) {
  const values = await readForm(c);
  try {
    const input = contractOrInvalid(goalLinkContract, { activityId: formId(values.activityId) });
    await linkActivity(c.get('ctx'), goalId, input.activityId);
  } catch (err) {
    return contractPage(c, id, { values, goalId, ...formFailure(err) });
  }
  flash(c, 'Aktiviteten er knyttet til målet.');
  return c.redirect(`${p.contract(id)}#goal-${goalId}`, 303);
}

/** /kontrakter/:id/maal/:goalId (or /ny) — write or revise a goal; a revision of an approved contract names the meeting. */
export async function goalPage(c: Context<AppEnv>, id: number, goalId: number | null, st: State = {}) {
  const ctx = c.get('ctx');
  const k = await getContract(ctx, id);
  const g = goalId === null ? null : k.goals.find((x) => x.id === goalId);
  if (goalId !== null && !g) throw new NotFound('Målet findes ikke i kontrakten.');
  if (!k.abilities.revise)
    throw new Forbidden(
      'Du har ikke adgang. Områdets forum eller bydelsbestyrelse reviderer kontrakten (sekretariatet registrerer beslutningen).',
    );
  const meetings = k.status === 'approved' ? await contractMeetings(ctx, id) : [];
  const errors = st.errors ?? {};
  const v = st.values ?? {};
  const val = (f: string, current: string | undefined) => (st.values ? v[f] : current);
  const title = g ? (k.status === 'approved' ? `Revidér målet «${g.title}»` : `Ret målet «${g.title}»`) : 'Tilføj et mål';
  return page(
    c,
    { title, breadcrumbs: [...crumbs, { label: k.areaName, href: p.contract(id) }, { label: title }], status: st.status },
    <>
      <h1>{title}</h1>
      {st.conflict && <ConflictNotice conflict={st.conflict} />}
      <ErrorSummary errors={Object.entries(errors).map(([field, message]) => ({ field, message }))} />
      {k.status === 'approved' && (
        <p>
          Kontrakten er politisk godkendt. En ændring besluttes af {k.bodyName ?? 'områdets forum eller bestyrelse'} på et møde og bliver
          version {k.currentVersion + 1} uden ny politisk godkendelse.
        </p>
      )}
      <Form action={g ? p.goal(id, g.id) : p.newGoal(id)} csrfToken={c.get('csrfToken')}>
        <HiddenField name="version" value={String(k.version)} />
        <SelectField
          name="theme"
          label="Tema"
          required
          options={contractThemes.map((t) => ({ value: t, label: t }))}
          value={val('theme', g?.theme)}
          error={errors.theme}
        />
        <TextField name="title" label="Fælles mål" value={val('title', g?.title)} error={errors.title} required />
        <TextArea name="description" label="Beskrivelse" value={val('description', g?.description)} error={errors.description} rows={3} />
        <TextArea
          name="roles"
          label="Roller og ansvar"
          hint="Én part pr. linje: «BUF: …» for en forvaltning (TMF, SOF, BIF, BUF, KFF, SUF, ØKF), ellers boligorganisationens navn, fx «fsb: …»."
          value={val('roles', g ? rolesText(g.roles) : undefined)}
          error={errors.roles}
          rows={5}
          required
        />
        <TextArea
          name="successCriteria"
          label="Succeskriterier"
          value={val('successCriteria', g?.successCriteria)}
          error={errors.successCriteria}
          rows={3}
          required
        />
        {k.status === 'approved' && (
          <>
            <SelectField
              name="meetingId"
              label={`Mødet i ${k.bodyName ?? 'forummet'}, hvor ændringen blev besluttet`}
              required
              options={[
                { value: '', label: 'Vælg mødet' },
                ...meetings.map((m) => ({ value: String(m.id), label: `${formatDateTime(m.starts_at)}${m.place ? ` — ${m.place}` : ''}` })),
              ]}
              value={v.meetingId}
              error={errors.meetingId}
            />
            <TextArea name="note" label="Bemærkning til revisionen" value={v.note} error={errors.note} rows={2} />
          </>
        )}
        <Button>{k.status === 'approved' ? 'Gem revisionen som ny version' : 'Gem målet'}</Button>
      </Form>
    </>,
  );
}

export async function goalAction(c: Context<AppEnv>, id: number, goalId: number | null) {
  const values = await readForm(c);
  try {
    const input = contractOrInvalid(goalContract, {
      version: formVersion(values.version),
      theme: values.theme,
      title: values.title ?? '',
      description: values.description ?? '',
      successCriteria: values.successCriteria ?? '',
      roles: values.roles ?? '',
      meetingId: formId(values.meetingId),
      note: values.note ?? '',
    });
    const { version, ...rest } = input;
    const r = await saveGoal(c.get('ctx'), id, version, goalId, rest);
    flash(c, r.contractVersion > 1 ? `Revisionen er gemt som version ${r.contractVersion}.` : 'Målet er gemt.');
  } catch (err) {
    return goalPage(c, id, goalId, { values, ...formFailure(err) });
  }
  return c.redirect(p.contract(id), 303);
}
