import { NotFound } from '../../errors.ts';
import { authorize } from '../../policy/index.ts';
import type { ServiceContext } from '../context.ts';
import { column, workbookBuffer } from '../excel.ts';
import { type PdfContent, pdfTable, renderPdf } from '../pdf.ts';
import { getAgreement } from './agreements.ts';
import { getDialogue } from './dialogues.ts';

const d = (iso: string | null) => (iso ? iso.split('-').reverse().join('.') : '—');
const num = (x: number | null) => (x === null ? '—' : new Intl.NumberFormat('da-DK', { maximumFractionDigits: 2 }).format(x));
const when = (at: Date) => d(at.toISOString().slice(0, 10));

/**
 * R19 — a concluded steering dialogue as the signed agreement in PDF: parties, the commitments (what, how much, by
 * when) with their success criteria, last year's follow-up, and the signatures. Only a concluded dialogue has one.
 */
export async function dialoguePdf(ctx: ServiceContext, dialogueId: number): Promise<{ name: string; pdf: Buffer }> {
  const v = await getDialogue(ctx, dialogueId);
  if (v.state !== 'concluded') throw new NotFound('Aftalen findes først som PDF, når den er indgået.');
  const title = `Styringsaftale ${v.year}: ${v.parties.map((p) => p.shortName).join(', ')}`;
  const content: PdfContent[] = [
    { text: title, style: 'title' },
    { text: `Bindende aftale indgået på styringsdialogmødet under ${v.agreementTitle}.`, margin: [0, 0, 0, 12] },
    pdfTable(
      ['', ''],
      [
        ['Parter', `Københavns Kommune og ${v.parties.map((p) => p.name).join(', ')}`],
        ['Dialogmøde', `${d(v.heldOn ?? v.meetingOn)}${v.place ? `, ${v.place}` : ''}`],
        ['Indgået', d(v.concludedOn)],
        ...(v.isDemo ? [['Bemærk', 'Demodata']] : []),
      ],
      [150, '*'],
    ),
    { text: 'Tilsagn og succeskriterier', style: 'h1' },
    pdfTable(
      ['Boligorganisation', 'Tilsagn', 'Omfang', 'Frist', 'Succeskriterium', 'Mål i hovedaftalen'],
      v.commitments.map((c) => [
        c.organisation,
        c.what,
        c.amount === null ? '—' : `${num(c.amount)} ${c.unit}`.trim(),
        d(c.dueOn),
        c.successCriterion,
        c.targetTitle ?? '—',
      ]),
      [60, '*', 50, 50, '*', 80],
    ),
  ];
  if (v.summary) content.push({ text: 'Referat af mødet', style: 'h1' }, { text: v.summary });
  if (v.previous?.commitments.length) {
    content.push(
      { text: `Opfølgning på aftalen fra ${v.previous.year}`, style: 'h1' },
      pdfTable(
        ['Tilsagn', 'Frist', 'Opfølgning', 'Leveret', 'Bemærkning'],
        v.previous.commitments.map((c) => [
          c.what,
          d(c.dueOn),
          c.followUp?.outcomeLabel ?? '—',
          num(c.followUp?.delivered ?? null),
          c.followUp?.note || '—',
        ]),
        ['*', 50, 70, 50, '*'],
      ),
    );
  }
  content.push(
    { text: 'Underskrifter', style: 'h1' },
    pdfTable(
      ['For', 'Underskrevet af', 'Dato'],
      [
        ['Københavns Kommune', v.municipalitySignature?.by ?? '—', v.municipalitySignature ? when(v.municipalitySignature.at) : '—'],
        ...v.parties.map((p) => [p.name, p.signature?.by ?? '—', p.signature ? when(p.signature.at) : '—']),
      ],
    ),
  );
  const pdf = await renderPdf(title, content, {
    subject: 'Styringsaftale efter hovedaftalen',
    createdAt: v.concludedOn ? new Date(`${v.concludedOn}T12:00:00Z`) : undefined,
  });
  return {
    name: `styringsaftale-${v.year}-${v.parties
      .map((p) => p.shortName)
      .join('-')
      .replace(/[^A-Za-z0-9-]/g, '')}.pdf`,
    pdf,
  };
}

