import ExcelJS from 'exceljs';

export interface Sheet {
  name: string;
  columns: { header: string; key: string; width?: number; numFmt?: string }[];
  rows: Record<string, string | number | Date | null>[];
}

/** Builds an .xlsx workbook (exceljs) with frozen, bold header rows. */
export async function workbookBuffer(sheets: Sheet[], creator = 'Helhed'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = creator;
  wb.created = new Date();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name.slice(0, 31));
    ws.columns = s.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 20, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    for (const r of s.rows) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Whole øre as a number of kroner for a cell (exact to the øre), and the cell format that shows it. */
export const excelKr = (ore: number) => Number((ore / 100).toFixed(2));
export const moneyFormat = '#,##0.00';
export const column = (header: string, key: string, width = 18, numFmt?: string) => ({ header, key, width, numFmt });

export const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
