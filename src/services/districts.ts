import type { Executor } from '../db/database.ts';
import { danishSortKey } from '../db/sql.ts';
import { NotFound } from '../errors.ts';
import { authorize } from '../policy/index.ts';
import { type Page, type PageQuery, pageBounds, type ServiceContext, toPage } from './context.ts';
import { createEntity, deleteEntity, type EntitySpec, updateEntity } from './writes.ts';

export interface District {
  id: number;
  number: number;
  name: string;
  areaM2: number | null;
  estateCount: number;
  residents: number;
  version: number;
}

const districtSelect = (db: Executor) =>
  db.selectFrom('district as d').select((eb) => [
    'd.id',
    'd.number',
    'd.name',
    'd.area_m2 as areaM2',
    'd.version',
    eb.selectFrom('estate').select(eb.fn.countAll<number>().as('n')).whereRef('estate.district_id', '=', 'd.id').as('estateCount'),
    eb
      .selectFrom('estate')
      .select((e2) => e2.fn.coalesce(e2.fn.sum<number>('estate.residents'), e2.lit(0)).as('r'))
      .whereRef('estate.district_id', '=', 'd.id')
      .as('residents'),
  ]);

const fixDistrict = (d: Record<string, unknown>): District => ({
  ...(d as unknown as District),
  estateCount: Number(d.estateCount ?? 0),
  residents: Number(d.residents ?? 0),
});

/** R16 — the districts (bydele), keyed by their official number. */
export async function listDistricts(ctx: ServiceContext, q: { sort?: 'number' | 'name'; dir?: 'asc' | 'desc' } = {}) {
  authorize(ctx.actor, 'list', { type: 'district' });
  const dir = q.dir === 'desc' ? 'desc' : 'asc';
  const rows = await districtSelect(ctx.db)
    .orderBy(q.sort === 'name' ? danishSortKey('d.name') : 'd.number', dir)
    .execute();
  return rows.map(fixDistrict);
}

export async function getDistrict(ctx: ServiceContext, id: number): Promise<District> {
  authorize(ctx.actor, 'read', { type: 'district', id });
  const row = await districtSelect(ctx.db).where('d.id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound('Bydelen findes ikke.');
  return fixDistrict(row);
}

export async function updateDistrict(ctx: ServiceContext, id: number, version: number, input: { name: string }) {
  await updateEntity(ctx, districtSpec, id, version, { name: input.name });
  return getDistrict(ctx, id);
}

type Row = { id: number; version: number } & Record<string, unknown>;
const districtSpec: EntitySpec<Row> = {
  table: 'district',
  entityType: 'district',
  subject: (r) => ({ type: 'district', id: r.id }),
  label: (r) => `bydelen ${String(r.name)}`,
};

export interface UrbanArea {
  id: number;
  name: string;
  areaGroup: string | null;
  districtId: number | null;
  districtName: string | null;
  validFrom: string;
  validTo: string | null;
  estateCount: number;
  version: number;
}

export interface UrbanAreaInput {
  name: string;
  areaGroup: string | null;
  districtId: number | null;
  validFrom: string;
  validTo: string | null;
}

export interface UrbanAreaQuery extends PageQuery {
  districtId?: number;
  /** Only areas valid on this date (R16: structures change over time). */
  at?: string;
  q?: string;
}

const areaSelect = (db: Executor) =>
  db
    .selectFrom('urban_area as u')
    .leftJoin('district as d', 'd.id', 'u.district_id')
    .select((eb) => [
      'u.id',
      'u.name',
      'u.area_group as areaGroup',
      'u.district_id as districtId',
      'd.name as districtName',
      'u.valid_from as validFrom',
      'u.valid_to as validTo',
      'u.version',
      eb.selectFrom('estate').select(eb.fn.countAll<number>().as('n')).whereRef('estate.urban_area_id', '=', 'u.id').as('estateCount'),
    ]);

const fixArea = (a: Record<string, unknown>): UrbanArea => ({ ...(a as unknown as UrbanArea), estateCount: Number(a.estateCount ?? 0) });

/** R18 — vulnerable urban areas with their validity periods. */
export async function listUrbanAreas(ctx: ServiceContext, q: UrbanAreaQuery = {}): Promise<Page<UrbanArea>> {
  authorize(ctx.actor, 'list', { type: 'urbanArea' });
  const { page, pageSize, offset } = pageBounds(q);
  let query = areaSelect(ctx.db);
  if (q.districtId) query = query.where('u.district_id', '=', q.districtId);
  if (q.at) {
    const at = q.at;
    query = query.where('u.valid_from', '<=', at).where((eb) => eb.or([eb('u.valid_to', 'is', null), eb('u.valid_to', '>=', at)]));
  }
  if (q.q) query = query.where('u.name', 'ilike', `%${q.q}%`);
  const all = await query.orderBy(danishSortKey('u.area_group')).orderBy(danishSortKey('u.name')).orderBy('u.id').execute();
  return toPage(all.slice(offset, offset + pageSize).map(fixArea), all.length, page, pageSize);
}

export async function getUrbanArea(ctx: ServiceContext, id: number): Promise<UrbanArea> {
  authorize(ctx.actor, 'read', { type: 'urbanArea', id });
  const row = await areaSelect(ctx.db).where('u.id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound('Byområdet findes ikke.');
  return fixArea(row);
}

const areaSpec: EntitySpec<Row> = {
  table: 'urban_area',
  entityType: 'urbanArea',
  subject: (r) => ({ type: 'urbanArea', id: r.id }),
  label: (r) => `byområdet ${String(r.name)}`,
};

const areaRow = (i: UrbanAreaInput) => ({
  name: i.name,
  area_group: i.areaGroup,
  district_id: i.districtId,
  valid_from: i.validFrom,
  valid_to: i.validTo,
});

export async function createUrbanArea(ctx: ServiceContext, input: UrbanAreaInput): Promise<UrbanArea> {
  const municipality = await ctx.db.selectFrom('municipality').select('id').orderBy('id').executeTakeFirstOrThrow();
  const row = await createEntity(ctx, areaSpec, { ...areaRow(input), municipality_id: municipality.id });
  return getUrbanArea(ctx, row.id);
}

export async function updateUrbanArea(ctx: ServiceContext, id: number, version: number, input: UrbanAreaInput) {
  await updateEntity(ctx, areaSpec, id, version, areaRow(input));
  return getUrbanArea(ctx, id);
}

export async function deleteUrbanArea(ctx: ServiceContext, id: number, version: number) {
  await deleteEntity(ctx, areaSpec, id, version);
}

export async function districtOptions(ctx: ServiceContext) {
  const rows = await ctx.db.selectFrom('district').select(['id', 'number', 'name']).orderBy('number').execute();
  return rows.map((r) => ({ id: r.id, label: `${r.number}. ${r.name}` }));
}

export async function urbanAreaOptions(ctx: ServiceContext) {
  const rows = await ctx.db.selectFrom('urban_area').select(['id', 'name', 'area_group']).orderBy(danishSortKey('name')).execute();
  return rows.map((r) => ({ id: r.id, label: r.area_group ? `${r.name} (${r.area_group})` : r.name }));
}

export type { Page };
