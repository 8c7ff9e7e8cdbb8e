/**
 * R20 in use: the national list areas (physically connected estates, the law's unit with at least 1,000
 * residents) evaluated against the criteria of a list year, beside the municipality's own urban areas, and
 * the published status of Copenhagen's areas on the lists 2018–2023 shown beside the computed result.
 */
import type { Executor } from '../../db/database.ts';
import {
  criteriaSetForYear,
  type CriteriaSet,
  type DesignationVerdict,
  designationVerdict,
  type EstateStatistics,
  evaluateListCriteria,
  type ListEvaluation,
  originDefinition,
  sumKeyFigures,
} from '../../domain/keyfigures/index.ts';
import { authorize } from '../../policy/index.ts';
import type { ServiceContext } from '../context.ts';
import { nationalInput, type YearFigures } from './read.ts';

/** One published list status (verbatim from the reference file, with its source). */
export interface ListStatus {
  year: number;
  area: string;
  /** The lists named, e.g. "ghettoområde + hårdt ghettoområde". */
  list: string;
  onList: boolean;
  /** The file marks the status as inferred from a later or earlier list, not read on the list itself. */
  inferred: boolean;
  evidence: string;
  sourceUrl: string;
}

/** R20 — the published status rows of a list year (2018–2023 are held). */
export async function listStatusRows(db: Executor, year?: number): Promise<ListStatus[]> {
  let q = db.selectFrom('list_status').selectAll().orderBy('list_year').orderBy('area');
  if (year !== undefined) q = q.where('list_year', '=', year);
  return (await q.execute()).map((r) => ({
    year: r.list_year,
    area: r.area,
    list: r.list,
    onList: r.status.startsWith('on'),
    inferred: r.status.includes('inferred'),
    evidence: r.evidence,
    sourceUrl: r.source_url,
  }));
}

/** R20 — the years with published status (for the list of list years). */
export async function listStatusYears(ctx: ServiceContext): Promise<{ year: number; areas: number; onList: number }[]> {
  authorize(ctx.actor, 'read', { type: 'keyfigures' });
  const years = new Map<number, { year: number; areas: number; onList: number }>();
  for (const s of await listStatusRows(ctx.db)) {
    const y = years.get(s.year) ?? { year: s.year, areas: 0, onList: 0 };
    y.areas++;
    if (s.onList) y.onList++;
    years.set(s.year, y);
  }
  return [...years.values()];
}

/** R20 — the published status of a list year. */
export async function listStatusOfYear(ctx: ServiceContext, year: number): Promise<ListStatus[]> {
  authorize(ctx.actor, 'read', { type: 'keyfigures' });
  return listStatusRows(ctx.db, year);
}

/** Danish: a published status as shown beside a result. */
export function statusText(s: ListStatus): string {
  return `${s.onList ? 'På listen' : 'Ikke på listen'} (${s.list})${s.inferred ? ' – udledt af en anden listes status' : ''}`;
}

export interface ListAreaResult {
  id: number;
  name: string;
  municipality: string;
  sourceUrl: string | null;
  isDemo: boolean;
  estates: { id: number; name: string; organisation: string }[];
  /** Estates without figures for the year: residents are then unknown, not guessed. */
  missing: string[];
  residents: number | null;
  evaluation: ListEvaluation | undefined;
  verdict: DesignationVerdict | undefined;
  /** Danish: why the values are not shown (small area, reader without detail access). */
  hidden?: string;
  /** The published status of an area of the same name in that list year, when held. */
  published: ListStatus | undefined;
}

/**
 * R20 — every national list area evaluated against the criteria set in force for the list year, with the
 * stored origin definition, from the estates' imported figures summed. A reader who may not see small counts
 * sees no values for an area under the set's minimum residents (such an area is not a list area by law).
 */
export async function evaluateListAreas(
  ctx: ServiceContext,
  y: YearFigures,
): Promise<{ set: CriteriaSet | undefined; results: ListAreaResult[]; statuses: ListStatus[] }> {
  authorize(ctx.actor, 'read', { type: 'keyfigures' });
  const set = criteriaSetForYear(y.year);
  const statuses = await listStatusRows(ctx.db, y.year);
  const areas = await ctx.db.selectFrom('list_area').selectAll().orderBy('name').execute();
  if (areas.length === 0) return { set, results: [], statuses };
  const members = await ctx.db
    .selectFrom('list_area_estate as l')
    .innerJoin('estate as e', 'e.id', 'l.estate_id')
    .innerJoin('organisation as o', 'o.id', 'e.organisation_id')
    .select(['l.list_area_id as areaId', 'e.id', 'e.name', 'o.short_name as organisation'])
    .orderBy('e.name')
    .execute();
  const ids = members.map((m) => m.id);
  const stats = ids.length
    ? await ctx.db
        .selectFrom('keyfigure_estate_year')
        .select(['estate_id', 'residents', 'ratios'])
        .where('year', '=', y.year)
        .where('estate_id', 'in', ids)
        .execute()
    : [];
  const byEstate = new Map(
    stats.map((s): [number, EstateStatistics] => [
      s.estate_id,
      { estateId: String(s.estate_id), year: y.year, residents: s.residents, ratios: s.ratios as EstateStatistics['ratios'] },
    ]),
  );
  const options = {
    listYear: y.year,
    nationalConvictionRate: y.source?.nationalConvictionRate ?? undefined,
    origin: originDefinition(y.origin).policy,
  };
  const results = areas.map((a): ListAreaResult => {
    const estates = members.filter((m) => m.areaId === a.id);
    const known = estates.map((e) => byEstate.get(e.id)).filter((s): s is EstateStatistics => s !== undefined);
    const missing = estates.filter((e) => !byEstate.has(e.id)).map((e) => e.name);
    const published = statuses.find((s) => s.area.toLowerCase() === a.name.toLowerCase());
    const base = {
      id: a.id,
      name: a.name,
      municipality: a.municipality,
      sourceUrl: a.source_url,
      isDemo: a.is_demo,
      estates: estates.map((e) => ({ id: e.id, name: e.name, organisation: e.organisation })),
      missing,
      published,
    };
    if (!set || known.length === 0) return { ...base, residents: null, evaluation: undefined, verdict: undefined };
    const sum = sumKeyFigures(known);
    if (y.suppressed && sum.residents < set.minResidents)
      return {
        ...base,
        residents: null,
        evaluation: undefined,
        verdict: missing.length ? undefined : 'no',
        hidden: `Under ${set.minResidents.toLocaleString('da-DK')} beboere: ikke et listeområde efter loven, og tallene vises ikke af hensyn til diskretion.`,
      };
    const input = nationalInput(
      { unit: { key: `l${a.id}`, level: 'area', name: a.name, refId: a.id, districtId: null }, ...sum },
      y.source,
    );
    // An estate without figures makes the residents (and every share) incomplete: unknown, never guessed.
    const evaluation = evaluateListCriteria(set, missing.length ? { values: {} } : input, options);
    return {
      ...base,
      residents: missing.length ? null : sum.residents,
      evaluation,
      verdict: designationVerdict(evaluation, set.listDesignation),
    };
  });
  return { set, results, statuses };
}
