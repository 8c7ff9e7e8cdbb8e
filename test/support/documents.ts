import ExcelJS from 'exceljs';

/** The text of every page of a PDF, read with pdf.js (tests parse what users download). */
export async function pdfText(data: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(data), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((it) => ('str' in it ? it.str : '')).join(' '));
  }
  return pages.map((p) => p.replace(/\s+/g, ' ')).join('\n');
}

export async function pdfPageCount(data: Uint8Array): Promise<number> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  return (await pdfjs.getDocument({ data: new Uint8Array(data) }).promise).numPages;
}

/** Every sheet of an .xlsx as rows of cell text (a date cell as its ISO day). */
export async function workbookRows(data: Uint8Array): Promise<Record<string, string[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(data) as never);
  const out: Record<string, string[][]> = {};
  wb.eachSheet((ws) => {
    const rows: string[][] = [];
    ws.eachRow((row) =>
      rows.push(
        (row.values as unknown[])
          .slice(1)
          .map((v) => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v))),
      ),
    );
    out[ws.name] = rows;
  });
  return out;
}

export interface PdfTextBox {
  page: number;
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
  pageWidth: number;
  pageHeight: number;
}

/** Every text item of a PDF with its box in points (origin bottom left), read with pdf.js. */
export async function pdfTextBoxes(data: Uint8Array): Promise<PdfTextBox[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(data), useSystemFonts: false, isEvalSupported: false }).promise;
  const out: PdfTextBox[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const [x0, y0, x1, y1] = page.view as [number, number, number, number];
    for (const it of (await page.getTextContent()).items) {
      if (!('str' in it) || !it.str.trim()) continue;
      const [, , , , x, y] = it.transform as number[];
      out.push({
        page: i,
        text: it.str,
        x: x! - x0,
        y: y! - y0,
        width: it.width,
        height: it.height,
        pageWidth: x1 - x0,
        pageHeight: y1 - y0,
      });
    }
  }
  return out;
}
