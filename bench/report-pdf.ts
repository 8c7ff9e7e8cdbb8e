/**
 * `npx tsx bench/report-pdf.ts` — how long one yearly-report PDF takes (target: under 1 s on this machine).
 * Loads the demo data into a temporary embedded database, then times assembling the report from live data and
 * rendering its PDF, and rendering a submitted report from its frozen snapshot; prints median and max.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { areas, composeAreas } from '../src/areas/index.ts';
import { openDatabase } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { loadDemoData } from '../src/demo/load.ts';
import { loadReferenceData } from '../src/services/reference.ts';
import { buildReport, reportPdf, type ReportSnapshot, snapshotPdf } from '../src/services/reports/index.ts';

export interface PdfTiming {
  liveMedianMs: number;
  liveMaxMs: number;
  frozenMedianMs: number;
  frozenMaxMs: number;
  bytes: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Times `runs` report PDFs for the demo plan with submitted reports (live 2026, frozen 2025). */
export async function timeReportPdf(runs = 20): Promise<PdfTiming> {
  const dir = mkdtempSync(join(tmpdir(), 'helhed-report-bench-'));
  const { db, close } = await openDatabase({ kind: 'pglite', dataDir: dir });
  try {
    await migrateToLatest(db);
    await loadReferenceData(db);
    const parts = composeAreas(areas);
    await loadDemoData(db, { steps: parts.demoSteps, hooks: parts.hooks });
    const plan = await db.selectFrom('plan').select('id').where('name', '=', 'Helhedsplan Mjølnerparken').executeTakeFirstOrThrow();
    const frozen = await db
      .selectFrom('report')
      .select(['snapshot', 'submitted_at', 'content_hash'])
      .where('plan_id', '=', plan.id)
      .where('year', '=', 2025)
      .executeTakeFirstOrThrow();
    const snap = frozen.snapshot as ReportSnapshot;
    const live: number[] = [];
    const fixed: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      let t0 = performance.now();
      const content = await buildReport(db, plan.id, 2026);
      bytes = (
        await reportPdf(content, {
          state: 'draft',
          revision: 1,
          narrative: snap.narrative,
          milestones: [],
          submittedAt: null,
          contentHash: null,
        })
      ).byteLength;
      live.push(performance.now() - t0);
      t0 = performance.now();
      await snapshotPdf({ snapshot: snap, submittedAt: frozen.submitted_at, contentHash: frozen.content_hash });
      fixed.push(performance.now() - t0);
    }
    return {
      liveMedianMs: median(live),
      liveMaxMs: Math.max(...live),
      frozenMedianMs: median(fixed),
      frozenMaxMs: Math.max(...fixed),
      bytes,
    };
  } finally {
    await close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await timeReportPdf();
  console.log(
    `Årsrapport-PDF (${(r.bytes / 1024).toFixed(0)} KB): fra live data median ${r.liveMedianMs.toFixed(0)} ms, maks ${r.liveMaxMs.toFixed(0)} ms; fra låst snapshot median ${r.frozenMedianMs.toFixed(0)} ms, maks ${r.frozenMaxMs.toFixed(0)} ms (mål: under 1 s)`,
  );
}
