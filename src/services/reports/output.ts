import { createHash } from 'node:crypto';
import { SizedCache } from '../readmodel.ts';
import { isoDate } from '../context.ts';
import { kr } from '../../domain/money/amount.ts';
import { type Milestone, type Narrative, narrativeSections, reportStateLabels, type ReportState } from '../../domain/reports/index.ts';
import { column, excelKr, moneyFormat, workbookBuffer } from '../excel.ts';
import { type PdfContent, pdfTable, renderPdf } from '../pdf.ts';
import type { ReportContent, ReportCriterion, ReportMoneyRow } from './build.ts';
import type { ReportSnapshot } from './reports.ts';

/** What the outputs print besides the content: the state, and for a frozen report when and with which hash. */
export interface ReportMeta {
  state: ReportState | 'missing';
  revision: number;
  narrative: Narrative;
  /** R6 — next year's milestone plan, in date order. */
  milestones: Milestone[];
  submittedAt: Date | null;
  contentHash: string | null;
}

const d = (iso: string | null) => (iso ? iso.split('-').reverse().join('.') : '—');
const num = (x: number | null) => (x === null ? '—' : new Intl.NumberFormat('da-DK', { maximumFractionDigits: 2 }).format(x));
/** A long hash in groups of eight, so the line breaks between groups and no character is lost. */
export const groupedHash = (hash: string) => hash.match(/.{1,8}/g)!.join(' ');
const h1 = (text: string) => ({ text, style: 'h1', tocItem: true });

/** R4 — one indicator as a small vector chart: the straight path from baseline to target, and each measurement. */
function criterionChart(c: ReportCriterion): PdfContent {
  const W = 420;
  const H = 110;
  const t = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
  const points = [...c.yearValues, ...(c.latest && !c.yearValues.includes(c.latest) ? [c.latest] : [])];
  const xs = [t(c.baseline.date), t(c.target.date), ...points.map((p) => t(p.measuredOn))];
  const ys = [c.baseline.value, c.target.value, ...points.map((p) => p.value)];
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [yMin, yMax] = [Math.min(...ys), Math.max(...ys)];
  const pad = (yMax - yMin) * 0.1 || 1;
  const X = (ms: number) => 30 + ((ms - x0) / Math.max(1, x1 - x0)) * (W - 40);
  const Y = (v: number) => H - 10 - ((v - (yMin - pad)) / (yMax + pad - (yMin - pad))) * (H - 20);
  return {
    stack: [
      {
        canvas: [
          { type: 'line', x1: 30, y1: H - 10, x2: W - 10, y2: H - 10, lineWidth: 0.5, lineColor: '#888888' },
          { type: 'line', x1: 30, y1: 5, x2: 30, y2: H - 10, lineWidth: 0.5, lineColor: '#888888' },
          {
            type: 'line',
            x1: X(t(c.baseline.date)),
            y1: Y(c.baseline.value),
            x2: X(t(c.target.date)),
            y2: Y(c.target.value),
            lineWidth: 1,
            dash: { length: 4 },
            lineColor: '#0059b3',
          },
          ...points.map((p) => ({ type: 'ellipse', x: X(t(p.measuredOn)), y: Y(p.value), r1: 3, r2: 3, color: '#b32400' })),
        ],
      },
      {
        text: `Stiplet: forventet forløb fra baseline ${num(c.baseline.value)} (${d(c.baseline.date)}) til mål ${num(c.target.value)} (${d(c.target.date)}). Punkter: målinger.`,
        style: 'muted',
        fontSize: 8,
        margin: [0, 2, 0, 10],
      },
    ],
  };
}

/** An amount in kroner, right-aligned and never wrapped (the column header says «kr.»): a number is not split. */
const amount = (ore: number) => ({ text: kr(ore).replace(/ kr\.$/, ''), alignment: 'right', noWrap: true });
const moneyRow = (r: ReportMoneyRow) => [
  r.name,
  amount(r.budgetOre),
  amount(r.actualOre),
  amount(r.varianceOre),
  amount(r.cumulativeBudgetOre),
  amount(r.cumulativeActualOre),
];
const moneyHeads = [
  '',
  'Budget i året (kr.)',
  'Forbrug i året (kr.)',
  'Afvigelse (kr.)',
  'Budget til og med året (kr.)',
  'Forbrug til og med året (kr.)',
];
/** A money table in pdfmake's terms (cells may be objects, unlike `pdfTable`), 8 pt. */
const moneyTable = (heads: string[], rows: unknown[][], widths: (string | number)[]): PdfContent => ({
  table: { headerRows: 1, widths, body: [heads.map((h, i) => ({ text: h, style: 'th', alignment: i > 0 ? 'right' : 'left' })), ...rows] },
  layout: 'lightHorizontalLines',
  fontSize: 8,
  margin: [0, 4, 0, 10],
});

