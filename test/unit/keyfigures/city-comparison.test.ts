import { describe, expect, it } from 'vitest';
import {
  COPENHAGEN_INDICATORS,
  compareWithCity,
  describeVulnerableAreaRule,
  EXAMPLE_VULNERABLE_AREA_RULE,
  evaluateVulnerableArea,
  formatDa,
  type IndicatorId,
  indicatorById,
  type KeyFigures,
  type Ratio,
  validateVulnerableAreaRule,
  type VariableId,
  type VulnerableAreaRule,
} from '../../../src/domain/keyfigures/index.ts';

/** Key figures from percentages per 1,000 (e.g. 250 → 25 %). */
const figures = (perMille: Partial<Record<VariableId, number>>): KeyFigures => ({
  residents: 1000,
  ratios: Object.fromEntries(Object.entries(perMille).map(([k, v]): [string, Ratio] => [k, { numerator: v, denominator: 1000 }])),
});

const city = figures({
  outsideLabourForce: 200,
  nonWesternOrigin: 150,
  lowIncome: 100,
  shortEducation: 200,
  smallDwellings: 300,
  lackingInstallations: 20,
  crowding: 100,
  unsafe: 100,
  voterTurnout: 800,
});

describe('R18 the nine Copenhagen indicators', () => {
  it('R18 there are nine indicators, each a percentage with a Danish label', () => {
    expect(COPENHAGEN_INDICATORS).toHaveLength(9);
    expect(new Set(COPENHAGEN_INDICATORS.map((i) => i.label)).size).toBe(9);
    expect(COPENHAGEN_INDICATORS.every((i) => i.unit === 'procent' && i.unitText.startsWith('%'))).toBe(true);
  });

  it.each([
    ['outsideLabourForce', 'higher', false],
    ['nonWesternOrigin', 'higher', true],
    ['smallDwellings', 'higher', false],
    ['unsafe', 'higher', false],
    ['voterTurnout', 'lower', false],
  ] as const)('R18 %s: the bad direction is %s (origin: %s)', (id, direction, origin) => {
    expect(indicatorById(id).badDirection).toBe(direction);
    expect(indicatorById(id).concernsOrigin).toBe(origin);
  });
});

describe('R18 comparison with the city average', () => {
  it('R18 each indicator is shown beside the city, with the difference in points and whether it is worse', () => {
    const [labour, , , , , , , , turnout] = compareWithCity(figures({ outsideLabourForce: 260, voterTurnout: 790 }), city);
    expect(formatDa(labour!.differencePoints!, 1)).toBe('6,0');
    expect(labour!.worse).toBe('yes');
    expect(turnout!.worse).toBe('yes');
    expect(compareWithCity(figures({}), city)[1]!.worse).toBe('unknown');
  });

  const rule = (deviation: VulnerableAreaRule['deviation'], minDeviating = 2, indicators?: IndicatorId[]): VulnerableAreaRule => ({
    ...EXAMPLE_VULNERABLE_AREA_RULE,
    indicators: indicators ?? EXAMPLE_VULNERABLE_AREA_RULE.indicators,
    minDeviating,
    deviation,
  });

  it.each([
    // relative 25 %: labour ≥ 25 %, turnout ≤ 60 %
    [{ kind: 'relative', percent: '25' }, { outsideLabourForce: 250, voterTurnout: 600 }, 'yes', ['outsideLabourForce', 'voterTurnout']],
    [{ kind: 'relative', percent: '25' }, { outsideLabourForce: 249, voterTurnout: 601 }, 'undecided', []],
    // points: labour ≥ 30 %, turnout ≤ 70 %
    [
      { kind: 'points', points: '10' },
      { outsideLabourForce: 300, voterTurnout: 700, lowIncome: 100 },
      'yes',
      ['outsideLabourForce', 'voterTurnout'],
    ],
    [
      { kind: 'relative', percent: '0' },
      {
        outsideLabourForce: 200,
        voterTurnout: 800,
        lowIncome: 100,
        shortEducation: 200,
        smallDwellings: 300,
        lackingInstallations: 20,
        crowding: 100,
        unsafe: 100,
        nonWesternOrigin: 150,
      },
      'no',
      [],
    ],
  ] as const)('R18 with a deviation of %o, %o → %s', (deviation, values, verdict, deviating) => {
    const result = evaluateVulnerableArea(figures(values), city, rule(deviation));
    expect(result.verdict).toBe(verdict);
    expect(result.deviating).toEqual(deviating);
  });

  it('R18 a value equal to the city average never deviates, even with a 0 % rule', () => {
    const result = evaluateVulnerableArea(figures({ crowding: 100 }), city, rule({ kind: 'relative', percent: '0' }, 1, ['crowding']));
    expect(result.verdict).toBe('no');
  });

  it('R18 the rule is rendered as Danish text beside the result', () => {
    const r = rule({ kind: 'points', points: '7.5' }, 4, ['outsideLabourForce', 'lowIncome', 'shortEducation', 'unsafe', 'voterTurnout']);
    const result = evaluateVulnerableArea(figures({ outsideLabourForce: 300 }), city, r);
    expect(result.ruleText).toBe(describeVulnerableAreaRule(r));
    expect(result.ruleText).toBe(
      'Regel »Eksempel (ikke kommunens officielle regel)«: Et byområde betegnes som udsat, når mindst 4 af 5 indikatorer ' +
        'afviger mindst 7,5 procentpoint fra kommunens gennemsnit i ugunstig retning (højere end gennemsnittet; for valgdeltagelse lavere). ' +
        'Indikatorer: Beboere uden for arbejdsstyrken, Beboere med lav indkomst, Beboere med kort uddannelse, Utryghed, Valgdeltagelse. ' +
        'Oprindelse indgår ikke i reglen.',
    );
    expect(result.explanation).toBe('1 af 5 indikatorer afviger (mindst 4 kræves; 4 uden data): kan ikke afgøres (data mangler).');
  });

  it.each([
    [{ indicators: [] as IndicatorId[] }, 'Reglen skal omfatte mindst én indikator.'],
    [{ minDeviating: 10 }, 'Antallet af afvigende indikatorer skal være mellem 1 og 9.'],
    [{ deviation: { kind: 'relative', percent: '-5' } as const }, 'Afvigelsen kan ikke være negativ.'],
    [{ deviation: { kind: 'points', points: 'ti' } as const }, 'Afvigelsen skal være et tal (fik »ti«).'],
  ])('R18 an invalid rule is refused with a Danish message (%o)', (change, message) => {
    expect(validateVulnerableAreaRule({ ...EXAMPLE_VULNERABLE_AREA_RULE, ...change })).toContain(message);
  });
});
