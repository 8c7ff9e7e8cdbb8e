// A PDF layout worker (src/services/pdf.ts runs a pool of these, one per core): pdfmake lays out pages on the CPU
// for tens to hundreds of milliseconds, which must not stall the server's event loop. Plain JavaScript, so it runs
// as it is under the TypeScript sources (tests, development) and from dist/ alike.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parentPort } from 'node:worker_threads';

const require = createRequire(import.meta.url);
// pdfmake 0.3 is CommonJS; its node build reads fonts from files.
const pdfmake = require('pdfmake');

/** The dkfds package's `dist` folder, where IBM Plex lives. */
function dkfdsDist() {
  let dir = dirname(require.resolve('dkfds'));
  while (!dir.endsWith('dist') && dir !== dirname(dir)) dir = dirname(dir);
  return dir;
}

// IBM Plex from dkfds, no remote resources, no files but the fonts.
const fontDir = join(dkfdsDist(), 'fonts', 'IBMPlexSans', 'complete', 'ttf');
const font = (f) => join(fontDir, `IBMPlexSans-${f}.ttf`);
pdfmake.setFonts({
  IBMPlexSans: { normal: font('Regular'), bold: font('SemiBold'), italics: font('Italic'), bolditalics: font('SemiBoldItalic') },
});
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((p) => p.startsWith(fontDir));

parentPort.on('message', async ({ id, doc, footerTitle }) => {
  try {
    // The page footer is a function, which cannot cross to a worker: it is made here from the title.
    doc.footer = (page, pages) => ({
      text: `${footerTitle} · Side ${page} af ${pages}`,
      alignment: 'center',
      fontSize: 8,
      color: '#555555',
      margin: [50, 20, 50, 0],
    });
    const buffer = await pdfmake.createPdf(doc).getBuffer();
    const pdf = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength).slice();
    parentPort.postMessage({ id, pdf }, [pdf.buffer]);
  } catch (err) {
    parentPort.postMessage({ id, error: err instanceof Error ? err.stack || err.message : String(err) });
  }
});
