import { areas, composeAreas } from '../../../src/areas/index.ts';
import type { Db } from '../../../src/db/database.ts';
import type { Edit } from '../../../src/domain/changes/edits.ts';
import { freezeSnapshot } from '../../../src/services/plans/snapshot.ts';
import { planWithBudget } from '../money/support.ts';

/** An active plan (2023–2026, approved budget of 4 mio. kr. — 500.000 kr. per line and year — version 1 frozen) in a district, with these party organisations. */
export async function activePlan(db: Db, o: { organisationIds: number[]; districtNumber?: number }) {
  const p = await planWithBudget(db, {
    organisationIds: o.organisationIds,
    state: 'active',
    districtNumber: o.districtNumber,
    frameKr: 4_000_000,
  });
  await db
    .insertInto('plan_version')
    .values({
      plan_id: p.plan.id,
      number: 1,
      snapshot: JSON.stringify(await freezeSnapshot(db, composeAreas(areas).hooks, p.plan.id, '2026-11-22')),
      reason: 'Godkendt',
      created_by_label: 'test',
    })
    .execute();
  await db.updateTable('plan').set({ current_version: 1 }).where('id', '=', p.plan.id).execute();
  return p;
}

/** A budget move between the plan's two lines in a year, proposed against the amounts as they are now. */
export async function moveEdit(
  db: Db,
  p: { lines: { staff: number; activity: number } },
  amountOre: number,
  year = 2026,
): Promise<Extract<Edit, { op: 'moveBudget' }>> {
  const amount = async (lineId: number) =>
    (
      await db
        .selectFrom('budget_amount')
        .select('amount_ore')
        .where('line_id', '=', lineId)
        .where('year', '=', year)
        .executeTakeFirstOrThrow()
    ).amount_ore;
  return {
    op: 'moveBudget',
    fromLineId: p.lines.staff,
    toLineId: p.lines.activity,
    year,
    amountOre,
    before: { fromOre: await amount(p.lines.staff), toOre: await amount(p.lines.activity) },
  };
}

export const bodyId = async (db: Db, code: string) =>
  (await db.selectFrom('body').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;

let n = 0;
/** Seats a user on a body, representing a housing organisation or a municipal administration. */
export async function seat(
  db: Db,
  body: number,
  o: {
    userId: number | null;
    organisationId?: number;
    administration?: 'TMF' | 'SOF' | 'BIF';
    role?: 'chair' | 'member' | 'observer' | 'secretary';
  },
) {
  const org = o.organisationId ?? null;
  return db
    .insertInto('body_member')
    .values({
      body_id: body,
      person_name: `Medlem ${++n}`,
      user_id: o.userId,
      represents_kind: org ? 'organisation' : 'administration',
      organisation_id: org,
      administration: org ? null : (o.administration ?? 'TMF'),
      level: 'business_manager',
      role: o.role ?? 'member',
      starts_on: '2016-02-01',
      ends_on: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** A request row in a given state (for tests that start mid-way); submitted ones are routed to `body`. */
export async function requestRow(
  db: Db,
  planId: number,
  edits: Edit[],
  o: { state?: string; body?: number | null; kind?: string; proposedBy?: number | null } = {},
) {
  const max = await db
    .selectFrom('change_request')
    .select((eb) => eb.fn.max('number').as('m'))
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  return db
    .insertInto('change_request')
    .values({
      plan_id: planId,
      number: Number(max?.m ?? 0) + 1,
      kind: o.kind ?? 'budget_reallocation',
      title: 'Flyt midler',
      justification: 'Test',
      edits: JSON.stringify(edits),
      based_on_version: 1,
      state: o.state ?? 'draft',
      body_id: o.body ?? null,
      proposed_by: o.proposedBy ?? null,
      proposed_by_label: 'test',
      decision_mode: o.state && o.state !== 'draft' ? 'written' : null,
      meeting_id: null,
      written_deadline: null,
      submitted_at: null,
      decided_at: null,
      decided_by: null,
      lbf_decision_date: null,
      applied_at: null,
      applied_version: null,
    })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
}
