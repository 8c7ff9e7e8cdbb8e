import { sql } from 'kysely';
/**
 * Reading the key figures (R18, R20): a year's figures per city, district, urban area and estate —
 * suppressed for those who may not see small counts — with the city comparison, Copenhagen's
 * configurable designation and the national criteria for the imported years.
 */
import type { Executor } from '../../db/database.ts';
import type { StoredRatios } from '../../db/tables/keyfigures.ts';
import {
  COPENHAGEN_INDICATORS,
  compareWithCity,
  criteriaSetForYear,
  type CriteriaSet,
  type DesignationVerdict,
  designationVerdict,
  type EstateStatistics,
  evaluateListCriteria,
  evaluateVulnerableArea,
  type Indicator,
  type IndicatorComparison,
  type ListEvaluation,
  type Measure,
  type NationalVariable,
  type OriginDefinitionId,
  originDefinition,
  type Rational,
  type VariableId,
  valueOf,
  type VulnerableAreaResult,
  type VulnerableAreaRule,
} from '../../domain/keyfigures/index.ts';
import { NotFound } from '../../errors.ts';
import { authorize, can } from '../../policy/index.ts';
import type { ServiceContext } from '../context.ts';
import { currentImports, type ImportSummary } from './import.ts';
import { aggregateTree, knownFigures, type PlacedEstate, publish, type Unit, type UnitFigures, unitsOf } from './publish.ts';
import { SizedCache } from '../readmodel.ts';
import { loadSettings } from './settings.ts';

export interface ReadOptions {
  /** The configured suppression threshold (SUPPRESSION_THRESHOLD), used when no setting is stored. */
  defaultThreshold: number;
  /** The published (suppressed) figures, whoever asks: what open data is (computed by published-year.ts from SQL sums). */
  published?: boolean;
}

export interface YearFigures {
  year: number;
  units: Map<string, UnitFigures>;
  /** All units of the registry tree (also those without figures this year). */
  tree: Unit[];
  threshold: number;
  /** Whether small counts are hidden for this reader. */
  suppressed: boolean;
  source: ImportSummary | undefined;
  /** The whole municipality (all residents), when the year's file had it: the comparison base. */
  municipality: UnitFigures | undefined;
  /** R20 — the origin definition in force (the stored setting) for the national criteria. */
  origin: OriginDefinitionId;
}

/** R18 — the years with imported figures. */
export async function figureYears(ctx: ServiceContext): Promise<number[]> {
  authorize(ctx.actor, 'read', { type: 'keyfigures' });
  // From the imports in force (a handful of rows), not by scanning every estate's figures.
  const rows = await ctx.db
    .selectFrom('keyfigure_import')
    .select('year')
    .distinct()
    .where('status', '=', 'imported')
    .where('row_count', '>', 0)
    .orderBy('year')
    .execute();
  return rows.map((r) => r.year);
}

/** The estates as placed in the registry, in the order of the tree (district number, urban area, name). */
export async function placedEstates(db: Executor): Promise<PlacedEstate[]> {
  return db
    .selectFrom('estate as e')
    .leftJoin('district as d', 'd.id', 'e.district_id')
    .leftJoin('urban_area as u', 'u.id', 'e.urban_area_id')
    .select([
      'e.id',
      'e.name',
      'e.organisation_id as organisationId',
      'e.district_id as districtId',
      'd.name as districtName',
      'e.urban_area_id as urbanAreaId',
      'u.name as urbanAreaName',
    ])
    .orderBy('d.number')
    .orderBy('u.name')
    .orderBy('e.name')
    .execute();
}

async function statistics(db: Executor, year: number): Promise<EstateStatistics[]> {
  const rows = await db.selectFrom('keyfigure_estate_year').select(['estate_id', 'residents', 'ratios']).where('year', '=', year).execute();
  return rows.map((r) => ({ estateId: String(r.estate_id), year, residents: r.residents, ratios: r.ratios as EstateStatistics['ratios'] }));
}

/** The threshold in force: the stored setting, else the configured default. */
export async function thresholdInForce(db: Executor, o: ReadOptions): Promise<number> {
  return (await loadSettings(db)).threshold ?? o.defaultThreshold;
}

/**
 * R18 — one year's figures for every unit. Readers without `readDetail` get the published figures
 * (small counts suppressed without disclosure by differencing); an organisation sees its own estates whole.
 */
