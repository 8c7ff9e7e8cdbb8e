/**
 * Reading an accounts extract (R7): CSV (csv-parse; `;`, `,` or tab) or Excel (exceljs, first sheet) into
 * rows keyed by column, keeping Excel numbers and dates as they are so amounts stay exact.
 */
import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { type AccountColumn, mapHeaders, type RawAccountRow } from '../../domain/money/accounts.ts';

export type FileRead = { ok: true; rows: RawAccountRow[] } | { ok: false; message: string };

const cellValue = (v: ExcelJS.CellValue): unknown => {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || v instanceof Date) return typeof v === 'string' ? v.trim() : v;
  if (typeof v === 'object' && 'result' in v) return cellValue((v as { result: ExcelJS.CellValue }).result);
  if (typeof v === 'object' && 'richText' in v)
    return (v as ExcelJS.CellRichTextValue).richText
      .map((t) => t.text)
      .join('')
      .trim();
  if (typeof v === 'object' && 'text' in v) return String((v as { text: unknown }).text).trim();
  return String(v);
};

function keyed(header: string[], body: { row: number; cells: unknown[] }[]): FileRead {
  const { index, missing } = mapHeaders(header);
  if (missing.length) {
    return {
      ok: false,
      message: `Filens første række skal være overskrifter. Der mangler: ${missing.join(', ')}. Brug skabelonen (Budgetlinje; År; Beløb; Dato; Tekst).`,
    };
  }
  const rows: RawAccountRow[] = [];
  for (const r of body) {
    if (r.cells.every((c) => c === null || c === undefined || String(c).trim() === '')) continue;
    const cells: RawAccountRow['cells'] = {};
    for (const [col, i] of Object.entries(index) as [AccountColumn, number][]) cells[col] = r.cells[i] ?? null;
    rows.push({ row: r.row, cells });
  }
  if (!rows.length) return { ok: false, message: 'Filen har ingen rækker under overskrifterne.' };
  return { ok: true, rows };
}

export function readCsv(text: string): FileRead {
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const count = (ch: string) => first.split(ch).length - 1;
  const delimiter = count('\t') > Math.max(count(';'), count(',')) ? '\t' : count(';') >= count(',') ? ';' : ',';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: true, info: true }) as never;
  } catch (err) {
    return { ok: false, message: `Filen kan ikke læses som CSV: ${(err as Error).message}` };
  }
  const [head, ...body] = records;
  return keyed(
    head?.record ?? [],
    body.map((r) => ({ row: r.info.lines, cells: r.record.map((x) => x.trim()) })),
  );
}

export async function readXlsx(data: Uint8Array): Promise<FileRead> {
  // exceljs is loaded on first use: it costs 0,4 s of CPU at start (docs/benchmarks.md).
  const wb = new (await import('exceljs')).default.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(data) as never);
  } catch (err) {
    // ExcelJS (and JSZip under it) reject bytes that are not a workbook with plain Errors; nothing else runs here.
    if (!(err instanceof Error)) throw err;
    return { ok: false, message: 'Filen kan ikke læses som Excel (.xlsx).' };
  }
  const ws = wb.worksheets[0];
  if (!ws) return { ok: false, message: 'Excel-filen har intet ark.' };
  const width = ws.columnCount;
  const read = (row: ExcelJS.Row) => Array.from({ length: width }, (_, i) => cellValue(row.getCell(i + 1).value));
  const header = read(ws.getRow(1)).map((h) => String(h ?? ''));
  const body: { row: number; cells: unknown[] }[] = [];
  ws.eachRow((row, n) => {
    if (n > 1) body.push({ row: n, cells: read(row) });
  });
  return keyed(header, body);
}

/** CSV or Excel by the file's name (or its first bytes: an .xlsx is a zip). */
export async function readAccountsFile(name: string, data: Uint8Array): Promise<FileRead> {
  const isZip = data[0] === 0x50 && data[1] === 0x4b;
  if (/\.xlsx$/i.test(name) || isZip) return readXlsx(data);
  if (/\.xls$/i.test(name)) return { ok: false, message: 'Det gamle Excel-format (.xls) kan ikke læses. Gem filen som .xlsx eller CSV.' };
  return readCsv(new TextDecoder('utf-8').decode(data));
}
