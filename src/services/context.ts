import type { Db, Trx } from '../db/database.ts';
import type { Actor } from '../policy/actor.ts';

/** What every use case gets: the database, who acts, and the clock (fixed in tests). */
export interface ServiceContext {
  db: Db;
  actor: Actor;
  now: () => Date;
}

/**
 * Runs a use case in one transaction; everything it writes, audit included, commits or none of it. When the
 * context's database is already a transaction (a demo step composing use cases), the use case joins it.
 */
export const inTransaction = <T>(ctx: ServiceContext, fn: (trx: Trx) => Promise<T>): Promise<T> =>
  ctx.db.isTransaction ? fn(ctx.db as unknown as Trx) : ctx.db.transaction().execute(fn);

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

export interface PageQuery {
  page?: number;
  pageSize?: number;
}

export function pageBounds(q: PageQuery, max = 200): { page: number; pageSize: number; offset: number } {
  const pageSize = Math.min(Math.max(q.pageSize ?? 25, 1), max);
  const page = Math.max(q.page ?? 1, 1);
  return { page, pageSize, offset: (page - 1) * pageSize };
}

export const toPage = <T>(items: T[], total: number, page: number, pageSize: number): Page<T> => ({
  items,
  total,
  page,
  pageSize,
  pageCount: Math.max(1, Math.ceil(total / pageSize)),
});

export const isoDate = (d: Date) => d.toISOString().slice(0, 10);
