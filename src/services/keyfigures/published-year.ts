/**
 * R18 — a year's published figures of the city, its districts and urban areas (open data), computed where the data
 * is: the sums of residents, numerators and denominators per urban area within a district come from one aggregate
 * query over the stored count columns (migration 023), and only the count series that have a count below the
 * threshold somewhere are read estate by estate and suppressed over the tree (`CountTree`) — a series without one has
 * nothing to hide (every sum of counts that are 0 or at least the threshold is too). The figures are those of
 * `publish` over the whole tree (what `loadYear` gives the public; test/integration/keyfigures/opendata.test.ts),
 * without building every estate's figures: a year allocates about 13 MB on the national set and keeps nothing.
 */
import { sql } from 'kysely';
import type { Db, Trx } from '../../db/database.ts';
import { CountTree, VARIABLE_IDS, VARIABLES, type VariableId } from '../../domain/keyfigures/index.ts';
import { areaUnitKey, countSeries, type PublishedRatio, type Unit, type UnitFigures, unitsOf } from './publish.ts';
import { dataFingerprint, type MunicipalityFigures, municipalityFigures, placedEstates } from './read.ts';
import { loadSettings } from './settings.ts';

/**
 * The registry's tree (the same every year while the registry is unchanged): every unit in the tree's order, and the
 * units above the estates (city, districts, urban areas: the open data) by their position among those.
 */
interface OpenTree {
  fingerprint: string;
  units: Unit[];
  parent: Int32Array;
  /** An estate's unit by the estate's id. */
  estateAt: Map<number, number>;
  /** The units above the estates (their unit positions), a unit's position among them (−1 for an estate), and
   * each one's parent among them (−1 for the city). */
  upper: Int32Array;
  upperAt: Int32Array;
  upperParent: Int32Array;
  /** An urban area's part within a district (or a district's other estates), by key, among the upper units. */
  areaAt: Map<string, number>;
}

/** A count series (`residents`, `<variable>.numerator`, `<variable>.denominator`) and its stored column. */
interface Series {
  id: string;
  column: string;
}

/** The stored column of a variable's numerator or denominator (generated from `ratios`, migration 023). */
const countColumn = (v: VariableId, part: 'numerator' | 'denominator') => `${v.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}_${part}`;

/** Which series have small counts travels as the bits of a PostgreSQL integer: at most 31 series. */
function fitsIntegerBits(series: Series[]): readonly Series[] {
  if (series.length > 31) throw new Error(`${series.length} count series do not fit the bits of an integer`);
  return series;
}

const SERIES = fitsIntegerBits(
  countSeries().map(({ id }) => {
    if (id === 'residents') return { id, column: 'residents' };
    const [v, part] = id.split('.') as [VariableId, 'numerator' | 'denominator'];
    return { id, column: countColumn(v, part) };
  }),
);

const trees = new WeakMap<Db, OpenTree>();

async function openTree(db: Db, trx: Trx, fingerprint: string): Promise<OpenTree> {
  const kept = trees.get(db);
  if (kept?.fingerprint === fingerprint) return kept;
  const units = unitsOf(await placedEstates(trx));
  const index = new Map(units.map((u, i) => [u.key, i]));
  const parent = Int32Array.from(units, (u) => (u.parent === undefined ? -1 : index.get(u.parent)!));
  const estateAt = new Map<number, number>();
  const upperAt = new Int32Array(units.length).fill(-1);
  const upper: number[] = [];
  units.forEach((u, i) => {
    if (u.level === 'estate') estateAt.set(u.refId!, i);
    else upperAt[i] = upper.push(i) - 1;
  });
  const upperParent = Int32Array.from(upper, (i) => (parent[i]! < 0 ? -1 : upperAt[parent[i]!]!));
  const areaAt = new Map(upper.flatMap((i, x) => (units[i]!.level === 'area' ? [[units[i]!.key, x] as const] : [])));
  const tree = { fingerprint, units, parent, estateAt, upper: Int32Array.from(upper), upperAt, upperParent, areaAt };
  trees.set(db, tree);
  return tree;
}

const col = (column: string) => sql.ref(`k.${column}`);

/**
 * Sums per urban area within a district (`n<i>`, `d<i>`: variable i's numerators and denominators); `small`: bit j
 * set when some estate's count of series j is above 0 and below the threshold; `known`: bit i set when every estate
 * has variable i (both parts).
 */
