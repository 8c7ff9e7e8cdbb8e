import type { Executor } from '../db/database.ts';
import { danishSortKey, likeEscape } from '../db/sql.ts';
import { Invalid, NotFound } from '../errors.ts';
import { authorize } from '../policy/index.ts';
import { type Page, type PageQuery, pageBounds, type ServiceContext, toPage } from './context.ts';
import { createEntity, deleteEntity, type EntitySpec, updateEntity } from './writes.ts';

export interface Organisation {
  id: number;
  name: string;
  shortName: string;
  cvr: string | null;
  website: string | null;
  /** Where the name is published (the demo's real organisations), else null. */
  source: string | null;
  isDemo: boolean;
  estateCount: number;
  version: number;
}

export interface OrganisationInput {
  name: string;
  shortName: string;
  cvr: string | null;
  website: string | null;
}

export interface OrganisationQuery extends PageQuery {
  q?: string;
  sort?: 'name' | 'shortName' | 'estates';
  dir?: 'asc' | 'desc';
}

type OrgRow = { id: number; version: number } & Record<string, unknown>;
const spec: EntitySpec<OrgRow> = {
  table: 'organisation',
  entityType: 'organisation',
  subject: (r) => ({ type: 'organisation', id: r.id }),
  label: (r) => `boligorganisationen ${String(r.short_name)}`,
};

const select = (db: Executor) =>
  db
    .selectFrom('organisation as o')
    .select((eb) => [
      'o.id',
      'o.name',
      'o.short_name as shortName',
      'o.cvr',
      'o.website',
      'o.source',
      'o.is_demo as isDemo',
      'o.version',
      eb.selectFrom('estate').select(eb.fn.countAll<number>().as('n')).whereRef('estate.organisation_id', '=', 'o.id').as('estateCount'),
    ]);

export async function listOrganisations(ctx: ServiceContext, q: OrganisationQuery = {}): Promise<Page<Organisation>> {
  authorize(ctx.actor, 'list', { type: 'organisation' });
  const { page, pageSize, offset } = pageBounds(q);
  let query = select(ctx.db);
  let count = ctx.db.selectFrom('organisation as o').select((eb) => eb.fn.countAll<number>().as('n'));
  if (q.q) {
    const like = likeEscape(q.q);
    query = query.where((eb) => eb.or([eb('o.name', 'ilike', like), eb('o.short_name', 'ilike', like)]));
    count = count.where((eb) => eb.or([eb('o.name', 'ilike', like), eb('o.short_name', 'ilike', like)]));
  }
  const dir = q.dir === 'desc' ? 'desc' : 'asc';
  const ordered =
    q.sort === 'estates'
      ? query.orderBy('estateCount', dir)
      : query.orderBy(danishSortKey(q.sort === 'name' ? 'o.name' : 'o.short_name'), dir);
  const [items, n] = await Promise.all([ordered.orderBy('o.id').limit(pageSize).offset(offset).execute(), count.executeTakeFirstOrThrow()]);
  return toPage(items.map(fix), Number(n.n), page, pageSize);
}

const fix = (o: Omit<Organisation, 'estateCount'> & { estateCount: unknown }): Organisation => ({
  ...o,
  estateCount: Number(o.estateCount ?? 0),
});

/** All organisations as options for forms, sorted the Danish way. */
export async function organisationOptions(ctx: ServiceContext): Promise<{ id: number; label: string }[]> {
  const rows = await ctx.db.selectFrom('organisation').select(['id', 'short_name', 'name']).orderBy(danishSortKey('short_name')).execute();
  return rows.map((r) => ({ id: r.id, label: `${r.short_name} — ${r.name}` }));
}

export async function getOrganisation(ctx: ServiceContext, id: number): Promise<Organisation> {
  const row = await select(ctx.db).where('o.id', '=', id).executeTakeFirst();
  if (!row) throw new NotFound('Boligorganisationen findes ikke.');
  authorize(ctx.actor, 'read', { type: 'organisation', id });
  return fix(row);
}

const toRow = (i: OrganisationInput) => ({ name: i.name, short_name: i.shortName, cvr: i.cvr, website: i.website });

async function assertUnique(db: Executor, i: OrganisationInput, exceptId?: number) {
  let q = db
    .selectFrom('organisation')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['short_name']), '=', i.shortName.toLowerCase()));
  if (exceptId) q = q.where('id', '<>', exceptId);
  if (await q.executeTakeFirst()) throw new Invalid({ shortName: `Forkortelsen ${i.shortName} er allerede i brug.` });
}

export async function createOrganisation(ctx: ServiceContext, input: OrganisationInput): Promise<Organisation> {
  const row = await createEntity(ctx, spec, toRow(input), (trx) => assertUnique(trx, input));
  return getOrganisation(ctx, row.id);
}

export async function updateOrganisation(ctx: ServiceContext, id: number, version: number, input: OrganisationInput) {
  await updateEntity(ctx, spec, id, version, toRow(input), (trx) => assertUnique(trx, input, id));
  return getOrganisation(ctx, id);
}

export async function deleteOrganisation(ctx: ServiceContext, id: number, version: number): Promise<void> {
  await deleteEntity(ctx, spec, id, version);
}
