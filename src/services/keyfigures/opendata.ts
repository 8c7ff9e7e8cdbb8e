/**
 * Open data (R18): the published, aggregated figures per year and level as rows for CSV and JSON —
 * always with small counts suppressed (null), whoever downloads them.
 */
import { formatDa, VARIABLE_IDS, type VariableId, valueOf } from '../../domain/keyfigures/index.ts';
import type { ServiceContext } from '../context.ts';
import { knownFigures, type UnitLevel } from './publish.ts';
import { loadYear, type ReadOptions } from './read.ts';

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

/** R18 — the published rows of a year at the chosen levels (estates are never part of open data). */
export async function openDataRows(
  ctx: ServiceContext,
  year: number,
  levels: readonly OpenLevel[],
  o: ReadOptions,
): Promise<{ rows: OpenRow[]; threshold: number }> {
  const y = await loadYear(ctx, year, { ...o, published: true });
  const rows: OpenRow[] = [];
  for (const f of y.units.values()) {
    if (!(levels as readonly string[]).includes(f.unit.level)) continue;
    const known = knownFigures(f);
    const variables = {} as OpenRow['variables'];
    for (const v of VARIABLE_IDS) {
      const r = f.ratios[v];
      const value = valueOf(known, v);
      variables[v] = r
        ? {
            numerator: r.numerator,
            denominator: r.denominator,
            value: value
              ? formatDa(value, v === 'grossIncome' ? 0 : 2)
                  .replace(/\./g, '')
                  .replace(',', '.')
              : null,
          }
        : null;
    }
    rows.push({ year, level: f.unit.level, key: f.unit.key, name: f.unit.name, estates: f.estates, residents: f.residents, variables });
  }
  return { rows, threshold: y.threshold };
}

const csvCell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  return /[",;\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** R18 — the rows as CSV (comma-separated, UTF-8 with BOM; empty = suppressed or not known). */
export function openDataCsv(rows: readonly OpenRow[]): string {
  const header = [
    'aar',
    'niveau',
    'noegle',
    'navn',
    'afdelinger',
    'beboere',
    ...VARIABLE_IDS.flatMap((v) => [`${v}_taeller`, `${v}_naevner`, `${v}_vaerdi`]),
  ];
  const lines = rows.map((r) =>
    [
      r.year,
      r.level,
      r.key,
      r.name,
      r.estates,
      r.residents,
      ...VARIABLE_IDS.flatMap((v) => [
        r.variables[v]?.numerator ?? null,
        r.variables[v]?.denominator ?? null,
        r.variables[v]?.value ?? null,
      ]),
    ]
      .map(csvCell)
      .join(','),
  );
  return `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`;
}