/** R6 — the yearly report as a Danish PDF: cover, contents, tables, a chart per indicator, page numbers. */
export function reportPdf(c: ReportContent, m: ReportMeta): Promise<Buffer> {
  const title = `Årsrapport ${c.year}: ${c.plan.name}`;
  const content: PdfContent[] = [
    { text: `Årsrapport ${c.year}`, style: 'title', margin: [0, 120, 0, 8] },
    { text: c.plan.name, fontSize: 18, margin: [0, 0, 0, 24] },
    pdfTable(
      ['', ''],
      [
        ['Bydel', c.plan.district || '—'],
        ['Bevillingsperiode', c.plan.period],
        ['Planens periode', `${d(c.plan.startsOn)} – ${d(c.plan.endsOn)}`],
        ['Ansvarlig boligorganisation', c.plan.lead],
        ['Boligorganisationer (parter)', c.plan.organisations.join(', ')],
        ['Afdelinger', c.plan.estates.join(', ')],
        ['Status', `${reportStateLabels[m.state]}${m.revision > 1 ? ` (revision ${m.revision})` : ''}`],
        ['Opgjort pr.', d(c.asOf)],
        ...(m.submittedAt ? [['Indsendt', d(isoDate(m.submittedAt))]] : []),
        ...(m.contentHash ? [['Indholdets kontrolsum (SHA-256)', groupedHash(m.contentHash)]] : []),
      ],
      [180, '*'],
    ),
    { toc: { title: { text: 'Indhold', style: 'h1' } }, pageBreak: 'before' },
    { ...h1('1. Mål og succeskriterier'), pageBreak: 'before' },
    { text: c.statusRule, style: 'muted', fontSize: 8, margin: [0, 0, 0, 8] },
  ];
  for (const g of c.goals) {
    content.push({ text: g.title, style: 'h2' });
    if (g.description) content.push({ text: g.description, margin: [0, 0, 0, 6] });
    for (const cr of g.criteria) {
      content.push(
        pdfTable(
          ['Indikator', 'Baseline', 'Mål', 'Årets målinger', 'Status'],
          [
            [
              `${cr.indicator}${cr.unit ? ` (${cr.unit})` : ''}`,
              `${num(cr.baseline.value)} (${d(cr.baseline.date)})`,
              `${num(cr.target.value)} (${d(cr.target.date)})`,
              cr.yearValues.length ? cr.yearValues.map((v) => `${num(v.value)} (${d(v.measuredOn)})`).join(', ') : 'Ingen',
              cr.expected === null
                ? cr.statusLabel
                : `${cr.statusLabel} (forventet ${num(cr.expected)} pr. ${d(cr.latest?.measuredOn ?? null)})`,
            ],
          ],
          ['*', 70, 70, 110, 70],
        ),
      );
      content.push(criterionChart(cr));
    }
  }
  content.push(h1('2. Aktiviteter'));
  if (c.activityRule) content.push({ text: c.activityRule, style: 'muted', fontSize: 8, margin: [0, 0, 0, 8] });
  content.push(
    pdfTable(
      ['Aktivitet', 'Indsatsområde', 'Status', 'Periode', 'Ændret i året'],
      c.activities.map((a) => [a.title, a.focusArea, a.statusLabel, `${d(a.startsOn)} – ${d(a.endsOn)}`, a.changes.join('; ') || '—']),
      ['*', 80, 55, 90, 110],
    ),
  );
  // The economy's wide tables get a landscape page, so every amount fits its column on one line.
  content.push({ ...h1('3. Økonomi'), pageBreak: 'before', pageOrientation: 'landscape' });
  content.push({ text: `Planens samlede ramme: ${kr(c.finance.frameOre)}`, margin: [0, 0, 0, 6] });
  content.push({ text: 'Pr. budgetlinje', style: 'h2' });
  content.push(moneyTable(moneyHeads, [...c.finance.lines.map(moneyRow), moneyRow(c.finance.totals)], ['*', 82, 82, 82, 82, 82]));
  content.push({ text: 'Pr. finansieringskilde', style: 'h2' });
  content.push(
    moneyTable(
      ['Kilde', 'Andel', ...moneyHeads.slice(1)],
      c.finance.funders.map((f) => [
        `${f.name} (${f.kindLabel})`,
        { text: f.shareBp === null ? '—' : `${num(f.shareBp / 100)} %`, alignment: 'right', noWrap: true },
        ...moneyRow(f).slice(1),
      ]),
      ['*', 44, 82, 82, 82, 82, 82],
    ),
  );
  content.push({ text: c.finance.rounding, style: 'muted', fontSize: 8 });
  content.push({ ...h1('4. Ændringer godkendt i året'), pageBreak: 'before', pageOrientation: 'portrait' });
  content.push(
    c.changes.length
      ? pdfTable(
          ['Nr.', 'Ændring', 'Art', 'Gennemført', 'Ny version'],
          c.changes.map((x) => [String(x.number), x.title, x.kindLabel, d(x.appliedOn), x.version ? String(x.version) : '—']),
          [30, '*', 110, 65, 50],
        )
      : { text: 'Ingen ændringer i året.' },
  );
  content.push(h1('5. Bestyrelsens vurdering af sidste års rapport'));
  content.push(
    c.previousVerdicts.length
      ? pdfTable(
          ['Succeskriterium', 'Vurdering', 'Kommentar', 'Besluttet'],
          c.previousVerdicts.map((v) => [v.indicator, v.verdictLabel, v.comment || '—', `${d(v.decidedOn)}, ${v.bodyName}`]),
          ['*', 70, '*', 100],
        )
      : { text: 'Ingen vurdering registreret.' },
  );
  content.push(h1('6. Projektlederens beretning'));
  for (const [k, label] of narrativeSections) {
    content.push({ text: label, style: 'h2' });
    content.push({ text: m.narrative[k]?.trim() || '(Ikke udfyldt)', margin: [0, 0, 0, 6] });
  }
  content.push(h1(`7. Milepælsplan for ${c.year + 1}`));
  content.push(
    m.milestones.length
      ? pdfTable(
          ['Dato', 'Milepæl', 'Ansvarlig'],
          m.milestones.map((x) => [d(x.dueOn), x.description, x.responsible]),
          [65, '*', 140],
        )
      : { text: 'Ingen milepæle.' },
  );
  return renderPdf(title, content, { subject: `Årsrapport til Landsbyggefonden ${c.year}`, createdAt: m.submittedAt ?? undefined });
}

