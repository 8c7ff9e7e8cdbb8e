import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { TestProject } from 'vitest/node';
import { kyselyOverPglite, kyselyOverPostgres, pgliteExtensions } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { loadReferenceData } from '../../src/services/reference.ts';
import { adminUrl, isCi, withDatabase } from './env.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgres: { adminUrl: string; template: string } | { unavailable: string };
  }
}

/**
 * Builds one migrated database per run and backend — a PGlite data-dir dump, or a PostgreSQL template
 * database — which every test file clones (about 0.5 s instead of 4 s for initdb and migrations).
 */
export default async function setup(project: TestProject) {
  if (project.name === 'integration-postgres') return setupPostgres(project);
  const dir = join(process.cwd(), '.tmp');
  mkdirSync(dir, { recursive: true });
  const pglite = await PGlite.create({ extensions: pgliteExtensions });
  const db = kyselyOverPglite(pglite);
  await migrateToLatest(db);
  await loadReferenceData(db);
  await db.destroy();
  const dump = await pglite.dumpDataDir('none');
  await pglite.close();
  const file = join(dir, `pglite-template-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
}

async function setupPostgres(project: TestProject) {
  const url = adminUrl();
  const template = `helhed_tpl_${process.pid}`;
  try {
    await withDatabase(url, (q) => q(`DROP DATABASE IF EXISTS ${template}`));
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
  project.provide('postgres', { adminUrl: url, template });
  return async () => {
    await withDatabase(url, async (q) => {
      const rows = await q(`SELECT datname FROM pg_database WHERE datname LIKE 'helhed_t_${process.pid}_%' OR datname = '${template}'`);
      for (const r of rows) await q(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
    });
  };
}
