import type { Context } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { commitmentContract, followUpContract, holdContract, prepareDialogueContract, signContract } from '../../contracts/partnership.ts';
import { followupOutcomeLabels, followupOutcomes } from '../../domain/partnership/index.ts';
import { can } from '../../policy/index.ts';
import { today } from '../../services/context.ts';
import {
  addCommitment,
  getDialogue,
  holdDialogue,
  listDialogues,
  organisationOptions,
  organisationPartnership,
  prepareDialogue,
  recordFollowUp,
  signDialogue,
} from '../../services/partnership/index.ts';
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
import { formatDate, formatDateTime } from '../format.ts';
import { contractOrInvalid, type FormFailure, formAll, formFailure, type FormValues, readForm } from '../forms.ts';
import { SummaryList } from '../registry/shared.tsx';
import { flash, home, page } from '../render.tsx';
import { formId, formNumber, formVersion, num, statusKinds } from './agreement.tsx';
import { partnershipPaths as p } from './paths.ts';

type State = Partial<FormFailure> & { values?: FormValues; form?: string };
const crumbs = [home, { label: 'Hovedaftale', href: p.home() }, { label: 'Styringsdialoger', href: p.dialogues() }];
const errorList = (errors: Record<string, string>) => Object.entries(errors).map(([field, message]) => ({ field, message }));

/** /hovedaftale/dialoger — every steering dialogue the actor may read, by year. */
export async function dialoguesPage(c: Context<AppEnv>) {
  const ctx = c.get('ctx');
  const y = Number(c.req.query('aar'));
  const year = Number.isInteger(y) && y >= 2000 && y <= 2200 ? y : undefined;
  const rows = await listDialogues(ctx, { year });
  return page(
    c,
    { title: 'Styringsdialoger', breadcrumbs: [home, { label: 'Hovedaftale', href: p.home() }, { label: 'Styringsdialoger' }] },
    <>
      <h1>Styringsdialoger</h1>
      <p>
        Kommunen holder hvert år et styringsdialogmøde med hver boligorganisation, hvor hovedaftalens mål bliver til bindende aftaler med
        tilsagn og succeskriterier.
      </p>
      {can(ctx.actor, 'prepareDialogue', { type: 'partnershipAgreement' }) && (
        <p>
          <a href={p.newDialogue()} class="button button-primary">
            Forbered en styringsdialog
          </a>
        </p>
      )}
      <Table
        caption={year ? `Styringsdialoger i ${year}` : 'Alle styringsdialoger'}
        columns={[
          { key: 'title', label: 'Dialog' },
          { key: 'year', label: 'År' },
          { key: 'date', label: 'Mødedato' },
          { key: 'state', label: 'Status' },
        ]}
        rows={rows.map((d) => ({
          title: <a href={p.dialogue(d.id)}>{d.title}</a>,
          year: String(d.year),
          date: formatDate(d.meetingOn),
          state: d.stateLabel,
        }))}
        empty="Ingen styringsdialoger, som du kan se."
      />
    </>,
  );
}

