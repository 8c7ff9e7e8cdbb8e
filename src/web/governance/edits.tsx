import type { Context } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { itemEditContract, paperTitleContract } from '../../contracts/governance.ts';
import { itemForEdit, paperForEdit, updateItem, updatePaperTitle } from '../../services/governance/edits.ts';
import { Button, ErrorSummary, Form, HiddenField, TextArea, TextField } from '../components/index.ts';
import { ConflictNotice } from '../conflict.tsx';
import { field, type FormFailure, formFailure, type FormValues, parseWith, readForm } from '../forms.ts';
import { msg } from '../messages.ts';
import { flash, home, page } from '../render.tsx';
import { govPaths } from './paths.ts';

type State = Partial<FormFailure> & { values?: FormValues };
const itemSchema = itemEditContract.extend({ version: field.version() });
const paperSchema = paperTitleContract.extend({ version: field.version() });

/** GET /styring/punkter/:id/ret — an agenda item's title and description, under its version. */
export async function itemEditPage(c: Context<AppEnv>, id: number, st: State = {}) {
  const item = await itemForEdit(c.get('ctx'), id);
  const v = st.values ?? { title: item.title, description: item.description };
  const errors = st.errors ?? {};
  const back = item.meetingId ? govPaths.meeting(item.meetingId) : govPaths.body(item.bodyId);
  return page(
    c,
    {
      title: `Ret punktet: ${item.title}`,
      breadcrumbs: [home, { label: 'Styring', href: govPaths.home() }, { label: 'Møde', href: back }, { label: 'Ret punktet' }],
      status: st.status,
    },
    <>
      <h1>Ret punktet</h1>
      {st.conflict && <ConflictNotice conflict={st.conflict} />}
      <ErrorSummary errors={Object.entries(errors).map(([f, m]) => ({ field: f, message: m }))} />
      <Form action={govPaths.editItem(id)} csrfToken={c.get('csrfToken')}>
        <HiddenField name="version" value={String(st.conflict || !st.values ? item.version : (st.values.version ?? item.version))} />
        <TextField name="title" label="Punktets titel" value={v.title} error={errors.title} required />
        <TextArea name="description" label="Beskrivelse" value={v.description} error={errors.description} rows={6} />
        <Button type="submit">Gem ændringerne</Button> <a href={back}>Tilbage</a>
      </Form>
    </>,
  );
}

export async function saveItemEdit(c: Context<AppEnv>, id: number) {
  const values = await readForm(c);
  const parsed = parseWith(itemSchema, values);
  if (!parsed.ok) return itemEditPage(c, id, { values, errors: parsed.errors, status: 400 });
  let meetingId: number | null;
  try {
    meetingId = (await updateItem(c.get('ctx'), id, parsed.data)).meetingId;
  } catch (err) {
    return itemEditPage(c, id, { values, ...formFailure(err) });
  }
  flash(c, msg.saved);
  return c.redirect(meetingId ? `${govPaths.meeting(meetingId)}#punkt-${id}` : govPaths.home(), 303);
}

/** GET /styring/bilag/:id/ret — a paper's title, under its version. */
export async function paperEditPage(c: Context<AppEnv>, id: number, st: State = {}) {
  const paper = await paperForEdit(c.get('ctx'), id);
  const errors = st.errors ?? {};
  return page(
    c,
    {
      title: `Ret bilagets titel: ${paper.title}`,
      breadcrumbs: [
        home,
        { label: 'Styring', href: govPaths.home() },
        { label: 'Møde', href: govPaths.meeting(paper.meetingId) },
        { label: 'Ret bilagets titel' },
      ],
      status: st.status,
    },
    <>
      <h1>Ret bilagets titel</h1>
      <p>Fil: {paper.fileName}</p>
      {st.conflict && <ConflictNotice conflict={st.conflict} />}
      <ErrorSummary errors={Object.entries(errors).map(([f, m]) => ({ field: f, message: m }))} />
      <Form action={govPaths.editPaper(id)} csrfToken={c.get('csrfToken')}>
        <HiddenField name="version" value={String(st.conflict || !st.values ? paper.version : (st.values.version ?? paper.version))} />
        <TextField name="title" label="Bilagets titel" value={st.values?.title ?? paper.title} error={errors.title} required />
        <Button type="submit">Gem titlen</Button> <a href={govPaths.meeting(paper.meetingId)}>Tilbage</a>
      </Form>
    </>,
  );
}

export async function savePaperEdit(c: Context<AppEnv>, id: number) {
  const values = await readForm(c);
  const parsed = parseWith(paperSchema, values);
  if (!parsed.ok) return paperEditPage(c, id, { values, errors: parsed.errors, status: 400 });
  let meetingId: number;
  try {
    meetingId = (await updatePaperTitle(c.get('ctx'), id, parsed.data)).meetingId;
  } catch (err) {
    return paperEditPage(c, id, { values, ...formFailure(err) });
  }
  flash(c, msg.saved);
  return c.redirect(govPaths.meeting(meetingId), 303);
}
