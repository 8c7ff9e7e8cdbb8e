/**
 * The figures of one year as a tree — city → district → urban area within the district (or the
 * district's other estates) → estate — summed with the domain's aggregation, and the counts that may
 * be published: every count series is suppressed with the domain's suppression, so that no count
 * below the threshold can be read or derived by subtracting published totals (R18). Pure: no I/O.
 */
import {
  type Aggregate,
  type CountCell,
  type EstateStatistics,
  type KeyFigures,
  type Ratio,
  sumKeyFigures,
  suppressSmallCounts,
  VARIABLE_IDS,
  VARIABLES,
  type VariableId,
} from '../../domain/keyfigures/index.ts';

export type UnitLevel = 'city' | 'district' | 'area' | 'estate';

/** An estate as placed in the registry. */
export interface PlacedEstate {
  readonly id: number;
  readonly name: string;
  readonly organisationId: number;
  readonly districtId: number | null;
  readonly districtName: string | null;
  readonly urbanAreaId: number | null;
  readonly urbanAreaName: string | null;
}

export interface Unit {
  /** `by`, `d12`, `a7-12` (urban area 7 in district 12), `r12` (district 12's other estates), `e31`. */
  readonly key: string;
  readonly level: UnitLevel;
  readonly name: string;
  readonly parent?: string;
  /** The registry id (district, urban area or estate). */
  readonly refId: number | null;
  readonly districtId: number | null;
  readonly organisationId?: number;
}

/** A published ratio: a part is null when suppressed, and the ratio is absent when not known. */
export interface PublishedRatio {
  readonly numerator: number | null;
  readonly denominator: number | null;
}

export interface UnitFigures {
  readonly unit: Unit;
  readonly estates: number;
  readonly residents: number | null;
  readonly ratios: Readonly<Partial<Record<VariableId, PublishedRatio>>>;
  /** Variables that some estate lacked (not summed). */
  readonly incomplete: readonly VariableId[];
}

const CITY = 'by';

/** The key of a district's unit (`d0`: estates without a district). */
export const districtUnitKey = (districtId: number | null) => `d${districtId ?? 0}`;

/** The key of an urban area's part within a district, or of the district's other estates (`r…`). */
export const areaUnitKey = (districtId: number | null, urbanAreaId: number | null) =>
  urbanAreaId ? `a${urbanAreaId}-${districtId ?? 0}` : `r${districtId ?? 0}`;

/** R18 — the units of a year's tree: the city, districts, urban areas per district, the rest, estates. */
export function unitsOf(estates: readonly PlacedEstate[], cityName = 'Alle almene afdelinger med tal'): Unit[] {
  const units = new Map<string, Unit>([[CITY, { key: CITY, level: 'city', name: cityName, refId: null, districtId: null }]]);
  for (const e of estates) {
    const dKey = districtUnitKey(e.districtId);
    if (!units.has(dKey)) {
      units.set(dKey, {
        key: dKey,
        level: 'district',
        name: e.districtName ?? 'Uden bydel',
        parent: CITY,
        refId: e.districtId,
        districtId: e.districtId,
      });
    }
    const aKey = areaUnitKey(e.districtId, e.urbanAreaId);
    if (!units.has(aKey)) {
      const name = e.urbanAreaId ? (e.urbanAreaName ?? 'Byområde') : `Øvrige afdelinger i ${e.districtName ?? 'ingen bydel'}`;
      units.set(aKey, { key: aKey, level: 'area', name, parent: dKey, refId: e.urbanAreaId, districtId: e.districtId });
    }
    units.set(`e${e.id}`, {
      key: `e${e.id}`,
      level: 'estate',
      name: e.name,
      parent: aKey,
      refId: e.id,
      districtId: e.districtId,
      organisationId: e.organisationId,
    });
  }
  return [...units.values()];
}

/** R18 — every unit's key figures, summed bottom-up with `sumKeyFigures` (a partition sums exactly). */
export function aggregateTree(units: readonly Unit[], stats: readonly EstateStatistics[]): Map<string, Aggregate> {
  const byEstate = new Map(stats.map((s) => [`e${s.estateId}`, s]));
  const children = new Map<string, Unit[]>();
  for (const u of units) {
    if (!u.parent) continue;
    const kids = children.get(u.parent);
    if (kids) kids.push(u);
    else children.set(u.parent, [u]);
  }
  const result = new Map<string, Aggregate>();
  const visit = (u: Unit): Aggregate | undefined => {
    if (u.level === 'estate') {
      const s = byEstate.get(u.key);
      if (!s) return undefined;
      const a = sumKeyFigures([s]);
      result.set(u.key, a);
      return a;
    }
    const parts = (children.get(u.key) ?? []).map(visit).filter((a): a is Aggregate => a !== undefined);
    if (parts.length === 0) return undefined;
    const a = sumKeyFigures(parts);
    result.set(u.key, a);
    return a;
  };
  const city = units.find((u) => u.level === 'city');
  if (city) visit(city);
  return result;
}

