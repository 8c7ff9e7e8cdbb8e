import { sql } from 'kysely';
import { recordAudit } from '../../db/audit.ts';
import type { Db, Executor, Trx } from '../../db/database.ts';
import type { ImportRow, ImportRowError } from '../../db/tables/money.ts';
import { kr, sumOre } from '../../domain/money/amount.ts';
import { type RawAccountRow, validateAccountRows } from '../../domain/money/accounts.ts';
import { planYears } from '../../domain/money/budget.ts';
import { Conflict, Invalid, NotFound } from '../../errors.ts';
import { type Actor, actorLabel, actorUserId, authorize } from '../../policy/index.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { budgetSubject } from './access.ts';
import { readAccountsFile } from './accounts-file.ts';

export interface EntryInput {
  lineId: number;
  year: number;
  amountOre: number;
  bookedOn: string | null;
  text: string;
}

async function planLinesAndYears(db: Db | Trx, planId: number) {
  const plan = await db.selectFrom('plan').select(['starts_on', 'ends_on', 'name']).where('id', '=', planId).executeTakeFirstOrThrow();
  const lines = await db
    .selectFrom('budget_line')
    .select(['id', 'name'])
    .where('plan_id', '=', planId)
    .orderBy('sort')
    .orderBy('id')
    .execute();
  return { name: plan.name, lines, years: planYears(plan.starts_on, plan.ends_on) };
}

/** The plan's account entries, newest first (read access as for the budget). */
export async function listEntries(ctx: ServiceContext, planId: number) {
  authorize(ctx.actor, 'read', await budgetSubject(ctx.db, planId));
  return ctx.db
    .selectFrom('account_entry as e')
    .innerJoin('budget_line as l', 'l.id', 'e.line_id')
    .select([
      'e.id',
      'e.line_id as lineId',
      'l.name as lineName',
      'e.year',
      'e.amount_ore as amountOre',
      'e.booked_on as bookedOn',
      'e.text',
      'e.import_id as importId',
      'e.created_by_label as createdBy',
      'e.created_at as createdAt',
    ])
    .where('e.plan_id', '=', planId)
    .orderBy('e.year', 'desc')
    .orderBy('e.id', 'desc')
    .execute();
}

/** R7 — records one posting of actual spending by hand. */
export async function addEntry(ctx: ServiceContext, planId: number, input: EntryInput): Promise<number> {
  return inTransaction(ctx, async (trx) => {
    authorize(ctx.actor, 'recordAccounts', await budgetSubject(trx, planId));
    const p = await planLinesAndYears(trx, planId);
    const line = p.lines.find((l) => l.id === input.lineId);
    const errors: Record<string, string> = {};
    if (!line) errors.lineId = 'Vælg en af planens budgetlinjer.';
    if (!p.years.includes(input.year)) errors.year = `Året skal ligge i planens periode (${p.years[0]}–${p.years.at(-1)}).`;
    if (input.bookedOn && Number(input.bookedOn.slice(0, 4)) !== input.year) errors.bookedOn = `Datoen ligger ikke i året ${input.year}.`;
    if (input.amountOre === 0) errors.amount = 'Beløbet må ikke være 0 kr.';
    if (Object.keys(errors).length) throw new Invalid(errors);
    const row = await trx
      .insertInto('account_entry')
      .values({
        plan_id: planId,
        line_id: input.lineId,
        year: input.year,
        amount_ore: input.amountOre,
        booked_on: input.bookedOn,
        text: input.text,
        created_by_label: actorLabel(ctx.actor),
        created_by_user_id: actorUserId(ctx.actor),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx.actor, {
      action: 'create',
      entityType: 'account_entry',
      entityId: row.id,
      planId,
      summary: `Regnskab ${input.year}, ${line!.name}: ${kr(input.amountOre)}`,
      after: { ...input },
    });
    return row.id;
  });
}

/** R7 — removes a posting entered by hand (imported postings are replaced by a new import). */
export async function deleteEntry(ctx: ServiceContext, planId: number, entryId: number): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    authorize(ctx.actor, 'recordAccounts', await budgetSubject(trx, planId));
    const e = await trx.selectFrom('account_entry').selectAll().where('id', '=', entryId).where('plan_id', '=', planId).executeTakeFirst();
    if (!e) throw new NotFound('Posten findes ikke.');
    if (e.import_id !== null) throw new Invalid({ entry: 'Posten kommer fra en indlæst fil; indlæs en rettet fil for året i stedet.' });
    await trx.deleteFrom('account_entry').where('id', '=', entryId).execute();
    await recordAudit(trx, ctx.actor, {
      action: 'delete',
      entityType: 'account_entry',
      entityId: entryId,
      planId,
      summary: `Slettede regnskabspost ${e.year}: ${kr(e.amount_ore)}`,
      before: e,
    });
  });
}

