/**
 * R20 — reproduces the published Copenhagen ghetto lists 2010–2017 from their published criteria
 * values. Rows whose trustworthy values cannot decide are listed below as exclusions, with the
 * reason; the test fails if the computation leaves any other row undecided.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  criteriaSetForYear,
  designationVerdict,
  evaluateListCriteria,
  type ListReferenceRow,
  listInputFromReferenceRow,
  NATIONAL_CRITERIA_SETS,
  parseListReferenceCsv,
} from '../../../src/domain/keyfigures/index.ts';

const csv = readFileSync(new URL('../../../src/domain/keyfigures/data/ghettolister_2010_2017_kriterier_KBH.csv', import.meta.url), 'utf8');
const { rows, errors } = parseListReferenceCsv(csv);

const COPIED_2011 =
  'the 2011 shares outside work/education, non-Western shares and residents are identical to 2010 ' +
  '(quality flag: copied, not trusted); the conviction share alone cannot decide "2 of 3"';

/** Rows the data cannot decide, with the reason. The test checks this list is exactly right. */
const EXCLUSIONS: readonly { year: number; area: string; reason: string }[] = [
  'Bispeparken',
  'Gadelandet/Husumgård',
  'Aldersrogade',
  'Mjølnerparken',
  'Tingbjerg/Utterslevhuse',
  'Lundtoftegade',
  'Sjælør Boulevard',
  'Hørgården',
  'Blågården',
  'Akacieparken',
].map((area) => ({ year: 2011, area, reason: COPIED_2011 }));

const excluded = (r: ListReferenceRow) => EXCLUSIONS.some((e) => e.year === r.listYear && e.area === r.area);

function verdictFor(r: ListReferenceRow, setId?: string) {
  const set = setId ? NATIONAL_CRITERIA_SETS.find((s) => s.id === setId)! : criteriaSetForYear(r.listYear)!;
  const evaluation = evaluateListCriteria(set, listInputFromReferenceRow(r).input, { listYear: r.listYear });
  return designationVerdict(evaluation, set.listDesignation);
}

const names = (list: readonly ListReferenceRow[]) => list.map((r) => r.area).sort();
const rowsOf = (year: number) => rows.filter((r) => r.listYear === year);

