/**
 * Properties of the service's publication tree (pure; runs with the integration suites because it
 * belongs to the service layer): the tree aggregates exactly like the union of estates, and the
 * published figures never reveal a small count, not even by subtracting published totals (R18).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type EstateStatistics, findDisclosure, sumKeyFigures } from '../../../src/domain/keyfigures/index.ts';
import { aggregateTree, countSeries, type PlacedEstate, publish, unitsOf } from '../../../src/services/keyfigures/publish.ts';

const estateArb = fc.record({
  district: fc.integer({ min: 1, max: 3 }),
  area: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
  residents: fc.integer({ min: 0, max: 60 }),
  convicted: fc.integer({ min: 0, max: 12 }),
  lacking: fc.option(fc.integer({ min: 0, max: 6 }), { nil: null }),
});

type EstateInput = typeof estateArb extends fc.Arbitrary<infer T> ? T : never;

function build(xs: EstateInput[]) {
  const placed: PlacedEstate[] = xs.map((x, i) => ({
    id: i + 1,
    name: `E${i + 1}`,
    organisationId: 1,
    districtId: x.district,
    districtName: `D${x.district}`,
    urbanAreaId: x.area,
    urbanAreaName: x.area ? `A${x.area}` : null,
  }));
  const stats: EstateStatistics[] = xs.map((x, i) => ({
    estateId: String(i + 1),
    year: 2024,
    residents: x.residents,
    ratios: {
      convicted: { numerator: Math.min(x.convicted, x.residents), denominator: x.residents },
      ...(x.lacking === null ? {} : { lackingInstallations: { numerator: x.lacking, denominator: x.lacking + 10 } }),
    },
  }));
  return { placed, stats };
}

describe('R18 publication tree', () => {
  it('R18 aggregating up the tree (estate → area → district → city) equals summing the union of estates', () => {
    fc.assert(
      fc.property(fc.array(estateArb, { minLength: 1, maxLength: 14 }), (xs) => {
        const { placed, stats } = build(xs);
        const city = aggregateTree(unitsOf(placed), stats).get('by')!;
        const union = sumKeyFigures(stats);
        expect(city.residents).toBe(union.residents);
        expect(city.ratios).toEqual(union.ratios);
        expect([...city.incomplete].sort()).toEqual([...union.incomplete].sort());
      }),
      { numRuns: 200 },
    );
  });

  it('R18 no count below the threshold can be read or derived from the published figures', () => {
    fc.assert(
      fc.property(fc.array(estateArb, { minLength: 1, maxLength: 12 }), fc.integer({ min: 2, max: 8 }), (xs, threshold) => {
        const { placed, stats } = build(xs);
        const units = unitsOf(placed);
        const aggregates = aggregateTree(units, stats);
        const published = publish(units, aggregates, threshold);
        const present = units.filter((u) => aggregates.has(u.key));
        for (const s of countSeries()) {
          const [variable, part] = s.id.split('.') as [string, 'numerator' | 'denominator' | undefined];
          const shown = (key: string) => {
            const f = published.get(key)!;
            if (s.id === 'residents') return f.residents;
            const r = f.ratios[variable as never] as { numerator: number | null; denominator: number | null } | undefined;
            return r ? r[part!] : null;
          };
          // The true counts, with units lacking the variable summing their parts (as published).
          const truth = new Map(present.map((u) => [u.key, s.of(aggregates.get(u.key)!) ?? 0]));
          const estatesUnder = (key: string): number[] =>
            present.filter((u) => u.parent === key).flatMap((u) => (u.level === 'estate' ? [truth.get(u.key)!] : estatesUnder(u.key)));
          const cells = present.map((u) => ({
            id: u.key,
            parent: u.parent,
            value: u.level === 'estate' ? truth.get(u.key)! : estatesUnder(u.key).reduce((a, b) => a + b, 0),
          }));
          const hidden = new Set(present.filter((u) => shown(u.key) === null || shown(u.key) === undefined).map((u) => u.key));
          for (const u of present) {
            const v = shown(u.key);
            if (typeof v === 'number') expect(v === 0 || v >= threshold, `${s.id} ${u.key}`).toBe(true);
          }
          expect(findDisclosure(cells, hidden, threshold), s.id).toBeUndefined();
        }
      }),
      { numRuns: 150 },
    );
  });
});