// ---------------------------------------------------------------- import

/** Files up to this many rows are imported at once; larger ones run in the background with a progress bar. */
export const INLINE_ROWS = 1000;
const CHUNK = 250;

/** In-process progress of running imports (one server process owns the database). */
const progress = new Map<number, { done: number; total: number }>();
const running = new Map<number, Promise<void>>();

/**
 * R7 — what booking an import would replace: per year of the file, the postings earlier imports booked (they go)
 * and the file's postings (they come). Postings entered by hand are not touched and not counted.
 */
export interface Replacement {
  years: { year: number; before: { count: number; sumOre: number }; after: { count: number; sumOre: number } }[];
  before: { count: number; sumOre: number };
  after: { count: number; sumOre: number };
}

/** R7 — the earlier imported postings in the file's years, against the file's rows; `null` when nothing would be replaced. */
export async function replacementOf(
  db: Executor,
  planId: number,
  rows: { year: number; amountOre: number }[],
): Promise<Replacement | null> {
  const years = [...new Set(rows.map((r) => r.year))].sort();
  if (!years.length) return null;
  const existing = await db
    .selectFrom('account_entry')
    .select((eb) => ['year', eb.fn.countAll<string>().as('n'), eb.fn.sum<string>('amount_ore').as('sum')])
    .where('plan_id', '=', planId)
    .where('import_id', 'is not', null)
    .where('year', 'in', years)
    .groupBy('year')
    .execute();
  if (!existing.length) return null;
  const perYear = years.map((year) => {
    const e = existing.find((x) => x.year === year);
    const mine = rows.filter((r) => r.year === year);
    return {
      year,
      before: { count: Number(e?.n ?? 0), sumOre: Number(e?.sum ?? 0) },
      after: { count: mine.length, sumOre: sumOre(mine.map((r) => r.amountOre)) },
    };
  });
  const total = (k: 'before' | 'after') => ({
    count: perYear.reduce((n, y) => n + y[k].count, 0),
    sumOre: sumOre(perYear.map((y) => y[k].sumOre)),
  });
  return { years: perYear, before: total('before'), after: total('after') };
}

/** The replacement in one Danish sentence (the refusal and the audit say it). */
export function replacementText(r: Replacement): string {
  const years = r.years.filter((y) => y.before.count > 0).map((y) => y.year);
  return `Indlæsningen erstatter ${r.before.count} tidligere indlæste ${r.before.count === 1 ? 'post' : 'poster'} på i alt ${kr(r.before.sumOre)} for ${years.join(', ')} med ${r.after.count} ${r.after.count === 1 ? 'post' : 'poster'} på i alt ${kr(r.after.sumOre)}.`;
}

/** R7 — an import would replace earlier imported postings, and the replacement was not confirmed: nothing is written. */
export class ReplaceNotConfirmed extends Conflict {
  constructor(readonly replacement: Replacement) {
    super(
      { replaces: replacement },
      [],
      `${replacementText(replacement)} Bekræft, at de tidligere indlæste poster skal erstattes; intet er gemt.`,
    );
  }
}

export interface ImportDetail {
  id: number;
  planId: number;
  fileName: string;
  status: 'preview' | 'running' | 'done' | 'failed' | 'discarded';
  rows: ImportRow[];
  errors: ImportRowError[];
  rowCount: number;
  totalOre: number;
  years: number[];
  message: string;
  createdBy: string;
  createdAt: Date;
  done: number;
  /** What booking this preview would replace (null: nothing). */
  replaces: Replacement | null;
}

/**
 * R7 — reads an uploaded accounts file and checks every row against the plan's budget lines and years.
 * Nothing is booked: the rows and the row errors are kept for the preview. Returns the import's id.
 */
export async function previewImport(ctx: ServiceContext, planId: number, file: { name: string; data: Uint8Array }): Promise<number> {
  authorize(ctx.actor, 'recordAccounts', await budgetSubject(ctx.db, planId));
  const read = await readAccountsFile(file.name, file.data);
  if (!read.ok) throw new Invalid({ file: read.message }, 'Filen kan ikke læses.');
  return stagePreview(ctx, planId, file.name, read.rows);
}

