/**
 * The published 2010–2017 Copenhagen lists as stored reference data (R20), and their reproduction:
 * each row's published values through the criteria set of its list year, with the criteria met
 * explained. Rows whose trusted values cannot decide (2011: values copied from 2010) say so.
 */
import type { Executor } from '../../db/database.ts';
import type { ListReferenceTable } from '../../db/tables/keyfigures.ts';
import {
  criteriaSetForYear,
  type DesignationVerdict,
  designationVerdict,
  evaluateListCriteria,
  type ListEvaluation,
  type ListReferenceRow,
  listInputFromReferenceRow,
  type NationalVariable,
  parseQualityFlag,
} from '../../domain/keyfigures/index.ts';
import { authorize } from '../../policy/index.ts';
import type { ServiceContext } from '../context.ts';

const COLUMNS: Readonly<Record<NationalVariable, keyof ListReferenceTable>> = {
  outsideWorkOrEducation: 'outside_work_or_education',
  nonWesternOrigin: 'non_western_origin',
  convicted: 'convicted',
  basicEducationOnly: 'basic_education_only',
  grossIncomeVsRegion: 'gross_income_vs_region',
};

/** R20 — a stored reference row as the domain reads it (the same shape the CSV parser gives). */
export function referenceRowOf(r: Omit<ListReferenceTable, 'id'> & { id?: number }): ListReferenceRow {
  const values: Partial<Record<NationalVariable, number>> = {};
  for (const [v, col] of Object.entries(COLUMNS) as [NationalVariable, keyof ListReferenceTable][]) {
    const text = String(r[col] ?? '').trim();
    if (text !== '') values[v] = Number(text);
  }
  return {
    line: r.source_line,
    listYear: r.list_year,
    area: r.area,
    municipality: r.municipality,
    onList: r.on_list === 'yes',
    newOnList: r.new_on_list === '' ? undefined : r.new_on_list === 'yes',
    residents: r.residents.trim() === '' ? undefined : Number(r.residents),
    values,
    flags: r.quality_flags
      .split(';')
      .map((f) => f.trim())
      .filter((f) => f !== '')
      .map(parseQualityFlag),
  };
}

export interface ReproducedRow {
  row: ListReferenceRow;
  evaluation: ListEvaluation;
  verdict: DesignationVerdict;
  /** Whether the computation agrees with the published list (undefined when undecided). */
  agrees: boolean | undefined;
  /** Fields the quality flags made us leave out. */
  distrusted: string[];
}

export interface ListYear {
  year: number;
  setId: string;
  ruleText: string;
  listLabel: string;
  rows: ReproducedRow[];
}

/** R20 — the list years held as reference data. */
export async function listReferenceYears(ctx: ServiceContext): Promise<{ year: number; areas: number; onList: number }[]> {
  authorize(ctx.actor, 'read', { type: 'keyfigures' });
  const rows = await ctx.db.selectFrom('list_reference').select(['list_year', 'on_list']).orderBy('list_year').execute();
  const years = new Map<number, { year: number; areas: number; onList: number }>();
  for (const r of rows) {
    const y = years.get(r.list_year) ?? { year: r.list_year, areas: 0, onList: 0 };
    y.areas++;
    if (r.on_list === 'yes') y.onList++;
    years.set(r.list_year, y);
  }
  return [...years.values()];
}

/** R20 — the stored rows of a list year. */
export async function referenceRows(db: Executor, year: number): Promise<ListReferenceRow[]> {
  const rows = await db.selectFrom('list_reference').selectAll().where('list_year', '=', year).orderBy('area').execute();
  return rows.map(referenceRowOf);
}

/** R20 — the reproduction of one published list year from the stored reference data. */
export async function reproduceListYear(ctx: ServiceContext, year: number): Promise<ListYear | undefined> {
  authorize(ctx.actor, 'read', { type: 'keyfigures' });
  const rows = await referenceRows(ctx.db, year);
  const set = criteriaSetForYear(year);
  if (!set || rows.length === 0) return undefined;
  const reproduced = rows.map((row): ReproducedRow => {
    const { input, distrusted } = listInputFromReferenceRow(row);
    const evaluation = evaluateListCriteria(set, input, { listYear: year });
    const verdict = designationVerdict(evaluation, set.listDesignation);
    const agrees = verdict === 'yes' ? row.onList : verdict === 'no' ? !row.onList : undefined;
    return { row, evaluation, verdict, agrees, distrusted };
  });
  const listLabel = set.designations.find((d) => d.id === set.listDesignation)?.label ?? set.listDesignation;
  return { year, setId: set.id, ruleText: evaluationRule(reproduced[0]?.evaluation), listLabel, rows: reproduced };
}

const evaluationRule = (e: ListEvaluation | undefined) => e?.ruleText ?? '';
