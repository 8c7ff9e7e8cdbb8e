import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ownFileUrl } from '../files.ts';

interface Job {
  id: number;
  doc: unknown;
  footerTitle: string;
  resolve: (b: Buffer) => void;
  reject: (e: Error) => void;
}

/**
 * PDF layout runs in a pool of worker threads, one per core (`src/services/pdf-worker.mjs`): pdfmake is CPU-bound,
 * and the server's event loop keeps answering other requests meanwhile. Workers start on first use, hold the
 * process open only while they have work, and end after `idleMs` (2 s) without work (each holds pdfmake and its fonts,
 * ~30–50 MB: the server's memory goes back down when no PDF is laid out; a kept PDF needs no worker).
 */
export class PdfPool {
  private readonly idle: Worker[] = [];
  private readonly idleTimers = new Map<Worker, NodeJS.Timeout>();
  private readonly busy = new Map<Worker, Job>();
  private readonly queue: Job[] = [];
  private workers = 0;
  private nextId = 1;
  /** How many documents were laid out (tests: a cached PDF is not laid out again). */
  layouts = 0;

  constructor(
    readonly size: number,
    readonly idleMs = 2_000,
  ) {}

  /** How many workers are running (tests: idle workers end). */
  get running(): number {
    return this.workers;
  }

  run(doc: unknown, footerTitle: string): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, doc, footerTitle, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length) {
      const w = this.idle.pop() ?? (this.workers < this.size ? this.spawn() : undefined);
      if (!w) return;
      clearTimeout(this.idleTimers.get(w));
      this.idleTimers.delete(w);
      const job = this.queue.shift()!;
      this.busy.set(w, job);
      this.layouts++;
      w.ref();
      w.postMessage({ id: job.id, doc: job.doc, footerTitle: job.footerTitle });
    }
  }

  /** Ends `w` if it is still idle after `idleMs`. */
  private endWhenIdle(w: Worker): void {
    const timer = setTimeout(() => {
      const i = this.idle.indexOf(w);
      if (i < 0) return;
      this.idle.splice(i, 1);
      this.idleTimers.delete(w);
      this.workers--;
      void w.terminate();
    }, this.idleMs);
    timer.unref();
    this.idleTimers.set(w, timer);
  }

  private spawn(): Worker {
    // A small young generation: a layout's garbage is collected often instead of growing the worker by tens of MB.
    const w = new Worker(ownFileUrl('services/pdf-worker.mjs'), { resourceLimits: { maxYoungGenerationSizeMb: 8 } });
    this.workers++;
    w.on('message', (m: { id: number; pdf?: Uint8Array; error?: string }) => {
      const job = this.busy.get(w);
      this.busy.delete(w);
      w.unref();
      this.idle.push(w);
      this.endWhenIdle(w);
      if (job) {
        if (m.pdf) job.resolve(Buffer.from(m.pdf.buffer, m.pdf.byteOffset, m.pdf.byteLength));
        else job.reject(new Error(m.error ?? 'PDF-fejl'));
      }
      this.pump();
    });
    w.on('error', (err) => {
      const job = this.busy.get(w);
      this.busy.delete(w);
      const i = this.idle.indexOf(w);
      if (i >= 0) this.idle.splice(i, 1);
      clearTimeout(this.idleTimers.get(w));
      this.idleTimers.delete(w);
      this.workers--;
      job?.reject(err);
      this.pump();
    });
    return w;
  }
}

export const pdfPool = new PdfPool(Math.max(1, availableParallelism()));

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
    // The footer ("<title> · Side 2 af 7") is added in the worker: a function cannot cross to it.
    content,
  };
  return pdfPool.run(doc, title);
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