async function stagePreview(ctx: ServiceContext, planId: number, fileName: string, raw: RawAccountRow[]): Promise<number> {
  const p = await planLinesAndYears(ctx.db, planId);
  if (!p.lines.length) throw new Invalid({ file: 'Planen har ingen budgetlinjer endnu; regnskabet bogføres på budgetlinjerne.' });
  const { rows, errors } = validateAccountRows(raw, p);
  const years = [...new Set(rows.map((r) => r.year))].sort();
  return inTransaction(ctx, async (trx) => {
    const row = await trx
      .insertInto('account_import')
      .values({
        plan_id: planId,
        file_name: fileName.slice(0, 200),
        rows: JSON.stringify(rows),
        errors: JSON.stringify(errors),
        row_count: raw.length,
        total_ore: sumOre(rows.map((r) => r.amountOre)),
        years: JSON.stringify(years),
        created_by: ctx.actor.kind === 'user' ? ctx.actor.id : null,
        created_by_label: actorLabel(ctx.actor),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx.actor, {
      action: 'create',
      entityType: 'account_import',
      entityId: row.id,
      planId,
      summary: `Forhåndsviste regnskab fra ${fileName.slice(0, 200)}`,
      after: {
        fil: fileName.slice(0, 200),
        rækker: raw.length,
        fejl: errors.length,
        beløb: sumOre(rows.map((r) => r.amountOre)),
        år: years.join(', '),
      },
    });
    return row.id;
  });
}

export async function getImport(ctx: ServiceContext, planId: number, importId: number): Promise<ImportDetail> {
  authorize(ctx.actor, 'recordAccounts', await budgetSubject(ctx.db, planId));
  const r = await ctx.db
    .selectFrom('account_import')
    .selectAll()
    .where('id', '=', importId)
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  if (!r) throw new NotFound('Indlæsningen findes ikke.');
  const p = progress.get(importId);
  if (r.status === 'running' && !p && !running.has(importId)) {
    // The process that ran it stopped (its transaction rolled back): say so instead of waiting forever.
    r.status = 'failed';
    r.message = 'Indlæsningen blev afbrudt (serveren genstartede), og intet blev gemt. Indlæs filen igen.';
    await ctx.db
      .updateTable('account_import')
      .set({ status: 'failed', message: r.message, finished_at: sql`now()` })
      .where('id', '=', importId)
      .where('status', '=', 'running')
      .execute();
  }
  return {
    id: r.id,
    planId,
    fileName: r.file_name,
    status: r.status,
    rows: r.rows,
    errors: r.errors,
    rowCount: r.row_count,
    totalOre: r.total_ore,
    years: r.years,
    message: r.message,
    createdBy: r.created_by_label,
    createdAt: r.created_at,
    done: r.status === 'done' ? r.rows.length : (p?.done ?? 0),
    replaces: r.status === 'preview' && r.errors.length === 0 ? await replacementOf(ctx.db, planId, r.rows) : null,
  };
}

/** The latest imports of a plan, for the accounts page. */
export async function listImports(ctx: ServiceContext, planId: number) {
  authorize(ctx.actor, 'read', await budgetSubject(ctx.db, planId));
  return ctx.db
    .selectFrom('account_import')
    .select([
      'id',
      'file_name as fileName',
      'status',
      'row_count as rowCount',
      'total_ore as totalOre',
      'created_by_label as createdBy',
      'created_at as createdAt',
    ])
    .where('plan_id', '=', planId)
    .where('status', 'in', ['done', 'failed', 'running'])
    .orderBy('id', 'desc')
    .limit(20)
    .execute();
}

/**
 * R7 — books a previewed import all or nothing: in one transaction it replaces the postings earlier imports
 * made for the same years (postings entered by hand stay) and inserts every row. Nothing is replaced silently:
 * when earlier imported postings would go, the caller must confirm it (`confirmReplace`), else `ReplaceNotConfirmed`
 * says what would be replaced and nothing is written. A file with row errors is never booked. Small files are
 * booked now (`done: true`); large ones in the background, with progress.
 */
export async function commitImport(
  ctx: ServiceContext,
  planId: number,
  importId: number,
  o: { confirmReplace: boolean } = { confirmReplace: false },
): Promise<{ done: boolean }> {
  authorize(ctx.actor, 'recordAccounts', await budgetSubject(ctx.db, planId));
  if (!o.confirmReplace) {
    const staged = await ctx.db
      .selectFrom('account_import')
      .select(['rows', 'status', 'errors'])
      .where('id', '=', importId)
      .where('plan_id', '=', planId)
      .executeTakeFirst();
    const replaces = staged?.status === 'preview' && !staged.errors.length ? await replacementOf(ctx.db, planId, staged.rows) : null;
    if (replaces) throw new ReplaceNotConfirmed(replaces);
  }
  const claimed = await ctx.db
    .updateTable('account_import')
    .set({ status: 'running' })
    .where('id', '=', importId)
    .where('plan_id', '=', planId)
    .where('status', '=', 'preview')
    .where(sql<boolean>`jsonb_array_length(errors) = 0`)
    .returningAll()
    .executeTakeFirst();
  if (!claimed) {
    const r = await ctx.db
      .selectFrom('account_import')
      .select(['status', 'errors'])
      .where('id', '=', importId)
      .where('plan_id', '=', planId)
      .executeTakeFirst();
    if (!r) throw new NotFound('Indlæsningen findes ikke.');
    if (r.errors.length)
      throw new Invalid({ file: `Filen har ${r.errors.length} fejl og kan ikke indlæses. Ret filen, og indlæs den igen.` });
    throw new Invalid({ file: r.status === 'done' ? 'Filen er allerede indlæst.' : 'Indlæsningen er allerede i gang eller kasseret.' });
  }
  const job = runImport(ctx.db, ctx.actor, planId, claimed.id, claimed.rows, claimed.years, claimed.file_name, o.confirmReplace);
  if (claimed.rows.length <= INLINE_ROWS) {
    await job;
    const after = await ctx.db
      .selectFrom('account_import')
      .select(['status', 'message'])
      .where('id', '=', importId)
      .executeTakeFirstOrThrow();
    if (after.status === 'failed') throw new Invalid({ file: after.message });
    return { done: true };
  }
  running.set(importId, job);
  void job.finally(() => running.delete(importId));
  return { done: false };
}

/** Waits for a background import (tests, and a graceful shutdown). */
export async function importFinished(importId: number): Promise<void> {
  await running.get(importId);
}

async function runImport(
  db: Db,
  actor: Actor,
  planId: number,
  importId: number,
  rows: ImportRow[],
  years: number[],
  fileName: string,
  confirmedReplace: boolean,
): Promise<void> {
  progress.set(importId, { done: 0, total: rows.length });
  try {
    await db.transaction().execute(async (trx) => {
      await trx.selectFrom('plan').select('id').where('id', '=', planId).forUpdate().execute();
      const replacedSum = years.length
        ? await trx
            .selectFrom('account_entry')
            .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.sum<string>('amount_ore').as('sum')])
            .where('plan_id', '=', planId)
            .where('import_id', 'is not', null)
            .where('year', 'in', years)
            .executeTakeFirstOrThrow()
        : { n: '0', sum: '0' };
      // Another import may have been booked for these years since the preview: never replace what was not confirmed.
      if (!confirmedReplace && Number(replacedSum.n) > 0)
        throw new Error(
          'der er indlæst poster for de samme år siden forhåndsvisningen. Se forhåndsvisningen igen, og bekræft erstatningen',
        );
      const replaced = years.length
        ? await trx
            .deleteFrom('account_entry')
            .where('plan_id', '=', planId)
            .where('import_id', 'is not', null)
            .where('year', 'in', years)
            .executeTakeFirst()
        : { numDeletedRows: 0n };
      for (let i = 0; i < rows.length; i += CHUNK) {
        const chunk = rows.slice(i, i + CHUNK);
        await trx
          .insertInto('account_entry')
          .values(
            chunk.map((r) => ({
              plan_id: planId,
              line_id: r.lineId,
              year: r.year,
              amount_ore: r.amountOre,
              booked_on: r.bookedOn,
              text: r.text || `${fileName}, række ${r.row}`,
              import_id: importId,
              created_by_label: actorLabel(actor),
              created_by_user_id: actorUserId(actor),
            })),
          )
          .execute();
        progress.set(importId, { done: Math.min(rows.length, i + CHUNK), total: rows.length });
      }
      await trx.updateTable('account_import').set({ status: 'done', finished_at: sql`now()` }).where('id', '=', importId).execute();
      await recordAudit(trx, actor, {
        action: 'import',
        entityType: 'account_import',
        entityId: importId,
        planId,
        summary: `Indlæste regnskab fra ${fileName}: ${rows.length} poster, ${kr(sumOre(rows.map((r) => r.amountOre)))} (${years.join(', ')}); erstattede ${Number(replaced.numDeletedRows)} tidligere indlæste poster`,
        // What the import replaced in its years, and what it booked instead.
        before: { status: 'preview', indlæste_poster: Number(replacedSum.n), indlæst_beløb: Number(replacedSum.sum ?? 0) },
        after: {
          status: 'done',
          indlæste_poster: rows.length,
          indlæst_beløb: sumOre(rows.map((r) => r.amountOre)),
          erstatning_bekræftet: confirmedReplace,
        },
      });
    });
  } catch (err) {
    await db
      .updateTable('account_import')
      .set({
        status: 'failed',
        message: `Indlæsningen blev afbrudt, og intet blev gemt: ${(err as Error).message}`,
        finished_at: sql`now()`,
      })
      .where('id', '=', importId)
      .execute();
  } finally {
    progress.delete(importId);
  }
}

