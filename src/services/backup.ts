import { createReadStream, createWriteStream, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import { sql } from 'kysely';
import type { Db, Executor, Trx } from '../db/database.ts';
import { migrationLevel } from '../db/migrate.ts';
import { AppError } from '../errors.ts';

/** A restore Helhed will not do: a database that is not empty, a dump of another migration level, a broken file. */
export class RestoreRefused extends AppError {
  constructor(message: string) {
    super(409, 'Gendannelsen blev afvist', message);
  }
}

const FORMAT = 'helhed-backup';
const VERSION = 1;
/**
 * Kysely's own bookkeeping: the level is written in the header and checked, not copied. The data version (read
 * models, migration 022) is not data: it only ever grows, and a restore's writes bump it.
 */
const skipped = new Set(['kysely_migration', 'kysely_migration_lock', 'data_version', 'data_version_pending']);
/** Tables that hold what people entered: a database with a row in any of them is not empty. */
const userData = ['app_user', 'organisation', 'estate', 'plan', 'audit_log'];

interface Header {
  format: string;
  version: number;
  migration: string | null;
  createdAt: string;
  database: string;
}

interface TableInfo {
  name: string;
  /** Columns that can be written (generated columns left out). */
  columns: string[];
  /** Columns referring to the table itself (a body's parent body): written in a second pass. */
  selfRefs: string[];
  primaryKey: string[];
}

/** The application's tables in an order where every referenced table comes before the tables referring to it. */
async function tablesInOrder(db: Executor): Promise<TableInfo[]> {
  const names = (
    await sql<{ name: string }>`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`.execute(db)
  ).rows
    .map((r) => r.name)
    .filter((n) => !skipped.has(n));
  const cols = (
    await sql<{ table: string; column: string }>`
      SELECT c.relname AS table, a.attname AS column FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
      ORDER BY c.relname, a.attnum`.execute(db)
  ).rows;
  const fks = (
    await sql<{ child: string; parent: string; columns: string[] }>`
      SELECT c.relname AS child, p.relname AS parent,
        ARRAY(SELECT a.attname FROM unnest(k.conkey) AS n JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = n)::text[] AS columns
      FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
      WHERE k.contype = 'f' AND k.connamespace = 'public'::regnamespace`.execute(db)
  ).rows;
  const pks = (
    await sql<{ table: string; columns: string[] }>`
      SELECT c.relname AS table, ARRAY(SELECT a.attname FROM unnest(k.conkey) AS n JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = n)::text[] AS columns
      FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid WHERE k.contype = 'p' AND k.connamespace = 'public'::regnamespace`.execute(
      db,
    )
  ).rows;
  const parents = new Map<string, Set<string>>(names.map((n) => [n, new Set()]));
  for (const f of fks) if (f.child !== f.parent) parents.get(f.child)?.add(f.parent);
  const ordered: string[] = [];
  const seen = new Set<string>();
  const visit = (n: string, path: Set<string>) => {
    if (seen.has(n)) return;
    if (path.has(n))
      throw new Error(`Tabellerne henviser til hinanden i ring (${[...path, n].join(' → ')}); sikkerhedskopien kan ikke ordnes.`);
    path.add(n);
    for (const p of [...(parents.get(n) ?? [])].sort()) visit(p, path);
    path.delete(n);
    seen.add(n);
    ordered.push(n);
  };
  for (const n of names) visit(n, new Set());
  return ordered.map((name) => ({
    name,
    columns: cols.filter((c) => c.table === name).map((c) => c.column),
    selfRefs: fks.filter((f) => f.child === name && f.parent === name).flatMap((f) => f.columns),
    primaryKey: pks.find((p) => p.table === name)?.columns ?? [],
  }));
}

/** Writes lines to a gzip'ed file, waiting when the stream asks to. */
function gzipWriter(file: string) {
  const out = createWriteStream(file);
  const gz = createGzip();
  gz.pipe(out);
  return {
    async line(s: string) {
      if (!gz.write(`${s}\n`)) await once(gz, 'drain');
    },
    async end() {
      gz.end();
      await once(out, 'close');
    },
    abort() {
      gz.destroy();
      out.destroy();
    },
  };
}

export interface BackupResult {
  migration: string | null;
  tables: number;
  rows: number;
}

/**
 * Dumps every table of the application, consistently: one read-only REPEATABLE READ transaction (the server may keep
 * writing meanwhile), each row as a JSON line below a header with the schema's migration level, gzip'ed. The file is
 * written beside `file` and renamed into place when complete.
 */
export async function backupDatabase(db: Db, file: string, database: string): Promise<BackupResult> {
  const tmp = `${file}.part`;
  const w = gzipWriter(tmp);
  let rows = 0;
  try {
    const result = await db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        await sql`SET TRANSACTION READ ONLY`.execute(trx);
        const migration = await migrationLevel(trx);
        const tables = await tablesInOrder(trx);
        const header: Header = { format: FORMAT, version: VERSION, migration, createdAt: new Date().toISOString(), database };
        await w.line(JSON.stringify(header));
        for (const t of tables) {
          const n = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(t.name)}`.execute(trx)).rows[0]?.n ?? 0);
          await w.line(JSON.stringify({ table: t.name, rows: n }));
          const order = t.primaryKey.length ? sql` ORDER BY ${sql.join(t.primaryKey.map((c) => sql.ref(c)))}` : sql``;
          await sql`DECLARE helhed_backup NO SCROLL CURSOR FOR SELECT row_to_json(t)::text AS j FROM ${sql.table(t.name)} t${order}`.execute(
            trx,
          );
          let written = 0;
          for (;;) {
            const batch = (await sql<{ j: string }>`FETCH 2000 FROM helhed_backup`.execute(trx)).rows;
            if (!batch.length) break;
            for (const r of batch) await w.line(r.j);
            written += batch.length;
          }
          await sql`CLOSE helhed_backup`.execute(trx);
          if (written !== n) throw new Error(`Tabellen ${t.name} ændrede sig under sikkerhedskopien (${n} ≠ ${written}).`);
          rows += written;
        }
        await w.line(JSON.stringify({ end: true, tables: tables.length, rows }));
        return { migration, tables: tables.length, rows };
      });
    await w.end();
    renameSync(tmp, file);
    return result;
  } catch (err) {
    w.abort();
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** Whether a database holds nothing anyone entered (only the reference data migrations and start-up load). */
export async function isEmptyDatabase(db: Executor): Promise<boolean> {
  for (const t of userData) {
    const r = await sql<{ any: boolean }>`SELECT EXISTS (SELECT 1 FROM ${sql.table(t)}) AS any`.execute(db);
    if (r.rows[0]?.any) return false;
  }
  return true;
}

async function insertBatch(trx: Trx, t: TableInfo, lines: string[]) {
  if (!lines.length) return;
  const cols = sql.join(t.columns.map((c) => sql.ref(c)));
  const values = sql.join(t.columns.map((c) => (t.selfRefs.includes(c) ? sql`NULL` : sql.ref(`j.${c}`))));
  await sql`
    INSERT INTO ${sql.table(t.name)} (${cols}) OVERRIDING SYSTEM VALUE
    SELECT ${values} FROM json_populate_recordset(NULL::${sql.table(t.name)}, ${`[${lines.join(',')}]`}::json) j
  `.execute(trx);
}

/** The second pass for a table that refers to itself: the references, once every row exists. */
async function linkSelfRefs(trx: Trx, t: TableInfo, lines: string[]) {
  if (!lines.length || !t.selfRefs.length || !t.primaryKey.length) return;
  const set = sql.join(t.selfRefs.map((c) => sql`${sql.ref(c)} = j.${sql.ref(c)}`));
  const match = sql.join(
    t.primaryKey.map((c) => sql`x.${sql.ref(c)} = j.${sql.ref(c)}`),
    sql` AND `,
  );
  await sql`
    UPDATE ${sql.table(t.name)} x SET ${set}
    FROM json_populate_recordset(NULL::${sql.table(t.name)}, ${`[${lines.join(',')}]`}::json) j WHERE ${match}
  `.execute(trx);
}

export interface RestoreResult {
  migration: string | null;
  tables: number;
  rows: number;
}

/**
 * Restores a dump into an empty database migrated to the dump's level, in one transaction: every table is emptied (the
 * reference data comes from the dump), the rows are inserted in the dump's order (referenced tables first; a table's
 * references to itself in a second pass), and every identity sequence continues after the highest id. A non-empty
 * database or another migration level is refused before anything is written.
 */
export async function restoreDatabase(db: Db, file: string): Promise<RestoreResult> {
  const input = createReadStream(file).pipe(createGunzip());
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })[Symbol.asyncIterator]();
  const next = async (): Promise<string | null> => {
    try {
      const r = await lines.next();
      return r.done ? null : r.value;
    } catch (err) {
      throw new RestoreRefused(`Filen kan ikke læses som en Helhed-sikkerhedskopi (${(err as Error).message}).`);
    }
  };
  const parse = <T>(s: string | null): T => {
    try {
      return JSON.parse(s ?? '') as T;
    } catch {
      throw new RestoreRefused('Filen er ikke en Helhed-sikkerhedskopi, eller den er afkortet.');
    }
  };
  const header = parse<Header>(await next());
  if (header.format !== FORMAT || header.version !== VERSION)
    throw new RestoreRefused('Filen er ikke en Helhed-sikkerhedskopi (version 1).');
  const level = await migrationLevel(db);
  if (header.migration !== level) {
    throw new RestoreRefused(
      `Sikkerhedskopien er fra migreringsniveau ${header.migration ?? '(intet)'}, men databasen er på ${level ?? '(intet)'}. Gendan i en database på samme niveau.`,
    );
  }
  if (!(await isEmptyDatabase(db))) throw new RestoreRefused('Databasen er ikke tom. Gendan kun i en ny, migreret database.');

  return db.transaction().execute(async (trx) => {
    const tables = new Map((await tablesInOrder(trx)).map((t) => [t.name, t]));
    await sql`TRUNCATE ${sql.join([...tables.keys()].map((n) => sql.table(n)))} RESTART IDENTITY CASCADE`.execute(trx);
    let rows = 0;
    let count = 0;
    for (let line = await next(); ; line = await next()) {
      if (line === null) throw new RestoreRefused('Sikkerhedskopien er afkortet (slutningen mangler). Intet er gendannet.');
      const mark = parse<{ table?: string; rows?: number; end?: boolean }>(line);
      if (mark.end) break;
      const t = mark.table ? tables.get(mark.table) : undefined;
      if (!t || typeof mark.rows !== 'number')
        throw new RestoreRefused(`Sikkerhedskopien nævner en ukendt tabel (${mark.table ?? '?'}). Intet er gendannet.`);
      const self: string[] = [];
      let batch: string[] = [];
      let size = 0;
      for (let i = 0; i < mark.rows; i++) {
        const row = await next();
        if (row === null) throw new RestoreRefused('Sikkerhedskopien er afkortet. Intet er gendannet.');
        batch.push(row);
        if (t.selfRefs.length) self.push(row);
        size += row.length;
        if (batch.length >= 1000 || size > 4_000_000) {
          await insertBatch(trx, t, batch);
          batch = [];
          size = 0;
        }
      }
      await insertBatch(trx, t, batch);
      for (let i = 0; i < self.length; i += 1000) await linkSelfRefs(trx, t, self.slice(i, i + 1000));
      rows += mark.rows;
      count++;
    }
    // Identity and serial columns continue after the restored rows.
    const seqs = (
      await sql<{ table: string; column: string; seq: string }>`
        SELECT c.relname AS table, a.attname AS column, pg_get_serial_sequence(quote_ident(c.relname), a.attname) AS seq
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped`.execute(trx)
    ).rows.filter((r) => r.seq && !skipped.has(r.table));
    for (const s of seqs) {
      await sql`SELECT setval(${s.seq}::regclass, coalesce((SELECT max(${sql.ref(s.column)}) FROM ${sql.table(s.table)}), 0) + 1, false)`.execute(
        trx,
      );
    }
    return { migration: header.migration, tables: count, rows };
  });
}
