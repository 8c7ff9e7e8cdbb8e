import { describe, expect, it } from 'vitest';
import { PdfPool } from '../../../src/services/pdf.ts';
import { pdfText } from '../../support/documents.ts';

/** Waits until `ok()` holds (the pool's timers run on the clock: no fixed sleep). */
async function until(ok: () => boolean, timeoutMs = 20_000) {
  const t0 = Date.now();
  while (!ok()) {
    if (Date.now() - t0 > timeoutMs) throw new Error('the condition did not hold in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const doc = (text: string) => ({ pageSize: 'A4', defaultStyle: { font: 'IBMPlexSans' }, content: [{ text }] });

describe('PDF pool (docs/benchmarks.md, issue 20)', () => {
  it('lays out in worker threads, and a worker without work ends, so the memory it held goes back', async () => {
    const pool = new PdfPool(2, 200);
    const [a, b] = await Promise.all([pool.run(doc('Første rapport'), 'A'), pool.run(doc('Anden rapport'), 'B')]);
    expect(await pdfText(new Uint8Array(a))).toContain('Første rapport');
    expect(await pdfText(new Uint8Array(b))).toContain('Anden rapport');
    expect(pool.running).toBe(2);
    await until(() => pool.running === 0);
    // A new document after the workers have ended starts a new one.
    expect(await pdfText(new Uint8Array(await pool.run(doc('Tredje rapport'), 'C')))).toContain('Tredje rapport');
    expect(pool.layouts).toBe(3);
    await until(() => pool.running === 0);
  });
});
