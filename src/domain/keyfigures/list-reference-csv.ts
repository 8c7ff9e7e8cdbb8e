/**
 * The published Copenhagen ghetto-list values 2010–2017 as reference data (R20): parsing the CSV
 * (text in, typed rows and row errors out — no I/O) and turning a row into list-criteria input, with
 * the `quality_flags` column read honestly: values the flags distrust are left out, not guessed.
 */
import { parse } from 'csv-parse/sync';
import type { NationalVariable } from './national-criteria.ts';
import type { AreaListInput } from './national-evaluation.ts';

/** What the `quality_flags` column says about a row. */
export type QualityFlag =
  | { readonly kind: 'nameNormalised'; readonly from: string }
  /** Residents were transcribed in thousands ("2.44") and multiplied by 1,000: maybe rounded. */
  | { readonly kind: 'residentsInThousands' }
  /** Values identical to an earlier year's: likely copied by the transcriber, so not trusted. */
  | { readonly kind: 'copiedFromEarlierYear'; readonly fromYear: number; readonly fields: readonly ListField[] }
  | { readonly kind: 'unrecognised'; readonly raw: string };

export type ListField = 'residents' | NationalVariable;

export interface ListReferenceRow {
  /** Line in the CSV text (1 = header). */
  readonly line: number;
  readonly listYear: number;
  readonly area: string;
  readonly municipality: string;
  readonly onList: boolean;
  readonly newOnList?: boolean;
  readonly residents?: number;
  readonly values: Readonly<Partial<Record<NationalVariable, number>>>;
  readonly flags: readonly QualityFlag[];
}

export interface RowError {
  readonly line: number;
  /** Danish. */
  readonly message: string;
}

const COLUMNS: Readonly<Record<string, NationalVariable>> = {
  pct_18_64_outside_labour_market_or_education_2yr_avg: 'outsideWorkOrEducation',
  pct_nonwestern_immigrants_descendants: 'nonWesternOrigin',
  pct_convicted_18plus_2yr_avg: 'convicted',
  pct_30_59_basic_education_only: 'basicEducationOnly',
  avg_gross_income_pct_of_region: 'grossIncomeVsRegion',
};
const REQUIRED = ['list_year', 'area', 'municipality', 'on_list', 'new_on_list', 'residents', ...Object.keys(COLUMNS), 'quality_flags'];

/** Words in copied-value flags and the fields they name. */
const FLAG_WORDS: Readonly<Record<string, ListField>> = {
  unemployed: 'outsideWorkOrEducation',
  nonwestern: 'nonWesternOrigin',
  residents: 'residents',
  convicted: 'convicted',
  education: 'basicEducationOnly',
  income: 'grossIncomeVsRegion',
};

/** R20 — one `quality_flags` entry, typed. */
export function parseQualityFlag(raw: string): QualityFlag {
  if (raw === 'residents_transcribed_in_thousands_x1000') return { kind: 'residentsInThousands' };
  if (raw.startsWith('name_normalised_from:')) return { kind: 'nameNormalised', from: raw.slice('name_normalised_from:'.length) };
  const copied = /^(\d{4})_([a-z_]+)_identical_to_(\d{4})_verify$/.exec(raw);
  if (copied) {
    const fields = copied[2]!.split('_').map((w) => FLAG_WORDS[w]);
    if (fields.every((f): f is ListField => f !== undefined)) return { kind: 'copiedFromEarlierYear', fromYear: Number(copied[3]), fields };
  }
  return { kind: 'unrecognised', raw };
}

const DECIMAL = /^\d+(\.\d+)?$/;

