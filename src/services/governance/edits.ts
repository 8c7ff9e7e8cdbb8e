import { recordAudit } from '../../db/audit.ts';
import { loadForUpdate, updateVersioned } from '../../db/versioned.ts';
import { Forbidden, NotFound } from '../../errors.ts';
import { authorize } from '../../policy/index.ts';
import { inTransaction, type ServiceContext, today } from '../context.ts';
import { bodySubject } from './bodies.ts';
import { meetingSubject } from './meetings.ts';

/** A meeting whose minutes are approved (or that was cancelled) is a closed record: its items and papers stay as they are. */
const closedMeeting = (state: string) => state === 'minutes_approved' || state === 'cancelled';

/**
 * R10 — corrects an agenda item's title and description under its version: on a meeting, by those who set the agenda
 * (until the minutes are approved); in a body's backlog, by those who run the body. Audited with before and after.
 */
export async function updateItem(ctx: ServiceContext, itemId: number, input: { version: number; title: string; description: string }) {
  return inTransaction(ctx, async (trx) => {
    const current = await loadForUpdate(trx, 'agenda_item', itemId);
    const meetingId = current.meeting_id as number | null;
    if (meetingId !== null) {
      const subject = await meetingSubject(trx, meetingId);
      authorize(ctx.actor, 'addItem', subject);
      if (closedMeeting(subject.state)) throw new Forbidden('Mødets referat er godkendt; punktet kan ikke længere rettes.');
    } else {
      authorize(ctx.actor, 'update', await bodySubject(trx, current.body_id as number, today(ctx)));
    }
    const after = await updateVersioned(trx, 'agenda_item', current, input.version, 'agenda_item', {
      title: input.title,
      description: input.description,
    });
    await recordAudit(trx, ctx.actor, {
      action: 'update',
      entityType: 'agenda_item',
      entityId: itemId,
      version: after.version,
      summary: `Rettede punktet "${input.title}"`,
      before: { title: current.title, description: current.description },
      after: { title: after.title, description: after.description },
    });
    return { version: after.version, meetingId };
  });
}

/** R10 — corrects a meeting paper's title under its version, by those who upload papers, until the minutes are approved. */
export async function updatePaperTitle(ctx: ServiceContext, paperId: number, input: { version: number; title: string }) {
  return inTransaction(ctx, async (trx) => {
    const current = await trx
      .selectFrom('meeting_paper')
      .select(['id', 'version', 'meeting_id', 'title'])
      .where('id', '=', paperId)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw new NotFound('Bilaget findes ikke.');
    const subject = await meetingSubject(trx, current.meeting_id);
    authorize(ctx.actor, 'uploadPaper', subject);
    if (closedMeeting(subject.state)) throw new Forbidden('Mødets referat er godkendt; bilaget kan ikke længere rettes.');
    const after = await updateVersioned(trx, 'meeting_paper', current, input.version, 'meeting_paper', { title: input.title });
    await recordAudit(trx, ctx.actor, {
      action: 'update',
      entityType: 'meeting_paper',
      entityId: paperId,
      version: after.version,
      summary: `Rettede bilagets titel til "${input.title}"`,
      before: { title: current.title },
      after: { title: after.title },
    });
    return { version: after.version, meetingId: current.meeting_id };
  });
}

/** An agenda item as its edit form shows it, for those who may correct it (403 otherwise, 404 when it does not exist). */
export async function itemForEdit(ctx: ServiceContext, itemId: number) {
  const item = await ctx.db
    .selectFrom('agenda_item')
    .select(['id', 'version', 'title', 'description', 'meeting_id', 'body_id'])
    .where('id', '=', itemId)
    .executeTakeFirst();
  if (!item) throw new NotFound('Punktet findes ikke.');
  if (item.meeting_id !== null) {
    const subject = await meetingSubject(ctx.db, item.meeting_id);
    authorize(ctx.actor, 'addItem', subject);
    if (closedMeeting(subject.state)) throw new Forbidden('Mødets referat er godkendt; punktet kan ikke længere rettes.');
  } else {
    authorize(ctx.actor, 'update', await bodySubject(ctx.db, item.body_id, today(ctx)));
  }
  return {
    id: item.id,
    version: item.version,
    title: item.title,
    description: item.description,
    meetingId: item.meeting_id,
    bodyId: item.body_id,
  };
}

/** A paper's title as its edit form shows it, for those who may correct it. */
export async function paperForEdit(ctx: ServiceContext, paperId: number) {
  const paper = await ctx.db
    .selectFrom('meeting_paper')
    .select(['id', 'version', 'title', 'file_name', 'meeting_id'])
    .where('id', '=', paperId)
    .executeTakeFirst();
  if (!paper) throw new NotFound('Bilaget findes ikke.');
  const subject = await meetingSubject(ctx.db, paper.meeting_id);
  authorize(ctx.actor, 'uploadPaper', subject);
  if (closedMeeting(subject.state)) throw new Forbidden('Mødets referat er godkendt; bilaget kan ikke længere rettes.');
  return { id: paper.id, version: paper.version, title: paper.title, fileName: paper.file_name, meetingId: paper.meeting_id };
}
