import { calendar, type IcsEvent } from '../../domain/governance/ical.ts';
import { decisionLabels, itemKindLabels, meetingStateLabels, memberRoleLabels, outcomeKindLabels } from '../../domain/governance/labels.ts';
import { Invalid } from '../../errors.ts';
import { authorize } from '../../policy/index.ts';
import type { ServiceContext } from '../context.ts';
import { renderPdf, pdfTable, type PdfContent } from '../pdf.ts';
import { getMeeting, type MeetingView } from './meetings.ts';

const dk = (iso: string) => iso.split('-').reverse().join('.');
const when = (m: MeetingView) => `${dk(m.local.date)} kl. ${m.local.start.replace(':', '.')}–${m.local.end.replace(':', '.')}`;

function itemBlock(i: MeetingView['items'][number], withOutcome: boolean): PdfContent[] {
  const out: PdfContent[] = [{ text: `${i.sort}. ${i.title}${i.closed ? ' (lukket punkt)' : ''}`, style: 'h2' }];
  if (!i.hidden) {
    out.push({ text: `${itemKindLabels[i.kind]}${i.refLabel ? `: ${i.refLabel}` : ''}`, style: 'muted' });
    if (i.description) out.push({ text: i.description, margin: [0, 4, 0, 4] });
    if (i.papers.length) out.push({ text: `Bilag: ${i.papers.map((p) => p.title).join(', ')}`, style: 'muted' });
  }
  if (withOutcome && i.outcome) {
    const o = i.outcome;
    const head = o.kind === 'decision' ? `${outcomeKindLabels.decision}: ${decisionLabels[o.decision!]}` : outcomeKindLabels[o.kind];
    out.push({ text: head, bold: true, margin: [0, 6, 0, 2] }, { text: o.text || '—' });
    if (o.kind === 'task') out.push({ text: `Ansvarlig: ${o.taskOwner} · Frist: ${dk(o.taskDue ?? '')}` });
  }
  return out;
}

/** The agenda as PDF (closed items' content only for those who may see it). */
export async function agendaPdf(ctx: ServiceContext, meetingId: number): Promise<{ name: string; pdf: Buffer }> {
  const m = await getMeeting(ctx, meetingId);
  const title = `Dagsorden: ${m.body.name} ${dk(m.local.date)}`;
  const content: PdfContent[] = [
    { text: title, style: 'title' },
    { text: `${when(m)} · ${m.place || 'Sted meddeles senere'}`, style: 'muted' },
    { text: `Status: ${meetingStateLabels[m.state]}`, style: 'muted', margin: [0, 0, 0, 8] },
    ...m.items.flatMap((i) => itemBlock(i, false)),
  ];
  return { name: `dagsorden-${m.local.date}`, pdf: await renderPdf(title, content, { subject: m.body.name }) };
}

/** The minutes as PDF: attendance, every item's outcome and the approvals. Public once approved. */
export async function minutesPdf(ctx: ServiceContext, meetingId: number): Promise<{ name: string; pdf: Buffer }> {
  const m = await getMeeting(ctx, meetingId);
  if (!m.showOutcomes) {
    authorize(ctx.actor, 'readDraftMinutes', m.subject);
  }
  if (m.state !== 'held' && m.state !== 'minutes_approved') throw new Invalid({ minutes: 'Der er intet referat, før mødet er holdt.' });
  const title = `Referat: ${m.body.name} ${dk(m.local.date)}`;
  const present = m.members.filter((x) => x.present);
  const content: PdfContent[] = [
    { text: title, style: 'title' },
    { text: `${when(m)} · ${m.place}`, style: 'muted' },
    {
      text: m.state === 'minutes_approved' ? 'Referatet er godkendt af de fremmødte.' : 'UDKAST – referatet er ikke godkendt.',
      bold: true,
      margin: [0, 4, 0, 4],
    },
    { text: 'Fremmødte', style: 'h1' },
    pdfTable(
      ['Navn', 'Repræsenterer', 'Rolle', 'Godkendt'],
      present.map((x) => [
        x.name,
        x.representsLabel,
        memberRoleLabels[x.role as 'member'] ?? x.role,
        x.approvedAt ? dk(x.approvedAt.toISOString().slice(0, 10)) : '—',
      ]),
    ),
    {
      text: `Afbud: ${
        m.members
          .filter((x) => x.present === false)
          .map((x) => x.name)
          .join(', ') || 'ingen'
      }`,
      style: 'muted',
    },
    { text: 'Punkter', style: 'h1' },
    ...m.items.flatMap((i) => itemBlock(i, true)),
  ];
  return { name: `referat-${m.local.date}`, pdf: await renderPdf(title, content, { subject: m.body.name }) };
}

function eventOf(
  m: { id: number; bodyName: string; startsAt: Date; endsAt: Date; place: string; state: string; version: number; updatedAt: Date },
  baseUrl: string,
): IcsEvent {
  return {
    uid: `meeting-${m.id}@helhed`,
    start: m.startsAt,
    end: m.endsAt,
    summary: `Møde i ${m.bodyName}`,
    location: m.place,
    description: `${meetingStateLabels[m.state as 'planned']}. Dagsorden og bilag: ${baseUrl}/styring/moeder/${m.id}`,
    url: `${baseUrl}/styring/moeder/${m.id}`,
    status: m.state === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    sequence: m.version,
    stamp: m.updatedAt,
  };
}

async function meetingsFor(ctx: ServiceContext, filter: { meetingId?: number; bodyId?: number }) {
  authorize(ctx.actor, 'list', { type: 'body', memberUserIds: [] });
  const rows = await ctx.db
    .selectFrom('meeting as m')
    .innerJoin('body as b', 'b.id', 'm.body_id')
    .select(['m.id', 'b.name as bodyName', 'm.starts_at', 'm.ends_at', 'm.place', 'm.state', 'm.version', 'm.updated_at'])
    .$if(!!filter.meetingId, (q) => q.where('m.id', '=', filter.meetingId!))
    .$if(!!filter.bodyId, (q) => q.where('m.body_id', '=', filter.bodyId!))
    .orderBy('m.starts_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    bodyName: r.bodyName,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    place: r.place,
    state: r.state,
    version: r.version,
    updatedAt: r.updated_at,
  }));
}

/** One meeting as an iCalendar file. */
export async function meetingIcs(ctx: ServiceContext, meetingId: number, baseUrl: string): Promise<string | null> {
  const rows = await meetingsFor(ctx, { meetingId });
  if (!rows.length) return null;
  return calendar(
    rows[0]!.bodyName,
    rows.map((r) => eventOf(r, baseUrl)),
  );
}

/** A body's iCalendar feed: all its meetings (a subscription URL). */
export async function bodyFeed(ctx: ServiceContext, bodyId: number, bodyName: string, baseUrl: string): Promise<string> {
  return calendar(
    bodyName,
    (await meetingsFor(ctx, { bodyId })).map((r) => eventOf(r, baseUrl)),
  );
}
