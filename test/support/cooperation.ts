import type { Db } from '../../src/db/database.ts';
import { copenhagenInstant } from '../../src/domain/governance/time.ts';
import { fundingPeriodId, makePlan } from './factories.ts';

/** The id of a current urban area of a group ("Nørrebro"). */
export async function urbanAreaIn(db: Db, group: string): Promise<number> {
  return (
    await db
      .selectFrom('urban_area')
      .select('id')
      .where('area_group', '=', group)
      .where('valid_to', 'is', null)
      .orderBy('id')
      .executeTakeFirstOrThrow()
  ).id;
}

/**
 * A plan in an urban area group, written out (goal with a criterion, a sub-agreement with an activity, a contingency
 * plan with a contact) and in `state`, so it can take its approval steps.
 */
export async function planInArea(db: Db, group: string, o: { organisationIds?: number[]; state?: string; name?: string } = {}) {
  const made = await makePlan(db, { organisationIds: o.organisationIds, state: o.state ?? 'plan_written', name: o.name });
  const planId = made.plan.id;
  const area = await urbanAreaIn(db, group);
  for (const e of made.estates) await db.updateTable('estate').set({ urban_area_id: area }).where('id', '=', e.id).execute();
  const goal = await db
    .insertInto('goal')
    .values({ plan_id: planId, title: 'Flere i job', challenge_id: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('success_criterion')
    .values({
      plan_id: planId,
      goal_id: goal.id,
      indicator_name: 'Beskæftigelse',
      direction: 'increase',
      baseline_value: 40,
      baseline_date: '2023-01-01',
      target_value: 50,
      target_date: '2026-12-31',
    })
    .execute();
  const fa = await db
    .selectFrom('focus_area')
    .select('id')
    .where('funding_period_id', '=', await fundingPeriodId(db))
    .orderBy('sort')
    .executeTakeFirstOrThrow();
  const sub = await db
    .insertInto('sub_agreement')
    .values({ plan_id: planId, focus_area_id: fa.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  const activity = await db
    .insertInto('activity')
    .values({ plan_id: planId, sub_agreement_id: sub.id, title: `Lommepengejob (${made.plan.name})`, starts_on: null, ends_on: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('contingency_plan').values({ plan_id: planId, steps: 'Ring 114.', last_reviewed: null }).execute();
  await db.insertInto('contingency_contact').values({ plan_id: planId, call_order: 1, role: 'Projektleder' }).execute();
  return { ...made, planId, activityId: activity.id };
}

/** A meeting of a body (by code) on a day, in a state. */
export async function meetingOf(db: Db, code: string, day: string, state: 'planned' | 'held' | 'cancelled' = 'held') {
  const body = await db.selectFrom('body').select('id').where('code', '=', code).executeTakeFirstOrThrow();
  return (
    await db
      .insertInto('meeting')
      .values({
        body_id: body.id,
        starts_at: copenhagenInstant(day, '16:00'),
        ends_at: copenhagenInstant(day, '18:00'),
        place: 'Nørrebrohallen',
        state,
        agenda_sent_at: null,
        held_at: null,
        minutes_sent_at: null,
        minutes_approved_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

export const bodyId = async (db: Db, code: string) =>
  (await db.selectFrom('body').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;

/**
 * R8 — makes a plan eligible for the co-financing pool: its estates in a vulnerable urban area, and an activity that
 * a municipal administration carries out (made in cooperation with the municipality).
 */
export async function poolEligible(db: Db, planId: number, group = 'Nørrebro') {
  const area = await urbanAreaIn(db, group);
  const estates = await db.selectFrom('plan_estate').select('estate_id').where('plan_id', '=', planId).execute();
  for (const e of estates) await db.updateTable('estate').set({ urban_area_id: area }).where('id', '=', e.estate_id).execute();
  const fa = await db
    .selectFrom('focus_area')
    .select('id')
    .where('funding_period_id', '=', await fundingPeriodId(db))
    .orderBy('sort')
    .executeTakeFirstOrThrow();
  const sub =
    (await db.selectFrom('sub_agreement').select('id').where('plan_id', '=', planId).executeTakeFirst()) ??
    (await db.insertInto('sub_agreement').values({ plan_id: planId, focus_area_id: fa.id }).returning('id').executeTakeFirstOrThrow());
  const a = await db
    .insertInto('activity')
    .values({ plan_id: planId, sub_agreement_id: sub.id, title: 'Jobcenter i området', starts_on: null, ends_on: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('activity_party')
    .values({
      activity_id: a.id,
      party_kind: 'administration',
      administration: 'BIF',
      organisation_id: null,
      name: 'BIF',
      part: 'carries_out',
    })
    .execute();
}

/** R2 — gives a board (by code) a chair from a day, so the plans it answers for have unambiguous leadership. */
export async function chairFor(db: Db, code: string, startsOn = '2016-02-01') {
  const id = await bodyId(db, code);
  await db
    .insertInto('body_member')
    .values({
      body_id: id,
      person_name: 'Formand Test',
      user_id: null,
      represents_kind: 'administration',
      organisation_id: null,
      administration: 'TMF',
      level: 'central_head',
      role: 'chair',
      starts_on: startsOn,
      ends_on: null,
    })
    .execute();
}
