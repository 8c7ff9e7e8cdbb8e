import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import { danishSortKey, likeEscape } from '../db/sql.ts';
import { Invalid, NotFound } from '../errors.ts';
import { authorize } from '../policy/index.ts';
import { type Page, type PageQuery, pageBounds, type ServiceContext, toPage } from './context.ts';
import { createEntity, deleteEntity, type EntitySpec, updateEntity } from './writes.ts';

export interface Estate {
  id: number;
  organisationId: number;
  organisationName: string;
  number: number;
  name: string;
  address: string;
  postalCode: string;
  districtId: number | null;
  districtName: string | null;
  urbanAreaId: number | null;
  urbanAreaName: string | null;
  dwellings: number;
  residents: number;
  isDemo: boolean;
  version: number;
  updatedAt: Date;
}

export interface EstateInput {
  organisationId: number;
  number: number;
  name: string;
  address: string;
  postalCode: string;
  districtId: number | null;
  urbanAreaId: number | null;
  dwellings: number;
  residents: number;
}

export const estateSorts = ['name', 'number', 'organisation', 'district', 'dwellings', 'residents'] as const;
export type EstateSort = (typeof estateSorts)[number];

export interface EstateQuery extends PageQuery {
  q?: string;
  organisationId?: number;
  districtId?: number;
  urbanAreaId?: number;
  sort?: EstateSort;
  dir?: 'asc' | 'desc';
}

type EstateRow = { id: number; version: number; organisation_id: number } & Record<string, unknown>;

const spec: EntitySpec<EstateRow> = {
  table: 'estate',
  entityType: 'estate',
  subject: (r) => ({ type: 'estate', id: r.id, organisationId: r.organisation_id }),
  label: (r) => `afdelingen ${String(r.name)}`,
};

const baseQuery = (db: Executor) =>
  db
    .selectFrom('estate as e')
    .innerJoin('organisation as o', 'o.id', 'e.organisation_id')
    .leftJoin('district as d', 'd.id', 'e.district_id')
    .leftJoin('urban_area as u', 'u.id', 'e.urban_area_id');

const columns = [
  'e.id',
  'e.organisation_id as organisationId',
  'o.short_name as organisationName',
  'e.number',
  'e.name',
  'e.address',
  'e.postal_code as postalCode',
  'e.district_id as districtId',
  'd.name as districtName',
  'e.urban_area_id as urbanAreaId',
  'u.name as urbanAreaName',
  'e.dwellings',
  'e.residents',
  'e.is_demo as isDemo',
  'e.version',
  'e.updated_at as updatedAt',
] as const;

const sortColumn: Record<EstateSort, string> = {
  name: 'e.name',
  number: 'e.number',
  organisation: 'o.short_name',
  district: 'd.name',
  dwellings: 'e.dwellings',
  residents: 'e.residents',
};

/** Lists estates with filter, sort and paging (R16 registry). */
export async function listEstates(ctx: ServiceContext, q: EstateQuery): Promise<Page<Estate>> {
  authorize(ctx.actor, 'list', { type: 'estate', organisationId: 0 });
  const { page, pageSize, offset } = pageBounds(q);
  let query = baseQuery(ctx.db);
  if (q.q) {
    const like = likeEscape(q.q);
    query = query.where((eb) => eb.or([eb('e.name', 'ilike', like), eb('e.address', 'ilike', like), eb('o.short_name', 'ilike', like)]));
  }
  if (q.organisationId) query = query.where('e.organisation_id', '=', q.organisationId);
  if (q.districtId) query = query.where('e.district_id', '=', q.districtId);
  if (q.urbanAreaId) query = query.where('e.urban_area_id', '=', q.urbanAreaId);
  const sort = sortColumn[q.sort ?? 'name'];
  const numeric = q.sort === 'number' || q.sort === 'dwellings' || q.sort === 'residents';
  const dir = q.dir === 'desc' ? 'desc' : 'asc';
  const [items, count] = await Promise.all([
    query
      .select(columns)
      .orderBy(numeric ? sql.ref(sort) : danishSortKey(sort), dir)
      .orderBy('e.id')
      .limit(pageSize)
      .offset(offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return toPage(items as Estate[], Number(count.n), page, pageSize);
}

export async function getEstate(ctx: ServiceContext, id: number): Promise<Estate> {
  const row = await baseQuery(ctx.db).select(columns).where('e.id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound('Boligafdelingen findes ikke.');
  authorize(ctx.actor, 'read', { type: 'estate', id, organisationId: row.organisationId });
  return row as Estate;
}

const toRow = (i: EstateInput) => ({
  organisation_id: i.organisationId,
  number: i.number,
  name: i.name,
  address: i.address,
  postal_code: i.postalCode,
  district_id: i.districtId,
  urban_area_id: i.urbanAreaId,
  dwellings: i.dwellings,
  residents: i.residents,
});

async function assertUniqueNumber(db: Executor, i: EstateInput, exceptId?: number) {
  let q = db.selectFrom('estate').select('id').where('organisation_id', '=', i.organisationId).where('number', '=', i.number);
  if (exceptId) q = q.where('id', '<>', exceptId);
  if (await q.executeTakeFirst()) {
    throw new Invalid({ number: `Organisationen har allerede en afdeling med nummer ${i.number}.` });
  }
}

export async function createEstate(ctx: ServiceContext, input: EstateInput): Promise<Estate> {
  const row = await createEntity(ctx, spec, toRow(input), (trx) => assertUniqueNumber(trx, input));
  return getEstate(ctx, row.id);
}

export async function updateEstate(ctx: ServiceContext, id: number, version: number, input: EstateInput): Promise<Estate> {
  await updateEntity(ctx, spec, id, version, toRow(input), (trx) => assertUniqueNumber(trx, input, id));
  return getEstate(ctx, id);
}

export async function deleteEstate(ctx: ServiceContext, id: number, version: number): Promise<void> {
  await deleteEntity(ctx, spec, id, version);
}
