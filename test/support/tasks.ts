import type { Actor } from '../../src/policy/actor.ts';
import { actorFor, createSession } from '../../src/services/accounts.ts';
import { proposeChange, submitChange } from '../../src/services/changes/requests.ts';
import { recordOutcome, transitionMeeting } from '../../src/services/governance/meetings.ts';
import type { Session, TestApp } from './app.ts';

/** A demo user's actor and a logged-in session, as after signing in with the demo password. */
export async function demoUser(t: TestApp, email: string): Promise<{ id: number; actor: Actor; session: Session }> {
  const u = await t.db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  const actor = (await actorFor(t.db, u.id, true))!;
  const s = await createSession(t.db, u.id, 1);
  return { id: u.id, actor, session: { cookie: `helhed_session=${s.token}`, csrf: s.csrfToken, actor } };
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The world of the desk journeys, on the demo data: Mjølnerparken's project leader proposes an activity change and
 * sends it to Bydelsbestyrelse Nørrebro for a written decision within a week (Bente Bestyrelse, Bo-Vita, may vote; Aase,
 * AAB, may not), and the secretariat sends the minutes of Nørrebro's held meeting for approval (Bente was present).
 */
export async function openDecisionAndMinutes(
  t: TestApp,
  now: Date,
): Promise<{ planId: number; requestId: number; requestTitle: string; meetingId: number }> {
  const leader = await demoUser(t, 'projektleder@demo.test');
  const office = await demoUser(t, 'sekretariat@demo.test');
  const plan = await t.db.selectFrom('plan').select('id').where('name', '=', 'Helhedsplan Mjølnerparken').executeTakeFirstOrThrow();
  const a = await t.db
    .selectFrom('activity')
    .select(['id', 'title', 'description', 'target_group', 'starts_on', 'ends_on'])
    .where('plan_id', '=', plan.id)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const before = { title: a.title, description: a.description, targetGroup: a.target_group, startsOn: a.starts_on, endsOn: a.ends_on };
  const requestTitle = `${a.title}: åbent også om lørdagen`;
  const requestId = await proposeChange(t.ctx(leader.actor), plan.id, {
    kind: 'activity_content',
    title: requestTitle,
    justification: 'Mange familier har spurgt efter en lørdagsåbning.',
    edits: [
      { op: 'updateActivity', activityId: a.id, before, after: { ...before, description: `${a.description} Åbent også om lørdagen.` } },
    ],
  });
  await submitChange(t.ctx(leader.actor), requestId, 1, {
    mode: 'written',
    writtenDeadline: isoDay(new Date(now.getTime() + 7 * 86_400_000)),
  });

  const nb = await t.db.selectFrom('body').select('id').where('code', '=', 'bydel-noerrebro').executeTakeFirstOrThrow();
  const meeting = await t.db
    .selectFrom('meeting')
    .select(['id', 'version'])
    .where('body_id', '=', nb.id)
    .where('state', '=', 'held')
    .executeTakeFirstOrThrow();
  const open = await t.db
    .selectFrom('agenda_item')
    .select(['id', 'version'])
    .where('meeting_id', '=', meeting.id)
    .where('outcome_kind', 'is', null)
    .execute();
  for (const item of open)
    await recordOutcome(t.ctx(office.actor), item.id, item.version, {
      outcomeKind: 'information',
      decision: null,
      text: 'Bestyrelsen tog orienteringen til efterretning.',
      taskOwner: '',
      taskDue: null,
    });
  await transitionMeeting(t.ctx(office.actor), meeting.id, meeting.version, 'sendMinutes');
  return { planId: plan.id, requestId, requestTitle, meetingId: meeting.id };
}
