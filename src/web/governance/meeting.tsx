import type { Context } from 'hono';
import { z } from 'zod';
import {
  decisionLabels,
  type Decision,
  decisions,
  itemKindLabels,
  outcomeKindLabels,
  outcomeKinds,
} from '../../domain/governance/labels.ts';
import {
  agendaOpen,
  checkMeetingAction,
  type MeetingAction,
  meetingActionLabels,
  meetingActions,
  outcomesOpen,
} from '../../domain/governance/meeting.ts';
import { Conflict, NotFound } from '../../errors.ts';
import { authorize, can } from '../../policy/index.ts';
import {
  addItem,
  approveMinutes,
  getMeeting,
  recordAttendance,
  recordOutcome,
  scheduleItem,
  transitionMeeting,
  updateMeeting,
  getItemForOutcome,
} from '../../services/governance/meetings.ts';
import { planOptions } from '../../services/governance/options.ts';
import { copyPaper, PAPER_LIMIT_BYTES, reusablePapers, uploadPaper } from '../../services/governance/papers.ts';
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
import { formatDate, formatDateTime, formatNumber } from '../format.ts';
import { fromText } from '../../contracts/fields.ts';
import { attendanceContract, outcomeContract } from '../../contracts/governance.ts';
import { contractOrInvalid, field, formAll, type FormErrors, formFailure, type FormValues, parseWith, readForm } from '../forms.ts';
import { flash, home, page } from '../render.tsx';
import { type FormState, saveForm } from '../registry/shared.tsx';
import { ItemFields, itemSchema, MeetingFields, meetingSchema } from './body.tsx';
import { MeetingStateTag, roleLabel } from './parts.tsx';
import { govPaths } from './paths.ts';
import { personName } from '../../presenters/people.ts';

type Panel = 'item' | 'upload' | 'attendance' | 'action' | 'approve' | 'schedule';
interface PageState {
  panel?: Panel;
  values?: FormValues;
  errors?: FormErrors;
  status?: 200 | 400 | 409 | 413;
  conflict?: Conflict;
}

const errorList = (e?: FormErrors) => Object.entries(e ?? {}).map(([f, m]) => ({ field: f, message: m }));
const kb = (n: number) => `${formatNumber(Math.max(1, Math.round(n / 1024)))} kB`;

