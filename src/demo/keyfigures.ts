/**
 * Demo statistics (R18): invented but plausible figures for every demo estate for 2021–2024,
 * deterministic (a seeded generator per estate, variable and year). Estates in a vulnerable urban area
 * lie worse than the rest and improve slowly; a few small counts exercise the suppression.
 */
import type { Trx } from '../db/database.ts';
import type { StoredRatios } from '../db/tables/keyfigures.ts';

export const DEMO_YEARS = [2021, 2022, 2023, 2024] as const;

/** A number in [0, 1) from a text, stable across runs (FNV-1a, then one xorshift round). */
function unit(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h << 13;
  h ^= h >>> 17;
  h ^= h << 5;
  return (h >>> 0) / 2 ** 32;
}

interface Spec {
  variable: string;
  /** The population as a share of residents (or of dwellings when `dwellings`). */
  base: number;
  dwellings?: boolean;
  /** The share in percent: [low, high] in a vulnerable area and elsewhere. */
  vulnerable: [number, number];
  other: [number, number];
  /** Yearly change in percentage points (negative: improving). */
  drift: number;
}

const SPECS: Spec[] = [
  { variable: 'outsideWorkOrEducation', base: 0.62, vulnerable: [30, 48], other: [12, 22], drift: -0.8 },
  { variable: 'nonWesternOrigin', base: 1, vulnerable: [40, 75], other: [10, 25], drift: 0.3 },
  { variable: 'convicted', base: 0.75, vulnerable: [1.5, 3.4], other: [0.5, 1.2], drift: -0.1 },
  { variable: 'basicEducationOnly', base: 0.38, vulnerable: [35, 62], other: [15, 25], drift: -0.7 },
  { variable: 'outsideLabourForce', base: 0.65, vulnerable: [35, 50], other: [18, 28], drift: -0.6 },
  { variable: 'lowIncome', base: 1, vulnerable: [25, 40], other: [10, 18], drift: -0.4 },
  { variable: 'shortEducation', base: 0.5, vulnerable: [40, 60], other: [20, 30], drift: -0.5 },
  { variable: 'smallDwellings', base: 1, dwellings: true, vulnerable: [30, 60], other: [20, 50], drift: 0 },
  { variable: 'lackingInstallations', base: 1, dwellings: true, vulnerable: [0.2, 3], other: [0, 1.5], drift: -0.2 },
  { variable: 'crowding', base: 1, vulnerable: [15, 30], other: [5, 12], drift: -0.2 },
  { variable: 'unsafe', base: 0.05, vulnerable: [25, 40], other: [8, 15], drift: -0.5 },
  { variable: 'voterTurnout', base: 0.7, vulnerable: [45, 60], other: [65, 78], drift: 0.4 },
];

/** Region Hovedstaden's average gross income (kr.) and the national conviction rate (%) used by the demo. */
const REGION_INCOME_KR: Record<number, number> = { 2021: 398_000, 2022: 409_000, 2023: 421_000, 2024: 433_000 };
const NATIONAL_CONVICTION_RATE: Record<number, string> = { 2021: '0.91', 2022: '0.89', 2023: '0.88', 2024: '0.87' };

/** R18 — one estate's figures for a year. */
export function demoFigures(
  e: { name: string; residents: number; dwellings: number; vulnerable: boolean },
  year: number,
): { residents: number; ratios: StoredRatios } {
  const t = year - DEMO_YEARS[0];
  const residents = Math.max(0, Math.round(e.residents * (1 + (unit(`${e.name}|res|${year}`) - 0.5) * 0.04)));
  const ratios: StoredRatios = {};
  for (const s of SPECS) {
    const [lo, hi] = e.vulnerable ? s.vulnerable : s.other;
    const level = lo + unit(`${e.name}|${s.variable}`) * (hi - lo);
    const share = Math.min(100, Math.max(0, level + s.drift * t + (unit(`${e.name}|${s.variable}|${year}`) - 0.5) * 1.5));
    const denominator = Math.max(1, Math.round((s.dwellings ? e.dwellings : residents) * s.base));
    ratios[s.variable] = { numerator: Math.round((denominator * share) / 100), denominator };
  }
  const taxpayers = Math.max(1, Math.round(residents * 0.6));
  const [lo, hi] = e.vulnerable ? [190_000, 265_000] : [280_000, 360_000];
  const averageKr = Math.round((lo + unit(`${e.name}|income`) * (hi - lo)) * (1 + 0.025 * t));
  ratios.grossIncome = { numerator: taxpayers * averageKr * 100, denominator: taxpayers };
  return { residents, ratios };
}