/** Drops a preview without booking anything. */
export async function discardImport(ctx: ServiceContext, planId: number, importId: number): Promise<void> {
  authorize(ctx.actor, 'recordAccounts', await budgetSubject(ctx.db, planId));
  await inTransaction(ctx, async (trx) => {
    const r = await trx
      .updateTable('account_import')
      .set({ status: 'discarded', rows: JSON.stringify([]) })
      .where('id', '=', importId)
      .where('plan_id', '=', planId)
      .where('status', '=', 'preview')
      .returning(['file_name'])
      .executeTakeFirst();
    if (!r) throw new NotFound('Der er ingen forhåndsvisning at kassere.');
    await recordAudit(trx, ctx.actor, {
      action: 'update',
      entityType: 'account_import',
      entityId: importId,
      planId,
      summary: `Kasserede forhåndsvisningen af ${r.file_name}`,
      changes: [{ field: 'status', before: 'preview', after: 'discarded' }],
    });
  });
}

/** Øre as exact Danish text without grouping (`-1234,50`). */
function oreText(ore: number): string {
  const v = BigInt(ore);
  const abs = v < 0n ? -v : v;
  return `${v < 0n ? '-' : ''}${abs / 100n},${String(abs % 100n).padStart(2, '0')}`;
}

/**
 * API: rows as JSON, checked and booked at once (all or nothing); `dryRun` only checks and tells what would be
 * replaced. Rows for years with earlier imported postings are booked only with `confirmReplace` (R7: nothing is
 * replaced silently); without it the answer is `ReplaceNotConfirmed` with the replacement, and nothing is written.
 */
