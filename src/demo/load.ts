import type { ServiceHooks } from '../services/context.ts';
import type { Db, Trx } from '../db/database.ts';
import { addGrant, hashPassword } from '../services/accounts.ts';
import type { Administration, Role } from '../policy/actor.ts';
import { DEMO_PASSWORD, demoEstates, demoOrganisations, demoUsers } from './registry.ts';

export interface DemoStep {
  order: number;
  name: string;
  /** Runs inside the load's transaction; `hooks` go into the context of the use cases a step composes. */
  run: (trx: Trx, hooks: ServiceHooks) => Promise<void>;
}

async function loadRegistry(trx: Trx) {
  const orgIds = new Map<string, number>();
  for (const o of demoOrganisations) {
    const row = await trx
      .insertInto('organisation')
      .values({ name: o.name, short_name: o.shortName, source: o.source, is_demo: false })
      .returning('id')
      .executeTakeFirstOrThrow();
    orgIds.set(o.shortName, row.id);
  }
  const districts = new Map((await trx.selectFrom('district').select(['id', 'number']).execute()).map((d) => [d.number, d.id]));
  const areas = new Map(
    (await trx.selectFrom('urban_area').select(['id', 'name']).where('valid_to', 'is', null).execute()).map((a) => [a.name, a.id]),
  );
  let i = 0;
  for (const [org, number, name, address, district, area, dwellings] of demoEstates) {
    const [street, postal] = address.split(', ');
    await trx
      .insertInto('estate')
      .values({
        organisation_id: orgIds.get(org)!,
        number,
        name,
        address: street ?? address,
        postal_code: (postal ?? '').slice(0, 4),
        district_id: districts.get(district) ?? null,
        urban_area_id: area ? (areas.get(area) ?? null) : null,
        dwellings,
        residents: Math.round(dwellings * (1.9 + ((i++ * 37) % 10) / 20)),
        is_demo: true,
      })
      .execute();
  }
  const hash = await hashPassword(DEMO_PASSWORD);
  for (const u of demoUsers) {
    const user = await trx
      .insertInto('app_user')
      .values({ email: u.email, name: u.name, password_hash: hash, is_demo: true })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const g of u.grants as readonly { role: Role; administration?: Administration; org?: string }[]) {
      await addGrant(trx, user.id, {
        role: g.role,
        administration: g.administration ?? null,
        organisationId: g.org ? orgIds.get(g.org)! : null,
      });
    }
  }
}

/**
 * Loads the demo data set (the registry, then every area's steps in order) into an empty database (no users yet) in one transaction.
 * Returns whether it loaded now and whether the database holds demo data at all.
 */
export async function loadDemoData(
  db: Db,
  o: { steps: readonly DemoStep[]; hooks: ServiceHooks },
): Promise<{ loaded: boolean; demo: boolean }> {
  const anyUser = await db.selectFrom('app_user').select(['id', 'is_demo']).orderBy('id').limit(1).executeTakeFirst();
  if (anyUser) {
    const demo = await db.selectFrom('app_user').select('id').where('is_demo', '=', true).limit(1).executeTakeFirst();
    return { loaded: false, demo: !!demo };
  }
  await db.transaction().execute(async (trx) => {
    await loadRegistry(trx);
    for (const s of [...o.steps].sort((a, b) => a.order - b.order)) await s.run(trx, o.hooks);
  });
  return { loaded: true, demo: true };
}