/** /hovedaftale/dialoger/ny — the housing office prepares a dialogue with one organisation, or an area-level meeting. */
export async function newDialoguePage(c: Context<AppEnv>, st: State = {}) {
  const ctx = c.get('ctx');
  const orgs = await organisationOptions(ctx.db);
  const errors = st.errors ?? {};
  const val = (k: string) => st.values?.[k];
  const mine = (kind: string) => (st.values?.kind ?? 'organisation') === kind;
  const year = Number(today(ctx).slice(0, 4));
  const common = (kind: string) => (
    <>
      <TextField
        name="year"
        label="År"
        inputmode="numeric"
        width="xs"
        value={mine(kind) ? (val('year') ?? String(year)) : String(year)}
        error={mine(kind) ? errors.year : undefined}
        required
      />
      <TextField
        name="meetingOn"
        label="Mødedato"
        type="date"
        value={mine(kind) ? val('meetingOn') : undefined}
        error={mine(kind) ? errors.meetingOn : undefined}
        required
      />
      <TextField
        name="place"
        label="Mødested"
        value={mine(kind) ? val('place') : undefined}
        error={mine(kind) ? errors.place : undefined}
      />
      <TextArea
        name="agenda"
        label="Dagsorden"
        rows={3}
        value={mine(kind) ? val('agenda') : undefined}
        error={mine(kind) ? errors.agenda : undefined}
      />
    </>
  );
  return page(
    c,
    { title: 'Forbered en styringsdialog', breadcrumbs: [...crumbs, { label: 'Ny' }], status: st.status },
    <>
      <h1>Forbered en styringsdialog</h1>
      <ErrorSummary errors={errorList(errors)} fieldPrefix={mine('area') ? 'area-' : 'org-'} />
      <h2>Styringsdialog med en boligorganisation</h2>
      <p>
        Dialogen forberedes ud fra hovedaftalens mål, der vedrører boligorganisationen, og sidste års tilsagn, som der skal følges op på.
      </p>
      <Form action={p.newDialogue()} csrfToken={c.get('csrfToken')} fieldPrefix="org-">
        <HiddenField name="kind" value="organisation" />
        <SelectField
          name="organisationIds"
          label="Boligorganisation"
          required
          options={[{ value: '', label: 'Vælg boligorganisation' }, ...orgs.map((o) => ({ value: String(o.id), label: o.name }))]}
          value={mine('organisation') ? val('organisationIds') : undefined}
          error={mine('organisation') ? errors.organisationIds : undefined}
        />
        {common('organisation')}
        <Button>Forbered dialogen</Button>
      </Form>
      <h2>Dialogmøde på områdeniveau</h2>
      <p>Flere boligorganisationer og forvaltninger aftaler, hvordan målene gennemføres i et geografisk afgrænset område.</p>
      <Form action={p.newDialogue()} csrfToken={c.get('csrfToken')} fieldPrefix="area-">
        <HiddenField name="kind" value="area" />
        <TextField
          name="areaName"
          label="Område"
          value={mine('area') ? val('areaName') : undefined}
          error={mine('area') ? errors.areaName : undefined}
          required
        />
        <ChoiceGroup
          name="organisationIds"
          label="Boligorganisationer"
          options={orgs.map((o) => ({ value: String(o.id), label: o.name }))}
          values={mine('area') ? (st.values?.organisationIdsAll ?? '').split(',') : []}
          error={mine('area') ? errors.organisationIds : undefined}
        />
        {common('area')}
        <Button>Forbered dialogmødet</Button>
      </Form>
    </>,
  );
}

/** POST /hovedaftale/dialoger/ny */
export async function prepareAction(c: Context<AppEnv>) {
  const values = await readForm(c);
  const orgIds = await formAll(c, 'organisationIds');
  try {
    const input = contractOrInvalid(prepareDialogueContract, {
      kind: values.kind,
      organisationIds: orgIds.filter((x) => x !== '').map((x) => formId(x)),
      areaName: values.areaName ?? '',
      year: formNumber(values.year),
      meetingOn: values.meetingOn,
      place: values.place ?? '',
      agenda: values.agenda ?? '',
    });
    const id = await prepareDialogue(c.get('ctx'), input);
    flash(c, 'Styringsdialogen er forberedt.');
    return c.redirect(p.dialogue(id), 303);
  } catch (err) {
    return newDialoguePage(c, { values: { ...values, organisationIdsAll: orgIds.join(',') }, ...formFailure(err) });
  }
}

