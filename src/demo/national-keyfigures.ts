import type { Trx } from '../db/database.ts';
import { demoFigures, demoMunicipality } from './keyfigures.ts';
import { insertMany, type NationalContext, type NationalStep } from './national.ts';

const YEARS = Array.from({ length: 10 }, (_, k) => 2016 + k);

/** National set, key figures (R18, R20): ten years of statistics for every one of the 8,000 estates, one import per year. */
async function keyfigures(trx: Trx, n: NationalContext) {
  for (const year of YEARS) {
    const imp = await trx
      .insertInto('keyfigure_import')
      .values({
        year,
        file_name: `national-${year}.csv`,
        file_kind: 'csv',
        status: 'imported',
        uploaded_by_user_id: null,
        uploaded_by_label: 'Generator',
        imported_at: new Date(`${year + 1}-03-01T09:00:00Z`),
        row_count: n.estates.length,
        error_count: 0,
        rows: '[]',
        errors: '[]',
        region_income_ore: 36_500_000,
        national_conviction_rate: '0.9',
        municipality_figures: JSON.stringify(demoMunicipality(Math.min(year, 2025))),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await insertMany(
      trx,
      'keyfigure_estate_year',
      n.estates.map((e, i) => {
        const f = demoFigures(
          { name: `e${e.id}`, residents: e.residents, dwellings: Math.max(1, Math.round(e.residents / 2.1)), vulnerable: i % 4 === 0 },
          year,
        );
        return { estate_id: e.id, year, import_id: imp.id, residents: f.residents, ratios: JSON.stringify(f.ratios) };
      }),
    );
  }
}

export const keyfiguresNationalStep: NationalStep = { order: 40, name: 'keyfigures', run: keyfigures };