/** R18 — the whole municipality (all residents, not only public housing): Copenhagen-like levels. */
export function demoMunicipality(year: number): { residents: number; ratios: StoredRatios } {
  const t = year - DEMO_YEARS[0];
  const residents = 640_000 + t * 6_000;
  const share = (variable: string, base: number, pct: number) => {
    const denominator = Math.round(residents * base);
    return [variable, { numerator: Math.round((denominator * pct) / 100), denominator }] as const;
  };
  const dwellings = Math.round(residents / 1.95);
  const taxpayers = Math.round(residents * 0.62);
  return {
    residents,
    ratios: Object.fromEntries([
      share('outsideWorkOrEducation', 0.7, 14.5 - 0.3 * t),
      share('nonWesternOrigin', 1, 16 + 0.2 * t),
      share('convicted', 0.82, 1.0),
      share('basicEducationOnly', 0.42, 14 - 0.3 * t),
      share('outsideLabourForce', 0.7, 21 - 0.3 * t),
      share('lowIncome', 1, 12),
      share('shortEducation', 0.55, 19 - 0.3 * t),
      ['smallDwellings', { numerator: Math.round(dwellings * 0.36), denominator: dwellings }],
      ['lackingInstallations', { numerator: Math.round(dwellings * 0.012), denominator: dwellings }],
      share('crowding', 1, 8),
      share('unsafe', 0.004, 12),
      share('voterTurnout', 0.75, 71),
      ['grossIncome', { numerator: taxpayers * Math.round(365_000 * (1 + 0.025 * t)) * 100, denominator: taxpayers }],
    ]),
  };
}

/** Loads the demo statistics with a provenance record per year, as if imported by the secretariat. */
export async function loadDemoKeyfigures(trx: Trx): Promise<void> {
  const estates = await trx
    .selectFrom('estate')
    .select(['id', 'name', 'residents', 'dwellings', 'urban_area_id'])
    .where('is_demo', '=', true)
    .orderBy('id')
    .execute();
  if (estates.length === 0) return;
  for (const year of DEMO_YEARS) {
    const rows = estates.map((e) => ({
      estate: e,
      ...demoFigures({ name: e.name, residents: e.residents, dwellings: e.dwellings, vulnerable: e.urban_area_id !== null }, year),
    }));
    const imp = await trx
      .insertInto('keyfigure_import')
      .values({
        year,
        file_name: `demostatistik-${year}.csv`,
        file_kind: 'csv',
        status: 'imported',
        uploaded_by_user_id: null,
        uploaded_by_label: 'Demodata (opdigtet)',
        imported_at: new Date(`${year + 1}-03-01T09:00:00Z`),
        created_at: new Date(`${year + 1}-03-01T09:00:00Z`),
        row_count: rows.length,
        error_count: 0,
        rows: '[]',
        errors: '[]',
        region_income_ore: REGION_INCOME_KR[year]! * 100,
        national_conviction_rate: NATIONAL_CONVICTION_RATE[year]!,
        municipality_figures: JSON.stringify(demoMunicipality(year)),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('keyfigure_estate_year')
      .values(
        rows.map((r) => ({ estate_id: r.estate.id, year, import_id: imp.id, residents: r.residents, ratios: JSON.stringify(r.ratios) })),
      )
      .execute();
  }
  await loadDemoListAreas(trx);
}

/**
 * R20 — the national list areas of the demo: the names of Copenhagen's areas on the lists 2018–2023 (public, with
 * the source of the name), made of the demo's invented estates (so the areas are marked as demo data).
 */
export const DEMO_LIST_AREAS: Record<string, string[]> = {
  Mjølnerparken: ['Mjølnerparken'],
  'Tingbjerg/Utterslevhuse': ['Tingbjerg I', 'Tingbjerg II', 'Utterslevhuse'],
  Aldersrogade: ['Aldersrogade', 'Aldersrogade Syd'],
  Bispeparken: ['Bispeparken'],
  Lundtoftegade: ['Lundtoftegade'],
  Hørgården: ['Hørgården Nord', 'Hørgården Syd'],
  'Gadelandet/Husumgård': ['Husumgård'],
  Stærevej: ['Stærevej'],
};

async function loadDemoListAreas(trx: Trx): Promise<void> {
  const estates = new Map(
    (await trx.selectFrom('estate').select(['id', 'name']).where('is_demo', '=', true).execute()).map((e) => [e.name, e.id]),
  );
  for (const [name, members] of Object.entries(DEMO_LIST_AREAS)) {
    const ids = members.map((m) => estates.get(m)).filter((id): id is number => id !== undefined);
    if (ids.length === 0) continue;
    const source = await trx
      .selectFrom('list_status')
      .select('source_url')
      .where('area', '=', name)
      .orderBy('list_year')
      .executeTakeFirst();
    const area = await trx
      .insertInto('list_area')
      .values({ name, source_url: source?.source_url ?? null, is_demo: true })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('list_area_estate')
      .values(ids.map((estate_id) => ({ list_area_id: area.id, estate_id })))
      .execute();
  }
}