/** /hovedaftale/dialoger/:id — preparation, last year's follow-up, the meeting, commitments, signatures. */
export async function dialoguePage(c: Context<AppEnv>, id: number, st: State = {}) {
  const ctx = c.get('ctx');
  const v = await getDialogue(ctx, id);
  const errors = st.errors ?? {};
  const val = (form: string, k: string) => (st.form === form ? st.values?.[k] : undefined);
  const err = (form: string, k: string) => (st.form === form ? errors[k] : undefined);
  const csrf = c.get('csrfToken');
  return page(
    c,
    { title: v.title, breadcrumbs: [...crumbs, { label: v.title }], status: st.status },
    <>
      <h1>{v.title}</h1>
      <p>
        <Tag kind={v.state === 'concluded' ? 'success' : 'info'}>{v.stateLabel}</Tag>
        {v.isDemo && (
          <>
            {' '}
            <Tag kind="warning">Demodata</Tag>
          </>
        )}
      </p>
      {st.conflict && <ConflictNotice conflict={st.conflict} />}
      <ErrorSummary errors={errorList(errors)} fieldPrefix={st.form ? `${st.form}-` : ''} />
      <SummaryList
        items={[
          ['Parter', `Københavns Kommune og ${v.parties.map((x) => x.name).join(', ')}`],
          ['Hovedaftale', <a href={p.agreement(v.agreementId)}>{v.agreementTitle}</a>],
          ['Mødedato', `${formatDate(v.meetingOn)}${v.place ? `, ${v.place}` : ''}`],
          ['Afholdt', v.heldOn ? formatDate(v.heldOn) : '—'],
          ['Indgået', v.concludedOn ? formatDate(v.concludedOn) : '—'],
        ]}
      />
      {v.state === 'concluded' && (
        <p>
          <a href={p.dialoguePdf(id)}>Hent aftalen som PDF</a>
        </p>
      )}
      {v.agenda && (
        <>
          <h2>Dagsorden</h2>
          <p style="white-space: pre-wrap">{v.agenda}</p>
        </>
      )}
      {v.previous && (
        <section aria-labelledby="followup">
          <h2 id="followup">Opfølgning på aftalen fra {v.previous.year}</h2>
          <Table
            caption={`Tilsagn fra ${v.previous.year}`}
            columns={[
              { key: 'what', label: 'Tilsagn' },
              { key: 'due', label: 'Frist' },
              { key: 'criterion', label: 'Succeskriterium' },
              { key: 'outcome', label: 'Opfølgning' },
            ]}
            rows={v.previous.commitments.map((x) => ({
              what: `${x.organisation}: ${x.what}${x.amount !== null ? ` (${num(x.amount)} ${x.unit})` : ''}`,
              due: formatDate(x.dueOn),
              criterion: x.successCriterion,
              outcome:
                x.followedUpHere && x.followUp
                  ? `${x.followUp.outcomeLabel}${x.followUp.delivered !== null ? `, leveret ${num(x.followUp.delivered)}` : ''}${x.followUp.note ? ` — ${x.followUp.note}` : ''}`
                  : 'Mangler',
            }))}
          />
          {v.actions.followUp && (
            <Form action={p.dialogueAction(id, 'opfoelgning')} csrfToken={csrf} fieldPrefix="followup-">
              <HiddenField name="version" value={String(v.version)} />
              <SelectField
                name="commitmentId"
                label="Tilsagn"
                required
                options={[
                  { value: '', label: 'Vælg tilsagnet' },
                  ...v.previous.commitments.map((x) => ({ value: String(x.id), label: `${x.organisation}: ${x.what}` })),
                ]}
                value={val('followup', 'commitmentId')}
                error={err('followup', 'commitmentId')}
              />
              <ChoiceGroup
                name="outcome"
                type="radio"
                label="Er tilsagnet opfyldt?"
                options={followupOutcomes.map((o) => ({ value: o, label: followupOutcomeLabels[o] }))}
                values={[val('followup', 'outcome') ?? '']}
                error={err('followup', 'outcome')}
              />
              <TextField
                name="delivered"
                label="Leveret (antal)"
                inputmode="decimal"
                width="s"
                value={val('followup', 'delivered')}
                error={err('followup', 'delivered')}
              />
              <TextArea name="note" label="Bemærkning" rows={2} value={val('followup', 'note')} error={err('followup', 'note')} />
              <Button variant="secondary">Gem opfølgningen</Button>
            </Form>
          )}
        </section>
      )}
      <section aria-labelledby="commitments">
        <h2 id="commitments">Tilsagn og succeskriterier</h2>
        <Table
          caption="Tilsagn i aftalen"
          id="commitments-table"
          columns={[
            { key: 'org', label: 'Boligorganisation' },
            { key: 'what', label: 'Tilsagn' },
            { key: 'amount', label: 'Omfang', numeric: true },
            { key: 'due', label: 'Frist' },
            { key: 'criterion', label: 'Succeskriterium' },
            { key: 'target', label: 'Mål i hovedaftalen' },
          ]}
          rows={v.commitments.map((x) => ({
            org: x.organisation,
            what: x.what,
            amount: x.amount === null ? '—' : `${num(x.amount)} ${x.unit}`,
            due: formatDate(x.dueOn),
            criterion: x.successCriterion,
            target: x.targetId ? <a href={p.target(x.targetId)}>{x.targetTitle}</a> : '—',
          }))}
          empty="Ingen tilsagn endnu."
        />
        {v.actions.update && (
          <Form action={p.dialogueAction(id, 'tilsagn')} csrfToken={csrf} fieldPrefix="commitment-">
            <h3>Tilføj et tilsagn</h3>
            <HiddenField name="version" value={String(v.version)} />
            {v.parties.length > 1 ? (
              <SelectField
                name="organisationId"
                label="Boligorganisation"
                required
                options={[{ value: '', label: 'Vælg' }, ...v.parties.map((x) => ({ value: String(x.organisationId), label: x.name }))]}
                value={val('commitment', 'organisationId')}
                error={err('commitment', 'organisationId')}
              />
            ) : (
              <HiddenField name="organisationId" value={String(v.parties[0]?.organisationId ?? '')} />
            )}
            <TextField name="what" label="Tilsagn (hvad)" value={val('commitment', 'what')} error={err('commitment', 'what')} required />
            <TextField
              name="amount"
              label="Omfang (hvor meget)"
              inputmode="decimal"
              width="s"
              value={val('commitment', 'amount')}
              error={err('commitment', 'amount')}
            />
            <TextField name="unit" label="Enhed" width="m" value={val('commitment', 'unit')} error={err('commitment', 'unit')} />
            <TextField
              name="dueOn"
              label="Frist (hvornår)"
              type="date"
              value={val('commitment', 'dueOn')}
              error={err('commitment', 'dueOn')}
              required
            />
            <TextArea
              name="successCriterion"
              label="Succeskriterium"
              hint="Aftales ved aftaleindgåelsen: hvornår er tilsagnet opfyldt?"
              rows={2}
              value={val('commitment', 'successCriterion')}
              error={err('commitment', 'successCriterion')}
              required
            />
            <SelectField
              name="targetId"
              label="Mål i hovedaftalen"
              options={[{ value: '', label: 'Intet bestemt mål' }, ...v.targets.map((t) => ({ value: String(t.id), label: t.title }))]}
              value={val('commitment', 'targetId')}
              error={err('commitment', 'targetId')}
            />
            <Button variant="secondary">Tilføj tilsagnet</Button>
          </Form>
        )}
      </section>
      {v.summary && (
        <>
          <h2>Referat af mødet</h2>
          <p style="white-space: pre-wrap">{v.summary}</p>
        </>
      )}
      {v.actions.hold && (
        <section aria-labelledby="hold">
          <h2 id="hold">Registrér mødet som afholdt</h2>
          {v.holdBlocked && (
            <Alert kind="warning">
              <p>{v.holdBlocked}</p>
            </Alert>
          )}
          <Form action={p.dialogueAction(id, 'afhold')} csrfToken={csrf} fieldPrefix="hold-">
            <HiddenField name="version" value={String(v.version)} />
            <TextField
              name="heldOn"
              label="Afholdt den"
              type="date"
              value={val('hold', 'heldOn') ?? (v.meetingOn <= today(ctx) ? v.meetingOn : today(ctx))}
              error={err('hold', 'heldOn')}
              required
            />
            <TextArea name="summary" label="Referat" rows={4} value={val('hold', 'summary')} error={err('hold', 'summary')} />
            <Button>Mødet er afholdt</Button>
          </Form>
        </section>
      )}
      <section aria-labelledby="signatures">
        <h2 id="signatures">Underskrifter</h2>
        <Table
          caption="Aftalens underskrifter"
          columns={[
            { key: 'for', label: 'For' },
            { key: 'by', label: 'Underskrevet af' },
            { key: 'at', label: 'Tidspunkt' },
          ]}
          rows={[
            {
              for: 'Københavns Kommune',
              by: v.municipalitySignature?.by ?? 'Mangler',
              at: v.municipalitySignature ? formatDateTime(v.municipalitySignature.at) : '—',
            },
            ...v.parties.map((x) => ({
              for: x.name,
              by: x.signature?.by ?? 'Mangler',
              at: x.signature ? formatDateTime(x.signature.at) : '—',
            })),
          ]}
        />
        {v.actions.sign && (
          <>
            {v.signBlocked && (
              <Alert kind="warning">
                <p>{v.signBlocked}</p>
              </Alert>
            )}
            <Form action={p.dialogueAction(id, 'underskriv')} csrfToken={csrf} fieldPrefix="sign-">
              <HiddenField name="version" value={String(v.version)} />
              <Button>Underskriv for {v.signsFor.join(' og ')}</Button>
            </Form>
          </>
        )}
      </section>
      <section aria-labelledby="targets">
        <h2 id="targets">Hovedaftalens mål, der vedrører boligorganisationerne</h2>
        <Table
          caption="Målenes status"
          columns={[
            { key: 'title', label: 'Mål' },
            { key: 'status', label: 'Status' },
          ]}
          rows={v.targets.map((t) => ({
            title: <a href={p.target(t.id)}>{t.title}</a>,
            status: <Tag kind={statusKinds[t.judgement.status]}>{t.statusLabel}</Tag>,
          }))}
        />
      </section>
    </>,
  );
}

