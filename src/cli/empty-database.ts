/**
 * The build's last step (scripts/build.mjs): embedded databases written as data-folder archives beside the bundle, from
 * which a new embedded data folder starts instead of running PostgreSQL's initdb, the migrations and (for `serve --demo`)
 * the demo load — on a 2-core machine about 9 s of a first start (docs/benchmarks.md):
 *
 *   empty-database FILE          every migration and the reference data
 *   empty-database FILE --demo   the same with the demo data set, loaded today (see `DemoTemplate`)
 *
 * The migrations still run at every start, so a database made from an archive is checked like any other.
 */
import { writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { areas, composeAreas } from '../areas/index.ts';
import { copenhagenParts } from '../domain/governance/time.ts';
import { type DemoTemplate, kyselyOverPglite, pgliteExtensions } from '../db/database.ts';
import { latestMigration, migrateToLatest } from '../db/migrate.ts';
import { loadDemoData } from '../demo/load.ts';
import { loadReferenceData } from '../services/reference.ts';

const [file, flag] = process.argv.slice(2);
if (!file) throw new Error('Brug: empty-database FIL [--demo]');
const pglite = await PGlite.create({ extensions: pgliteExtensions });
const db = kyselyOverPglite(pglite);
await migrateToLatest(db);
await loadReferenceData(db);
if (flag === '--demo') {
  const parts = composeAreas(areas);
  await loadDemoData(db, { steps: parts.demoSteps, hooks: parts.hooks });
  const about: DemoTemplate = { day: copenhagenParts(new Date()).date, migration: latestMigration };
  writeFileSync(`${file}.json`, JSON.stringify(about));
}
await db.destroy();
const dump = await pglite.dumpDataDir('none');
await pglite.close();
writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
