import { templateHeaders } from '../../domain/money/accounts.ts';
import { funderKindLabels, lineKindLabels } from '../../domain/money/budget.ts';
import { poolEntryLabels } from '../../domain/money/pool.ts';
import { column, excelKr, moneyFormat, type Sheet, workbookBuffer } from '../excel.ts';
import type { PlanFinance } from './finance.ts';
import type { FinanceOverview } from './overview.ts';
import type { PoolOverview } from './pool.ts';

/** Øre → kroner as an exact decimal number for Excel (two decimals; kroner fit a double exactly to the øre). */
const krNum = excelKr;
const money = moneyFormat;
const col = column;

/** R1 — a plan's economy as a workbook: budget vs. actual per line and year, funders, totals. */
export async function planFinanceWorkbook(
  f: PlanFinance,
  entries: { year: number; lineName: string; amountOre: number; bookedOn: string | null; text: string }[],
): Promise<Buffer> {
  const lines: Sheet = {
    name: 'Budget og regnskab',
    columns: [
      col('Budgetlinje', 'name', 36),
      col('Type', 'kind', 16),
      ...f.years.flatMap((y) => [col(`Budget ${y}`, `b${y}`, 16, money), col(`Forbrug ${y}`, `a${y}`, 16, money)]),
      col('Budget i alt', 'budget', 16, money),
      col('Forbrug i alt', 'actual', 16, money),
      col('Afvigelse', 'variance', 16, money),
      col('Prognose', 'forecast', 16, money),
    ],
    rows: [
      ...f.lines.map((l) => ({
        name: l.name,
        kind: lineKindLabels[l.kind],
        ...Object.fromEntries(
          f.years.flatMap((y) => [
            [`b${y}`, krNum(l.perYear[y]!.budgetOre)],
            [`a${y}`, krNum(l.perYear[y]!.actualOre)],
          ]),
        ),
        budget: krNum(l.figures.budgetOre),
        actual: krNum(l.figures.actualOre),
        variance: krNum(l.figures.varianceOre),
        forecast: krNum(l.figures.forecastOre),
      })),
      {
        name: 'I alt',
        kind: '',
        ...Object.fromEntries(
          f.years.flatMap((y) => [
            [`b${y}`, krNum(f.totals.perYear[y]!.budgetOre)],
            [`a${y}`, krNum(f.totals.perYear[y]!.actualOre)],
          ]),
        ),
        budget: krNum(f.totals.budgetOre),
        actual: krNum(f.totals.actualOre),
        variance: krNum(f.totals.varianceOre),
        forecast: krNum(f.totals.forecastOre),
      },
    ],
  };
  const funders: Sheet = {
    name: 'Finansiering',
    columns: [
      col('Finansieringskilde', 'name', 36),
      col('Type', 'kind', 20),
      col('Beløb (kr.)', 'amount', 18, money),
      col('Andel af rammen (%)', 'share', 18, '0.00'),
    ],
    rows: f.funders.map((x) => ({
      name: x.name,
      kind: funderKindLabels[x.kind],
      amount: krNum(x.amountOre),
      share: x.shareBp === null ? null : x.shareBp / 100,
    })),
  };
  const accounts: Sheet = {
    name: 'Regnskabsposter',
    columns: [
      col('År', 'year', 8),
      col('Budgetlinje', 'line', 36),
      col('Beløb (kr.)', 'amount', 18, money),
      col('Dato', 'date', 14),
      col('Tekst', 'text', 40),
    ],
    rows: entries.map((e) => ({ year: e.year, line: e.lineName, amount: krNum(e.amountOre), date: e.bookedOn, text: e.text })),
  };
  return workbookBuffer([lines, funders, accounts]);
}