export function loadYear(ctx: ServiceContext, year: number, o: ReadOptions): Promise<YearFigures> {
  return yearFigures(ctx, year, o, yearBase);
}

/**
 * R18 — a year's figures as `loadYear` gives them, but only of the city, districts and urban areas (and the
 * municipality): what trends over every year are drawn from. Kept apart from the whole years (a year's units above
 * the estates are about 3 % of it), so ten years of trends stay in memory where ten whole years would not.
 */
export function loadUpperYear(ctx: ServiceContext, year: number, o: ReadOptions): Promise<YearFigures> {
  return yearFigures(ctx, year, o, yearUpper);
}

async function yearFigures(ctx: ServiceContext, year: number, o: ReadOptions, baseOf: typeof yearBase): Promise<YearFigures> {
  authorize(ctx.actor, 'read', { type: 'keyfigures' });
  const [settings, imports, fingerprint] = await Promise.all([loadSettings(ctx.db), currentImports(ctx.db), dataFingerprint(ctx.db)]);
  const threshold = settings.threshold ?? o.defaultThreshold;
  const { tree, whole, published } = await baseOf(ctx.db, year, threshold, fingerprint);
  const full = !o.published && can(ctx.actor, 'readDetail', { type: 'keyfigures' });
  const units = new Map(full ? whole : published);
  if (!full && !o.published) {
    for (const u of tree) {
      if (
        u.level === 'estate' &&
        can(ctx.actor, 'readDetail', { type: 'keyfigures', organisationId: u.organisationId }) &&
        whole.has(u.key)
      )
        units.set(u.key, whole.get(u.key)!);
    }
  }
  const source = imports.find((i) => i.year === year);
  const m = source
    ? (await ctx.db.selectFrom('keyfigure_import').select('municipality_figures').where('id', '=', source.id).executeTakeFirst())
        ?.municipality_figures
    : null;
  const municipality = m ? municipalityFigures(m, full ? undefined : threshold) : undefined;
  if (municipality) units.set(municipalityKey, municipality);
  return { year, units, tree, threshold, suppressed: !full, source, municipality, origin: settings.origin.id };
}

/** The whole municipality's figures as stored with an import (all residents, not only the estates'). */
export type MunicipalityFigures = { residents: number; ratios: StoredRatios };

/**
 * R18 — the whole municipality as a unit: its counts are large, but a count below `threshold` is still hidden
 * (primary suppression); with `threshold` undefined nothing is hidden.
 */
export function municipalityFigures(m: MunicipalityFigures, threshold: number | undefined): UnitFigures {
  const unit: Unit = { key: municipalityKey, level: 'city', name: 'Hele København (alle beboere)', refId: null, districtId: null };
  const hide = (n: number) => threshold !== undefined && n > 0 && n < threshold;
  const ratios: UnitFigures['ratios'] = Object.fromEntries(
    Object.entries(m.ratios).map(([v, r]) => [
      v,
      { numerator: hide(r.numerator) ? null : r.numerator, denominator: hide(r.denominator) ? null : r.denominator },
    ]),
  );
  return { unit, estates: 0, residents: hide(m.residents) ? null : m.residents, ratios, incomplete: [] };
}

/**
 * What the figures of a year are computed from, as one comparable value: the registry's placement of estates,
 * the imports in force and the settings. Any write to them changes it, so a cached year is never stale.
 */
export async function dataFingerprint(db: Executor): Promise<string> {
  const r = await sql<{ f: string }>`
    SELECT concat_ws('|',
      (SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') || ':' || coalesce(max(id), 0) FROM estate),
      (SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') FROM district),
      (SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') FROM urban_area),
      (SELECT count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(max(imported_at)::text, '') || ':' || coalesce(max(updated_at)::text, '') FROM keyfigure_import WHERE status = 'imported'),
      (SELECT coalesce(max(version), 0) FROM keyfigure_setting)) AS f`.execute(db);
  return r.rows[0]!.f;
}

type YearBase = { tree: Unit[]; whole: Map<string, UnitFigures>; published: Map<string, UnitFigures> };

/**
 * What a computed year holds in memory: about 1.8 KB a unit of the tree (measured on the national set: 8,221 units,
 * whole and published figures, 14 MB of heap). The estimate the cache is bounded by.
 */