/** A submitted report as it was frozen: its snapshot, with when it was sent and its hash. */
export interface FrozenReport {
  snapshot: ReportSnapshot;
  submittedAt: Date | null;
  contentHash: string | null;
}

/**
 * The document as it was sent: it always says «submitted», so its bytes stay the same after LBF's
 * acknowledgement or a reopening (the page shows those).
 */
const frozenMeta = (f: FrozenReport): ReportMeta => ({
  state: 'submitted',
  revision: f.snapshot.revision,
  narrative: f.snapshot.narrative,
  milestones: f.snapshot.milestones ?? [],
  submittedAt: f.submittedAt,
  contentHash: f.contentHash,
});

/** Frozen reports' PDFs by the hash of what they are made from: 64 MB. */
const frozenPdfs = new SizedCache<Buffer>(64 * 1024 * 1024);
const layingOut = new Map<string, Promise<Buffer>>();

/**
 * R6 — the PDF of a submitted report, from its frozen snapshot only: the same snapshot gives the same bytes. A frozen
 * snapshot never changes, so its PDF is kept by the hash of the snapshot and what the document says about it (when
 * sent, its hash); concurrent requests for one report share one layout.
 */
export function snapshotPdf(f: FrozenReport): Promise<Buffer> {
  const key = createHash('sha256')
    .update(JSON.stringify([f.snapshot, f.submittedAt?.toISOString() ?? null, f.contentHash]))
    .digest('hex');
  const kept = frozenPdfs.get(key);
  if (kept) return Promise.resolve(kept);
  let pending = layingOut.get(key);
  if (!pending) {
    pending = reportPdf(f.snapshot.content, frozenMeta(f))
      .then((pdf) => {
        frozenPdfs.set(key, pdf);
        return pdf;
      })
      .finally(() => layingOut.delete(key));
    layingOut.set(key, pending);
  }
  return pending;
}

/** R6 — the Excel workbook of a submitted report, from its frozen snapshot only. */
export const snapshotWorkbook = (f: FrozenReport) => reportWorkbook(f.snapshot.content, frozenMeta(f));