/** The overview (city or district) with every table of the page. */
export async function overviewWorkbook(o: FinanceOverview): Promise<Buffer> {
  const totals = (t: FinanceOverview['totals']) => ({
    frame: krNum(t.frameOre),
    budget: krNum(t.budgetOre),
    actual: krNum(t.actualOre),
    remaining: krNum(t.remainingOre),
    lbf: krNum(t.lbfOre),
    municipality: krNum(t.municipalityOre),
    organisations: krNum(t.organisationsOre),
    other: krNum(t.otherOre),
  });
  const moneyCols = [
    col('Ramme', 'frame', 16, money),
    col('Budget', 'budget', 16, money),
    col('Forbrug', 'actual', 16, money),
    col('Restbudget', 'remaining', 16, money),
    col('Landsbyggefonden', 'lbf', 16, money),
    col('Kommunen', 'municipality', 16, money),
    col('Boligorganisationer', 'organisations', 16, money),
    col('Andre', 'other', 16, money),
  ];
  return workbookBuffer([
    {
      name: 'Planer',
      columns: [col('Plan', 'name', 50), col('Bydel', 'district', 20), ...moneyCols],
      rows: o.plans.map((p) => ({ name: p.name, district: p.districtName, ...totals(p) })),
    },
    {
      name: 'Bydele',
      columns: [col('Bydel', 'district', 24), col('Planer', 'plans', 8), ...moneyCols],
      rows: o.districts.map((d) => ({ district: d.districtName, plans: d.plans, ...totals(d) })),
    },
    {
      name: 'År',
      columns: [col('År', 'year', 8), col('Budget', 'budget', 16, money), col('Forbrug', 'actual', 16, money)],
      rows: o.years.map((y) => ({ year: y.year, budget: krNum(y.budgetOre), actual: krNum(y.actualOre) })),
    },
    {
      name: 'I alt',
      columns: [col('Område', 'scope', 24), ...moneyCols],
      rows: [{ scope: o.districtName ?? 'København', ...totals(o.totals) }],
    },
  ]);
}

/** R8 — the pool's ledger and each plan's share. */
export async function poolWorkbook(p: PoolOverview): Promise<Buffer> {
  return workbookBuffer([
    {
      name: 'Posteringer',
      columns: [
        col('Nr.', 'seq', 6),
        col('Type', 'kind', 12),
        col('Beløb (kr.)', 'amount', 18, money),
        col('Plan', 'plan', 40),
        col('Beslutning', 'decision', 36),
        col('Dato', 'date', 12),
        col('Saldo efter (kr.)', 'balance', 18, money),
        col('Note', 'note', 40),
      ],
      rows: p.entries.map((e) => ({
        seq: e.seq,
        kind: poolEntryLabels[e.kind],
        amount: krNum(e.amountOre),
        plan: e.planName,
        decision: e.decision,
        date: e.decidedOn,
        balance: krNum(e.balanceAfterOre),
        note: e.note,
      })),
    },
    {
      name: 'Planernes andel',
      columns: [
        col('Plan', 'plan', 50),
        col('Tildelt', 'allocated', 18, money),
        col('Frigivet', 'released', 18, money),
        col('Netto', 'net', 18, money),
        col('Godkendt af BR', 'approved', 18, money),
      ],
      rows: p.shares.map((s) => ({
        plan: s.planName,
        allocated: krNum(s.allocatedOre),
        released: krNum(s.releasedOre),
        net: krNum(s.netOre),
        approved: s.approvedOre === null ? null : krNum(s.approvedOre),
      })),
    },
  ]);
}

/** The accounts template (Excel) with the plan's budget lines as examples. */
export async function accountsTemplateXlsx(lines: string[], year: number): Promise<Buffer> {
  return workbookBuffer([
    {
      name: 'Regnskab',
      columns: templateHeaders.map((h, i) => col(h, `c${i}`, i === 0 ? 36 : i === 4 ? 40 : 14)),
      rows: lines.slice(0, 3).map((l, i) => ({ c0: l, c1: year, c2: 1000 * (i + 1), c3: `31.12.${year}`, c4: 'Eksempel — slet rækken' })),
    },
  ]);
}

export function accountsTemplateCsv(lines: string[], year: number): string {
  return `\uFEFF${templateHeaders.join(';')}\r\n${lines
    .slice(0, 3)
    .map((l, i) => `${l};${year};${(1000 * (i + 1)).toLocaleString('da-DK')},00;31.12.${year};Eksempel — slet rækken`)
    .join('\r\n')}\r\n`;
}
