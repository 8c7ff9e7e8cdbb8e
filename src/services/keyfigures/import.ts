/**
 * Statistics import per year (R18): upload → preview with row errors → all-or-nothing import in one
 * transaction. Importing a year replaces that year's figures cleanly; every import keeps its
 * provenance (file, date, who), and replaced imports stay listed.
 */
import { sql } from 'kysely';
import { recordAudit } from '../../db/audit.ts';
import type { Executor } from '../../db/database.ts';
import type { ImportRow, ImportRowError, StoredRatios } from '../../db/tables/keyfigures.ts';
import { assertVersion } from '../../db/versioned.ts';
import { decimal } from '../../domain/keyfigures/index.ts';
import { Conflict, Invalid, NotFound } from '../../errors.ts';
import { actorLabel, authorize } from '../../policy/index.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { checkGrid, csvGrid, type EstateLookup, type Grid, xlsxGrid } from './parse.ts';

export interface UploadInput {
  year: number;
  fileName: string;
  /** The file's bytes (CSV or .xlsx), or CSV text. */
  data: Uint8Array | string;
  /** The region's average gross income in whole kroner, for the income criterion (R20). */
  regionIncomeKr: number | null;
  /** The national conviction rate in percent as written, e.g. "0.95" (R20). */
  nationalConvictionRate: string | null;
}

export interface ImportSummary {
  id: number;
  year: number;
  fileName: string;
  fileKind: 'csv' | 'xlsx';
  status: 'preview' | 'imported' | 'replaced' | 'discarded';
  uploadedBy: string;
  uploadedAt: Date;
  importedAt: Date | null;
  rowCount: number;
  errorCount: number;
  regionIncomeOre: number | null;
  nationalConvictionRate: string | null;
  version: number;
}

export interface MunicipalityFigures {
  residents: number;
  ratios: StoredRatios;
}

export interface ImportDetail extends ImportSummary {
  /** The whole municipality's figures, when the file has a row for them. */
  municipality: MunicipalityFigures | null;
  rows: ImportRow[];
  errors: ImportRowError[];
  /** Whether the year already has imported figures, which this import would replace. */
  replaces: ImportSummary | null;
  /** R18 — what saving would replace: the year's figures now and the file's (estates and residents); null when the year has none. */
  replacement: KeyfigureReplacement | null;
}

export interface KeyfigureReplacement {
  year: number;
  before: { estates: number; residents: number };
  after: { estates: number; residents: number };
}

/** R18 — the year's stored figures against the file's rows; `null` when the year has no figures yet. */
async function replacementOf(db: Executor, year: number, rows: ImportRow[]): Promise<KeyfigureReplacement | null> {
  const now = await db
    .selectFrom('keyfigure_estate_year')
    .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.sum<string>('residents').as('residents')])
    .where('year', '=', year)
    .executeTakeFirstOrThrow();
  if (Number(now.n) === 0) return null;
  return {
    year,
    before: { estates: Number(now.n), residents: Number(now.residents ?? 0) },
    after: { estates: rows.length, residents: rows.reduce((s, r) => s + r.residents, 0) },
  };
}

const n = (x: number) => x.toLocaleString('da-DK');

/** The replacement in one Danish sentence. */
export function keyfigureReplacementText(r: KeyfigureReplacement): string {
  return `Statistikken for ${r.year} findes allerede for ${n(r.before.estates)} afdelinger med ${n(r.before.residents)} beboere; den erstattes helt af filens ${n(r.after.estates)} afdelinger med ${n(r.after.residents)} beboere.`;
}

/** R18 — saving would replace a year's figures, and the replacement was not confirmed: nothing is written. */
export class KeyfigureReplaceNotConfirmed extends Conflict {
  constructor(readonly replacement: KeyfigureReplacement) {
    super({ replaces: replacement }, [], `${keyfigureReplacementText(replacement)} Bekræft erstatningen; intet er gemt.`);
  }
}

const isXlsx = (name: string, data: Uint8Array | string) =>
  typeof data !== 'string' && (name.toLowerCase().endsWith('.xlsx') || (data[0] === 0x50 && data[1] === 0x4b));