/** R19 — the agreement's targets with their status, and every binding commitment behind them, as Excel. */
export async function targetsWorkbook(ctx: ServiceContext, agreementId: number): Promise<{ name: string; xlsx: Buffer }> {
  const a = await getAgreement(ctx, agreementId);
  authorize(ctx.actor, 'read', { type: 'partnershipAgreement', id: agreementId, status: a.agreement.status });
  const commitments = await ctx.db
    .selectFrom('dialogue_commitment as c')
    .innerJoin('steering_dialogue as dl', 'dl.id', 'c.dialogue_id')
    .innerJoin('organisation as o', 'o.id', 'c.organisation_id')
    .leftJoin('partnership_target as t', 't.id', 'c.target_id')
    .select(['dl.year', 'o.short_name', 'c.what', 'c.amount', 'c.unit', 'c.due_on', 'c.success_criterion', 't.title as target'])
    .select((eb) =>
      eb
        .selectFrom('commitment_followup as f')
        .whereRef('f.commitment_id', '=', 'c.id')
        .select('f.outcome')
        .orderBy('f.created_at', 'desc')
        .orderBy('f.id', 'desc')
        .limit(1)
        .as('outcome'),
    )
    .where('dl.agreement_id', '=', agreementId)
    .where('dl.state', '=', 'concluded')
    .orderBy('dl.year')
    .orderBy('o.short_name')
    .orderBy('c.sort')
    .execute();
  const outcomeLabels: Record<string, string> = { fulfilled: 'Opfyldt', partly: 'Delvist opfyldt', not_fulfilled: 'Ikke opfyldt' };
  const xlsx = await workbookBuffer([
    {
      name: 'Mål',
      columns: [
        column('Tema', 'theme', 24),
        column('Mål', 'title', 50),
        column('Enhed', 'unit', 20),
        column('Regel', 'rule', 22),
        column('Baseline', 'baseline', 12),
        column('Målværdi', 'target', 12),
        column('Frist', 'deadline', 12),
        column('Seneste værdi', 'latest', 14),
        column('Målt', 'latestOn', 12),
        column('Status', 'status', 14),
        column('Ansvarlig', 'responsible', 40),
        column('Kilde', 'source', 60),
      ],
      rows: a.targets.map((t) => ({
        theme: t.themeTitle,
        title: t.title,
        unit: t.unit,
        rule: t.ruleLabel,
        baseline: t.baselineValue,
        target: t.targetValue,
        deadline: t.deadline,
        latest: t.judgement.value,
        latestOn: t.byCommitments ? null : (t.latest?.on ?? null),
        status: t.statusLabel,
        responsible: t.responsible,
        source: t.sourceLine,
      })),
    },
    {
      name: 'Tilsagn',
      columns: [
        column('År', 'year', 8),
        column('Boligorganisation', 'org', 16),
        column('Tilsagn', 'what', 50),
        column('Omfang', 'amount', 10),
        column('Enhed', 'unit', 14),
        column('Frist', 'due', 12),
        column('Succeskriterium', 'criterion', 50),
        column('Mål i hovedaftalen', 'target', 40),
        column('Opfølgning', 'outcome', 16),
      ],
      rows: commitments.map((c) => ({
        year: c.year,
        org: c.short_name,
        what: c.what,
        amount: c.amount,
        unit: c.unit,
        due: c.due_on,
        criterion: c.success_criterion,
        target: c.target ?? '',
        outcome: c.outcome ? (outcomeLabels[c.outcome] ?? c.outcome) : '',
      })),
    },
  ]);
  return { name: `hovedaftale-${agreementId}-maal-og-tilsagn.xlsx`, xlsx };
}
