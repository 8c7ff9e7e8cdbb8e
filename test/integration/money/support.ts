import type { Db } from '../../../src/db/database.ts';
import type { Session, TestApp } from '../../support/app.ts';
import { makePlan } from '../../support/factories.ts';

/** A plan (2023–2026) with a valid R1 budget: frame 1.000.000 kr., two lines, LBF 75 %, municipality 12,5 %, the party 12,5 %. */
export async function planWithBudget(db: Db, o: { organisationIds: number[]; state?: string; districtNumber?: number; frameKr?: number }) {
  const made = await makePlan(db, { organisationIds: o.organisationIds, state: o.state ?? 'draft', districtNumber: o.districtNumber });
  const frame = (o.frameKr ?? 1_000_000) * 100;
  await db.insertInto('budget').values({ plan_id: made.plan.id, frame_ore: frame }).execute();
  const years = [2023, 2024, 2025, 2026];
  const staff = await db
    .insertInto('budget_line')
    .values({ plan_id: made.plan.id, name: 'Personale', kind: 'staff', sort: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const act = await db
    .insertInto('budget_line')
    .values({ plan_id: made.plan.id, name: 'Lektiecafé', kind: 'activities', sort: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const half = frame / 2 / years.length;
  for (const y of years) {
    await db
      .insertInto('budget_amount')
      .values([
        { line_id: staff.id, year: y, amount_ore: half },
        { line_id: act.id, year: y, amount_ore: half },
      ])
      .execute();
  }
  const org = await db
    .selectFrom('organisation')
    .select(['id', 'short_name'])
    .where('id', '=', o.organisationIds[0]!)
    .executeTakeFirstOrThrow();
  await db
    .insertInto('funder')
    .values([
      { plan_id: made.plan.id, kind: 'lbf', name: 'Landsbyggefonden', organisation_id: null, amount_ore: (frame * 3) / 4, sort: 0 },
      { plan_id: made.plan.id, kind: 'municipality', name: 'Københavns Kommune', organisation_id: null, amount_ore: frame / 8, sort: 1 },
      { plan_id: made.plan.id, kind: 'organisation', name: org.short_name, organisation_id: org.id, amount_ore: frame / 8, sort: 2 },
    ])
    .execute();
  return { ...made, lines: { staff: staff.id, activity: act.id } };
}

/** Records the City Council's approval of a plan (with the municipal amount) as the plans area does. */
export async function councilApproval(db: Db, planId: number, amountOre: number | null) {
  return db
    .insertInto('plan_transition')
    .values({
      plan_id: planId,
      from_state: 'plan_written',
      to_state: 'municipal_approval',
      step_key: 'appropriation',
      body: 'Borgerrepræsentationen',
      decision_date: '2022-10-06',
      case_number: '2022-0099',
      amount_ore: amountOre,
      actor_label: 'test',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** A multipart upload through the app (the test client only sends urlencoded forms). */
export async function upload(t: TestApp, path: string, session: Session, file: { name: string; data: Uint8Array | string; type?: string }) {
  const fd = new FormData();
  fd.set('_csrf', session.csrf);
  fd.set('file', new File([file.data as BlobPart], file.name, { type: file.type ?? 'text/csv' }));
  return t.app.request(path, { method: 'POST', body: fd, headers: { cookie: session.cookie } });
}
