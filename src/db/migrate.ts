import { Migrator, sql } from 'kysely';
import type { Executor } from './database.ts';
import { migrationProvider, migrations } from './migrations/index.ts';

export interface MigrationResult {
  applied: string[];
  level: string | null;
}

/** Brings the schema up to date; used at start, by `helhed migrate` and by the test template. */
export async function migrateToLatest(db: Executor): Promise<MigrationResult> {
  // A warm start: every migration is applied already (one query, not the migrator's lock and bookkeeping).
  const done = await appliedMigrations(db);
  const known = Object.keys(migrations);
  if (done && done.size === known.length && known.every((m) => done.has(m))) return { applied: [], level: [...done].sort().at(-1) ?? null };
  const migrator = new Migrator({ db: db as never, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  const applied = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  if (applied.length) await trackTables(db);
  return { applied, level: await migrationLevel(db) };
}

/** The names of the applied migrations, or null before the first migration. */
async function appliedMigrations(db: Executor): Promise<Set<string> | null> {
  const exists = await sql<{ t: string | null }>`SELECT to_regclass('kysely_migration')::text AS t`.execute(db);
  if (!exists.rows[0]?.t) return null;
  const r = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(db);
  return new Set(r.rows.map((x) => x.name));
}

/** The name of the newest applied migration, or null on an empty database. */
export async function migrationLevel(db: Executor): Promise<string | null> {
  try {
    const r = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name DESC LIMIT 1`.execute(db);
    return r.rows[0]?.name ?? null;
  } catch (err) {
    // 42P01 undefined_table: nothing has been migrated yet.
    if ((err as { code?: unknown }).code === '42P01') return null;
    throw err;
  }
}

export const latestMigration = Object.keys(migrations).sort().at(-1) ?? null;
export const migrationCount = Object.keys(migrations).length;

/**
 * Read models: attaches the data-version trigger (migration 022) to every table that lacks it — also the tables of
 * migrations that came after 022 — so a cached page can never outlive a write to what it shows.
 */
export async function trackTables(db: Executor): Promise<number> {
  const exists = await sql<{ f: string | null }>`SELECT to_regproc('helhed_track_tables')::text AS f`.execute(db);
  if (!exists.rows[0]?.f) return 0;
  const r = await sql<{ n: number }>`SELECT helhed_track_tables() AS n`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}
