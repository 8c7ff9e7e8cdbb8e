import { describe, expect, it } from 'vitest';
import { listInputFromReferenceRow, parseListReferenceCsv, parseQualityFlag } from '../../../src/domain/keyfigures/index.ts';

const HEADER =
  'list_year,area,municipality,on_list,new_on_list,residents,pct_18_64_outside_labour_market_or_education_2yr_avg,' +
  'pct_nonwestern_immigrants_descendants,pct_convicted_18plus_2yr_avg,pct_30_59_basic_education_only,avg_gross_income_pct_of_region,quality_flags';

describe('R20 reading the reference CSV', () => {
  it('R20 a valid row becomes typed values; "no (udgået/left list)" means off the list', () => {
    const { rows, errors } = parseListReferenceCsv(
      `${HEADER}\n2014,Aldersrogade,København,no (udgået/left list),no,2347,38.0,73.0,2.7,43.4,51.9,\n`,
    );
    expect(errors).toEqual([]);
    expect(rows[0]).toEqual({
      line: 2,
      listYear: 2014,
      area: 'Aldersrogade',
      municipality: 'København',
      onList: false,
      newOnList: false,
      residents: 2347,
      values: { outsideWorkOrEducation: 38, nonWesternOrigin: 73, convicted: 2.7, basicEducationOnly: 43.4, grossIncomeVsRegion: 51.9 },
      flags: [],
    });
  });

  it.each([
    ['2014,X,København,maybe,,1000,1,1,1,1,1,', 'on_list skal være yes eller no: »maybe«'],
    ['14,X,København,yes,,1000,1,1,1,1,1,', 'list_year skal være et årstal: »14«'],
    ['2014,X,København,yes,,1000,1,101,1,1,1,', 'pct_nonwestern_immigrants_descendants er ikke et gyldigt tal: »101«'],
    ['2014,X,København,yes,,1000,1,1,1,1', 'forventede 12 felter, fandt 10'],
    ['2014,,København,yes,,1000.5,1,1,1,1,1,', 'area mangler; residents skal være et helt tal'],
  ])('R20 a bad row is reported with its line, the others are kept (%s)', (bad, message) => {
    const { rows, errors } = parseListReferenceCsv(`${HEADER}\n2014,Ok,København,yes,,1000,1,1,1,1,1,\n${bad}\n`);
    expect(rows.map((r) => r.area)).toEqual(['Ok']);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.line).toBe(3);
    expect(errors[0]!.message).toContain(message);
  });

  it.each([
    ['list_year,area\n2014,X\n', 'Kolonner mangler: municipality'],
    [`${HEADER}\n"2014,X\n`, 'Filen kan ikke læses som CSV'],
  ])('R20 a file that is not the reference format gives one error (%#)', (text, message) => {
    const { rows, errors } = parseListReferenceCsv(text);
    expect(rows).toEqual([]);
    expect(errors[0]!.message).toContain(message);
  });

  it.each([
    ['residents_transcribed_in_thousands_x1000', { kind: 'residentsInThousands' }],
    ['name_normalised_from:Stærevej mv', { kind: 'nameNormalised', from: 'Stærevej mv' }],
    [
      '2011_unemployed_nonwestern_residents_identical_to_2010_verify',
      { kind: 'copiedFromEarlierYear', fromYear: 2010, fields: ['outsideWorkOrEducation', 'nonWesternOrigin', 'residents'] },
    ],
    ['2011_pets_identical_to_2010_verify', { kind: 'unrecognised', raw: '2011_pets_identical_to_2010_verify' }],
  ])('R20 the quality flag %s is understood', (raw, flag) => {
    expect(parseQualityFlag(raw)).toEqual(flag);
  });

  it('R20 flagged values are left out or widened, never guessed; an unknown flag distrusts the whole row', () => {
    const { rows } = parseListReferenceCsv(
      `${HEADER}\n2011,A,København,yes,,2440,36.8,65.5,2.8,,,residents_transcribed_in_thousands_x1000;2011_unemployed_nonwestern_residents_identical_to_2010_verify\n` +
        `2011,B,København,yes,,2440,36.8,65.5,2.8,,,something_new\n`,
    );
    const a = listInputFromReferenceRow(rows[0]!);
    expect(a.input).toEqual({ residents: undefined, values: { convicted: 2.8 } });
    const b = listInputFromReferenceRow(rows[1]!);
    expect(b.input).toEqual({ residents: undefined, values: {} });
    const { rows: plain } = parseListReferenceCsv(
      `${HEADER}\n2010,C,København,yes,,1037,1,1,1,,,residents_transcribed_in_thousands_x1000\n`,
    );
    expect(listInputFromReferenceRow(plain[0]!).input.residents).toEqual({ low: 1032, high: 1042 });
  });
});