/** The count series published per unit: residents and each variable's counts (income sums are not counts). */
export const countSeries = (): { id: string; of: (k: KeyFigures) => number | undefined }[] => [
  { id: 'residents', of: (k) => k.residents },
  ...VARIABLE_IDS.flatMap((v) => [
    ...(VARIABLES[v].kind === 'share' ? [{ id: `${v}.numerator`, of: (k: KeyFigures) => k.ratios[v]?.numerator }] : []),
    { id: `${v}.denominator`, of: (k: KeyFigures) => k.ratios[v]?.denominator },
  ]),
];

/**
 * R18 — the figures as they may be published: for each count series, the tree of counts (a unit
 * without the variable counts 0 there and is not published) goes through `suppressSmallCounts`.
 * Averages (income) are hidden with their denominator. With `threshold` undefined nothing is hidden.
 */
export function publish(
  units: readonly Unit[],
  aggregates: ReadonlyMap<string, Aggregate>,
  threshold: number | undefined,
): Map<string, UnitFigures> {
  const present = units.filter((u) => aggregates.has(u.key));
  const hidden = new Map<string, ReadonlySet<string>>();
  if (threshold !== undefined) {
    for (const s of countSeries()) {
      const cells: CountCell[] = present.map((u) => ({
        id: u.key,
        parent: u.parent && aggregates.has(u.parent) ? u.parent : undefined,
        value: s.of(aggregates.get(u.key)!) ?? 0,
      }));
      // A unit whose own figure lacks the variable sums its known parts; repair the tree so parents = Σ children.
      fixSums(cells);
      hidden.set(s.id, suppressSmallCounts(cells, threshold).suppressed);
    }
  }
  const isHidden = (series: string, key: string) => hidden.get(series)?.has(key) ?? false;
  const out = new Map<string, UnitFigures>();
  for (const u of present) {
    const a = aggregates.get(u.key)!;
    const ratios: Partial<Record<VariableId, PublishedRatio>> = {};
    for (const v of VARIABLE_IDS) {
      const r: Ratio | undefined = a.ratios[v];
      if (!r) continue;
      const dHidden = isHidden(`${v}.denominator`, u.key);
      const nHidden = VARIABLES[v].kind === 'share' ? isHidden(`${v}.numerator`, u.key) : dHidden;
      ratios[v] = { numerator: nHidden ? null : r.numerator, denominator: dHidden ? null : r.denominator };
    }
    out.set(u.key, {
      unit: u,
      estates: a.estates,
      residents: isHidden('residents', u.key) ? null : a.residents,
      ratios,
      incomplete: a.incomplete,
    });
  }
  return out;
}

/** Sets every parent to the sum of its children (children first), so the tree is consistent. */
function fixSums(cells: CountCell[]): void {
  const byId = new Map(cells.map((c, i) => [c.id, i]));
  const kids = new Map<string, number[]>();
  cells.forEach((c, i) => {
    if (!c.parent) return;
    const k = kids.get(c.parent);
    if (k) k.push(i);
    else kids.set(c.parent, [i]);
  });
  const done = new Set<string>();
  const sum = (id: string): number => {
    const i = byId.get(id)!;
    if (done.has(id) || !kids.has(id)) return cells[i]!.value;
    const total = kids.get(id)!.reduce((s, k) => s + sum(cells[k]!.id), 0);
    cells[i] = { ...cells[i]!, value: total };
    done.add(id);
    return total;
  };
  for (const c of cells) if (!c.parent) sum(c.id);
}

/** R18 — the published figures as domain key figures: only the ratios with both parts published. */
export function knownFigures(f: UnitFigures): KeyFigures {
  const ratios: Partial<Record<VariableId, Ratio>> = {};
  for (const [v, r] of Object.entries(f.ratios) as [VariableId, PublishedRatio][]) {
    if (r.numerator !== null && r.denominator !== null) ratios[v] = { numerator: r.numerator, denominator: r.denominator };
  }
  return { residents: f.residents ?? 0, ratios };
}