function groupSums(trx: Trx, year: number, threshold: number) {
  const small = SERIES.map(
    (s, j) => sql`CASE WHEN ${col(s.column)} > 0 AND ${col(s.column)} < ${threshold} THEN ${sql.lit(2 ** j)} ELSE 0 END`,
  );
  const known = VARIABLE_IDS.map(
    (v, i) =>
      sql`CASE WHEN ${col(countColumn(v, 'numerator'))} IS NOT NULL AND ${col(countColumn(v, 'denominator'))} IS NOT NULL THEN ${sql.lit(2 ** i)} ELSE 0 END`,
  );
  const columns = [
    sql`count(*) AS estates`,
    sql`sum(k.residents) AS residents`,
    ...VARIABLE_IDS.flatMap((v, i) => [
      sql`sum(${col(countColumn(v, 'numerator'))}) AS ${sql.raw(`n${i}`)}`,
      sql`sum(${col(countColumn(v, 'denominator'))}) AS ${sql.raw(`d${i}`)}`,
    ]),
    sql`bit_or(${sql.join(small, sql` | `)}) AS small`,
    sql`bit_and(${sql.join(known, sql` | `)}) AS known`,
  ];
  return sql<Record<string, number | null> & { district_id: number | null; urban_area_id: number | null; small: number; known: number }>`
    SELECT e.district_id, e.urban_area_id, ${sql.join(columns)}
    FROM keyfigure_estate_year k JOIN estate e ON e.id = k.estate_id
    WHERE k.year = ${year}
    GROUP BY e.district_id, e.urban_area_id`.execute(trx);
}

/**
 * Every estate's counts of the given series, as one comma-separated list per series beside the estates' ids: one
 * row (an embedded database answers thousands of rows far slower than a few values), and lists that split in one
 * call (a driver's array parser reads them character by character). The aggregates of one query see the rows in the
 * same order, so position r of every list is the same estate; an empty entry: the estate lacks the variable.
 */
async function estateCounts(trx: Trx, year: number, series: readonly number[]) {
  const columns = series.map((j) => sql`string_agg(coalesce(${col(SERIES[j]!.column)}::text, ''), ',') AS ${sql.raw(`v${j}`)}`);
  const r = await sql<Record<string, string | null>>`
    SELECT string_agg(k.estate_id::text, ',') AS ids, ${sql.join(columns)}
    FROM keyfigure_estate_year k JOIN estate e ON e.id = k.estate_id
    WHERE k.year = ${year}`.execute(trx);
  const row = r.rows[0]!;
  const ids = row.ids ? row.ids.split(',').map(Number) : [];
  const values = new Map(series.map((j) => [j, (row[`v${j}`] ?? '').split(',').map((x) => (x === '' ? null : Number(x)))]));
  return { ids, values };
}