async function estateLookup(db: Executor): Promise<EstateLookup> {
  const rows = await db
    .selectFrom('estate as e')
    .innerJoin('organisation as o', 'o.id', 'e.organisation_id')
    .select(['e.id', 'e.number', 'e.name', 'o.short_name'])
    .execute();
  const map = new Map(
    rows.map((r) => [`${r.short_name.toLowerCase()}|${r.number}`, { id: r.id, label: `${r.name} (${r.short_name} afd. ${r.number})` }]),
  );
  return (org, number) => map.get(`${org.trim().toLowerCase()}|${number}`);
}

/** R18 — reads a file into rows and row errors (nothing is saved). */
export async function checkFile(
  db: Executor,
  fileName: string,
  data: Uint8Array | string,
): Promise<{ kind: 'csv' | 'xlsx'; rows: ImportRow[]; errors: ImportRowError[]; municipality: MunicipalityFigures | null }> {
  const kind = isXlsx(fileName, data) ? 'xlsx' : 'csv';
  let grid: Grid;
  try {
    grid =
      kind === 'xlsx'
        ? await xlsxGrid(data as Uint8Array)
        : csvGrid(typeof data === 'string' ? data : new TextDecoder('utf-8').decode(data));
  } catch (e) {
    const what = kind === 'xlsx' ? 'et Excel-ark (.xlsx)' : 'CSV';
    return {
      kind,
      rows: [],
      municipality: null,
      errors: [{ line: 0, message: `Filen kan ikke læses som ${what}: ${(e as Error).message}` }],
    };
  }
  const checked = checkGrid(grid, await estateLookup(db));
  return {
    kind,
    rows: checked.rows,
    errors: checked.errors,
    municipality: checked.municipality ? { residents: checked.municipality.residents, ratios: checked.municipality.ratios } : null,
  };
}

const summaryOf = (r: {
  id: number;
  year: number;
  file_name: string;
  file_kind: 'csv' | 'xlsx';
  status: ImportSummary['status'];
  uploaded_by_label: string;
  created_at: Date;
  imported_at: Date | null;
  row_count: number;
  error_count: number;
  region_income_ore: number | null;
  national_conviction_rate: string | null;
  version: number;
}): ImportSummary => ({
  id: r.id,
  year: r.year,
  fileName: r.file_name,
  fileKind: r.file_kind,
  status: r.status,
  uploadedBy: r.uploaded_by_label,
  uploadedAt: r.created_at,
  importedAt: r.imported_at,
  rowCount: r.row_count,
  errorCount: r.error_count,
  regionIncomeOre: r.region_income_ore,
  nationalConvictionRate: r.national_conviction_rate,
  version: r.version,
});

const summaryColumns = [
  'id',
  'year',
  'file_name',
  'file_kind',
  'status',
  'uploaded_by_label',
  'created_at',
  'imported_at',
  'row_count',
  'error_count',
  'region_income_ore',
  'national_conviction_rate',
  'version',
] as const;

/** R18 — validates the form's year and national values; Danish messages per field. */
function validateUpload(input: UploadInput): void {
  const errors: Record<string, string> = {};
  if (!Number.isInteger(input.year) || input.year < 1990 || input.year > 2100) errors.year = 'Skriv et årstal mellem 1990 og 2100.';
  if (input.regionIncomeKr !== null && (!Number.isSafeInteger(input.regionIncomeKr) || input.regionIncomeKr <= 0)) {
    errors.regionIncomeKr = 'Regionens gennemsnitlige bruttoindkomst skal være et helt, positivt beløb i kroner.';
  }
  if (input.nationalConvictionRate !== null) {
    const ok = /^\d{1,2}(\.\d{1,4})?$/.test(input.nationalConvictionRate);
    if (!ok || Number(input.nationalConvictionRate) <= 0)
      errors.nationalConvictionRate = 'Landsgennemsnittet for dømte skal være en procent, fx 0,95.';
    else decimal(input.nationalConvictionRate);
  }
  if (input.fileName.trim() === '' || (typeof input.data === 'string' ? input.data.trim() === '' : input.data.length === 0)) {
    errors.file = 'Vælg en fil (CSV eller Excel), eller indsæt CSV-tekst.';
  }
  if (Object.keys(errors).length) throw new Invalid(errors);
}

