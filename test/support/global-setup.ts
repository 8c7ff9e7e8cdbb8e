import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { areas, composeAreas } from '../../src/areas/index.ts';
import { type Db, kyselyOverPglite, kyselyOverPostgres, pgliteExtensions } from '../../src/db/database.ts';
import { loadDemoData } from '../../src/demo/load.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { loadReferenceData } from '../../src/services/reference.ts';
import { adminUrl, isCi, withDatabase } from './env.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    /** The same with the demo data set loaded (today, as `createTestApp({ demo: true })` would). */
    pgliteDemoTemplate: string;
    postgres: { adminUrl: string; template: string; demoTemplate: string } | { unavailable: string };
  }
}

/** The demo data set, loaded as a test app would load it. */
async function loadDemo(db: Db): Promise<void> {
  const parts = composeAreas(areas);
  await loadDemoData(db, { steps: parts.demoSteps, hooks: parts.hooks });
}

/**
 * Builds one migrated database per run and backend — a PGlite data-dir dump, or a PostgreSQL template
 * database — which every test file clones (about 0.5 s instead of 4 s for initdb and migrations), and one with the
 * demo data set too, for the suites that start from the demo (instead of loading it again in every file, ~5 s).
 */
export default async function setup(project: TestProject) {
  if (project.name === 'integration-postgres') return setupPostgres(project);
  const dir = join(process.cwd(), '.tmp');
  mkdirSync(dir, { recursive: true });
  const pglite = await PGlite.create({ extensions: pgliteExtensions });
  const db = kyselyOverPglite(pglite);
  await migrateToLatest(db);
  await loadReferenceData(db);
  const file = join(dir, `pglite-template-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer()));
  await loadDemo(db);
  await db.destroy();
  const demoFile = join(dir, `pglite-demo-template-${process.pid}.tar`);
  writeFileSync(demoFile, Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer()));
  await pglite.close();
  project.provide('pgliteTemplate', file);
  project.provide('pgliteDemoTemplate', demoFile);
}

async function setupPostgres(project: TestProject) {
  const url = adminUrl();
  const template = `helhed_tpl_${process.pid}`;
  const demoTemplate = `helhed_tpl_demo_${process.pid}`;
  try {
    await withDatabase(url, (q) => q(`DROP DATABASE IF EXISTS ${template}`));
    await withDatabase(url, (q) => q(`DROP DATABASE IF EXISTS ${demoTemplate}`));
    await withDatabase(url, (q) => q(`CREATE DATABASE ${template}`));
  } catch (err) {
    const reason = `PostgreSQL kunne ikke nås på ${url.replace(/:[^:@/]*@/, ':***@')}: ${(err as Error).message}`;
    if (isCi()) throw new Error(`${reason} (CI=true: intet må springes over)`);
    project.provide('postgres', { unavailable: reason });
    return;
  }
  const u = new URL(url);
  u.pathname = `/${template}`;
  const db = kyselyOverPostgres(u.toString(), 2);
  await migrateToLatest(db);
  await loadReferenceData(db);
  await db.destroy();
  await withDatabase(url, (q) => q(`CREATE DATABASE ${demoTemplate} TEMPLATE ${template}`));
  u.pathname = `/${demoTemplate}`;
  const demoDb = kyselyOverPostgres(u.toString(), 2);
  await loadDemo(demoDb);
  await demoDb.destroy();
  project.provide('postgres', { adminUrl: url, template, demoTemplate });
  return async () => {
    await withDatabase(url, async (q) => {
      const rows = await q(
        `SELECT datname FROM pg_database WHERE datname LIKE 'helhed_t_${process.pid}_%' OR datname IN ('${template}', '${demoTemplate}')`,
      );
      for (const r of rows) await q(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
    });
  };
}
