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

export async function makeEstate(
  db: Db,
  o: { organisationId?: number; number?: number; name?: string; districtNumber?: number; residents?: number } = {},
) {
  const organisationId = o.organisationId ?? (await makeOrganisation(db)).id;
  return db
    .insertInto('estate')
    .values({
      organisation_id: organisationId,
      // Far above the demo's estate numbers (an organisation's numbers are unique), whatever ran before in the worker.
      number: o.number ?? 100_000 + ++seq,
      name: o.name ?? `Afdeling ${next()}`,
      district_id: o.districtNumber ? await districtId(db, o.districtNumber) : null,
      dwellings: 100,
      residents: o.residents ?? 200,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function fundingPeriodId(db: Db, code = '2019-26'): Promise<number> {
  return (await db.selectFrom('funding_period').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
}

/**
 * A plan with estates from one or more organisations (the organisations "party to the grant").
 * `state` sets the life-cycle state directly (tests of later areas need active plans).
 */
export async function makePlan(
  db: Db,
  o: {
    name?: string;
    organisationIds?: number[];
    districtNumber?: number;
    state?: string;
    period?: string;
    startsOn?: string;
    endsOn?: string;
  } = {},
) {
  const orgs = o.organisationIds ?? [(await makeOrganisation(db)).id];
  const districtNumber = o.districtNumber ?? 3;
  const plan = await db
    .insertInto('plan')
    .values({
      name: o.name ?? `Helhedsplan ${next()}`,
      district_id: await districtId(db, districtNumber),
      funding_period_id: await fundingPeriodId(db, o.period),
      starts_on: o.startsOn ?? '2023-01-01',
      ends_on: o.endsOn ?? '2026-12-31',
      lead_organisation_id: orgs[0]!,
      state: o.state ?? 'draft',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const estates = [];
  for (const organisationId of orgs) {
    const e = await makeEstate(db, { organisationId, districtNumber });
    await db.insertInto('plan_estate').values({ plan_id: plan.id, estate_id: e.id }).execute();
    estates.push(e);
  }
  await db.insertInto('strategic_agreement').values({ plan_id: plan.id }).execute();
  return { plan, estates, organisationIds: orgs };
}

/**
 * R1 — a budget that satisfies the funding split: one line spread evenly over the plan's years, LBF 75 %, the
 * municipality 12,5 % and the plan's party organisations the rest (the first one; `municipalOre` overrides the
 * municipality's share, moving the difference to the organisation). Written directly, as a plan's earlier history.
 */
export async function makeBudget(db: Db, planId: number, o: { frameOre: number; municipalOre?: number }) {
  const plan = await db
    .selectFrom('plan')
    .select(['starts_on', 'ends_on', 'lead_organisation_id'])
    .where('id', '=', planId)
    .executeTakeFirstOrThrow();
  const first = Number(plan.starts_on.slice(0, 4));
  const years = Array.from({ length: Number(plan.ends_on.slice(0, 4)) - first + 1 }, (_, i) => first + i);
  const lbf = Math.floor((o.frameOre * 75) / 100);
  const municipal = o.municipalOre ?? Math.floor((o.frameOre * 125) / 1000);
  await db.insertInto('budget').values({ plan_id: planId, frame_ore: o.frameOre, note: 'Testbudget' }).execute();
  const line = await db
    .insertInto('budget_line')
    .values({ plan_id: planId, name: 'Aktiviteter', kind: 'activities', sort: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const each = Math.floor(o.frameOre / years.length);
  await db
    .insertInto('budget_amount')
    .values(years.map((year, i) => ({ line_id: line.id, year, amount_ore: i === 0 ? o.frameOre - each * (years.length - 1) : each })))
    .execute();
  await db
    .insertInto('funder')
    .values([
      { plan_id: planId, kind: 'lbf', name: 'Landsbyggefonden', organisation_id: null, amount_ore: lbf, sort: 0 },
      { plan_id: planId, kind: 'municipality', name: 'Københavns Kommune', organisation_id: null, amount_ore: municipal, sort: 1 },
      {
        plan_id: planId,
        kind: 'organisation',
        name: 'Boligorganisationen',
        organisation_id: plan.lead_organisation_id,
        amount_ore: o.frameOre - lbf - municipal,
        sort: 2,
      },
    ])
    .execute();
}