/** R18 — step 1: upload a file; its rows and row errors are kept for the preview. Returns the import id. */
export async function uploadStatistics(ctx: ServiceContext, input: UploadInput): Promise<number> {
  authorize(ctx.actor, 'import', { type: 'keyfigures' });
  validateUpload(input);
  const checked = await checkFile(ctx.db, input.fileName, input.data);
  return inTransaction(ctx, async (trx) => {
    const row = await trx
      .insertInto('keyfigure_import')
      .values({
        year: input.year,
        file_name: input.fileName.slice(0, 200),
        file_kind: checked.kind,
        uploaded_by_user_id: ctx.actor.kind === 'user' ? ctx.actor.id : null,
        uploaded_by_label: actorLabel(ctx.actor),
        row_count: checked.rows.length,
        error_count: checked.errors.length,
        rows: JSON.stringify(checked.rows),
        errors: JSON.stringify(checked.errors),
        region_income_ore: input.regionIncomeKr === null ? null : input.regionIncomeKr * 100,
        national_conviction_rate: input.nationalConvictionRate,
        municipality_figures: checked.municipality ? JSON.stringify(checked.municipality) : null,
        created_at: ctx.now(),
        updated_at: ctx.now(),
      })
      .returning(['id', 'version'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx.actor, {
      action: 'upload',
      entityType: 'keyfigure_import',
      entityId: row.id,
      version: row.version,
      summary: `Indlæste ${input.fileName} med statistik for ${input.year} til gennemsyn (${checked.rows.length} rækker, ${checked.errors.length} fejl)`,
      after: { fil: input.fileName, år: input.year, rækker: checked.rows.length, fejl: checked.errors.length, status: 'preview' },
    });
    return row.id;
  });
}

/** R18 — imports and their provenance, newest first. */
export async function listImports(ctx: ServiceContext): Promise<ImportSummary[]> {
  authorize(ctx.actor, 'import', { type: 'keyfigures' });
  const rows = await ctx.db
    .selectFrom('keyfigure_import')
    .select(summaryColumns)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(summaryOf);
}

/** The current (imported) import of each year, with provenance, for everyone to see. */
export async function currentImports(db: Executor): Promise<ImportSummary[]> {
  const rows = await db.selectFrom('keyfigure_import').select(summaryColumns).where('status', '=', 'imported').orderBy('year').execute();
  return rows.map(summaryOf);
}

export async function getImport(ctx: ServiceContext, id: number): Promise<ImportDetail> {
  authorize(ctx.actor, 'import', { type: 'keyfigures' });
  const row = await ctx.db.selectFrom('keyfigure_import').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound('Indlæsningen findes ikke.');
  const current = await ctx.db
    .selectFrom('keyfigure_import')
    .select(summaryColumns)
    .where('year', '=', row.year)
    .where('status', '=', 'imported')
    .where('id', '<>', id)
    .executeTakeFirst();
  return {
    ...summaryOf(row),
    municipality: row.municipality_figures,
    rows: row.rows,
    errors: row.errors,
    replaces: current ? summaryOf(current) : null,
    replacement: row.status === 'preview' ? await replacementOf(ctx.db, row.year, row.rows) : null,
  };
}

/**
 * R18 — step 2: saves a previewed file, all or nothing, in one transaction: the year's earlier figures
 * are removed and the earlier import marked as replaced — only when the replacement is confirmed
 * (`confirmReplace`), else `KeyfigureReplaceNotConfirmed` says what would go and nothing is written.
 * A file with any row error is refused whole.
 */
export async function confirmImport(
  ctx: ServiceContext,
  id: number,
  version: number,
  o: { confirmReplace: boolean } = { confirmReplace: false },
): Promise<{ year: number; rows: number }> {
  return inTransaction(ctx, async (trx) => {
    authorize(ctx.actor, 'import', { type: 'keyfigures' });
    const current = await trx.selectFrom('keyfigure_import').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!current) throw new NotFound('Indlæsningen findes ikke.');
    await assertVersion(trx, current as never, version, 'keyfigure_import');
    if (current.status !== 'preview') {
      throw new Conflict(
        current as never,
        [],
        current.status === 'imported' ? 'Filen er allerede gemt.' : 'Indlæsningen er afsluttet og kan ikke gemmes.',
      );
    }
    if (current.error_count > 0) {
      throw new Invalid(
        { file: `Filen har ${current.error_count} fejl. Ret filen, og indlæs den igen – intet er gemt.` },
        'Filen har fejl; intet er gemt.',
      );
    }
    // The rows were checked against the registry at upload; an estate deleted since must stop the import.
    const ids = current.rows.map((r) => r.estateId);
    const existing = ids.length ? await trx.selectFrom('estate').select('id').where('id', 'in', ids).execute() : [];
    if (existing.length !== new Set(ids).size)
      throw new Invalid({ file: 'En afdeling i filen er slettet fra registeret siden indlæsningen. Indlæs filen igen.' });

    const previous = await trx
      .selectFrom('keyfigure_import')
      .select(['id', 'file_name'])
      .where('year', '=', current.year)
      .where('status', '=', 'imported')
      .forUpdate()
      .executeTakeFirst();
    // Nothing is replaced silently: the year's figures go only when the user confirmed it (checked after the lock).
    const replacement = await replacementOf(trx, current.year, current.rows);
    if (replacement && !o.confirmReplace) throw new KeyfigureReplaceNotConfirmed(replacement);
    await trx.deleteFrom('keyfigure_estate_year').where('year', '=', current.year).execute();
    if (previous)
      await trx
        .updateTable('keyfigure_import')
        .set({ status: 'replaced', version: sql`version + 1`, updated_at: ctx.now() })
        .where('id', '=', previous.id)
        .execute();
    for (let i = 0; i < current.rows.length; i += 500) {
      await trx
        .insertInto('keyfigure_estate_year')
        .values(
          current.rows.slice(i, i + 500).map((r) => ({
            estate_id: r.estateId,
            year: current.year,
            import_id: id,
            residents: r.residents,
            ratios: JSON.stringify(r.ratios),
          })),
        )
        .execute();
    }
    const after = await trx
      .updateTable('keyfigure_import')
      .set({ status: 'imported', imported_at: ctx.now(), version: current.version + 1, updated_at: ctx.now() })
      .where('id', '=', id)
      .returning(['version'])
      .executeTakeFirstOrThrow();
    const replaced = previous ? ` og erstattede ${previous.file_name}` : '';
    await recordAudit(trx, ctx.actor, {
      action: 'import',
      entityType: 'keyfigure_import',
      entityId: id,
      version: after.version,
      summary: `Gemte statistikken for ${current.year} fra ${current.file_name} (${current.rows.length} afdelinger)${replaced}`,
      changes: [
        { field: 'status', before: 'preview', after: 'imported' },
        ...(replacement
          ? [
              { field: 'afdelinger', before: replacement.before.estates, after: replacement.after.estates },
              { field: 'beboere', before: replacement.before.residents, after: replacement.after.residents },
              { field: 'erstatning_bekræftet', before: null, after: true },
            ]
          : []),
      ],
    });
    return { year: current.year, rows: current.rows.length };
  });
}

