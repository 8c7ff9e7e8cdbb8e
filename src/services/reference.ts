import { readFileSync } from 'node:fs';
import type { Executor } from '../db/database.ts';
import { centroid, containsPoint, type MultiPolygon } from '../domain/geo.ts';
import { ownFile } from '../files.ts';

const refPath = (p: string) => ownFile(`../reference/${p}`);

interface Feature<P> {
  properties: P;
  geometry: MultiPolygon;
}

/** The 2011 policy's six areas (R16, R18), kept as history without geometry. */
const areas2011 = ['Nørrebro', 'Amager/Sundby', 'Bispebjerg', 'Vesterbro/Sydhavnen', 'Husum/Tingbjerg', 'Valby/Vigerslev'];

/**
 * Loads the registry's reference data — Copenhagen, its 10 districts and the vulnerable urban areas —
 * once; safe to call at every start.
 */
export async function loadReferenceData(db: Executor): Promise<void> {
  await loadFundingPeriods(db);
  const existing = await db.selectFrom('municipality').select('id').where('code', '=', '0101').executeTakeFirst();
  if (existing) return;
  const kbh = await db.insertInto('municipality').values({ code: '0101', name: 'København' }).returning('id').executeTakeFirstOrThrow();

  const districts = JSON.parse(readFileSync(refPath('geo/kbh_bydele.geojson'), 'utf8')).features as Feature<{
    bydel_nr: number;
    navn: string;
    areal_m2: number;
  }>[];
  const placed: { id: number; geometry: MultiPolygon }[] = [];
  for (const f of districts.sort((a, b) => a.properties.bydel_nr - b.properties.bydel_nr)) {
    const row = await db
      .insertInto('district')
      .values({
        municipality_id: kbh.id,
        number: f.properties.bydel_nr,
        name: f.properties.navn,
        area_m2: Math.round(f.properties.areal_m2),
        geometry: JSON.stringify(f.geometry),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    placed.push({ id: row.id, geometry: f.geometry });
  }

  const areas = JSON.parse(readFileSync(refPath('geo/kbh_udsatte_byomraader.geojson'), 'utf8')).features as Feature<{
    byomraade: string;
    delomraade: string;
  }>[];
  for (const f of areas) {
    const c = centroid(f.geometry);
    const district = placed.find((d) => containsPoint(d.geometry, c));
    await db
      .insertInto('urban_area')
      .values({
        municipality_id: kbh.id,
        district_id: district?.id ?? null,
        name: f.properties.delomraade,
        area_group: f.properties.byomraade,
        valid_from: '2017-01-01',
        valid_to: null,
        geometry: JSON.stringify(f.geometry),
      })
      .execute();
  }
  for (const name of areas2011) {
    await db
      .insertInto('urban_area')
      .values({
        municipality_id: kbh.id,
        name,
        area_group: 'Politik for udsatte byområder 2011',
        valid_from: '2011-01-01',
        valid_to: '2016-12-31',
      })
      .execute();
  }
}

interface PeriodData {
  code: string;
  name: string;
  startsOn: string;
  endsOn: string;
  yearlyFrameKr: number;
  lbfCapBp: number;
  localFloorBp: number;
  requiresBoard: boolean;
  note: string;
  /** R2 — the period was extended (with the public source in the note); plans may run until then. */
  extendedTo?: string;
  extensionNote?: string;
  focusAreas: string[];
}

/** R2 — funding periods with their focus areas and limits are data: added when missing, never overwritten. */
async function loadFundingPeriods(db: Executor): Promise<void> {
  const { periods } = JSON.parse(readFileSync(refPath('funding-periods.json'), 'utf8')) as { periods: PeriodData[] };
  for (const p of periods) {
    const exists = await db.selectFrom('funding_period').select(['id', 'extended_to']).where('code', '=', p.code).executeTakeFirst();
    if (exists) {
      // A period's extension is a fact added later: filled in when missing, never overwritten.
      if (p.extendedTo && !exists.extended_to) {
        await db
          .updateTable('funding_period')
          .set({ extended_to: p.extendedTo, extension_note: p.extensionNote ?? '' })
          .where('id', '=', exists.id)
          .execute();
      }
      continue;
    }
    const row = await db
      .insertInto('funding_period')
      .values({
        code: p.code,
        name: p.name,
        starts_on: p.startsOn,
        ends_on: p.endsOn,
        yearly_frame_ore: p.yearlyFrameKr * 100,
        lbf_cap_bp: p.lbfCapBp,
        local_floor_bp: p.localFloorBp,
        requires_board: p.requiresBoard,
        note: p.note,
        extended_to: p.extendedTo ?? null,
        extension_note: p.extensionNote ?? '',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('focus_area')
      .values(p.focusAreas.map((name, sort) => ({ funding_period_id: row.id, name, sort })))
      .execute();
  }
}