/** A meeting: agenda with papers, attendance, outcomes and minutes approval; the secretariat's forms while it runs. */
export async function meetingPage(c: Context<AppEnv>, id: number, st: PageState = {}) {
  const ctx = c.get('ctx');
  const m = await getMeeting(ctx, id);
  const actor = c.get('actor');
  const may = {
    manage: can(actor, 'transition', m.subject),
    approve: can(actor, 'approveMinutes', m.subject),
    approveAll: can(actor, 'approveMinutesForAll', m.subject),
  };
  const plans = may.manage && agendaOpen(m.state) ? await planOptions(ctx) : [];
  const reusable = may.manage ? await reusablePapers(ctx, m.body.id, id) : [];
  const v = st.values ?? {};
  const e = st.errors ?? {};
  const me = actor.kind === 'user' ? m.members.find((x) => x.userId === actor.id) : undefined;
  const presentWithAccount = m.members.filter((x) => x.present && x.userId);
  const facts = {
    state: m.state,
    itemCount: m.items.length,
    minutesSent: !!m.minutesSentAt,
    outcomesMissing: m.items.filter((i) => !i.outcome && !i.hidden).length,
    presentCount: m.members.filter((x) => x.present).length,
  };
  const open = outcomesOpen(m.state, !!m.minutesSentAt);
  const title = `${m.body.name} ${formatDate(m.local.date)}`;
  const csrf = c.get('csrfToken');
  return page(
    c,
    {
      title,
      breadcrumbs: [
        home,
        { label: 'Styring', href: govPaths.home() },
        { label: m.body.name, href: govPaths.body(m.body.id) },
        { label: `Møde ${formatDate(m.local.date)}` },
      ],
      status: st.status,
    },
    <>
      <h1>
        Møde i {m.body.name} {formatDate(m.local.date)}
      </h1>
      <p>
        <MeetingStateTag state={m.state} /> kl. {m.local.start.replace(':', '.')}–{m.local.end.replace(':', '.')} ·{' '}
        {m.place || 'Sted meddeles senere'}
      </p>
      {st.conflict && <ConflictNotice conflict={st.conflict} />}
      <ErrorSummary
        errors={errorList(e)}
        title={st.panel === 'action' || st.panel === 'approve' ? 'Handlingen kan ikke gennemføres' : undefined}
      />
      <p>
        <a class="button button-secondary" href={govPaths.agendaPdf(id)}>
          Dagsorden (PDF)
        </a>{' '}
        {(m.state === 'minutes_approved' || (m.state === 'held' && m.seeDraft)) && (
          <>
            <a class="button button-secondary" href={govPaths.minutesPdf(id)}>
              Referat (PDF)
            </a>{' '}
          </>
        )}
        <a class="button button-tertiary" href={govPaths.ics(id)}>
          Føj til kalender (.ics)
        </a>
        {may.manage && agendaOpen(m.state) && (
          <>
            {' '}
            <a class="button button-tertiary" href={govPaths.editMeeting(id)}>
              Flyt mødet
            </a>
          </>
        )}
      </p>

      {m.minutesSentAt && m.state === 'held' && (
        <Alert kind="info" heading="Referatet afventer godkendelse">
          <p>
            Godkendt af {m.members.filter((x) => x.approvedAt).length} af {presentWithAccount.length} fremmødte med brugerkonto. Når alle
            har godkendt, låses referatet og offentliggøres.
          </p>
          {me && me.present && !me.approvedAt && may.approve && (
            <Form action={govPaths.approveMinutes(id)} csrfToken={csrf} id="approve-form">
              <Button>Godkend referatet</Button>
            </Form>
          )}
          {me?.approvedAt && <p>Du godkendte referatet {formatDateTime(me.approvedAt)}.</p>}
          {presentWithAccount.length === 0 && may.approveAll && (
            <Form action={govPaths.approveMinutes(id)} csrfToken={csrf} id="approve-form">
              <Button>Afslut referatet (ingen fremmødte har en brugerkonto)</Button>
            </Form>
          )}
        </Alert>
      )}
      {m.state === 'minutes_approved' && (
        <Alert kind="success" heading="Referatet er godkendt">
          Godkendt {m.minutesApprovedAt ? formatDateTime(m.minutesApprovedAt) : ''} af de fremmødte; det er låst.
        </Alert>
      )}

      <h2>Dagsorden</h2>
      {m.items.length === 0 && <p>Der er ingen punkter på dagsordenen endnu.</p>}
      <ol class="nobullet-list">
        {m.items.map((i) => (
          <li class="mb-6" id={`punkt-${i.id}`}>
            <h3>
              {i.sort}. {i.title} {i.closed && <Tag kind="warning">Lukket punkt</Tag>}
            </h3>
            {i.hidden ? (
              <p>Indholdet af lukkede punkter er kun tilgængeligt for organets medlemmer og sekretariatet.</p>
            ) : (
              <>
                <p class="small-text">
                  {itemKindLabels[i.kind]}
                  {i.refLabel && i.refHref && (
                    <>
                      : <a href={i.refHref}>{i.refLabel}</a>
                    </>
                  )}
                </p>
                {i.description && <p style="white-space: pre-wrap">{i.description}</p>}
                {i.papers.length > 0 && (
                  <ul>
                    {i.papers.map((p) => (
                      <li>
                        <a href={govPaths.paper(p.id)}>{p.title}</a> ({p.file_name}, {kb(p.size_bytes)})
                        {may.manage && m.state !== 'minutes_approved' && m.state !== 'cancelled' && (
                          <>
                            {' '}
                            <a class="function-link" href={govPaths.editPaper(p.id)}>
                              Ret titlen på {p.title}
                            </a>
                          </>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
                {i.outcome && (
                  <div class="mt-4">
                    <p>
                      <strong>
                        {i.outcome.kind === 'decision'
                          ? `Beslutning: ${decisionLabels[i.outcome.decision as Decision]}`
                          : outcomeKindLabels[i.outcome.kind]}
                      </strong>
                    </p>
                    <p style="white-space: pre-wrap">{i.outcome.text}</p>
                    {i.outcome.kind === 'task' && (
                      <p>
                        Ansvarlig: {i.outcome.taskOwner} · Frist: {formatDate(i.outcome.taskDue)}
                      </p>
                    )}
                  </div>
                )}
                {may.manage && m.state !== 'minutes_approved' && m.state !== 'cancelled' && (
                  <p>
                    <a class="function-link" href={govPaths.editItem(i.id)}>
                      Ret punktet: {i.title}
                    </a>
                  </p>
                )}
                {may.manage && open && (
                  <p>
                    <a class="button button-secondary" href={govPaths.outcome(i.id)}>
                      {i.outcome ? 'Ret udfaldet' : 'Skriv udfald'}: {i.title}
                    </a>
                  </p>
                )}
              </>
            )}
          </li>
        ))}
      </ol>
      {m.papers.length > 0 && (
        <>
          <h3>Bilag til mødet</h3>
          <ul>
            {m.papers.map((p) => (
              <li>
                <a href={govPaths.paper(p.id)}>{p.title}</a> ({p.file_name}, {kb(p.size_bytes)})
                {may.manage && m.state !== 'minutes_approved' && m.state !== 'cancelled' && (
                  <>
                    {' '}
                    <a class="function-link" href={govPaths.editPaper(p.id)}>
                      Ret titlen på {p.title}
                    </a>
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}

      <h2>Deltagere</h2>
      <Table
        caption="Medlemmer på mødedagen"
        columns={[
          { key: 'name', label: 'Navn' },
          { key: 'role', label: 'Rolle' },
          { key: 'represents', label: 'Repræsenterer' },
          { key: 'present', label: 'Fremmøde' },
          { key: 'approved', label: 'Referat godkendt' },
        ]}
        rows={m.members.map((x) => ({
          name: x.name,
          role: roleLabel(x.role),
          represents: x.representsLabel,
          present: x.present === null ? '—' : x.present ? 'Til stede' : 'Afbud',
          approved: x.approvedAt ? formatDateTime(x.approvedAt) : '—',
        }))}
        empty="Organet har ingen medlemmer på mødedagen."
      />

      {may.manage && (
        <>
          <h2>Sekretariatet</h2>
          {(m.state === 'agenda_sent' || m.state === 'held') && !m.minutesSentAt && m.members.length > 0 && (
            <Form action={govPaths.attendance(id)} csrfToken={csrf} id="attendance-form" fieldPrefix="att-">
              <ChoiceGroup
                name="present"
                label="Fremmødte"
                error={st.panel === 'attendance' ? e.present : undefined}
                options={m.members.map((x) => ({ value: String(x.id), label: `${x.name} (${x.representsLabel})` }))}
                values={
                  st.panel === 'attendance' ? (v.__present ?? '').split(',') : m.members.filter((x) => x.present).map((x) => String(x.id))
                }
              />
              <Button variant="secondary">Gem fremmøde</Button>
            </Form>
          )}
          <div class="mt-4">
            {meetingActions
              .filter((a) => checkMeetingAction(facts, a).length === 0 || (a === 'sendMinutes' && m.state === 'held' && !m.minutesSentAt))
              .map((a: MeetingAction) => (
                <Form action={govPaths.meetingAction(id, a)} csrfToken={csrf} fieldPrefix={`${a}-`}>
                  <HiddenField name="version" value={String(m.version)} />
                  <Button variant={a === 'cancel' ? 'warning' : 'primary'}>{meetingActionLabels[a]}</Button>
                </Form>
              ))}
          </div>
          {agendaOpen(m.state) && (
            <>
              <h3>Tilføj punkt</h3>
              <Form action={govPaths.addItem(id)} csrfToken={csrf} id="item-form" fieldPrefix="item-">
                <ItemFields v={st.panel === 'item' ? v : { kind: 'free' }} e={st.panel === 'item' ? e : {}} plans={plans} />
                <Button variant="secondary">Tilføj punktet</Button>
              </Form>
              {m.backlog.length > 0 && (
                <>
                  <h3>Sæt et foreslået punkt på dagsordenen</h3>
                  <Form action={govPaths.scheduleItem(id)} csrfToken={csrf} fieldPrefix="schedule-">
                    <SelectField
                      name="itemId"
                      label="Foreslået punkt"
                      options={m.backlog.map((b) => ({ value: String(b.id), label: `${b.title} (${personName(b.proposed_by_label)})` }))}
                      error={st.panel === 'schedule' ? e.itemId : undefined}
                      required
                    />
                    <Button variant="secondary">Sæt på dagsordenen</Button>
                  </Form>
                </>
              )}
            </>
          )}
          {m.state !== 'minutes_approved' && m.state !== 'cancelled' && (
            <>
              <h3>Upload bilag</h3>
              <Form action={govPaths.upload(id)} csrfToken={csrf} multipart id="upload-form" fieldPrefix="paper-">
                <TextField
                  name="title"
                  label="Bilagets titel"
                  value={st.panel === 'upload' ? v.title : ''}
                  error={st.panel === 'upload' ? e.title : undefined}
                />
                <SelectField
                  name="agendaItemId"
                  label="Hører til punkt"
                  options={[
                    { value: '', label: 'Mødet som helhed' },
                    ...m.items.map((i) => ({ value: String(i.id), label: `${i.sort}. ${i.title}` })),
                  ]}
                  value={st.panel === 'upload' ? v.agendaItemId : ''}
                  error={st.panel === 'upload' ? e.agendaItemId : undefined}
                />
                <div class={st.panel === 'upload' && e.file ? 'form-group form-error' : 'form-group'}>
                  <label class="form-label" for="paper-file">
                    Fil
                  </label>
                  <span class="form-hint" id="paper-file-hint">
                    PDF, Word eller Excel, højst {Math.floor(PAPER_LIMIT_BYTES / 1024 / 1024)} MB.
                  </span>
                  {st.panel === 'upload' && e.file && (
                    <span class="form-error-message" id="paper-file-error">
                      <span class="sr-only">Fejl: </span>
                      {e.file}
                    </span>
                  )}
                  <input
                    class="form-file-input"
                    type="file"
                    id="paper-file"
                    name="file"
                    accept=".pdf,.doc,.docx,.xls,.xlsx"
                    aria-describedby="paper-file-hint"
                  />
                </div>
                {reusable.length > 0 && (
                  <SelectField
                    name="fromPaperId"
                    label="Eller genbrug et bilag fra et tidligere møde"
                    options={[
                      { value: '', label: 'Nej' },
                      ...reusable.map((p) => ({ value: String(p.id), label: `${p.title} (${formatDate(p.starts_at)})` })),
                    ]}
                    value={st.panel === 'upload' ? v.fromPaperId : ''}
                  />
                )}
                <Button variant="secondary">Upload bilaget</Button>
              </Form>
            </>
          )}
        </>
      )}
    </>,
  );
}

/** Runs a meeting-page action; bad input or a refused step re-renders the page with the error (400), a stale version with the conflict (409). */
async function runOnPage(
  c: Context<AppEnv>,
  id: number,
  panel: Panel,
  values: FormValues,
  fn: () => Promise<unknown>,
  done: string,
  to = govPaths.meeting(id),
) {
  try {
    await fn();
    flash(c, done);
    return c.redirect(to, 303);
  } catch (err) {
    return meetingPage(c, id, { panel, values, ...formFailure(err) });
  }
}

export async function postAction(c: Context<AppEnv>, id: number, action: string) {
  if (!(meetingActions as readonly string[]).includes(action)) throw new NotFound();
  const values = await readForm(c);
  const parsed = parseWith(z.object({ version: field.version() }), values);
  if (!parsed.ok)
    return meetingPage(c, id, { panel: 'action', values, errors: { action: 'Siden er forældet; hent den igen.' }, status: 400 });
  return runOnPage(
    c,
    id,
    'action',
    values,
    () => transitionMeeting(c.get('ctx'), id, parsed.data.version, action as MeetingAction),
    `${meetingActionLabels[action as MeetingAction]}: udført.`,
  );
}

export async function postItem(c: Context<AppEnv>, id: number) {
  const values = await readForm(c);
  const parsed = parseWith(itemSchema, values);
  if (!parsed.ok) return meetingPage(c, id, { panel: 'item', values, errors: parsed.errors, status: 400 });
  return runOnPage(c, id, 'item', values, () => addItem(c.get('ctx'), id, parsed.data), 'Punktet er sat på dagsordenen.');
}

export async function postSchedule(c: Context<AppEnv>, id: number) {
  const values = await readForm(c);
  const parsed = parseWith(z.object({ itemId: field.id('punktet') }), values);
  if (!parsed.ok) return meetingPage(c, id, { panel: 'schedule', values, errors: parsed.errors, status: 400 });
  return runOnPage(c, id, 'schedule', values, () => scheduleItem(c.get('ctx'), parsed.data.itemId, id), 'Punktet er sat på dagsordenen.');
}

export async function postAttendance(c: Context<AppEnv>, id: number) {
  const present = (await formAll(c, 'present')).filter((x) => /^\d+$/.test(x)).map(Number);
  return runOnPage(
    c,
    id,
    'attendance',
    { __present: present.join(',') },
    () => recordAttendance(c.get('ctx'), id, contractOrInvalid(attendanceContract, { presentMemberIds: present }).presentMemberIds),
    'Fremmødet er gemt.',
  );
}

export async function postApprove(c: Context<AppEnv>, id: number) {
  return runOnPage(c, id, 'approve', {}, () => approveMinutes(c.get('ctx'), id), 'Du har godkendt referatet.');
}

/** Multipart upload of a paper: size limit, PDF/Word/Excel checked by content. */
export async function postUpload(c: Context<AppEnv>, id: number) {
  const limit = Math.min(PAPER_LIMIT_BYTES, c.get('deps').config.uploadLimitBytes);
  const declared = Number(c.req.header('content-length') ?? 0);
  if (declared > limit + 64 * 1024)
    return meetingPage(c, id, {
      panel: 'upload',
      values: {},
      errors: { file: `Filen er for stor: højst ${Math.floor(limit / 1024 / 1024)} MB.` },
      status: 413,
    });
  const body = await c.req.parseBody();
  const file = body.file instanceof File && body.file.size > 0 ? body.file : null;
  const values = {
    title: typeof body.title === 'string' ? body.title : '',
    agendaItemId: typeof body.agendaItemId === 'string' ? body.agendaItemId : '',
    fromPaperId: typeof body.fromPaperId === 'string' ? body.fromPaperId : '',
  };
  const itemId = /^\d+$/.test(values.agendaItemId) ? Number(values.agendaItemId) : null;
  if (!file && /^\d+$/.test(values.fromPaperId)) {
    return runOnPage(
      c,
      id,
      'upload',
      values,
      () => copyPaper(c.get('ctx'), id, { paperId: Number(values.fromPaperId), agendaItemId: itemId, title: values.title.trim() }),
      'Bilaget er tilføjet.',
    );
  }
  if (!file) return meetingPage(c, id, { panel: 'upload', values, errors: { file: 'Vælg en fil.' }, status: 400 });
  if (values.title.length > 200)
    return meetingPage(c, id, { panel: 'upload', values, errors: { title: 'Titlen må højst være 200 tegn.' }, status: 400 });
  const bytes = new Uint8Array(await file.arrayBuffer());
  return runOnPage(
    c,
    id,
    'upload',
    values,
    () => uploadPaper(c.get('ctx'), id, { title: values.title.trim(), fileName: file.name, bytes, agendaItemId: itemId, limit }),
    'Bilaget er uploadet.',
  );
}

async function editMeetingPage(c: Context<AppEnv>, id: number, st: FormState) {
  const m = await getMeeting(c.get('ctx'), id);
  return page(
    c,
    {
      title: 'Flyt mødet',
      breadcrumbs: [
        home,
        { label: 'Styring', href: govPaths.home() },
        { label: m.body.name, href: govPaths.body(m.body.id) },
        { label: 'Flyt mødet' },
      ],
      status: st.status,
    },
    <>
      <h1>Flyt mødet i {m.body.name}</h1>
      {st.conflict && <ConflictNotice conflict={st.conflict} />}
      <ErrorSummary errors={errorList(st.errors)} />
      <Form action={govPaths.editMeeting(id)} csrfToken={c.get('csrfToken')}>
        <HiddenField name="version" value={st.values.version ?? String(m.version)} />
        <MeetingFields v={st.values} e={st.errors ?? {}} />
        <Button>Gem</Button>
      </Form>
    </>,
  );
}
export async function editMeetingForm(c: Context<AppEnv>, id: number) {
  const m = await getMeeting(c.get('ctx'), id);
  return editMeetingPage(c, id, {
    values: { date: m.local.date, startTime: m.local.start, endTime: m.local.end, place: m.place, version: String(m.version) },
  });
}
export const saveMeetingEdit = (c: Context<AppEnv>, id: number) =>
  saveForm(
    c,
    meetingSchema.extend({ version: field.version() }),
    (st) => editMeetingPage(c, id, st),
    (d) => updateMeeting(c.get('ctx'), id, d.version, d),
    () => govPaths.meeting(id),
    'Mødet er flyttet.',
  );

/** The form's adapter to the outcome contract: an empty decision is none. */
const outcomeSchema = outcomeContract.extend({
  version: field.version(),
  decision: fromText.choice(outcomeContract.shape.decision),
});

async function outcomePage(c: Context<AppEnv>, itemId: number, st: FormState) {
  const ctx = c.get('ctx');
  const { item, meeting: m } = await getItemForOutcome(ctx, itemId);
  const v = st.values;
  const e = st.errors ?? {};
  return page(
    c,
    {
      title: `Udfald: ${item.title}`,
      breadcrumbs: [
        home,
        { label: 'Styring', href: govPaths.home() },
        { label: `Møde ${formatDate(m.local.date)}`, href: govPaths.meeting(m.id) },
        { label: 'Udfald' },
      ],
      status: st.status,
    },
    <>
      <h1>
        Udfald af punkt {item.sort}: {item.title}
      </h1>
      <p>
        {m.body.name}, {formatDate(m.local.date)}
      </p>
      {st.conflict && <ConflictNotice conflict={st.conflict} />}
      <ErrorSummary errors={errorList(e)} />
      <Form action={govPaths.outcome(itemId)} csrfToken={c.get('csrfToken')}>
        <HiddenField name="version" value={v.version ?? String(item.version)} />
        <SelectField
          name="outcomeKind"
          label="Type"
          options={outcomeKinds.map((k) => ({ value: k, label: outcomeKindLabels[k] }))}
          value={v.outcomeKind}
          error={e.outcomeKind}
          required
        />
        <SelectField
          name="decision"
          label="Beslutning (for beslutningspunkter)"
          options={[{ value: '', label: 'Ingen' }, ...decisions.map((d) => ({ value: d, label: decisionLabels[d] }))]}
          value={v.decision}
          error={e.decision}
        />
        <TextArea name="text" label="Referat / beslutningens ordlyd" value={v.text} error={e.text} rows={6} />
        <TextField name="taskOwner" label="Opgavens ansvarlige (for opgaver)" value={v.taskOwner} error={e.taskOwner} />
        <TextField name="taskDue" label="Frist (for opgaver)" type="date" value={v.taskDue} error={e.taskDue} />
        <Button>Gem udfaldet</Button>
      </Form>
    </>,
  );
}
export async function outcomeForm(c: Context<AppEnv>, itemId: number) {
  const { item } = await getItemForOutcome(c.get('ctx'), itemId);
  return outcomePage(c, itemId, {
    values: {
      version: String(item.version),
      outcomeKind: item.outcome_kind ?? 'decision',
      decision: item.decision ?? '',
      text: item.outcome_text,
      taskOwner: item.task_owner,
      taskDue: item.task_due ?? '',
    },
  });
}
export const saveOutcome = (c: Context<AppEnv>, itemId: number) =>
  saveForm(
    c,
    outcomeSchema,
    (st) => outcomePage(c, itemId, st),
    (d) => recordOutcome(c.get('ctx'), itemId, d.version, d),
    (meetingId) => `${govPaths.meeting(meetingId)}#punkt-${itemId}`,
    'Udfaldet er gemt.',
  );