/** R6 — the same numbers as an Excel workbook. */
export function reportWorkbook(c: ReportContent, m: ReportMeta): Promise<Buffer> {
  const money = (r: ReportMoneyRow) => ({
    name: r.name,
    budget: excelKr(r.budgetOre),
    actual: excelKr(r.actualOre),
    variance: excelKr(r.varianceOre),
    cumBudget: excelKr(r.cumulativeBudgetOre),
    cumActual: excelKr(r.cumulativeActualOre),
  });
  const moneyCols = [
    column('Budget i året', 'budget', 16, moneyFormat),
    column('Forbrug i året', 'actual', 16, moneyFormat),
    column('Afvigelse', 'variance', 16, moneyFormat),
    column('Budget til og med året', 'cumBudget', 20, moneyFormat),
    column('Forbrug til og med året', 'cumActual', 20, moneyFormat),
  ];
  return workbookBuffer([
    {
      name: 'Rapport',
      columns: [column('Felt', 'k', 32), column('Værdi', 'v', 80)],
      rows: [
        { k: 'Plan', v: c.plan.name },
        { k: 'År', v: c.year },
        { k: 'Status', v: reportStateLabels[m.state] },
        { k: 'Revision', v: m.revision },
        { k: 'Indsendt', v: m.submittedAt ? isoDate(m.submittedAt) : '' },
        { k: 'Kontrolsum (SHA-256)', v: m.contentHash ?? '' },
        ...narrativeSections.map(([k, label]) => ({ k: label, v: m.narrative[k] ?? '' })),
      ],
    },
    {
      name: 'Succeskriterier',
      columns: [
        column('Mål', 'goal', 30),
        column('Indikator', 'indicator', 30),
        column('Enhed', 'unit', 10),
        column('Baseline', 'baseline', 12),
        column('Baselinedato', 'baselineDate', 14),
        column('Mål', 'target', 12),
        column('Måldato', 'targetDate', 14),
        column('Seneste måling', 'latest', 14),
        column('Målt', 'latestOn', 14),
        column('Forventet på måledagen', 'expected', 14),
        column('Status', 'status', 16),
      ],
      rows: c.goals.flatMap((g) =>
        g.criteria.map((cr) => ({
          goal: g.title,
          indicator: cr.indicator,
          unit: cr.unit,
          baseline: cr.baseline.value,
          baselineDate: cr.baseline.date,
          target: cr.target.value,
          targetDate: cr.target.date,
          latest: cr.latest?.value ?? null,
          latestOn: cr.latest?.measuredOn ?? null,
          expected: cr.expected === null ? null : Number(cr.expected.toFixed(2)),
          status: cr.statusLabel,
        })),
      ),
    },
    {
      name: 'Aktiviteter',
      columns: [
        column('Aktivitet', 'title', 36),
        column('Indsatsområde', 'focusArea', 24),
        column('Status', 'status', 14),
        column('Start', 'startsOn', 12),
        column('Slut', 'endsOn', 12),
        column('Ændret i året', 'changes', 50),
      ],
      rows: c.activities.map((a) => ({
        title: a.title,
        focusArea: a.focusArea,
        status: a.statusLabel,
        startsOn: a.startsOn,
        endsOn: a.endsOn,
        changes: a.changes.join('; '),
      })),
    },
    {
      name: 'Budgetlinjer',
      columns: [column('Budgetlinje', 'name', 36), ...moneyCols],
      rows: [...c.finance.lines.map(money), money(c.finance.totals)],
    },
    {
      name: 'Finansiering',
      columns: [column('Kilde', 'name', 30), column('Andel (%)', 'share', 10), ...moneyCols],
      rows: c.finance.funders.map((f) => ({ ...money(f), share: f.shareBp === null ? null : f.shareBp / 100 })),
    },
    {
      name: 'Målinger i året',
      columns: [
        column('Indikator', 'indicator', 30),
        column('Enhed', 'unit', 10),
        column('Målt', 'measuredOn', 14),
        column('Værdi', 'value', 12),
      ],
      rows: c.goals.flatMap((g) =>
        g.criteria.flatMap((cr) =>
          cr.yearValues.map((v) => ({ indicator: cr.indicator, unit: cr.unit, measuredOn: v.measuredOn, value: v.value })),
        ),
      ),
    },
    {
      name: 'Ændringer',
      columns: [
        column('Nr.', 'number', 6),
        column('Ændring', 'title', 40),
        column('Art', 'kind', 30),
        column('Gennemført', 'appliedOn', 14),
        column('Version', 'version', 10),
      ],
      rows: c.changes.map((x) => ({ number: x.number, title: x.title, kind: x.kindLabel, appliedOn: x.appliedOn, version: x.version })),
    },
    {
      name: `Milepælsplan ${c.year + 1}`,
      columns: [column('Dato', 'dueOn', 14), column('Milepæl', 'description', 60), column('Ansvarlig', 'responsible', 30)],
      rows: m.milestones.map((x) => ({ dueOn: x.dueOn, description: x.description, responsible: x.responsible })),
    },
    {
      name: 'Vurdering sidste år',
      columns: [
        column('Succeskriterium', 'indicator', 30),
        column('Vurdering', 'verdict', 16),
        column('Kommentar', 'comment', 50),
        column('Besluttet', 'decidedOn', 14),
        column('Bestyrelse', 'body', 30),
      ],
      rows: c.previousVerdicts.map((v) => ({
        indicator: v.indicator,
        verdict: v.verdictLabel,
        comment: v.comment,
        decidedOn: v.decidedOn,
        body: v.bodyName,
      })),
    },
  ]);
}