/** The dialogue's forms: a commitment, a follow-up, held, signed; refusals keep the input and say why. */
export async function dialogueAction(c: Context<AppEnv>, id: number, action: string) {
  const values = await readForm(c);
  const ctx = c.get('ctx');
  const form = { tilsagn: 'commitment', opfoelgning: 'followup', afhold: 'hold', underskriv: 'sign' }[action];
  if (!form) return c.notFound();
  try {
    const version = formVersion(values.version);
    if (action === 'tilsagn') {
      const input = contractOrInvalid(commitmentContract, {
        version,
        organisationId: formId(values.organisationId),
        targetId: formId(values.targetId),
        what: values.what,
        amount: formNumber(values.amount),
        unit: values.unit ?? '',
        dueOn: values.dueOn,
        successCriterion: values.successCriterion,
      });
      const { version: _v, ...rest } = input;
      await addCommitment(ctx, id, input.version, rest);
      flash(c, 'Tilsagnet er tilføjet.');
    } else if (action === 'opfoelgning') {
      const input = contractOrInvalid(followUpContract, {
        version,
        commitmentId: formId(values.commitmentId),
        outcome: values.outcome,
        delivered: formNumber(values.delivered),
        note: values.note ?? '',
      });
      const { version: _v, ...rest } = input;
      await recordFollowUp(ctx, id, input.version, rest);
      flash(c, 'Opfølgningen er gemt.');
    } else if (action === 'afhold') {
      const input = contractOrInvalid(holdContract, { version, heldOn: values.heldOn, summary: values.summary ?? '' });
      await holdDialogue(ctx, id, input.version, input);
      flash(c, 'Dialogmødet er registreret som afholdt.');
    } else {
      const input = contractOrInvalid(signContract, { version });
      const r = await signDialogue(ctx, id, input.version);
      flash(c, r.state === 'concluded' ? 'Aftalen er underskrevet af alle parter og er nu bindende.' : 'Din underskrift er registreret.');
    }
  } catch (err) {
    return dialoguePage(c, id, { values, form, ...formFailure(err) });
  }
  return c.redirect(p.dialogue(id), 303);
}

