import type { Db, Trx } from '../db/database.ts';
import { copenhagenParts } from '../domain/governance/time.ts';
import type { Actor } from '../policy/actor.ts';
import type { Executor } from '../db/database.ts';
import type { PlanSnapshot } from '../domain/plan-diff.ts';
import type { ApprovalStep, TransitionInput } from '../domain/plan-lifecycle.ts';

/** What a plan version also freezes besides the plan's own content (the money area: the budget). */
export type SnapshotPart = (db: Executor, planId: number) => Promise<Partial<PlanSnapshot>>;

/** Finds the organisation an entity belongs to, so its own staff may read its history. */
export type AuditOwner = (ctx: ServiceContext, id: string) => Promise<number | null>;

/** What an agenda item of a kind refers to, by id: its label and where it lives. */
export type AgendaRefResolver = (db: Executor, ids: number[]) => Promise<{ id: number; label: string; href: string }[]>;

/**
 * Steps another area adds to a plan's approval chain (R17: the area's cooperation contract is approved with the plan):
 * `steps` lists them with those already done; `recorded` runs in the plan's transaction when one is recorded.
 */
export interface ApprovalStepSource {
  steps: (db: Executor, planId: number) => Promise<{ steps: ApprovalStep[]; done: string[] }>;
  recorded: (trx: Trx, ctx: ServiceContext, planId: number, stepKey: string, input: TransitionInput) => Promise<void>;
}

/**
 * What the areas contribute to other areas' use cases, composed once at boot from the area modules
 * (`src/areas/`) and handed to every use case in its context — never filled by an import.
 */
export interface ServiceHooks {
  snapshotParts: readonly SnapshotPart[];
  auditOwners: Readonly<Record<string, AuditOwner>>;
  agendaRefs: Readonly<Record<string, AgendaRefResolver>>;
  /** Optional: contexts built by hand (tests, the CLI) may leave it out. */
  approvalSteps?: readonly ApprovalStepSource[];
}

/** What every use case gets: the database, who acts, the clock (fixed in tests) and the areas' hooks. */
export interface ServiceContext {
  db: Db;
  actor: Actor;
  now: () => Date;
  hooks: ServiceHooks;
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

/** The calendar day of an instant in Copenhagen, `YYYY-MM-DD`: the one notion of a date's "today" in Helhed. */
export const isoDate = (d: Date) => copenhagenParts(d).date;

/** Today in Copenhagen for this use case (the context's clock is fixed in tests). */
export const today = (ctx: { now: () => Date }): string => isoDate(ctx.now());
