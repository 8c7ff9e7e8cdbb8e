import type { Db, Executor } from '../../src/db/database.ts';
import type { Actor, Grant } from '../../src/policy/actor.ts';
import { addGrant } from '../../src/services/accounts.ts';

let seq = 0;
const next = () => `${process.pid}-${++seq}`;

/** A user with grants; the password is not set (tests use sessions made directly). */
export async function makeUser(db: Executor, o: { grants?: Grant[]; name?: string; email?: string } = {}) {
  const n = next();
  const email = o.email ?? `user-${n}@test.example`;
  const name = o.name ?? `Bruger ${n}`;
  const row = await db.insertInto('app_user').values({ email, name, password_hash: null }).returning('id').executeTakeFirstOrThrow();
  for (const g of o.grants ?? []) await addGrant(db, row.id, g);
  const actor: Actor = { kind: 'user', id: row.id, name, email, isDemo: false, grants: o.grants ?? [] };
  return { id: row.id, email, actor };
}

export async function makeOrganisation(db: Db, o: { shortName?: string; name?: string } = {}) {
  const n = next();
  return db
    .insertInto('organisation')
    .values({ short_name: o.shortName ?? `ORG${n}`, name: o.name ?? `Boligorganisation ${n}` })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function districtId(db: Db, number: number): Promise<number> {
  return (await db.selectFrom('district').select('id').where('number', '=', number).executeTakeFirstOrThrow()).id;
}

export async function makeEstate(db: Db, o: { organisationId?: number; number?: number; name?: string; districtNumber?: number; residents?: number } = {}) {
  const organisationId = o.organisationId ?? (await makeOrganisation(db)).id;
  return db
    .insertInto('estate')
    .values({
      organisation_id: organisationId,
      number: o.number ?? ++seq,
      name: o.name ?? `Afdeling ${next()}`,
      district_id: o.districtNumber ? await districtId(db, o.districtNumber) : null,
      dwellings: 100,
      residents: o.residents ?? 200,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
