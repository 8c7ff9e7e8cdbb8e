/**
 * R18 — a year's published figures of the city, its districts and urban areas (open data), computed where the data
 * is: the sums of residents, numerators and denominators per urban area within a district come from one aggregate
 * query, and only the count series that have a count below the threshold somewhere are read estate by estate and
 * suppressed with `suppressCountTree` — a series without one has nothing to hide (every sum of counts that are 0 or
 * at least the threshold is too). The figures are those of `publish` over the whole tree (what `loadYear` gives the
 * public), without building every estate's figures: memory stays a few megabytes a year.
 */
import { sql } from 'kysely';
import type { Db, Trx } from '../../db/database.ts';
import { suppressCountTree, VARIABLE_IDS, VARIABLES, type VariableId } from '../../domain/keyfigures/index.ts';
import { areaUnitKey, countSeries, type PublishedRatio, type Unit, type UnitFigures, unitsOf } from './publish.ts';
import { dataFingerprint, type MunicipalityFigures, municipalityFigures, placedEstates } from './read.ts';
import { loadSettings } from './settings.ts';

/** The registry's tree (the same every year while the registry is unchanged), with positions for the arrays below. */
interface OpenTree {
  fingerprint: string;
  units: Unit[];
  parent: Int32Array;
  index: Map<string, number>;
}

/** A count series (`residents`, `<variable>.numerator`, `<variable>.denominator`) and its stored column. */
interface Series {
  id: string;
  column: string;
}

/** The stored column of a variable's numerator or denominator (generated from `ratios`, migration 023). */
const countColumn = (v: VariableId, part: 'numerator' | 'denominator') => `${v.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}_${part}`;

const SERIES: readonly Series[] = countSeries().map(({ id }) => {
  if (id === 'residents') return { id, column: 'residents' };
  const [v, part] = id.split('.') as [VariableId, 'numerator' | 'denominator'];
  return { id, column: countColumn(v, part) };
});

const trees = new WeakMap<Db, OpenTree>();

