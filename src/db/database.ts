import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import { copenhagenParts } from '../domain/governance/time.ts';
import { ownFile } from '../files.ts';
import type { DB } from './schema.ts';
import { WriteCounter } from './write-counter.ts';

export type Db = Kysely<DB>;
export type Trx = Transaction<DB>;
/** A database handle or an open transaction: repositories accept either. */
export type Executor = Db | Trx;

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  kind: DatabaseKind;
  db: Db;
  /** An embedded data folder made now from the build's archive (already migrated). */
  fromArchive?: boolean;
  close(): Promise<void>;
}

/** The same extensions on every open of an embedded data folder (PGlite requires it). */
export const pgliteExtensions = { pg_trgm, unaccent };

/** Value parsers shared by both backends: bigint øre and counts as numbers, dates as ISO strings. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20) return (v: string) => toSafeNumber(v); // int8
    if (oid === 1082) return (v: string) => v; // date → 'YYYY-MM-DD'
    if (oid === 1700) return (v: string) => Number(v); // numeric (statistics, not money)
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

function toSafeNumber(v: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new Error(`bigint out of safe range: ${v}`);
  return n;
}

export class DataDirLocked extends Error {
  constructor(dir: string, pid: string) {
    super(
      `Datamappen ${dir} er allerede åben i en anden Helhed-proces (pid ${pid}). ` +
        'Den indlejrede database kan kun bruges af én proces ad gangen. ' +
        'Stop serveren først, eller brug DATABASE_URL til en PostgreSQL-server.',
    );
  }
}

/**
 * Who holds a lock: the process id and, where the system tells (Linux), when that process started and in which boot —
 * so a process id the system has since given to another program is not taken for the holder.
 */
interface LockHolder {
  pid: number;
  started: string | null;
  boot: string | null;
}

const readText = (file: string): string | null => {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
};

/** The start time of a process (clock ticks since boot, field 22 of /proc/<pid>/stat), or null where unknown. */
export function processStart(pid: number): string | null {
  const stat = readText(`/proc/${pid}/stat`);
  if (!stat) return null;
  // The command name (field 2) may hold spaces and parentheses: count fields after its closing parenthesis.
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
}

const bootId = () => readText('/proc/sys/kernel/random/boot_id');

export const lockHolderOf = (pid: number): LockHolder => ({ pid, started: processStart(pid), boot: bootId() });

/** Whether the holder written in a lock file is still running: the same process, not one that reuses its id. */
function holderRunning(text: string): { running: boolean; pid: string } {
  let h: LockHolder;
  try {
    const parsed = JSON.parse(text) as Partial<LockHolder>;
    h = { pid: Number(parsed.pid), started: parsed.started ?? null, boot: parsed.boot ?? null };
  } catch {
    // A lock written by an older version holds the process id alone.
    h = { pid: Number(text), started: null, boot: null };
  }
  if (!isAlive(h.pid) || h.pid === process.pid) return { running: false, pid: String(h.pid) };
  const now = lockHolderOf(h.pid);
  if (h.boot && now.boot && h.boot !== now.boot) return { running: false, pid: String(h.pid) };
  if (h.started && now.started && h.started !== now.started) return { running: false, pid: String(h.pid) };
  return { running: true, pid: String(h.pid) };
}

/**
 * Takes the exclusive lock on an embedded data folder. Two processes on one PGlite folder corrupt it,
 * so a second opener stops with a clear message. A lock left by a dead process — or by a process whose id the
 * system has since given to another program (after a crash) — is taken over.
 */
export function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'helhed.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, JSON.stringify(lockHolderOf(process.pid)));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const text = readText(file);
      if (text !== null) {
        const holder = holderRunning(text);
        if (holder.running) throw new DataDirLocked(dir, holder.pid);
      }
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Kunne ikke låse datamappen ${dir}`);
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Wraps an open PGlite instance in Kysely through pg's Pool (one connection), as production uses pg. */
export function kyselyOverPglite(pglite: PGlite): Db {
  const pool = new pg.Pool({ ...createPgConfig(pglite), types } as unknown as pg.PoolConfig);
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins: [new WriteCounter()] });
}

export function kyselyOverPostgres(url: string, max = 10): Db {
  const pool = new pg.Pool({ connectionString: url, max, types });
  // An idle client whose server connection ends (restart, failover, a dropped test database) must not
  // crash the process; the pool replaces it on next use. 57P01 is the server's "terminating connection".
  pool.on('error', (err: Error & { code?: string }) => {
    if (err.code !== '57P01') console.error('PostgreSQL-forbindelse fejlede:', err.message);
  });
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
}

/** What the build wrote beside the demo archive (src/cli/empty-database.ts). */
export interface DemoTemplate {
  /** The Copenhagen day the demo data was loaded: the demo's deadlines and meetings lie relative to it. */
  day: string;
  migration: string | null;
}

/**
 * A new embedded data folder starts from an archive the build wrote (src/cli/empty-database.ts) rather than from
 * PostgreSQL's initdb and the migrations: `empty-database.tar`, or with `demo` `demo-database.tar` when it was loaded
 * today (the demo's deadlines and meetings are placed relative to the day it is loaded; on another day the demo is
 * loaded at start as before). Without the files (the TypeScript sources, tests) PGlite runs initdb. An existing
 * folder is opened as it is.
 */
function newDatabaseArchive(pgDir: string, demo: boolean): Blob | undefined {
  if (existsSync(join(pgDir, 'PG_VERSION'))) return undefined;
  const demoFile = ownFile('demo-database.tar');
  if (demo && existsSync(demoFile) && existsSync(`${demoFile}.json`)) {
    const about = JSON.parse(readFileSync(`${demoFile}.json`, 'utf8')) as DemoTemplate;
    if (about.day === copenhagenParts(new Date()).date) return new Blob([readFileSync(demoFile)]);
  }
  const file = ownFile('empty-database.tar');
  return existsSync(file) ? new Blob([readFileSync(file)]) : undefined;
}

/** Opens the configured database: PGlite in a locked data folder, or a PostgreSQL pool. */
export async function openDatabase(config: Config['database'], o: { demo?: boolean } = {}): Promise<Database> {
  if (config.kind === 'postgres') {
    const db = kyselyOverPostgres(config.url);
    return { kind: 'postgres', db, close: () => db.destroy() };
  }
  const unlock = lockDataDir(config.dataDir);
  try {
    const pgDir = join(config.dataDir, 'pg');
    const archive = newDatabaseArchive(pgDir, o.demo ?? false);
    // The buffer pool is memory the process keeps: with PGlite's 128MB default an idle server on the national data set
    // held 355-390 MB, with 16MB (the configured default) 230-255 MB; pages and the national load were no slower, as
    // the files stay in the system's cache (docs/benchmarks.md, 2026-12-03).
    const startParams = config.sharedBuffers ? [...PGlite.defaultStartParams, '-c', `shared_buffers=${config.sharedBuffers}`] : undefined;
    const pglite = await PGlite.create(pgDir, { extensions: pgliteExtensions, loadDataDir: archive, startParams });
    const db = kyselyOverPglite(pglite);
    return {
      kind: 'pglite',
      db,
      fromArchive: !!archive,
      async close() {
        await db.destroy();
        await pglite.close();
        unlock();
      },
    };
  } catch (err) {
    unlock();
    throw err;
  }
}
