/** Meeting papers: only PDF, Word and Excel, recognised by their content (magic bytes), never by name alone. */

export const paperTypes = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
export type PaperExt = keyof typeof paperTypes;

const starts = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);
const contains = (b: Uint8Array, s: string) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).includes(s, 0, 'latin1');

/**
 * The file's real type from its first bytes and, for OOXML (zip) and OLE files, the file name's
 * extension as a tie-breaker between Word and Excel. Null when it is not an allowed type.
 */
export function sniffPaper(bytes: Uint8Array, fileName: string): { ext: PaperExt; contentType: string } | null {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  if (starts(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { ext: 'pdf', contentType: paperTypes.pdf }; // %PDF-
  if (starts(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    // A zip: OOXML names its main part in the archive directory.
    if (contains(bytes, 'word/')) return { ext: 'docx', contentType: paperTypes.docx };
    if (contains(bytes, 'xl/')) return { ext: 'xlsx', contentType: paperTypes.xlsx };
    return null;
  }
  if (starts(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    if (ext === 'doc') return { ext: 'doc', contentType: paperTypes.doc };
    if (ext === 'xls') return { ext: 'xls', contentType: paperTypes.xls };
    return null;
  }
  return null;
}

/** A safe download name: the user's name without path or control characters, with the sniffed extension. */
export function safeFileName(name: string, ext: PaperExt): string {
  const base =
    name
      .split(/[\\/]/)
      .pop()!
      .replace(/\.[^.]*$/, '')
      .replace(/[^\p{L}\p{N} ._-]/gu, '')
      .trim()
      .slice(0, 80) || 'bilag';
  return `${base}.${ext}`;
}