/** R18 — drops a preview without saving anything. */
export async function discardImport(ctx: ServiceContext, id: number, version: number): Promise<void> {
  await inTransaction(ctx, async (trx) => {
    authorize(ctx.actor, 'import', { type: 'keyfigures' });
    const current = await trx.selectFrom('keyfigure_import').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!current) throw new NotFound('Indlæsningen findes ikke.');
    await assertVersion(trx, current as never, version, 'keyfigure_import');
    if (current.status !== 'preview') throw new Conflict(current as never, [], 'Kun en indlæsning til gennemsyn kan kasseres.');
    const after = await trx
      .updateTable('keyfigure_import')
      .set({ status: 'discarded', rows: '[]', version: current.version + 1, updated_at: ctx.now() })
      .where('id', '=', id)
      .returning(['version'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, ctx.actor, {
      action: 'discard',
      entityType: 'keyfigure_import',
      entityId: id,
      version: after.version,
      summary: `Kasserede ${current.file_name} (${current.year})`,
      changes: [{ field: 'status', before: 'preview', after: 'discarded' }],
    });
  });
}

/** The estates an import file names, for the downloadable template: only for those who may import. */
export async function importTemplateEstates(ctx: ServiceContext) {
  authorize(ctx.actor, 'import', { type: 'keyfigures' });
  return ctx.db
    .selectFrom('estate as e')
    .innerJoin('organisation as o', 'o.id', 'e.organisation_id')
    .select(['o.short_name as organisation', 'e.number', 'e.name'])
    .orderBy('o.short_name')
    .orderBy('e.number')
    .execute();
}
