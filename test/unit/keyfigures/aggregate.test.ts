import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  aggregateBy,
  EXAMPLE_VULNERABLE_AREA_RULE,
  type EstateStatistics,
  evaluateVulnerableArea,
  formatDa,
  percentOf,
  type Ratio,
  sumKeyFigures,
  validateKeyFigures,
  VARIABLE_IDS,
  type VariableId,
  type VulnerableAreaRule,
} from '../../../src/domain/keyfigures/index.ts';

const estate = (estateId: string, residents: number, ratios: Partial<Record<VariableId, Ratio>>): EstateStatistics => ({
  estateId,
  year: 2024,
  residents,
  ratios,
});

describe('R18 aggregation of key figures', () => {
  it.each([
    ['outsideWorkOrEducation', { numerator: 50, denominator: 100 }, { numerator: 10, denominator: 900 }, '6,0'],
    ['convicted', { numerator: 9, denominator: 300 }, { numerator: 1, denominator: 700 }, '1,0'],
    ['voterTurnout', { numerator: 10, denominator: 40 }, { numerator: 450, denominator: 500 }, '85,2'],
  ] as const)('R18 %s is weighted by its own population (%o + %o → %s %%)', (variable, a, b, expected) => {
    const total = sumKeyFigures([estate('a', 200, { [variable]: a }), estate('b', 1500, { [variable]: b })]);
    expect(formatDa(percentOf(total.ratios[variable])!, 1)).toBe(expected);
    expect(total.residents).toBe(1700);
  });

  it('R18 a variable missing in one estate is not summed for the area, and is listed as incomplete', () => {
    const total = sumKeyFigures([
      estate('a', 100, { convicted: { numerator: 1, denominator: 80 }, unsafe: { numerator: 5, denominator: 20 } }),
      estate('b', 100, { convicted: { numerator: 2, denominator: 90 } }),
    ]);
    expect(total.ratios.unsafe).toBeUndefined();
    expect(total.incomplete).toContain('unsafe');
    expect(total.ratios.convicted).toEqual({ numerator: 3, denominator: 170 });
    expect(total.estates).toBe(2);
  });

  it.each([
    [{ residents: -1, ratios: {} }, 'Antal beboere skal være et helt, ikke-negativt tal (fik -1).'],
    [{ residents: 10, ratios: { convicted: { numerator: 11, denominator: 10 } } }, 'tælleren (11) er større end nævneren (10)'],
    [{ residents: 10, ratios: { grossIncome: { numerator: 1.5, denominator: 10 } } }, 'tæller og nævner skal være hele'],
  ])('R18 invalid figures are reported in Danish (%o)', (figures, message) => {
    expect(validateKeyFigures(figures).join(' ')).toContain(message);
  });

  it('R18 aggregateBy groups estates by urban area and leaves out estates without one', () => {
    const groups = aggregateBy(
      [estate('a', 10, {}), estate('b', 20, {}), estate('c', 30, {})],
      (e) => ({ a: 'Nord', b: 'Nord', c: undefined })[e.estateId],
    );
    expect([...groups.keys()]).toEqual(['Nord']);
    expect(groups.get('Nord')!.residents).toBe(30);
  });

  const ratio = fc
    .tuple(fc.nat({ max: 2000 }), fc.nat({ max: 2000 }))
    .map(([a, b]): Ratio => ({ numerator: Math.min(a, b), denominator: Math.max(a, b) }));
  const estates = fc.array(
    fc.record({
      residents: fc.nat({ max: 5000 }),
      ratios: fc.dictionary(fc.constantFrom(...VARIABLE_IDS), ratio),
      area: fc.integer({ min: 0, max: 5 }),
    }),
    { minLength: 1, maxLength: 25 },
  );
  const rule: VulnerableAreaRule = { ...EXAMPLE_VULNERABLE_AREA_RULE, minDeviating: 2, deviation: { kind: 'points', points: '2.5' } };

  it('R18 property: estates → areas → districts → city gives the same figures and city comparisons as the union of estates', () => {
    fc.assert(
      fc.property(estates, (list) => {
        const rows = list.map((e, i) => ({ ...estate(`e${i}`, e.residents, e.ratios), area: `a${e.area}`, district: `d${e.area % 2}` }));
        const areas = aggregateBy(rows, (r) => r.area);
        const districtOf = (area: string) => `d${Number(area.slice(1)) % 2}`;
        const districts = aggregateBy(
          [...areas].map(([id, a]) => ({ ...a, id })),
          (a) => districtOf(a.id),
        );
        const cityFromDistricts = sumKeyFigures([...districts.values()]);
        const cityFromEstates = sumKeyFigures(rows);
        expect(cityFromDistricts).toEqual(cityFromEstates);
        for (const [id, district] of districts) expect(district).toEqual(sumKeyFigures(rows.filter((r) => r.district === id)));
        for (const [id, area] of areas) {
          const union = sumKeyFigures(rows.filter((r) => r.area === id));
          expect(evaluateVulnerableArea(area, cityFromDistricts, rule)).toEqual(evaluateVulnerableArea(union, cityFromEstates, rule));
        }
      }),
      { numRuns: 200 },
    );
  });
});
