/**
 * Aggregation from estates to urban areas, districts and the city. Numerators and denominators are
 * added separately, so each variable is weighted by its own population (the share of 18–64-year-olds
 * outside work by the number of 18–64-year-olds, the conviction share by residents aged 18+, …).
 */
import { type KeyFigures, type Ratio, VARIABLE_IDS, type VariableId } from './statistics.ts';

/** Key figures summed over several units; a variable missing in any unit is left out and listed. */
export interface Aggregate extends KeyFigures {
  /** How many estates the aggregate covers. */
  readonly estates: number;
  /** Variables that some member lacked: not summed, because a partial sum would mislead. */
  readonly incomplete: readonly VariableId[];
}

const isAggregate = (k: KeyFigures): k is Aggregate => 'estates' in k && 'incomplete' in k;

/**
 * R18 — sums key figures (estates, or aggregates of estates) into one aggregate. Summing the
 * aggregates of a partition gives exactly the aggregate of all the estates.
 */
export function sumKeyFigures(items: readonly KeyFigures[]): Aggregate {
  let residents = 0;
  let estates = 0;
  const sums = new Map<VariableId, { numerator: number; denominator: number }>();
  const incomplete = new Set<VariableId>();
  for (const item of items) {
    residents += item.residents;
    estates += isAggregate(item) ? item.estates : 1;
    if (isAggregate(item)) for (const v of item.incomplete) incomplete.add(v);
    for (const id of VARIABLE_IDS) {
      const r = item.ratios[id];
      if (!r) {
        incomplete.add(id);
        continue;
      }
      const s = sums.get(id) ?? { numerator: 0, denominator: 0 };
      s.numerator += r.numerator;
      s.denominator += r.denominator;
      sums.set(id, s);
    }
  }
  const ratios: Partial<Record<VariableId, Ratio>> = {};
  for (const [id, s] of sums) {
    if (incomplete.has(id)) continue;
    if (!Number.isSafeInteger(s.numerator) || !Number.isSafeInteger(s.denominator)) {
      throw new RangeError(`the sum for ${id} is beyond safe integers`);
    }
    ratios[id] = { numerator: s.numerator, denominator: s.denominator };
  }
  if (!Number.isSafeInteger(residents)) throw new RangeError('the number of residents is beyond safe integers');
  // Variables that no item had at all are "incomplete" only if there were items to have them.
  const missing = items.length === 0 ? [] : VARIABLE_IDS.filter((id) => incomplete.has(id));
  return { residents, estates, ratios, incomplete: missing };
}

/**
 * R18 — groups units by a key (estate → urban area, urban area → district, …) and sums each group.
 * Units whose key is undefined belong to no group and are left out.
 */
export function aggregateBy<T extends KeyFigures>(items: readonly T[], keyOf: (item: T) => string | undefined): Map<string, Aggregate> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) continue;
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  return new Map([...groups].map(([key, list]) => [key, sumKeyFigures(list)]));
}
