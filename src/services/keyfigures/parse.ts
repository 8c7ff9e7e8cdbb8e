/**
 * Reading an uploaded statistics file into rows per estate (R18): CSV (csv-parse) or Excel (exceljs),
 * then every row checked with a Danish message per problem, so the preview can list them by line.
 */
import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { type KeyFigureProblem, type KeyFigures, keyFigureProblems, type VariableId } from '../../domain/keyfigures/index.ts';
import type { ImportRow, ImportRowError, StoredRatios } from '../../db/tables/keyfigures.ts';
import { ID_COLUMNS, VARIABLE_COLUMNS } from './columns.ts';

/** A file as a grid of text cells with the file's line (CSV) or row (Excel) numbers. */
export interface Grid {
  header: string[];
  rows: { line: number; cells: string[] }[];
}

const normaliseHeader = (h: string) => h.trim().toLowerCase().replace(/\s+/g, '_');

/** CSV with `,` or `;` as separator (Danish Excel writes `;`). */
export function csvGrid(text: string): Grid {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (first.match(/;/g)?.length ?? 0) > (first.match(/,/g)?.length ?? 0) ? ';' : ',';
  const records = parse(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as {
    record: string[];
    info: { lines: number };
  }[];
  const [head, ...body] = records;
  return {
    header: (head?.record ?? []).map(normaliseHeader),
    rows: body.map((r) => ({ line: r.info.lines, cells: r.record.map((x) => x.trim()) })),
  };
}

const cellText = (v: ExcelJS.CellValue): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v.trim();
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'result' in v) return cellText((v as { result: ExcelJS.CellValue }).result);
  if (typeof v === 'object' && 'richText' in v)
    return (v as ExcelJS.CellRichTextValue).richText
      .map((t) => t.text)
      .join('')
      .trim();
  if (typeof v === 'object' && 'text' in v) return String((v as { text: unknown }).text).trim();
  return String(v).trim();
};

/** The first worksheet of an .xlsx file. */
export async function xlsxGrid(data: Uint8Array): Promise<Grid> {
  // exceljs is loaded on first use: it costs 0,4 s of CPU at start (docs/benchmarks.md).
  const wb = new (await import('exceljs')).default.Workbook();
  await wb.xlsx.load(Buffer.from(data) as never);
  const ws = wb.worksheets[0];
  if (!ws) return { header: [], rows: [] };
  const width = ws.columnCount;
  const read = (row: ExcelJS.Row) => Array.from({ length: width }, (_, i) => cellText(row.getCell(i + 1).value));
  const header = read(ws.getRow(1)).map(normaliseHeader);
  const rows: Grid['rows'] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const cells = read(row);
    if (cells.some((c) => c !== '')) rows.push({ line: n, cells });
  });
  return { header, rows };
}

/**
 * A row for the whole municipality (organisation »København« or »kommune«, no estate number): all
 * residents, not only those in public housing — the base every area is compared with (R18).
 */
export interface MunicipalityRow {
  line: number;
  residents: number;
  ratios: StoredRatios;
}

export const MUNICIPALITY_NAMES = ['københavn', 'kommune', 'københavns kommune'];

/** How the rows name their estates: organisation short name (case-insensitive) and estate number. */
export type EstateLookup = (organisation: string, number: number) => { id: number; label: string } | undefined;

const WHOLE = /^\d{1,12}$/;

/** A whole number as written in Danish or plain style ("1.234" or "1234"; never decimals). */
function wholeNumber(raw: string): number | undefined | 'invalid' {
  const v = raw.replace(/\s/g, '');
  if (v === '') return undefined;
  const plain = /^\d{1,3}(\.\d{3})+$/.test(v) ? v.replace(/\./g, '') : v;
  if (!WHOLE.test(plain)) return 'invalid';
  const n = Number(plain);
  return Number.isSafeInteger(n) ? n : 'invalid';
}

/**
 * R18 — checks every row: the estate exists and appears once, counts are whole and not negative, each
 * variable has both numerator and denominator or neither, and no share's numerator exceeds its denominator.
 */