const yearBytes = (y: YearBase) => 2048 * y.tree.length;
/** Computed years: 64 MB, about four years of the national set (many more of a smaller data set). */
const yearCache = new SizedCache<YearBase>(64 * 1024 * 1024, yearBytes);
/** Years being computed, shared by concurrent callers. */
const computing = new Map<string, Promise<YearBase>>();

/**
 * R18 — a year's aggregated figures, whole and published: costly (every estate, the suppression by differencing),
 * so kept per data fingerprint, year and threshold, bounded by their size in bytes; concurrent callers share one.
 */
async function yearBase(db: Executor, year: number, threshold: number, fingerprint: string): Promise<YearBase> {
  const key = `${fingerprint}#${year}#${threshold}`;
  const kept = yearCache.get(key);
  if (kept) return kept;
  let pending = computing.get(key);
  if (!pending) {
    pending = computeYear(db, year, threshold).finally(() => computing.delete(key));
    computing.set(key, pending);
    yearCache.set(key, await pending);
  }
  return pending;
}

/** The units above the estates of a year (`loadUpperYear`; ~0,45 MB a year of the national set): 16 MB, about 35 years. */
const upperCache = new SizedCache<YearBase>(16 * 1024 * 1024, yearBytes);

async function yearUpper(db: Executor, year: number, threshold: number, fingerprint: string): Promise<YearBase> {
  const key = `${fingerprint}#${year}#${threshold}`;
  const kept = upperCache.get(key);
  if (kept) return kept;
  const { tree, whole, published } = await yearBase(db, year, threshold, fingerprint);
  const upper = tree.filter((u) => u.level !== 'estate');
  const only = (m: Map<string, UnitFigures>) => new Map(upper.flatMap((u) => (m.has(u.key) ? [[u.key, m.get(u.key)!] as const] : [])));
  const y = { tree: upper, whole: only(whole), published: only(published) };
  upperCache.set(key, y);
  return y;
}

async function computeYear(db: Executor, year: number, threshold: number): Promise<YearBase> {
  const [estates, stats] = await Promise.all([placedEstates(db), statistics(db, year)]);
  const tree = unitsOf(estates);
  const aggregates = aggregateTree(tree, stats);
  return { tree, whole: publish(tree, aggregates, undefined), published: publish(tree, aggregates, threshold) };
}

/** R18 — every imported year, oldest first (with `loadUpperYear`: only the city, districts and urban areas, for trends). */
export async function loadAllYears(ctx: ServiceContext, o: ReadOptions, load = loadYear): Promise<YearFigures[]> {
  const years = await figureYears(ctx);
  const out: YearFigures[] = [];
  for (const y of years) out.push(await load(ctx, y, o));
  return out;
}

/** R18 — an indicator's value (percent) for a unit, when published. */
export function indicatorValue(f: UnitFigures | undefined, variable: VariableId): Rational | undefined {
  return f ? valueOf(knownFigures(f), variable) : undefined;
}

/** Whether a unit's figure for a variable is hidden by suppression (rather than not known). */
export function isSuppressed(f: UnitFigures | undefined, variable: VariableId): boolean {
  const r = f?.ratios[variable];
  return !!r && (r.numerator === null || r.denominator === null);
}

export const cityKey = 'by';
export const municipalityKey = 'kommune';

/** R18 — what areas are compared with: the whole municipality when known, else all estates with figures. */
export const baseKey = (y: YearFigures) => (y.municipality ? municipalityKey : cityKey);
export const districtKey = (id: number) => `d${id}`;
export const estateKey = (id: number) => `e${id}`;

/** The unit of an urban area (its largest part when it spans districts). */
export function urbanAreaKey(y: YearFigures, areaId: number): string | undefined {
  const parts = y.tree.filter((u) => u.level === 'area' && u.refId === areaId && u.key.startsWith('a'));
  parts.sort((a, b) => (y.units.get(b.key)?.estates ?? 0) - (y.units.get(a.key)?.estates ?? 0));
  return parts[0]?.key;
}

/** R18 — a unit against the city average, indicator by indicator. */
export function cityComparison(y: YearFigures, key: string): IndicatorComparison[] | undefined {
  const unit = y.units.get(key);
  const city = y.units.get(baseKey(y));
  if (!unit || !city) return undefined;
  return compareWithCity(knownFigures(unit), knownFigures(city));
}