export async function importRows(
  ctx: ServiceContext,
  planId: number,
  rows: { budgetLine: string; year?: number | null; amountOre: number; bookedOn?: string | null; text?: string }[],
  dryRun: boolean,
  confirmReplace = false,
) {
  authorize(ctx.actor, 'recordAccounts', await budgetSubject(ctx.db, planId));
  const raw: RawAccountRow[] = rows.map((r, i) => ({
    row: i + 1,
    cells: {
      line: r.budgetLine,
      year: r.year ?? null,
      amount: Number.isSafeInteger(r.amountOre) ? oreText(r.amountOre) : 'x',
      date: r.bookedOn ?? null,
      text: r.text ?? '',
    },
  }));
  const p = await planLinesAndYears(ctx.db, planId);
  const { rows: ok, errors } = validateAccountRows(raw, p);
  if (errors.length)
    throw new Invalid(
      Object.fromEntries(errors.map((e) => [`rows[${e.row - 1}].${e.field}`, e.message])),
      `${errors.length} fejl i rækkerne; intet er gemt.`,
    );
  const replaces = await replacementOf(ctx.db, planId, ok);
  if (dryRun) return { imported: 0, totalOre: sumOre(ok.map((r) => r.amountOre)), importId: null, replaces };
  if (replaces && !confirmReplace) throw new ReplaceNotConfirmed(replaces);
  const id = await stagePreview(ctx, planId, 'API', raw);
  await commitImport(ctx, planId, id, { confirmReplace });
  await importFinished(id);
  const done = await ctx.db.selectFrom('account_import').select(['status', 'message']).where('id', '=', id).executeTakeFirstOrThrow();
  if (done.status === 'failed') throw new Invalid({ rows: done.message }, done.message);
  return { imported: ok.length, totalOre: sumOre(ok.map((r) => r.amountOre)), importId: id, replaces };
}