export function checkGrid(
  grid: Grid,
  lookup: EstateLookup,
): { rows: ImportRow[]; errors: ImportRowError[]; municipality: MunicipalityRow | null } {
  const errors: ImportRowError[] = [];
  const missing = [ID_COLUMNS.organisation, ID_COLUMNS.number, ID_COLUMNS.residents].filter((h) => !grid.header.includes(h));
  if (missing.length > 0) {
    return {
      rows: [],
      municipality: null,
      errors: [{ line: 1, message: `Linje 1: kolonnerne ${missing.join(', ')} mangler i overskriften.` }],
    };
  }
  const known = new Set<string>([...Object.values(ID_COLUMNS), ...VARIABLE_COLUMNS.flatMap((c) => [c.numerator, c.denominator])]);
  const unknown = grid.header.filter((h) => h !== '' && !known.has(h));
  if (unknown.length > 0) errors.push({ line: 1, message: `Linje 1: ukendte kolonner: ${unknown.join(', ')}. Brug skabelonen.` });
  const index = (h: string) => grid.header.indexOf(h);
  const rows: ImportRow[] = [];
  let municipality: MunicipalityRow | null = null;
  const seen = new Map<number, number>();
  if (grid.rows.length === 0) errors.push({ line: 2, message: 'Filen indeholder ingen rækker med tal.' });
  for (const { line, cells } of grid.rows) {
    const problems: string[] = [];
    const cell = (h: string) => (index(h) >= 0 ? (cells[index(h)] ?? '') : '');
    const count = (h: string, label = h): number | undefined => {
      const v = wholeNumber(cell(h));
      if (v === 'invalid') {
        problems.push(`${label} skal være et helt, ikke-negativt tal (fik »${cell(h)}«)`);
        return undefined;
      }
      return v;
    };
    const org = cell(ID_COLUMNS.organisation);
    const number = count(ID_COLUMNS.number);
    let estate: { id: number; label: string } | undefined;
    const isMunicipality = MUNICIPALITY_NAMES.includes(org.toLowerCase()) && (cell(ID_COLUMNS.number) === '' || number === 0);
    if (isMunicipality) {
      if (municipality) problems.push(`hele kommunen står også på linje ${municipality.line}`);
    } else if (org === '' || number === undefined) {
      if (org === '') problems.push('organisation mangler');
      else if (cell(ID_COLUMNS.number) === '') problems.push('afdelingsnummer mangler');
    } else {
      estate = lookup(org, number);
      if (!estate) problems.push(`afdeling ${number} i organisationen »${org}« findes ikke i registeret`);
      else if (seen.has(estate.id)) problems.push(`${estate.label} står også på linje ${seen.get(estate.id)}`);
      else seen.set(estate.id, line);
    }
    const residents = count(ID_COLUMNS.residents);
    if (cell(ID_COLUMNS.residents) === '') problems.push('beboere mangler');
    const ratios: StoredRatios = {};
    for (const c of VARIABLE_COLUMNS) {
      const n = count(c.numerator);
      const d = count(c.denominator);
      const hasN = cell(c.numerator) !== '';
      const hasD = cell(c.denominator) !== '';
      if (hasN !== hasD) {
        problems.push(
          hasN ? `${c.denominator} mangler, når ${c.numerator} er udfyldt` : `${c.numerator} mangler, når ${c.denominator} er udfyldt`,
        );
        continue;
      }
      if (n === undefined || d === undefined) continue;
      const numerator = c.kroner ? n * 100 : n;
      if (!Number.isSafeInteger(numerator)) {
        problems.push(`${c.numerator} er for stort`);
        continue;
      }
      ratios[c.variable] = { numerator, denominator: d };
    }
    if (residents !== undefined && problems.length === 0) {
      const figures: KeyFigures = { residents, ratios: ratios as Partial<Record<VariableId, { numerator: number; denominator: number }>> };
      for (const p of keyFigureProblems(figures)) problems.push(withColumns(p));
    }
    if (problems.length > 0 || (!estate && !isMunicipality) || residents === undefined) {
      errors.push({ line, message: `Linje ${line}: ${problems.join('; ')}.` });
      continue;
    }
    if (isMunicipality || !estate) {
      municipality = { line, residents, ratios };
      continue;
    }
    rows.push({ line, estateId: estate.id, estateLabel: estate.label, residents, ratios });
  }
  return { rows, errors, municipality };
}

/** The domain's Danish message, with the file's column names added to a numerator above its denominator. */
function withColumns(p: KeyFigureProblem): string {
  const text = p.message.replace(/\.$/, '');
  const c = p.numeratorAbove ? VARIABLE_COLUMNS.find((x) => x.variable === p.variable) : undefined;
  return c ? `${text} (kolonnerne ${c.numerator} og ${c.denominator})` : text;
}