describe('R20 ghetto lists 2010–2017 (Copenhagen)', () => {
  it('R20 reference data: all 63 rows parse without errors', () => {
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(63);
  });

  it.each([
    [2010, 'ghetto-2010', 10, 0],
    [2012, 'ghetto-2010', 8, 4],
    [2013, 'ghetto-2010', 8, 1],
    [2014, 'ghetto-2014', 6, 1],
    [2015, 'ghetto-2014', 3, 4],
    [2016, 'ghetto-2014', 3, 1],
    [2017, 'ghetto-2014', 4, 0],
  ])('R20 %i: the %s rules put exactly the %i listed areas on the list and leave off the %i others', (year, setId, on, off) => {
    const all = rowsOf(year);
    expect(criteriaSetForYear(year)?.id).toBe(setId);
    expect(all.filter(excluded)).toEqual([]);
    const computedOn = all.filter((r) => verdictFor(r) === 'yes');
    const computedOff = all.filter((r) => verdictFor(r) === 'no');
    expect(names(computedOn)).toEqual(names(all.filter((r) => r.onList)));
    expect(names(computedOff)).toEqual(names(all.filter((r) => !r.onList)));
    expect([computedOn.length, computedOff.length]).toEqual([on, off]);
  });

  it('R20 2011: no row can be decided from trusted values, and exactly the listed exclusions are left out', () => {
    const undecided = rows.filter((r) => verdictFor(r) === 'undecided');
    expect(undecided.map((r) => ({ year: r.listYear, area: r.area })).sort((a, b) => a.area.localeCompare(b.area))).toEqual(
      EXCLUSIONS.map(({ year, area }) => ({ year, area })).sort((a, b) => a.area.localeCompare(b.area)),
    );
    for (const r of undecided) {
      expect(listInputFromReferenceRow(r).distrusted.sort()).toEqual(['nonWesternOrigin', 'outsideWorkOrEducation', 'residents']);
    }
  });

  it('R20 2011: taken at face value (unverified copies of 2010), the 2010 rules also give the published list — not evidence', () => {
    for (const r of rowsOf(2011)) {
      const set = criteriaSetForYear(2011)!;
      const faceValue = { residents: r.residents, values: r.values };
      expect(designationVerdict(evaluateListCriteria(set, faceValue, { listYear: 2011 }), 'ghettoArea')).toBe(r.onList ? 'yes' : 'no');
    }
  });

  it('R20 2013: the list of 1 December 2013 follows the 2010 rules; the five-criteria rules cannot decide it from these data', () => {
    const year = rowsOf(2013);
    expect(year.every((r) => verdictFor(r, 'ghetto-2010') === (r.onList ? 'yes' : 'no'))).toBe(true);
    const underL45 = year.filter((r) => verdictFor(r, 'ghetto-2014') === 'undecided').map((r) => r.area);
    expect(underL45.length).toBeGreaterThan(0);
    expect(year.some((r) => r.area.startsWith('Tingbjerg'))).toBe(false); // meets 3 of 5 in 2014, yet absent in 2013
  });

  it.each([
    [2014, 'Aldersrogade', 'convicted270', 'Dømte blandt beboere på 18 år og derover: 2,70 % er ikke over grænsen 2,70 % – ikke opfyldt.'],
    [
      2015,
      'Bispeparken',
      'income55',
      'Gennemsnitlig bruttoindkomst i forhold til regionen: 55,0 % er ikke under grænsen 55 % – ikke opfyldt.',
    ],
    [2015, 'Degnegården mv.', 'basic50', '30–59-årige med alene grundskoleuddannelse: 50,0 % er ikke over grænsen 50 % – ikke opfyldt.'],
    [2013, 'Bispeparken', 'outside40', '18–64-årige uden for arbejde eller uddannelse: 40,0 % er ikke over grænsen 40 % – ikke opfyldt.'],
  ])('R20 %i: %s sits exactly on the threshold of %s, which is not met ("over"/"under" are strict)', (year, area, criterion, text) => {
    const r = rows.find((x) => x.listYear === year && x.area === area)!;
    const set = criteriaSetForYear(year)!;
    const e = evaluateListCriteria(set, listInputFromReferenceRow(r).input, { listYear: year });
    const result = e.criteria.find((c) => c.criterion.id === criterion)!;
    expect(result.outcome).toBe('notMet');
    expect(result.explanation).toBe(text);
  });

  // The seven Copenhagen ghettoområder of 1 December 2018 and the two hårde ghettoområder among them,
  // as published (reference/lists/kbh_listestatus_2018_2023.csv, kk.dk minutes of 27.05.2019 and 08.05.2023).
  it.each([
    ['Mjølnerparken', 'yes'],
    ['Tingbjerg/Utterslevhuse', 'yes'],
    ['Bispeparken', 'no'],
    ['Aldersrogade', 'no'],
    ['Lundtoftegade', 'no'],
    ['Hørgården', 'no'],
    ['Gadelandet/Husumgård', 'no'],
  ] as const)(
    'R20 2018: with the 2014–2017 lists as history, %s is a hårdt ghettoområde: %s (published: Mjølnerparken, Tingbjerg)',
    (name, expected) => {
      const history = Object.fromEntries(
        [2014, 2015, 2016, 2017].map((y) => [
          y,
          rows.some((r) => r.listYear === y && r.area === name && r.onList) ? ['ghettoArea' as const] : [],
        ]),
      );
      // The 2018 values are not in the reference data; these stand in for the published fact that the area was a ghettoområde.
      const ghetto2018 = { outsideWorkOrEducation: 45, basicEducationOnly: 65, nonWesternOrigin: 70 };
      const set = criteriaSetForYear(2018)!;
      const e = evaluateListCriteria(set, { residents: 1500, values: ghetto2018, history }, { listYear: 2018 });
      expect(designationVerdict(e, 'ghettoArea')).toBe('yes');
      expect(designationVerdict(e, 'hardGhettoArea')).toBe(expected);
    },
  );
});
