import { sql } from 'kysely';
/**
 * Read models: what a heavy page shows, kept per data version and audience (docs/benchmarks.md).
 *
 * The data version (`data_version`, migration 022) is bumped once by every write transaction at its commit, marked by
 * statement-level triggers on every table a page can show. A cached page is keyed by that version, so it cannot
 * outlive any write — including writes by use cases that know nothing of the cache.
 */
import type { Db, Executor } from '../db/database.ts';
import { memoWhileUnwritten } from '../db/write-counter.ts';
import type { Actor } from '../policy/actor.ts';

export interface DataVersion {
  /** Every tracked table but the audit log. */
  data: string;
  /** The audit log (history pages only). */
  audit: string;
}

/** The data version as one column (`1:<data>,2:<audit>`), for a query of its own or beside the sign-in. */
export const dataVersionColumn = sql<string>`(SELECT string_agg(id || ':' || version, ',' ORDER BY id) FROM data_version)`;

/** The data version from `dataVersionColumn`'s text. */
export function parseDataVersion(text: string | null): DataVersion {
  const v = new Map((text ?? '').split(',').map((x) => x.split(':') as [string, string]));
  return { data: v.get('1') ?? '0', audit: v.get('2') ?? '0' };
}

/**
 * The current data version: one read of two rows. Only history pages read the audit log, so other pages key on
 * `data` alone (a logged read of contact persons then leaves them cached). A signed-in request has it already: it is
 * read in the same round trip as the viewer (`resolveSession`, `resolveApiToken`).
 */
export function dataVersion(db: Executor): Promise<DataVersion> {
  // On the embedded database it is read again only after a write (`memoWhileUnwritten`).
  return memoWhileUnwritten(db, 'data_version', async () => {
    const r = await sql<{ v: string | null }>`SELECT ${dataVersionColumn} AS v`.execute(db);
    return parseDataVersion(r.rows[0]?.v ?? null);
  });
}

/**
 * Who a page is rendered for. A page shows what the viewer's grants allow, and the frame shows the viewer's name, so
 * the audience is the user with their grants; everyone who is not signed in shares one view. A view is therefore
 * never handed to anyone who might see less (or more) than the viewer it was rendered for.
 */
export function audienceOf(actor: Actor): string {
  if (actor.kind === 'anonymous') return 'anonymous';
  if (actor.kind === 'system') return `system:${actor.label}`;
  const grants = actor.grants
    .map((g) => [g.role, g.organisationId ?? '', g.administration ?? '', g.planId ?? '', g.bodyId ?? ''].join('/'))
    .sort()
    .join(',');
  return `user:${actor.id}:${actor.isDemo ? 'demo' : ''}:${grants}`;
}

/**
 * A kept answer (a page, an API list, a report's PDF or workbook): its body as UTF-8 bytes, cut where the viewer's
 * form token goes (`parts.length - 1` places; a file has one part), and the headers it is sent with.
 */
export interface KeptAnswer {
  parts: Buffer[];
  headers: Record<string, string>;
}

const keptBytes = (a: KeptAnswer) => a.parts.reduce((n, p) => n + p.byteLength, 512);

/** JavaScript strings are UTF-16: two bytes a code unit. */
const textBytes = (x: unknown) => (typeof x === 'string' ? 2 * x.length : (x as Uint8Array).byteLength);

/**
 * A cache bounded by the size of its entries in bytes, not by count; least recently used first out. Texts and byte
 * buffers are measured as they are; other values by `sizeOf` (an estimate of what they hold in memory).
 * `observe` drops every entry when the data version moves (their keys hold the old version).
 */
export class SizedCache<T = string> {
  private readonly entries = new Map<string, { text: T; bytes: number }>();
  private used = 0;
  private version = '';

  constructor(
    readonly maxBytes: number,
    private readonly sizeOf: (value: T) => number = textBytes,
  ) {}

  get bytes(): number {
    return this.used;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Moves to `version`: entries of another version can no longer be asked for (their key holds the version). */
  observe(version: string): void {
    if (version !== this.version) {
      this.entries.clear();
      this.used = 0;
      this.version = version;
    }
  }

  get(key: string): T | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    this.entries.delete(key);
    this.entries.set(key, e);
    return e.text;
  }

  set(key: string, text: T): void {
    const bytes = this.sizeOf(text) + 2 * key.length;
    if (bytes > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.used -= old.bytes;
    }
    this.entries.set(key, { text, bytes });
    this.used += bytes;
    while (this.used > this.maxBytes) {
      const [k, e] = this.entries.entries().next().value!;
      this.entries.delete(k);
      this.used -= e.bytes;
    }
  }
}

/** 32 MB of pages and API lists for each database the process serves. */
export const READ_MODEL_BYTES = 32 * 1024 * 1024;

const caches = new WeakMap<Db, SizedCache<KeptAnswer>>();
const fileCaches = new WeakMap<Db, SizedCache<KeptAnswer>>();

function cacheIn(map: WeakMap<Db, SizedCache<KeptAnswer>>, db: Db, bytes: number): SizedCache<KeptAnswer> {
  let c = map.get(db);
  if (!c) {
    c = new SizedCache<KeptAnswer>(bytes, keptBytes);
    map.set(db, c);
  }
  return c;
}

/** The page cache of a database (one per database, so two apps in one process never share one). */
export const pageCacheOf = (db: Db) => cacheIn(caches, db, READ_MODEL_BYTES);

/** The same for files made from the data (a report's PDF and workbook), with their own 16 MB. */
export const fileCacheOf = (db: Db) => cacheIn(fileCaches, db, READ_MODEL_BYTES / 2);