/** /hovedaftale/organisationer/:id — a housing organisation's dialogues and what it has promised. */
export async function organisationPage(c: Context<AppEnv>, id: number) {
  const r = await organisationPartnership(c.get('ctx'), id);
  return page(
    c,
    {
      title: `${r.organisation.name}: styringsdialoger og tilsagn`,
      breadcrumbs: [home, { label: 'Hovedaftale', href: p.home() }, { label: r.organisation.name }],
    },
    <>
      <h1>{r.organisation.name}: styringsdialoger og tilsagn</h1>
      <Table
        caption="Styringsdialoger"
        columns={[
          { key: 'title', label: 'Dialog' },
          { key: 'date', label: 'Mødedato' },
          { key: 'state', label: 'Status' },
        ]}
        rows={r.dialogues.map((d) => ({
          title: <a href={p.dialogue(d.id)}>{d.title}</a>,
          date: formatDate(d.meetingOn),
          state: d.stateLabel,
        }))}
        empty="Ingen styringsdialoger, som du kan se."
      />
      <Table
        caption="Tilsagn i indgåede styringsaftaler"
        id="organisation-commitments"
        columns={[
          { key: 'what', label: 'Tilsagn' },
          { key: 'amount', label: 'Omfang', numeric: true },
          { key: 'due', label: 'Frist' },
          { key: 'criterion', label: 'Succeskriterium' },
          { key: 'status', label: 'Opfølgning' },
        ]}
        rows={r.commitments.map((x) => ({
          what: <a href={p.dialogue(x.dialogueId)}>{x.what}</a>,
          amount: x.amount === null ? '—' : `${num(x.amount)} ${x.unit}`,
          due: formatDate(x.dueOn),
          criterion: x.successCriterion,
          status: x.overdue ? (
            <Tag kind="error">{`Frist overskredet${x.followUp ? ` (${x.followUp.outcomeLabel.toLowerCase()})` : ''}`}</Tag>
          ) : x.followUp ? (
            x.followUp.outcomeLabel
          ) : (
            'Ikke fulgt op endnu'
          ),
        }))}
        empty="Ingen tilsagn i indgåede aftaler."
      />
    </>,
  );
}
