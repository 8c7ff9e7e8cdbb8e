import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../../src/db/database.ts';
import { systemActor } from '../../../src/policy/actor.ts';
import { createUser } from '../../../src/services/accounts.ts';
import { backupDatabase, RestoreRefused, restoreDatabase } from '../../../src/services/backup.ts';
import { createTestApp, type TestApp } from '../../support/app.ts';
import { describeDb, openTestDatabase, type TestDatabase } from '../../support/db.ts';

/** Every table's rows as sorted JSON texts (Kysely's own bookkeeping left out). */
async function contents(db: Db): Promise<Record<string, string[]>> {
  const tables = (
    await sql<{
      t: string;
    }>`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'kysely_%' ORDER BY 1`.execute(db)
  ).rows;
  const out: Record<string, string[]> = {};
  for (const { t } of tables)
    out[t] = (await sql<{ j: string }>`SELECT row_to_json(x)::text AS j FROM ${sql.table(t)} x`.execute(db)).rows.map((r) => r.j).sort();
  return out;
}

describeDb('Backup and restore', () => {
  let source: TestApp;
  let target: TestDatabase;
  const dir = mkdtempSync(join(tmpdir(), 'helhed-backup-'));
  const file = join(dir, 'helhed.jsonl.gz');
  beforeAll(async () => {
    source = await createTestApp({ demo: true });
    target = await openTestDatabase();
  });
  afterAll(async () => {
    await source?.close();
    await target?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('dumps every table and restores it into an empty database: every table equal, identities continue', async () => {
    const r = await backupDatabase(source.db, file, source.kind);
    expect(r.rows).toBeGreaterThan(1000);
    const lines = gunzipSync(readFileSync(file)).toString('utf8').trim().split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ format: 'helhed-backup', version: 1, migration: r.migration });
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ end: true, rows: r.rows });

    const restored = await restoreDatabase(target.db, file);
    expect(restored).toEqual({ migration: r.migration, tables: r.tables, rows: r.rows });
    const [a, b] = [await contents(source.db), await contents(target.db)];
    expect(Object.keys(b)).toEqual(Object.keys(a));
    for (const t of Object.keys(a)) expect(b[t], t).toEqual(a[t]);
    expect(Object.values(a).filter((rows) => rows.length > 0).length).toBeGreaterThan(30);

    // New rows get fresh ids after the restored ones.
    const maxId = (
      await target.db
        .selectFrom('app_user')
        .select((eb) => eb.fn.max('id').as('m'))
        .executeTakeFirstOrThrow()
    ).m;
    const u = await createUser(
      { db: target.db, actor: systemActor('test'), now: () => new Date(), hooks: { snapshotParts: [], auditOwners: {}, agendaRefs: {} } },
      { email: 'efter@kk.dk', name: 'Efter', password: null, grants: [] },
    );
    expect(u.id).toBeGreaterThan(Number(maxId));
  });

  it('refuses a database that is not empty, and a dump of another migration level, without writing', async () => {
    await expect(restoreDatabase(target.db, file)).rejects.toThrow(/ikke tom/);
    const fresh = await openTestDatabase();
    try {
      const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
      const old = join(dir, 'old.jsonl.gz');
      writeFileSync(
        old,
        gzipSync([JSON.stringify({ ...JSON.parse(lines[0]!), migration: '009_performance' }), ...lines.slice(1)].join('\n')),
      );
      const err = await restoreDatabase(fresh.db, old).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RestoreRefused);
      expect((err as Error).message).toContain('migreringsniveau 009_performance');
      // A cut-off file rolls back: nothing is restored.
      const cut = join(dir, 'cut.jsonl.gz');
      writeFileSync(cut, gzipSync(lines.slice(0, Math.floor(lines.length / 2)).join('\n')));
      await expect(restoreDatabase(fresh.db, cut)).rejects.toThrow(/afkortet/);
      expect(await fresh.db.selectFrom('app_user').select('id').execute()).toEqual([]);
      expect((await fresh.db.selectFrom('municipality').select('id').execute()).length).toBe(1);
    } finally {
      await fresh.close();
    }
  });
});
