import type {
  KyselyPlugin,
  OperationNode,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';

/** Whether a statement is only a read: a SELECT, or raw SQL that starts with SELECT. Anything else may write. */
function isRead(node: OperationNode): boolean {
  if (node.kind === 'SelectQueryNode') return true;
  if (node.kind === 'RawNode') {
    const first = (node as OperationNode & { sqlFragments: readonly string[] }).sqlFragments[0] ?? '';
    return /^\s*select\b/i.test(first);
  }
  return false;
}

/**
 * Counts the statements that may write, on the embedded database. One process owns a PGlite data folder (it is
 * locked) and every statement goes through this Kysely instance, so while `writes` stands still nothing can have
 * changed: a value read from the database at count n is current as long as the count is n (`memoWhileUnwritten`).
 * The count moves when a write is sent, before it runs, so a read that overlaps a write is never taken as current.
 */
export class WriteCounter implements KyselyPlugin {
  writes = 0;

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (!isRead(args.node)) this.writes++;
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/** The write counter of an embedded database; none on PostgreSQL, where other processes write too, or in a transaction. */
export function writeCounterOf(db: {
  isTransaction: boolean;
  getExecutor(): { plugins: readonly KyselyPlugin[] };
}): WriteCounter | undefined {
  // Inside a transaction a read may see its own uncommitted writes (and a rollback sends no statement): never kept.
  if (db.isTransaction) return undefined;
  return db.getExecutor().plugins.find((p): p is WriteCounter => p instanceof WriteCounter);
}

const memos = new WeakMap<WriteCounter, { writes: number; values: Map<string, unknown> }>();
/** At most this many values are kept between two writes (sign-ins of distinct viewers, the data version). */
const MEMO_ENTRIES = 10_000;

/**
 * `read()`, kept on the embedded database under `key` while no statement has written since it was read; on PostgreSQL
 * (or in a transaction) always read. Only for small values that are a function of the database alone.
 */
export async function memoWhileUnwritten<T>(db: Parameters<typeof writeCounterOf>[0], key: string, read: () => Promise<T>): Promise<T> {
  const counter = writeCounterOf(db);
  if (!counter) return read();
  const kept = memos.get(counter);
  if (kept?.writes === counter.writes && kept.values.has(key)) return kept.values.get(key) as T;
  const at = counter.writes;
  const value = await read();
  if (counter.writes !== at) return value;
  let m = memos.get(counter);
  if (!m || m.writes !== at) {
    m = { writes: at, values: new Map() };
    memos.set(counter, m);
  }
  if (m.values.size >= MEMO_ENTRIES) m.values.clear();
  m.values.set(key, value);
  return value;
}