/** R20 — parses the reference CSV: typed rows, and one Danish error per row that cannot be used. */
export function parseListReferenceCsv(text: string): { rows: ListReferenceRow[]; errors: RowError[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as typeof records;
  } catch (e) {
    return { rows: [], errors: [{ line: 0, message: `Filen kan ikke læses som CSV: ${(e as Error).message}` }] };
  }
  const [head, ...body] = records;
  const header = head?.record.map((h) => h.trim()) ?? [];
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length > 0) return { rows: [], errors: [{ line: 1, message: `Kolonner mangler: ${missing.join(', ')}.` }] };

  const rows: ListReferenceRow[] = [];
  const errors: RowError[] = [];
  const seen = new Set<string>();
  for (const { record, info } of body) {
    const line = info.lines;
    const problems: string[] = [];
    if (record.length !== header.length) problems.push(`forventede ${header.length} felter, fandt ${record.length}`);
    const cell = (name: string) => (record[header.indexOf(name)] ?? '').trim();
    const number = (name: string, max?: number): number | undefined => {
      const v = cell(name);
      if (v === '') return undefined;
      if (!DECIMAL.test(v) || (max !== undefined && Number(v) > max)) {
        problems.push(`${name} er ikke et gyldigt tal: »${v}«`);
        return undefined;
      }
      return Number(v);
    };
    const listYear = Number(cell('list_year'));
    if (!/^\d{4}$/.test(cell('list_year'))) problems.push(`list_year skal være et årstal: »${cell('list_year')}«`);
    const area = cell('area');
    if (area === '') problems.push('area mangler');
    const on = cell('on_list');
    const onList = on === 'yes' ? true : on.startsWith('no') ? false : undefined;
    if (onList === undefined) problems.push(`on_list skal være yes eller no: »${on}«`);
    const isNew = cell('new_on_list');
    if (!['', 'yes', 'no'].includes(isNew)) problems.push(`new_on_list skal være tom, yes eller no: »${isNew}«`);
    const residents = number('residents');
    if (residents !== undefined && !Number.isInteger(residents)) problems.push('residents skal være et helt tal');
    const values: Partial<Record<NationalVariable, number>> = {};
    for (const [column, variable] of Object.entries(COLUMNS)) {
      const v = number(column, 100);
      if (v !== undefined) values[variable] = v;
    }
    const key = `${listYear}|${area}`;
    if (seen.has(key)) problems.push(`${area} står to gange i ${listYear}`);
    seen.add(key);
    if (problems.length > 0 || onList === undefined) {
      errors.push({ line, message: `Linje ${line}: ${problems.join('; ')}.` });
      continue;
    }
    const flags = cell('quality_flags')
      .split(';')
      .map((f) => f.trim())
      .filter((f) => f !== '')
      .map(parseQualityFlag);
    rows.push({
      line,
      listYear,
      area,
      municipality: cell('municipality'),
      onList,
      newOnList: isNew === '' ? undefined : isNew === 'yes',
      residents,
      values,
      flags,
    });
  }
  return { rows, errors };
}

/** How far a residents count transcribed in thousands may be off (the last digit may be rounded). */
export const RESIDENTS_ROUNDING = 5;

/**
 * R20 — a reference row as list-criteria input. Fields a flag distrusts are left out (unknown), and
 * residents transcribed in thousands become bounds; an unrecognised flag distrusts the whole row.
 * `distrusted` names the fields left out, so a test can report them.
 */
export function listInputFromReferenceRow(row: ListReferenceRow): { input: AreaListInput; distrusted: ListField[] } {
  const distrusted = new Set<ListField>();
  let residents: AreaListInput['residents'] = row.residents;
  for (const flag of row.flags) {
    if (flag.kind === 'copiedFromEarlierYear') for (const f of flag.fields) distrusted.add(f);
    if (flag.kind === 'unrecognised') {
      distrusted.add('residents');
      for (const v of Object.values(COLUMNS)) distrusted.add(v);
    }
    if (flag.kind === 'residentsInThousands' && row.residents !== undefined) {
      residents = { low: row.residents - RESIDENTS_ROUNDING, high: row.residents + RESIDENTS_ROUNDING };
    }
  }
  const values: Partial<Record<NationalVariable, number>> = {};
  for (const [k, v] of Object.entries(row.values) as [NationalVariable, number][]) if (!distrusted.has(k)) values[k] = v;
  return {
    input: { residents: distrusted.has('residents') ? undefined : residents, values },
    distrusted: [...distrusted],
  };
}
