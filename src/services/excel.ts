import type ExcelJS from 'exceljs';

export interface Sheet {
  name: string;
  columns: { header: string; key: string; width?: number; numFmt?: string }[];
  rows: Record<string, string | number | Date | null>[];
}

/** Builds an .xlsx workbook (exceljs) with frozen, bold header rows. */
export async function workbookBuffer(sheets: Sheet[], creator = 'Helhed'): Promise<Buffer> {
  // exceljs is loaded on first use: it costs 0,4 s of CPU at start (docs/benchmarks.md).
  const wb = new (await import('exceljs')).default.Workbook();
  wb.creator = creator;
  wb.created = new Date();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name.slice(0, 31));
    ws.columns = s.columns.map((c) => ({
      header: c.header,
      key: c.key,
      width: c.width ?? 20,
      style: c.numFmt ? { numFmt: c.numFmt } : {},
    }));
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    for (const r of s.rows) {
      const row = ws.addRow(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, excelValue(v)])));
      // Dates are real dates in Excel (sortable, filterable), shown the Danish way.
      row.eachCell((cell) => {
        if (cell.value instanceof Date) cell.numFmt = isDay(cell.value) ? 'dd.mm.yyyy' : 'dd.mm.yyyy hh:mm';
      });
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const isoDay = /^\d{4}-\d{2}-\d{2}$/;
/** A day as Excel stores it: midnight UTC (Excel has no time zones), so the cell shows the same calendar day. */
const isDay = (d: Date) => d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0;

/** An ISO day (`2026-11-22`) becomes a date cell; everything else is written as it is. */
export const excelValue = (v: string | number | Date | null): string | number | Date | null =>
  typeof v === 'string' && isoDay.test(v) ? new Date(`${v}T00:00:00Z`) : v;

/** Whole øre as a number of kroner for a cell (exact to the øre), and the cell format that shows it. */
export const excelKr = (ore: number) => Number((ore / 100).toFixed(2));
export const moneyFormat = '#,##0.00';
export const column = (header: string, key: string, width = 18, numFmt?: string) => ({ header, key, width, numFmt });

export const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
