import { sql } from 'kysely';
import { rhythmWarnings } from '../../domain/governance/composition.ts';
import { validOn } from '../../domain/governance/labels.ts';
import { copenhagenInstant, copenhagenParts } from '../../domain/governance/time.ts';
import { authorize } from '../../policy/index.ts';
import { today as todayIn, type ServiceContext } from '../context.ts';

/**
 * The secretariat's desk (R15): upcoming meetings, items waiting for an agenda, minutes not yet sent or
 * approved, mandates awaiting approval (R13), and bodies behind their rhythm (R9, R10).
 */
export async function secretariatDesk(ctx: ServiceContext) {
  authorize(ctx.actor, 'planMeeting', { type: 'body', memberUserIds: [] });
  return deskData(ctx);
}

export async function deskData(ctx: ServiceContext) {
  const today = todayIn(ctx);
  const start = copenhagenInstant(today, '00:00');
  const [upcoming, backlog, minutes, mandates, bodies, meetings] = await Promise.all([
    ctx.db
      .selectFrom('meeting as m')
      .innerJoin('body as b', 'b.id', 'm.body_id')
      .select([
        'm.id',
        'b.name as body',
        'm.starts_at',
        'm.place',
        'm.state',
        sql<number>`(SELECT count(*) FROM agenda_item i WHERE i.meeting_id = m.id)`.as('items'),
      ])
      .where('m.state', 'in', ['planned', 'agenda_sent'])
      .where('m.starts_at', '>=', start)
      .orderBy('m.starts_at')
      .limit(20)
      .execute(),
    ctx.db
      .selectFrom('agenda_item as i')
      .innerJoin('body as b', 'b.id', 'i.body_id')
      .select(['i.id', 'i.title', 'b.id as body_id', 'b.name as body', 'i.proposed_by_label', 'i.created_at'])
      .where('i.meeting_id', 'is', null)
      .orderBy('i.created_at')
      .limit(50)
      .execute(),
    ctx.db
      .selectFrom('meeting as m')
      .innerJoin('body as b', 'b.id', 'm.body_id')
      .select(['m.id', 'b.name as body', 'm.starts_at', 'm.minutes_sent_at', 'm.state'])
      .where((eb) => eb.or([eb('m.state', '=', 'held'), eb.and([eb('m.state', '=', 'agenda_sent'), eb('m.ends_at', '<', ctx.now())])]))
      .orderBy('m.starts_at')
      .limit(50)
      .execute(),
    ctx.db
      .selectFrom('mandate_document as d')
      .innerJoin('body as b', 'b.id', 'd.body_id')
      .select(['d.id', 'd.title', 'd.number', 'd.state', 'b.id as body_id', 'b.name as body'])
      .where('d.state', 'in', ['draft', 'city_board_approved'])
      .orderBy('d.created_at')
      .execute(),
    ctx.db
      .selectFrom('body')
      .select(['id', 'name', 'type', 'valid_from', 'valid_to', 'meetings_per_year_min'])
      .where('meetings_per_year_min', 'is not', null)
      .orderBy('name')
      .execute(),
    // The rhythm looks back twelve months and forward to the next meeting: older meetings do not matter (R9, R10).
    ctx.db
      .selectFrom('meeting')
      .select(['body_id', 'starts_at', 'state'])
      .where('starts_at', '>=', new Date(ctx.now().getTime() - 367 * 86_400_000))
      .execute(),
  ]);
  const byBody = new Map<number, { startsOn: string; state: string }[]>();
  for (const m of meetings)
    byBody.set(m.body_id, [...(byBody.get(m.body_id) ?? []), { startsOn: copenhagenParts(m.starts_at).date, state: m.state }]);
  const behind = bodies
    .filter((b) => validOn({ validFrom: b.valid_from, validTo: b.valid_to }, today))
    .map((b) => ({
      id: b.id,
      name: b.name,
      warnings: rhythmWarnings(
        { type: b.type, minPerYear: b.meetings_per_year_min, validFrom: b.valid_from },
        byBody.get(b.id) ?? [],
        today,
      ),
    }))
    .filter((b) => b.warnings.length);
  return { upcoming, backlog, minutes, mandates, behind };
}