/** R18 — Copenhagen's designation (the stored rule) for a district or urban area. */
export function designation(y: YearFigures, key: string, rule: VulnerableAreaRule): VulnerableAreaResult | undefined {
  const unit = y.units.get(key);
  const city = y.units.get(baseKey(y));
  if (!unit || !city || unit.unit.level === 'city') return undefined;
  return evaluateVulnerableArea(knownFigures(unit), knownFigures(city), rule);
}

export interface NationalResult {
  unit: Unit;
  evaluation: ListEvaluation;
  verdict: DesignationVerdict;
}

const NATIONAL_SHARES = ['outsideWorkOrEducation', 'nonWesternOrigin', 'convicted', 'basicEducationOnly'] as const;

/**
 * R20 — the national variables of a unit, as exact measures from its published counts (a count hidden by
 * suppression is unknown). Read for every estate of a year, so straight from the ratios, without copies.
 */
export function nationalInput(f: UnitFigures, source: ImportSummary | undefined) {
  const values: Partial<Record<NationalVariable, Measure>> = {};
  for (const v of NATIONAL_SHARES) {
    const r = f.ratios[v];
    if (r && r.numerator !== null && r.denominator !== null && r.denominator > 0)
      values[v] = { numerator: r.numerator, denominator: r.denominator };
  }
  const income = f.ratios.grossIncome;
  const region = source?.regionIncomeOre;
  if (income && income.numerator !== null && income.denominator !== null && income.denominator > 0 && region) {
    // The same fraction in numbers when every part is a safe integer (a product that rounds is not one), else in bigints.
    const denominator = income.denominator * region;
    values.grossIncomeVsRegion =
      Number.isSafeInteger(income.numerator) &&
      Number.isSafeInteger(income.denominator) &&
      Number.isSafeInteger(region) &&
      Number.isSafeInteger(denominator)
        ? { numerator: income.numerator, denominator }
        : { numerator: BigInt(income.numerator), denominator: BigInt(income.denominator) * BigInt(region) };
  }
  return { residents: f.residents ?? undefined, values };
}

/**
 * R20 — which urban areas meet the national criteria of the year's list (the criteria set in force
 * for that list year), computed from the imported figures, with every criterion explained.
 */
export function nationalCriteria(y: YearFigures): { set: CriteriaSet; results: NationalResult[] } | undefined {
  const set = criteriaSetForYear(y.year);
  if (!set) return undefined;
  const options = {
    listYear: y.year,
    nationalConvictionRate: y.source?.nationalConvictionRate ?? undefined,
    origin: originDefinition(y.origin).policy,
  };
  const results = [...y.units.values()]
    .filter((f) => f.unit.level === 'area' && f.unit.key.startsWith('a'))
    .map((f) => {
      const evaluation = evaluateListCriteria(set, nationalInput(f, y.source), options);
      return { unit: f.unit, evaluation, verdict: designationVerdict(evaluation, set.listDesignation) };
    });
  return { set, results };
}

/** R18 — a unit's indicators over the years (for trend charts). */
export function trend(
  years: readonly YearFigures[],
  key: string,
  indicator: Indicator,
): { year: number; value: Rational | undefined; suppressed: boolean }[] {
  return years.map((y) => ({
    year: y.year,
    value: indicatorValue(y.units.get(key), indicator.variable),
    suppressed: isSuppressed(y.units.get(key), indicator.variable),
  }));
}

export function unitOrThrow(y: YearFigures, key: string): UnitFigures {
  const f = y.units.get(key);
  if (!f) throw new NotFound(`Der er ingen nøgletal for ${y.year} for dette område.`);
  return f;
}

export { COPENHAGEN_INDICATORS };

/** The fingerprint of the imported figures, for caches of what is computed from them. */
export const keyfiguresFingerprint = (ctx: ServiceContext) => dataFingerprint(ctx.db);

/** The name of a registry unit (estate, district, urban area) whose key figures are shown; public facts. */
export async function unitName(ctx: ServiceContext, kind: 'estate' | 'district' | 'urbanArea', id: number): Promise<string> {
  const row =
    kind === 'estate'
      ? await ctx.db.selectFrom('estate').select('name').where('id', '=', id).executeTakeFirst()
      : kind === 'district'
        ? await ctx.db.selectFrom('district').select('name').where('id', '=', id).executeTakeFirst()
        : await ctx.db.selectFrom('urban_area').select('name').where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound();
  return row.name;
}
