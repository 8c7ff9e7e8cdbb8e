import { recordAudit } from '../../db/audit.ts';
import { safeFileName, sniffPaper } from '../../domain/governance/files.ts';
import { Invalid, NotFound, TooLarge } from '../../errors.ts';
import { actorLabel, actorUserId, authorize, can } from '../../policy/index.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { meetingSubject } from './meetings.ts';

/** The largest paper accepted (also bounded by the app's request limit). */
export const PAPER_LIMIT_BYTES = 15 * 1024 * 1024;

/**
 * Uploads a paper (PDF, Word or Excel, recognised by its content) to a meeting or one of its items; it
 * is stored in the database so both backends hold it. A paper on a closed item is closed too.
 */
export async function uploadPaper(
  ctx: ServiceContext,
  meetingId: number,
  input: { title: string; fileName: string; bytes: Uint8Array; agendaItemId: number | null; limit?: number },
): Promise<number> {
  const limit = Math.min(input.limit ?? PAPER_LIMIT_BYTES, PAPER_LIMIT_BYTES);
  return inTransaction(ctx, async (trx) => {
    authorize(ctx.actor, 'uploadPaper', await meetingSubject(trx, meetingId));
    if (input.bytes.byteLength === 0) throw new Invalid({ file: 'Vælg en fil.' });
    if (input.bytes.byteLength > limit) throw new TooLarge(`Filen er for stor: højst ${Math.floor(limit / 1024 / 1024)} MB.`);
    const kind = sniffPaper(input.bytes, input.fileName);
    if (!kind) throw new Invalid({ file: 'Filen skal være en PDF, et Word- eller et Excel-dokument.' });
    let closed = false;
    if (input.agendaItemId) {
      const item = await trx
        .selectFrom('agenda_item')
        .select(['id', 'meeting_id', 'closed'])
        .where('id', '=', input.agendaItemId)
        .executeTakeFirst();
      if (!item || item.meeting_id !== meetingId) throw new Invalid({ agendaItemId: 'Punktet er ikke på mødets dagsorden.' });
      closed = item.closed;
    }
    const fileName = safeFileName(input.fileName, kind.ext);
    const row = await trx
      .insertInto('meeting_paper')
      .values({
        meeting_id: meetingId,
        agenda_item_id: input.agendaItemId,
        title: input.title || fileName,
        file_name: fileName,
        content_type: kind.contentType,
        size_bytes: input.bytes.byteLength,
        content: Buffer.from(input.bytes),
        closed,
        uploaded_by_label: actorLabel(ctx.actor),
        uploaded_by_user_id: actorUserId(ctx.actor),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx.actor, {
      action: 'upload',
      entityType: 'meeting_paper',
      entityId: row.id,
      summary: `Bilag ${fileName} (${input.bytes.byteLength} bytes)`,
      after: { meetingId, fileName, contentType: kind.contentType, agendaItemId: input.agendaItemId },
    });
    return row.id;
  });
}

/** A paper for download; closed papers only for members and the secretariat (others get 404, not a hint). */
export async function getPaper(ctx: ServiceContext, id: number) {
  const p = await ctx.db.selectFrom('meeting_paper').selectAll().where('id', '=', id).executeTakeFirst();
  if (!p) throw new NotFound('Bilaget findes ikke.');
  const subject = await meetingSubject(ctx.db, p.meeting_id);
  authorize(ctx.actor, 'read', subject);
  if (p.closed && !can(ctx.actor, 'readClosed', subject)) {
    authorize(ctx.actor, 'readClosed', subject);
  }
  return { fileName: p.file_name, contentType: p.content_type, bytes: new Uint8Array(p.content) };
}

/** Reuses a paper from an earlier meeting (e.g. the same budget appendix on the next agenda): a copy, so each meeting's papers stay as sent. */
export async function copyPaper(
  ctx: ServiceContext,
  meetingId: number,
  input: { paperId: number; agendaItemId: number | null; title: string },
): Promise<number> {
  const src = await getPaper(ctx, input.paperId);
  return uploadPaper(ctx, meetingId, { title: input.title, fileName: src.fileName, bytes: src.bytes, agendaItemId: input.agendaItemId });
}

/** Papers of a body's other meetings, newest first, that the actor may reuse. */
export async function reusablePapers(ctx: ServiceContext, bodyId: number, exceptMeetingId: number) {
  const rows = await ctx.db
    .selectFrom('meeting_paper as p')
    .innerJoin('meeting as m', 'm.id', 'p.meeting_id')
    .select(['p.id', 'p.title', 'p.file_name', 'p.closed', 'm.starts_at'])
    .where('m.body_id', '=', bodyId)
    .where('m.id', '<>', exceptMeetingId)
    .orderBy('p.id', 'desc')
    .limit(50)
    .execute();
  return rows;
}
