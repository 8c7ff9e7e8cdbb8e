import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { reportPdf, reportWorkbook } from '../../../src/services/reports/output.ts';
import type { ReportContent } from '../../../src/services/reports/build.ts';
import { kr } from '../../../src/domain/money/amount.ts';
import { emptyNarrative } from '../../../src/domain/reports/index.ts';
import { pdfText, pdfTextBoxes } from '../../support/documents.ts';

/** The page frame of `renderPdf`: A4 with 50 pt side margins. */
const SIDE_MARGIN = 50;

const big = (n: number) => ({
  name: `Budgetlinje med et langt navn nr. ${n} (lønninger til medarbejdere og frivillige)`,
  budgetOre: 123_456_789_01,
  actualOre: 98_765_432_10,
  varianceOre: -24_691_356_91,
  cumulativeBudgetOre: 987_654_321_09,
  cumulativeActualOre: 876_543_210_98,
});

/** A report with every value at its longest: many organisations and estates, ten-digit amounts, a full checksum. */
const content: ReportContent = {
  plan: {
    id: 1,
    name: 'Boligsocial helhedsplan for Tingbjerg, Utterslevhuse, Husumgård og de omkringliggende afdelinger i Brønshøj-Husum',
    district: 'Brønshøj-Husum',
    period: '2019–2026 (Landsbyggefondens bevillingsperiode)',
    startsOn: '2023-01-01',
    endsOn: '2026-12-31',
    lead: 'fsb — Frederiksberg Forenede Boligselskaber, afdelingsbestyrelsernes fællesrepræsentation',
    organisations: [
      'fsb',
      'SAB',
      'KAB',
      'AKB, København',
      'Boligselskabet Sjælland',
      'Lejerbo',
      'DAB',
      '3B',
      'FA09',
      'Bo-Vita',
      'VIBO',
      'AAB',
    ],
    estates: Array.from({ length: 14 }, (_, i) => `Afdeling med et meget langt navn nr. ${i + 1}`),
  },
  year: 2025,
  asOf: '2025-12-31',
  statusRule: 'Status beregnes ud fra den seneste måling i forhold til den lineære udvikling fra baseline til mål.',
  activityRule: 'En aktivitet er i gang, når året ligger inden for dens periode.',
  goals: [{ id: 1, title: 'Flere unge i uddannelse og job i hele området', description: 'Beskrivelse '.repeat(60), criteria: [] }],
  activities: Array.from({ length: 6 }, (_, i) => ({
    id: i,
    title: `Lektiecafé og lektiehjælp for børn og unge i alderen 6–17 år, hold ${i}`,
    focusArea: 'Uddannelse, livschancer og beskæftigelse',
    status: 'running' as const,
    statusLabel: 'I gang',
    startsOn: '2023-01-01',
    endsOn: '2026-12-31',
    changes: ['Målgruppen udvidet til unge 18–24 år', 'Åbningstiden udvidet til lørdag'],
  })),
  finance: {
    frameOre: 9_876_543_210_99,
    lines: [big(1), big(2), big(3)],
    funders: [
      { ...big(4), name: 'Landsbyggefonden', kindLabel: 'Landsbyggefonden', amountOre: 7_654_321_098_76, shareBp: 6543 },
      {
        ...big(5),
        name: 'Københavns Kommune, Teknik- og Miljøforvaltningen',
        kindLabel: 'Kommunen',
        amountOre: 1_234_567_890_12,
        shareBp: 1234,
      },
    ],
    totals: { ...big(6), name: 'I alt' },
    rounding: 'Andele er afrundet til to decimaler.',
  },
  changes: [
    {
      id: 1,
      number: 12,
      title: 'Flyt 1.234.567,89 kr. fra personale til aktiviteter i lektiecaféen og sommerskolen',
      kindLabel: 'Omfordeling af budget',
      appliedOn: '2025-05-02',
      version: 7,
    },
  ],
  previousVerdicts: [
    {
      criterionId: 1,
      indicator: 'Andel unge i uddannelse eller job efter grundskolen',
      verdict: 'partly_met',
      verdictLabel: 'Delvist opfyldt',
      comment: 'Kommentar '.repeat(30),
      year: 2024,
      decidedOn: '2025-03-12',
      bodyName: 'Bydelsbestyrelse Brønshøj-Husum',
    },
  ],
};

describe('R6 the yearly report PDF stays within its margins', () => {
  it('R6 every text item of a report with long values lies inside the page margins, and no value is cut', async () => {
    const hash = 'a'.repeat(32) + 'b'.repeat(32);
    const pdf = new Uint8Array(
      await reportPdf(content, {
        state: 'submitted',
        revision: 2,
        narrative: { ...emptyNarrative(), results: 'Tekst '.repeat(200) },
        milestones: [{ dueOn: '2025-03-31', description: 'Milepæl '.repeat(40), responsible: 'Projektleder '.repeat(8) }],
        submittedAt: new Date('2026-06-01T10:00:00Z'),
        contentHash: hash,
      }),
    );
    const boxes = await pdfTextBoxes(pdf);
    expect(boxes.length).toBeGreaterThan(50);
    const outside = boxes.filter(
      (b) => b.x < SIDE_MARGIN - 1 || b.x + b.width > b.pageWidth - SIDE_MARGIN + 1 || b.y < 0 || b.y + b.height > b.pageHeight,
    );
    expect(outside.map((b) => `side ${b.page}: «${b.text}» x=${b.x.toFixed(1)}–${(b.x + b.width).toFixed(1)}`)).toEqual([]);
    // The whole checksum is printed (in groups of eight), and amounts are never split inside the number.
    const text = (await pdfText(pdf)).replace(/\s+/g, '');
    expect(text).toContain(hash);
    const items = new Set(boxes.map((b) => b.text.trim()));
    const amounts = [...content.finance.lines, content.finance.totals, ...content.finance.funders].flatMap((r) => [
      r.budgetOre,
      r.actualOre,
      r.varianceOre,
      r.cumulativeBudgetOre,
      r.cumulativeActualOre,
    ]);
    for (const ore of amounts) expect(items, 'et beløb står helt på én linje').toContain(kr(ore).replace(' kr.', ''));
  });

  it('R6 the workbook has real dates (shown 02.05.2025) and states in Danish', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (await reportWorkbook(content, {
        state: 'submitted',
        revision: 1,
        narrative: emptyNarrative(),
        milestones: [{ dueOn: '2026-09-01', description: 'Ny lektiecafé åbner', responsible: 'Projektlederen' }],
        submittedAt: null,
        contentHash: null,
      })) as never,
    );
    // R6 — next year's milestone plan is a sheet of its own, with real dates.
    const ms = wb.getWorksheet('Milepælsplan 2026')!.getRow(2);
    expect(ms.getCell(1).value).toEqual(new Date('2026-09-01T00:00:00Z'));
    expect(ms.getCell(2).value).toBe('Ny lektiecafé åbner');
    const applied = wb.getWorksheet('Ændringer')!.getRow(2).getCell(4);
    expect(applied.value).toEqual(new Date('2025-05-02T00:00:00Z'));
    expect(applied.numFmt).toBe('dd.mm.yyyy');
    expect(wb.getWorksheet('Rapport')!.getRow(4).getCell(2).value).toBe('Indsendt til Landsbyggefonden');
  });
});
