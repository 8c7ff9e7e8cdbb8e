import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
// pdfmake 0.3 is CommonJS; its node build reads fonts from files.
const pdfmake = require('pdfmake') as {
  setFonts(f: unknown): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (path: string) => boolean): void;
  createPdf(doc: unknown): { getBuffer(): Promise<Buffer> };
};

/** The dkfds package's `dist` folder, where IBM Plex lives. */
function dkfdsDist(): string {
  let dir = dirname(require.resolve('dkfds'));
  while (!dir.endsWith('dist') && dir !== dirname(dir)) dir = dirname(dir);
  return dir;
}

let configured = false;

/** Sets pdfmake up on first use (not at import): IBM Plex from dkfds, no remote resources, no files but the fonts. */
function pdfmakeReady() {
  if (!configured) {
    const fontDir = join(dkfdsDist(), 'fonts', 'IBMPlexSans', 'complete', 'ttf');
    const font = (f: string) => join(fontDir, `IBMPlexSans-${f}.ttf`);
    pdfmake.setFonts({
      IBMPlexSans: { normal: font('Regular'), bold: font('SemiBold'), italics: font('Italic'), bolditalics: font('SemiBoldItalic') },
    });
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy((p) => p.startsWith(fontDir));
    configured = true;
  }
  return pdfmake;
}

export type PdfContent = unknown;

/** Shared page frame: IBM Plex (dkfds' typeface), A4, page numbers "Side 2 af 7", Danish metadata. */
/**
 * `createdAt` fixes the document's creation date (and so its file id): the same content then gives the same bytes.
 */
export async function renderPdf(title: string, content: PdfContent[], opts: { subject?: string; createdAt?: Date } = {}): Promise<Buffer> {
  const doc = {
    info: {
      title,
      subject: opts.subject ?? title,
      creator: 'Helhed',
      producer: 'Helhed',
      ...(opts.createdAt ? { creationDate: opts.createdAt } : {}),
    },
    pageSize: 'A4',
    pageMargins: [50, 60, 50, 60],
    defaultStyle: { font: 'IBMPlexSans', fontSize: 10, lineHeight: 1.2 },
    styles: {
      title: { fontSize: 22, bold: true, margin: [0, 0, 0, 12] },
      h1: { fontSize: 16, bold: true, margin: [0, 16, 0, 8] },
      h2: { fontSize: 13, bold: true, margin: [0, 12, 0, 6] },
      muted: { color: '#555555' },
      th: { bold: true, fillColor: '#eeeeee' },
      toc: { fontSize: 10 },
    },
    footer: (page: number, pages: number) => ({
      text: `${title} · Side ${page} af ${pages}`,
      alignment: 'center',
      fontSize: 8,
      color: '#555555',
      margin: [50, 20, 50, 0],
    }),
    content,
  };
  return pdfmakeReady().createPdf(doc).getBuffer();
}

/** A pdfmake table with a header row. */
export function pdfTable(headers: string[], rows: (string | number)[][], widths?: (string | number)[]): PdfContent {
  return {
    table: {
      headerRows: 1,
      widths: widths ?? headers.map(() => '*'),
      body: [headers.map((h) => ({ text: h, style: 'th' })), ...rows.map((r) => r.map((x) => String(x)))],
    },
    layout: 'lightHorizontalLines',
    margin: [0, 4, 0, 10],
  };
}