const safe = (n: number, what: string) => {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} is beyond safe integers`);
  return n;
};

/** A year's published figures: the city, districts and urban areas with figures (tree order), then the municipality. */
export interface PublishedYear {
  threshold: number;
  units: UnitFigures[];
}

/**
 * R18 — the published (suppressed) figures of the city, every district and urban area for a year, and of the whole
 * municipality when the year's import has it; read in one snapshot, so the sums and the suppression agree.
 */
export async function publishedYear(db: Db, year: number, defaultThreshold: number): Promise<PublishedYear> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const [settings, fingerprint, municipality] = await Promise.all([
        loadSettings(trx),
        dataFingerprint(trx),
        trx
          .selectFrom('keyfigure_import')
          .select('municipality_figures')
          .where('year', '=', year)
          .where('status', '=', 'imported')
          .executeTakeFirst(),
      ]);
      const threshold = settings.threshold ?? defaultThreshold;
      const tree = await openTree(db, trx, fingerprint);
      const units = await aggregateYear(trx, tree, year, threshold);
      const m = municipality?.municipality_figures as MunicipalityFigures | null | undefined;
      if (m) units.push(municipalityFigures(m, threshold));
      return { threshold, units };
    });
}

async function aggregateYear(trx: Trx, tree: OpenTree, year: number, threshold: number): Promise<UnitFigures[]> {
  const m = tree.upper.length;
  const groups = (await groupSums(trx, year, threshold)).rows;
  // Sums per unit above the estates: estates, residents, each variable's numerators and denominators.
  const estates = new Float64Array(m);
  const residents = new Float64Array(m);
  const num = VARIABLE_IDS.map(() => new Float64Array(m));
  const den = VARIABLE_IDS.map(() => new Float64Array(m));
  const known = new Int32Array(m).fill(-1); // bit i: every estate below has variable i
  let small = 0; // bit j: some estate has a count of series j below the threshold
  for (const g of groups) {
    const area = tree.areaAt.get(areaUnitKey(g.district_id, g.urban_area_id));
    if (area === undefined) throw new Error(`the registry has no unit ${areaUnitKey(g.district_id, g.urban_area_id)}`);
    small |= g.small;
    // The area's sums, added to its district and the city.
    for (let x = area; x >= 0; x = tree.upperParent[x]!) {
      estates[x] = estates[x]! + g.estates!;
      residents[x] = residents[x]! + g.residents!;
      known[x] = known[x]! & g.known;
      for (let i = 0; i < VARIABLE_IDS.length; i++) {
        num[i]![x] = num[i]![x]! + (g[`n${i}`] ?? 0);
        den[i]![x] = den[i]![x]! + (g[`d${i}`] ?? 0);
      }
    }
  }
  const hidden = await suppressed(trx, tree, year, threshold, small);
  const isHidden = (series: string, x: number) => hidden.get(series)?.[x] === 1;

  const out: UnitFigures[] = [];
  for (let x = 0; x < m; x++) {
    if (estates[x] === 0) continue;
    const ratios: Partial<Record<VariableId, PublishedRatio>> = {};
    const incomplete: VariableId[] = [];
    VARIABLE_IDS.forEach((v, i) => {
      // A variable that some estate lacks is not summed (as `sumKeyFigures`): a partial sum would mislead.
      if (!(known[x]! & (1 << i))) {
        incomplete.push(v);
        return;
      }
      const numerator = safe(num[i]![x]!, `the sum for ${v}`);
      const denominator = safe(den[i]![x]!, `the sum for ${v}`);
      const dHidden = isHidden(`${v}.denominator`, x);
      const nHidden = VARIABLES[v].kind === 'share' ? isHidden(`${v}.numerator`, x) : dHidden;
      ratios[v] = { numerator: nHidden ? null : numerator, denominator: dHidden ? null : denominator };
    });
    const r = safe(residents[x]!, 'the number of residents');
    const unit = tree.units[tree.upper[x]!]!;
    out.push({ unit, estates: estates[x]!, residents: isHidden('residents', x) ? null : r, ratios, incomplete });
  }
  return out;
}

/**
 * R18 — per count series with a count below the threshold, which units above the estates are hidden: the series is
 * read estate by estate and suppressed over the tree of the units with figures (in the tree's order, as `publish`
 * does; an estate without the variable counts 0).
 */
async function suppressed(trx: Trx, tree: OpenTree, year: number, threshold: number, small: number): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  const series = SERIES.flatMap((_, j) => (small & (1 << j) ? [j] : []));
  if (series.length === 0) return out;
  const counts = await estateCounts(trx, year, series);
  const n = tree.units.length;
  // Where each estate's counts are in the arrays (−1: no figures this year).
  const at = new Int32Array(n).fill(-1);
  counts.ids.forEach((id, r) => {
    const u = tree.estateAt.get(id);
    if (u !== undefined) at[u] = r;
  });
  // The units with figures (an estate with figures, every unit above one) are the cells, in the tree's order.
  const present = new Uint8Array(n);
  for (let u = n - 1; u >= 0; u--) {
    if (at[u]! < 0 && !present[u]) continue;
    present[u] = 1;
    if (tree.parent[u]! >= 0) present[tree.parent[u]!] = 1;
  }
  const cells: number[] = [];
  const cellOf = new Int32Array(n).fill(-1);
  for (let u = 0; u < n; u++) if (present[u]) cellOf[u] = cells.push(u) - 1;
  const parent = Int32Array.from(cells, (u) => (tree.parent[u]! >= 0 ? cellOf[tree.parent[u]!]! : -1));
  const cellTree = new CountTree(parent, (c) => tree.units[cells[c]!]!.key);
  const value = new Float64Array(cells.length);
  for (const j of series) {
    const v = counts.values.get(j)!;
    value.fill(0);
    // Children come after their parents: from the last cell up, each adds itself to its parent.
    for (let c = cells.length - 1; c >= 0; c--) {
      const r = at[cells[c]!]!;
      if (r >= 0) value[c] = v[r] ?? 0;
      if (parent[c]! >= 0) value[parent[c]!] = value[parent[c]!]! + value[c]!;
    }
    const result = cellTree.suppress(value, threshold);
    const hidden = new Uint8Array(tree.upper.length);
    for (const c of [...result.primary, ...result.complementary]) {
      const x = tree.upperAt[cells[c]!]!;
      if (x >= 0) hidden[x] = 1;
    }
    out.set(SERIES[j]!.id, hidden);
  }
  return out;
}