async function openTree(db: Db, trx: Trx, fingerprint: string): Promise<OpenTree> {
  const kept = trees.get(db);
  if (kept?.fingerprint === fingerprint) return kept;
  const units = unitsOf(await placedEstates(trx));
  const index = new Map(units.map((u, i) => [u.key, i]));
  const parent = Int32Array.from(units, (u) => (u.parent === undefined ? -1 : index.get(u.parent)!));
  const tree = { fingerprint, units, parent, index };
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
 * Every estate's counts of the given series, as one array per series beside the estates' ids (one row: an embedded
 * database answers thousands of rows far slower than a few arrays); null where the estate lacks the variable.
 */
async function estateCounts(trx: Trx, year: number, series: readonly number[]) {
  const columns = series.map((j) => sql`array_agg(${sql.ref(SERIES[j]!.column)}::float8) AS ${sql.raw(`v${j}`)}`);
  const r = await sql<Record<string, (number | null)[]> & { ids: number[] | null }>`
    SELECT array_agg(estate_id) AS ids, ${sql.join(columns)}
    FROM (SELECT k.* FROM keyfigure_estate_year k JOIN estate e ON e.id = k.estate_id WHERE k.year = ${year} ORDER BY k.estate_id) k`.execute(
    trx,
  );
  return r.rows[0]!;
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
  const n = tree.units.length;
  const groups = (await groupSums(trx, year, threshold)).rows;
  // Sums per unit above the estates: counts in `estates` and `residents`, per variable numerator, denominator, known.
  const estates = new Float64Array(n);
  const residents = new Float64Array(n);
  const num = VARIABLE_IDS.map(() => new Float64Array(n));
  const den = VARIABLE_IDS.map(() => new Float64Array(n));
  const known = new Int32Array(n).fill(-1); // bit i: every estate below has variable i
  let small = 0; // bit j: some estate has a count of series j below the threshold
  for (const g of groups) {
    const area = tree.index.get(areaUnitKey(g.district_id, g.urban_area_id));
    if (area === undefined) throw new Error(`the registry has no unit ${areaUnitKey(g.district_id, g.urban_area_id)}`);
    small |= g.small;
    // The area's sums, added to its district and the city.
    for (let u = area; u >= 0; u = tree.parent[u]!) {
      estates[u] = estates[u]! + g.estates!;
      residents[u] = residents[u]! + g.residents!;
      known[u] = known[u]! & g.known;
      for (let i = 0; i < VARIABLE_IDS.length; i++) {
        num[i]![u] = num[i]![u]! + (g[`n${i}`] ?? 0);
        den[i]![u] = den[i]![u]! + (g[`d${i}`] ?? 0);
      }
    }
  }
  const hidden = await suppressed(trx, tree, year, threshold, small);
  const isHidden = (series: string, u: number) => hidden.get(series)?.[u] === 1;

  const out: UnitFigures[] = [];
  for (let u = 0; u < n; u++) {
    const unit = tree.units[u]!;
    if (unit.level === 'estate' || estates[u] === 0) continue;
    const ratios: Partial<Record<VariableId, PublishedRatio>> = {};
    const incomplete: VariableId[] = [];
    VARIABLE_IDS.forEach((v, i) => {
      // A variable that some estate lacks is not summed (as `sumKeyFigures`): a partial sum would mislead.
      if (!(known[u]! & (1 << i))) {
        incomplete.push(v);
        return;
      }
      const numerator = safe(num[i]![u]!, `the sum for ${v}`);
      const denominator = safe(den[i]![u]!, `the sum for ${v}`);
      const dHidden = isHidden(`${v}.denominator`, u);
      const nHidden = VARIABLES[v].kind === 'share' ? isHidden(`${v}.numerator`, u) : dHidden;
      ratios[v] = { numerator: nHidden ? null : numerator, denominator: dHidden ? null : denominator };
    });
    const r = safe(residents[u]!, 'the number of residents');
    out.push({ unit, estates: estates[u]!, residents: isHidden('residents', u) ? null : r, ratios, incomplete });
  }
  return out;
}

/**
 * R18 — per count series with a count below the threshold, which units are hidden: the series is read estate by
 * estate and suppressed over the tree of the units with figures (in the tree's order, as `publish` does; a unit
 * without the variable counts 0).
 */
async function suppressed(trx: Trx, tree: OpenTree, year: number, threshold: number, small: number): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  const series = SERIES.flatMap((_, j) => (small & (1 << j) ? [j] : []));
  if (series.length === 0) return out;
  const counts = await estateCounts(trx, year, series);
  const n = tree.units.length;
  // Where each estate's counts are in the arrays (−1: no figures this year).
  const row = new Int32Array(n).fill(-1);
  (counts.ids ?? []).forEach((id, r) => {
    const u = tree.index.get(`e${id}`);
    if (u !== undefined) row[u] = r;
  });
  // The units with figures (an estate with a row, every unit above one) become the cells, in tree order.
  const present = new Uint8Array(n);
  for (let u = n - 1; u >= 0; u--) {
    if (row[u]! < 0 && !present[u]) continue;
    present[u] = 1;
    if (tree.parent[u]! >= 0) present[tree.parent[u]!] = 1;
  }
  const cells: number[] = [];
  const cellOf = new Int32Array(n).fill(-1);
  for (let u = 0; u < n; u++) if (present[u]) cellOf[u] = cells.push(u) - 1;
  const parent = Int32Array.from(cells, (u) => (tree.parent[u]! >= 0 ? cellOf[tree.parent[u]!]! : -1));
  for (const j of series) {
    const value = new Float64Array(cells.length);
    for (let c = cells.length - 1; c >= 0; c--) {
      const r = row[cells[c]!]!;
      if (r >= 0) value[c] = counts[`v${j}`]![r] ?? 0;
      if (parent[c]! >= 0) value[parent[c]!] = value[parent[c]!]! + value[c]!;
    }
    const result = suppressCountTree({ parent, value }, threshold, (c) => tree.units[cells[c]!]!.key);
    const hidden = new Uint8Array(n);
    for (const c of [...result.primary, ...result.complementary]) hidden[cells[c]!] = 1;
    out.set(SERIES[j]!.id, hidden);
  }
  return out;
}
