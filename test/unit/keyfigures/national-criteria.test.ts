import { describe, expect, it } from 'vitest';
import {
  type AreaListInput,
  areasMeetingCriteria,
  criteriaSetForYear,
  type DesignationId,
  designationVerdict,
  type EvaluationOptions,
  evaluateListCriteria,
  NATIONAL_CRITERIA_SETS,
  validateCriteriaSets,
} from '../../../src/domain/keyfigures/index.ts';

const verdict = (year: number, input: AreaListInput, id: DesignationId, extra: Partial<EvaluationOptions> = {}) =>
  designationVerdict(evaluateListCriteria(criteriaSetForYear(year)!, input, { listYear: year, ...extra }), id);

const area = (values: AreaListInput['values'], residents = 1500, history?: AreaListInput['history']): AreaListInput => ({
  residents,
  values,
  history,
});

describe('R20 national criteria sets', () => {
  it('R20 data: the criteria sets are consistent', () => {
    expect(validateCriteriaSets(NATIONAL_CRITERIA_SETS)).toEqual([]);
  });

  it.each([
    [2009, undefined],
    [2010, 'ghetto-2010'],
    [2013, 'ghetto-2010'],
    [2014, 'ghetto-2014'],
    [2017, 'ghetto-2014'],
    [2018, 'ghetto-2018'],
    [2020, 'ghetto-2018'],
    [2021, 'parallel-2021'],
    [2030, 'parallel-2021'],
  ])('R20 %i: the criteria set in force is %s', (year, id) => {
    expect(criteriaSetForYear(year)?.id).toBe(id);
  });

  it.each([
    // 2010: 2 of 3 — outside work > 40, non-Western > 50, convicted > 2.70
    [2010, { outsideWorkOrEducation: 40.1, convicted: 2.71 }, 'ghettoArea', 'yes'],
    [2010, { outsideWorkOrEducation: 40, convicted: 2.7, nonWesternOrigin: 50 }, 'ghettoArea', 'no'],
    [2010, { outsideWorkOrEducation: 40, convicted: '2.70', nonWesternOrigin: 50.1 }, 'ghettoArea', 'no'],
    [2010, { nonWesternOrigin: 60 }, 'ghettoArea', 'undecided'],
    // 2014: 3 of 5 — adds basic education > 50 and income < 55 % of the region
    [
      2014,
      { nonWesternOrigin: 34.3, convicted: 3.91, basicEducationOnly: 51.7, grossIncomeVsRegion: 54.9, outsideWorkOrEducation: 33.2 },
      'ghettoArea',
      'yes',
    ],
    [
      2014,
      { nonWesternOrigin: 60, basicEducationOnly: 50, grossIncomeVsRegion: 55, outsideWorkOrEducation: 41, convicted: 1 },
      'ghettoArea',
      'no',
    ],
    // 2018: udsat = 2 of 4; ghetto = udsat and non-Western > 50
    [2018, { outsideWorkOrEducation: 41, basicEducationOnly: 61, nonWesternOrigin: 40 }, 'vulnerableArea', 'yes'],
    [2018, { outsideWorkOrEducation: 41, basicEducationOnly: 61, nonWesternOrigin: 40 }, 'ghettoArea', 'no'],
    [2018, { outsideWorkOrEducation: 41, basicEducationOnly: 61, nonWesternOrigin: 50.1 }, 'ghettoArea', 'yes'],
    [
      2018,
      { outsideWorkOrEducation: 41, basicEducationOnly: 60, grossIncomeVsRegion: 55, nonWesternOrigin: 80 },
      'ghettoArea',
      'undecided',
    ],
    // 2021: parallelsamfund and forebyggelsesområde
    [2021, { outsideWorkOrEducation: 41, grossIncomeVsRegion: 50, nonWesternOrigin: 51, basicEducationOnly: 10 }, 'parallelSociety', 'yes'],
    [2021, { outsideWorkOrEducation: 35, grossIncomeVsRegion: 60, nonWesternOrigin: 31, basicEducationOnly: 10 }, 'preventionArea', 'yes'],
    [
      2021,
      { outsideWorkOrEducation: 35, grossIncomeVsRegion: 70, nonWesternOrigin: 31, basicEducationOnly: 10 },
      'preventionArea',
      'undecided',
    ],
    [
      2021,
      { outsideWorkOrEducation: 35, grossIncomeVsRegion: 60, nonWesternOrigin: 30, basicEducationOnly: 10, convicted: 0 },
      'preventionArea',
      'no',
    ],
    [2021, { outsideWorkOrEducation: 41, grossIncomeVsRegion: 50, nonWesternOrigin: 31, basicEducationOnly: 10 }, 'preventionArea', 'no'],
  ] as const)('R20 %i: %o makes %s %s', (year, values, id, expected) => {
    expect(verdict(year, area(values), id, { nationalConvictionRate: '0.5' })).toBe(expected);
  });

  it.each([
    ['0.91', '2.73', 'yes'],
    ['0.91', '2.72', 'no'],
    ['0.1', '0.3', 'yes'], // 3 * 0.1 in floating point is 0.30000000000000004, which would wrongly say no
    ['0.91', { low: '2.72', high: '2.74' }, 'undecided'],
    [undefined, '9', 'undecided'],
  ] as const)('R20 2018: convictions are "at least 3 × the national rate" exactly (rate %s, area %o → %s)', (rate, convicted, expected) => {
    const input = area({ convicted, outsideWorkOrEducation: 45, basicEducationOnly: 10, grossIncomeVsRegion: 90 });
    expect(verdict(2018, input, 'vulnerableArea', rate === undefined ? {} : { nationalConvictionRate: rate })).toBe(expected);
  });

  it('R20 2018: the conviction explanation shows the computed threshold without floating-point noise', () => {
    const e = evaluateListCriteria(criteriaSetForYear(2018)!, area({ convicted: 2.73 }), { listYear: 2018, nationalConvictionRate: 0.91 });
    expect(e.criteria.find((c) => c.criterion.id === 'convicted3x')!.explanation).toBe(
      'Dømte blandt beboere på 18 år og derover: 2,73 % er mindst grænsen 3 × landsgennemsnittet (3 × 0,91 % = 2,73 %) – opfyldt.',
    );
  });

  it.each([
    [999, 'no'],
    [1000, 'yes'],
    [{ low: 995, high: 1005 }, 'undecided'],
    [undefined, 'undecided'],
  ] as const)('R20 2010: residents %o → %s (at least 1,000 residents)', (residents, expected) => {
    const input: AreaListInput = { residents, values: { outsideWorkOrEducation: 50, nonWesternOrigin: 60 } };
    expect(verdict(2010, input, 'ghettoArea')).toBe(expected);
  });

  const ghetto2018 = { outsideWorkOrEducation: 45, basicEducationOnly: 65, nonWesternOrigin: 70 };
  it.each([
    [{ 2017: ['ghettoArea'], 2016: ['ghettoArea'], 2015: ['ghettoArea'], 2014: ['ghettoArea'] }, 'yes'],
    [{ 2017: ['ghettoArea'], 2016: ['ghettoArea'], 2015: [], 2014: ['ghettoArea'] }, 'no'],
    [{ 2017: ['ghettoArea'], 2016: ['ghettoArea'], 2015: ['ghettoArea'] }, 'undecided'],
  ] as const)('R20 2018: hårdt ghettoområde needs 5 ghetto lists in a row (transition 2018–2020), history %o → %s', (history, expected) => {
    expect(verdict(2018, area(ghetto2018, 1500, history), 'hardGhettoArea')).toBe(expected);
  });

  it('R20 2021: omdannelsesområde counts the earlier ghetto lists toward 5 years as parallelsamfund', () => {
    const history = { 2020: ['ghettoArea'], 2019: ['ghettoArea'], 2018: ['ghettoArea', 'vulnerableArea'], 2017: ['ghettoArea'] } as const;
    expect(verdict(2021, area(ghetto2018, 1500, history), 'transformationArea', { nationalConvictionRate: '1' })).toBe('yes');
  });

  it.each([
    [2010, { outsideWorkOrEducation: 45, nonWesternOrigin: 80, convicted: 1 }, 'ghettoArea', 'no'],
    [2010, { outsideWorkOrEducation: 45, nonWesternOrigin: 80, convicted: 3 }, 'ghettoArea', 'yes'],
    [2018, ghetto2018, 'vulnerableArea', 'yes'],
    [2018, ghetto2018, 'ghettoArea', 'notApplicable'],
    [
      2018,
      { nonWesternOrigin: 80, outsideWorkOrEducation: 1, basicEducationOnly: 1, grossIncomeVsRegion: 90, convicted: 0 },
      'ghettoArea',
      'no',
    ],
  ] as const)('R20 %i: with the origin criterion omitted (C-417/23), %o gives %s %s', (year, values, id, expected) => {
    expect(verdict(year, area(values), id, { origin: { kind: 'omit' }, nationalConvictionRate: 1 })).toBe(expected);
  });

  it('R20 2018: the origin definition can be swapped for another variable with the same thresholds', () => {
    const origin = {
      kind: 'replace',
      variable: 'custom:nonEuCitizens',
      label: 'Statsborgere uden for EU',
      text: 'Andelen af statsborgere uden for EU overstiger 50 pct.',
    } as const;
    const input = area({ ...ghetto2018, 'custom:nonEuCitizens': 20 });
    const e = evaluateListCriteria(criteriaSetForYear(2018)!, input, { listYear: 2018, origin, nationalConvictionRate: 1 });
    expect(designationVerdict(e, 'ghettoArea')).toBe('no');
    expect(e.criteria.find((c) => c.criterion.id === 'nonWestern50')!.explanation).toBe(
      'Statsborgere uden for EU: 20,0 % er ikke over grænsen 50 % – ikke opfyldt.',
    );
  });

  it('R20 2018: every criterion and designation is explained in Danish', () => {
    const e = evaluateListCriteria(criteriaSetForYear(2018)!, area({ outsideWorkOrEducation: 45, nonWesternOrigin: 70 }), {
      listYear: 2018,
    });
    expect(e.residents.explanation).toBe('Beboere: 1.500 (mindst 1.000 kræves) – opfyldt.');
    expect(e.criteria.map((c) => c.explanation)).toEqual([
      '18–64-årige uden for arbejde eller uddannelse: 45,0 % er over grænsen 40 % – opfyldt.',
      'Dømte blandt beboere på 18 år og derover: ingen pålidelige data – kan ikke afgøres.',
      '30–59-årige med alene grundskoleuddannelse: ingen pålidelige data – kan ikke afgøres.',
      'Gennemsnitlig bruttoindkomst i forhold til regionen: ingen pålidelige data – kan ikke afgøres.',
      'Indvandrere og efterkommere fra ikke-vestlige lande: 70,0 % er over grænsen 50 % – opfyldt.',
    ]);
    expect(e.designations[0]!.explanation).toBe(
      'Udsat boligområde: kan ikke afgøres med de foreliggende data – 1 af 4 kriterier opfyldt (mindst 2 kræves, 3 kan ikke afgøres).',
    );
    expect(e.ruleText).toContain('Ghettoområde: et alment boligområde med mindst 1.000 beboere, hvor området er et udsat boligområde');
  });

  it('R20 2021: exact counts are accepted as values (100 · numerator / denominator)', () => {
    const values = { outsideWorkOrEducation: { numerator: 401, denominator: 1000 }, basicEducationOnly: { numerator: 3, denominator: 5 } };
    expect(verdict(2021, area(values), 'vulnerableArea')).toBe('undecided'); // 60 % is not over 60 %
    expect(verdict(2021, area({ ...values, grossIncomeVsRegion: 54.99 }), 'vulnerableArea')).toBe('yes');
  });

  it('R20 2014: areas meeting the criteria are sorted into yes, no and undecided', () => {
    const set = criteriaSetForYear(2014)!;
    const result = areasMeetingCriteria(
      set,
      [
        { name: 'A', input: area({ nonWesternOrigin: 60, basicEducationOnly: 55, grossIncomeVsRegion: 50 }) },
        { name: 'B', input: area({ nonWesternOrigin: 10, basicEducationOnly: 10, grossIncomeVsRegion: 90 }) },
        { name: 'C', input: area({ nonWesternOrigin: 60, basicEducationOnly: 55 }) },
      ],
      { listYear: 2014 },
    );
    expect([result.yes, result.no, result.undecided]).toEqual([['A'], ['B'], ['C']]);
  });
});
