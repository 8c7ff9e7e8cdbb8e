/**
 * Open data (R18): the published, aggregated figures per year and level as rows for CSV and JSON —
 * always with small counts suppressed (null), whoever downloads them. Computed year by year from SQL sums
 * (`published-year.ts`); the CSV is streamed a year at a time, so an export of every year holds one year at most.
 */
import { formatDa, VARIABLE_IDS, type VariableId, valueOf } from '../../domain/keyfigures/index.ts';
import { authorize } from '../../policy/index.ts';
import type { ServiceContext } from '../context.ts';
import { publishedYear } from './published-year.ts';
import { knownFigures, type UnitFigures, type UnitLevel } from './publish.ts';
import type { ReadOptions } from './read.ts';

export const OPEN_LEVELS = ['city', 'district', 'area'] as const;
export type OpenLevel = (typeof OPEN_LEVELS)[number];

export interface OpenRow {
  year: number;
  level: UnitLevel;
  key: string;
  name: string;
  estates: number;
  residents: number | null;
  variables: Record<VariableId, { numerator: number | null; denominator: number | null; value: string | null } | null>;
}

/**
 * A unit's figures as published: per variable the numerator, the denominator and the value as a plain decimal
 * ("12.34", `decimals` places), null where not known or suppressed. Open data and the API's year figures share it.
 */
export function unitVariables(f: UnitFigures, decimals: (v: VariableId) => number): OpenRow['variables'] {
  const known = knownFigures(f);
  const variables = {} as OpenRow['variables'];
  for (const v of VARIABLE_IDS) {
    const r = f.ratios[v];
    const value = valueOf(known, v);
    variables[v] = r
      ? {
          numerator: r.numerator,
          denominator: r.denominator,
          value: value ? formatDa(value, decimals(v)).replace(/\./g, '').replace(',', '.') : null,
        }
      : null;
  }
  return variables;
}

/** R18 — one row of open data: incomes in whole kroner, shares with two decimals. */
export function openRow(year: number, f: UnitFigures): OpenRow {
  const variables = unitVariables(f, (v) => (v === 'grossIncome' ? 0 : 2));
  return { year, level: f.unit.level, key: f.unit.key, name: f.unit.name, estates: f.estates, residents: f.residents, variables };
}

async function yearRows(ctx: ServiceContext, year: number, levels: readonly OpenLevel[], o: ReadOptions) {
  const y = await publishedYear(ctx.db, year, o.defaultThreshold);
  const rows = y.units.filter((f) => (levels as readonly string[]).includes(f.unit.level)).map((f) => openRow(year, f));
  return { rows, threshold: y.threshold };
}

/** R18 — the published rows of a year at the chosen levels (estates are never part of open data). */
export async function openDataRows(
  ctx: ServiceContext,
  year: number,
  levels: readonly OpenLevel[],
  o: ReadOptions,
): Promise<{ rows: OpenRow[]; threshold: number }> {
  authorize(ctx.actor, 'read', { type: 'keyfigures' });
  return yearRows(ctx, year, levels, o);
}

const csvCell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  return /[",;\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The open-data CSV's header line (without its line break). */
export const CSV_HEADER = [
  'aar',
  'niveau',
  'noegle',
  'navn',
  'afdelinger',
  'beboere',
  ...VARIABLE_IDS.flatMap((v) => [`${v}_taeller`, `${v}_naevner`, `${v}_vaerdi`]),
].join(',');

/** One row as a CSV line with its line break. */
export function csvLine(r: OpenRow): string {
  const cells = [
    r.year,
    r.level,
    r.key,
    r.name,
    r.estates,
    r.residents,
    ...VARIABLE_IDS.flatMap((v) => [r.variables[v]?.numerator ?? null, r.variables[v]?.denominator ?? null, r.variables[v]?.value ?? null]),
  ];
  return `${cells.map(csvCell).join(',')}\r\n`;
}

async function* csvChunks(ctx: ServiceContext, years: readonly number[], levels: readonly OpenLevel[], o: ReadOptions) {
  let head = `\uFEFF${CSV_HEADER}\r\n`;
  for (const year of years) {
    const { rows } = await yearRows(ctx, year, levels, o);
    yield head + rows.map(csvLine).join('');
    head = '';
  }
  if (head) yield head;
}

/**
 * R18 — the published rows of the given years, one after another under one header, as CSV (comma-separated, UTF-8
 * with BOM; empty = suppressed or not known). The first year is computed before this returns (so its errors are
 * ordinary errors); each further year when the reader asks for more, so memory holds one year's rows at most.
 */
export async function openDataCsv(
  ctx: ServiceContext,
  years: readonly number[],
  levels: readonly OpenLevel[],
  o: ReadOptions,
): Promise<ReadableStream<Uint8Array>> {
  authorize(ctx.actor, 'read', { type: 'keyfigures' });
  const chunks = csvChunks(ctx, years, levels, o);
  const encoder = new TextEncoder();
  const first = await chunks.next();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (first.done) controller.close();
      else controller.enqueue(encoder.encode(first.value));
    },
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}
