import { parseKr } from '../amount.ts';

/**
 * R6, R7 — the accounts extract a housing organisation imports: one row per booking with the budget line,
 * the year (or a date), the amount in kroner and an optional text. Every row is checked before anything
 * is saved; the errors are per row, in Danish.
 */
export type AccountColumn = 'line' | 'year' | 'amount' | 'date' | 'text';

const headerNames: Record<AccountColumn, string[]> = {
  line: ['budgetlinje', 'linje', 'budgetpost', 'konto', 'post'],
  year: ['år', 'aar', 'regnskabsår', 'regnskabsaar'],
  amount: ['beløb', 'beloeb', 'belob', 'beløb kr', 'beløb i kr', 'kr', 'forbrug'],
  date: ['dato', 'bogføringsdato', 'bilagsdato'],
  text: ['tekst', 'bilagstekst', 'beskrivelse', 'note'],
};

export const columnLabels: Record<AccountColumn, string> = {
  line: 'Budgetlinje',
  year: 'År',
  amount: 'Beløb',
  date: 'Dato',
  text: 'Tekst',
};

/** The header row the template uses. */
export const templateHeaders = ['Budgetlinje', 'År', 'Beløb', 'Dato', 'Tekst'];

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/\(.*?\)|[.:]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Finds the columns by their Danish names; reports what is missing. */
export function mapHeaders(headers: string[]): { index: Partial<Record<AccountColumn, number>>; missing: string[] } {
  const index: Partial<Record<AccountColumn, number>> = {};
  headers.forEach((h, i) => {
    const n = norm(String(h ?? ''));
    for (const [col, names] of Object.entries(headerNames) as [AccountColumn, string[]][]) {
      if (index[col] === undefined && names.includes(n)) index[col] = i;
    }
  });
  const missing: string[] = [];
  if (index.line === undefined) missing.push('Budgetlinje');
  if (index.amount === undefined) missing.push('Beløb');
  if (index.year === undefined && index.date === undefined) missing.push('År eller Dato');
  return { index, missing };
}

export interface RawAccountRow {
  /** The row number in the file (the header is row 1). */
  row: number;
  cells: Partial<Record<AccountColumn, unknown>>;
}

export interface AccountRow {
  row: number;
  lineId: number;
  lineName: string;
  year: number;
  amountOre: number;
  bookedOn: string | null;
  text: string;
}

export interface AccountRowError {
  row: number;
  field: AccountColumn;
  message: string;
}

const isoOf = (y: number, m: number, d: number) => {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
};

/** A date cell: an Excel date, `2024-03-01` or `01.03.2024` / `1-3-2024`. */
export function parseDateCell(v: unknown): { ok: true; iso: string | null } | { ok: false } {
  if (v === null || v === undefined || v === '') return { ok: true, iso: null };
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? { ok: false } : { ok: true, iso: v.toISOString().slice(0, 10) };
  const s = String(v).trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) {
    const iso = isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
    return iso ? { ok: true, iso } : { ok: false };
  }
  m = /^(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})$/.exec(s);
  if (m) {
    const iso = isoOf(Number(m[3]), Number(m[2]), Number(m[1]));
    return iso ? { ok: true, iso } : { ok: false };
  }
  return { ok: false };
}

/** An amount cell in kroner: an Excel number (at most two decimals) or Danish text (`1.234,50`). */
export function parseAmountCell(v: unknown): { ok: true; ore: number } | { ok: false; message: string } {
  if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) return { ok: false, message: 'Beløbet mangler.' };
  if (typeof v === 'number') {
    const ore = Math.round(v * 100);
    if (!Number.isFinite(v) || Math.abs(ore - v * 100) > 1e-6 * Math.max(1, Math.abs(v)))
      return { ok: false, message: `Beløbet ${v} har mere end to decimaler.` };
    if (!Number.isSafeInteger(ore)) return { ok: false, message: 'Beløbet er for stort.' };
    return { ok: true, ore };
  }
  const r = parseKr(String(v));
  return r.ok ? r : { ok: false, message: `»${String(v)}« er ikke et beløb. ${r.message}` };
}

const key = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * Checks every row against the plan's budget lines and years. Returns the good rows and, per bad row, what
 * is wrong; the caller saves nothing unless `errors` is empty (all or nothing).
 */
export function validateAccountRows(
  raw: RawAccountRow[],
  plan: { lines: { id: number; name: string }[]; years: number[] },
): { rows: AccountRow[]; errors: AccountRowError[] } {
  const lines = new Map(plan.lines.map((l) => [key(l.name), l]));
  const firstYear = plan.years[0];
  const lastYear = plan.years.at(-1);
  const rows: AccountRow[] = [];
  const errors: AccountRowError[] = [];
  for (const r of raw) {
    const before = errors.length;
    const err = (field: AccountColumn, message: string) => errors.push({ row: r.row, field, message: `Række ${r.row}: ${message}` });
    const lineText = String(r.cells.line ?? '').trim();
    const line = lines.get(key(lineText));
    if (!lineText) err('line', 'Budgetlinjen mangler.');
    else if (!line)
      err(
        'line',
        `Budgetlinjen »${lineText}« findes ikke i planens budget. Brug et af navnene: ${plan.lines.map((l) => l.name).join(', ')}.`,
      );
    const amount = parseAmountCell(r.cells.amount);
    if (!amount.ok) err('amount', amount.message);
    const date = parseDateCell(r.cells.date);
    if (!date.ok) err('date', `»${String(r.cells.date)}« er ikke en dato. Skriv fx 31.12.2024 eller 2024-12-31.`);
    let year: number | null = null;
    const yearCell = r.cells.year;
    if (yearCell !== undefined && yearCell !== null && String(yearCell).trim() !== '') {
      const s = String(yearCell).trim();
      if (/^\d{4}$/.test(s)) year = Number(s);
      else err('year', `»${s}« er ikke et år. Skriv året med fire cifre, fx 2024.`);
    } else if (date.ok && date.iso) year = Number(date.iso.slice(0, 4));
    else if (date.ok) err('year', 'Året mangler (skriv året eller en dato).');
    if (year !== null && date.ok && date.iso && Number(date.iso.slice(0, 4)) !== year)
      err('date', `Datoen ${date.iso.split('-').reverse().join('.')} ligger ikke i året ${year}.`);
    if (year !== null && !plan.years.includes(year))
      err('year', `Året ${year} ligger uden for planens periode (${firstYear}–${lastYear}).`);
    if (errors.length === before && line && amount.ok && year !== null && date.ok) {
      rows.push({
        row: r.row,
        lineId: line.id,
        lineName: line.name,
        year,
        amountOre: amount.ore,
        bookedOn: date.iso,
        text: String(r.cells.text ?? '')
          .trim()
          .slice(0, 500),
      });
    }
  }
  return { rows, errors };
}
