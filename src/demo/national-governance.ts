import type { Trx } from '../db/database.ts';
import { insertMany, type NationalContext, type NationalStep } from './national.ts';

/**
 * National set, governance (R9–R17): 60 bodies (a city board and district boards in the other municipalities),
 * their members, and 3,000 meetings over ten years with agenda items and outcomes.
 */
async function governance(trx: Trx, n: NationalContext) {
  const { rng } = n;
  const others = n.municipalityIds.slice(1);
  const bodyRows = others.flatMap((m, i) => [
    {
      code: `national-${m}-city`,
      name: `Boligsocial bestyrelse ${i + 1}`,
      type: 'city_board',
      valid_from: '2016-02-01',
      meetings_per_year_min: 1,
      meetings_per_year_max: 2,
      is_demo: true,
    },
    {
      code: `national-${m}-a`,
      name: `Bydelsbestyrelse ${i + 1} A`,
      type: 'district_board',
      valid_from: '2016-02-01',
      meetings_per_year_min: 3,
      meetings_per_year_max: 5,
      is_demo: true,
    },
    {
      code: `national-${m}-b`,
      name: `Bydelsbestyrelse ${i + 1} B`,
      type: 'district_board',
      valid_from: '2016-02-01',
      meetings_per_year_min: 3,
      meetings_per_year_max: 5,
      is_demo: true,
    },
  ]);
  const bodyIds = await insertMany(trx, 'body', bodyRows.slice(0, 60), 'id');
  await insertMany(
    trx,
    'body_district',
    bodyIds.flatMap((body_id, i) =>
      (i % 3 === 0 ? [1, 2, 3, 4, 5] : i % 3 === 1 ? [1, 2] : [3, 4, 5]).map((district_number) => ({ body_id, district_number })),
    ),
  );
  await insertMany(
    trx,
    'body_member',
    bodyIds.flatMap((body_id, b) =>
      Array.from({ length: 8 }, (_, k) => ({
        body_id,
        person_name: `Medlem ${b + 1}.${k + 1}`,
        user_id: n.userIds[(b * 8 + k) % n.userIds.length]!,
        represents_kind: k < 5 ? 'organisation' : 'administration',
        organisation_id: k < 5 ? n.organisationIds[(b * 5 + k) % n.organisationIds.length]! : null,
        administration: k < 5 ? null : (['TMF', 'SOF', 'BIF'] as const)[k - 5]!,
        level: k === 0 ? 'director' : 'business_manager',
        role: k === 0 ? 'chair' : 'member',
        starts_on: '2016-02-01',
        is_demo: true,
      })),
    ),
  );
  const meetings = Array.from({ length: 3000 }, (_, i) => {
    const year = 2016 + Math.floor(i / 300);
    const start = new Date(Date.UTC(year, rng.int(0, 11), rng.int(1, 28), 13, 0));
    const past = start < new Date('2026-11-01T00:00:00Z');
    return {
      body_id: bodyIds[i % bodyIds.length]!,
      starts_at: start,
      ends_at: new Date(start.getTime() + 2 * 3600_000),
      place: `Mødelokale ${rng.int(1, 9)}`,
      state: past ? 'minutes_approved' : 'planned',
      agenda_sent_at: past ? start : null,
      held_at: past ? start : null,
      minutes_sent_at: past ? start : null,
      minutes_approved_at: past ? start : null,
      is_demo: true,
    };
  });
  const meetingIds = await insertMany(trx, 'meeting', meetings, 'id');
  await insertMany(
    trx,
    'agenda_item',
    meetingIds.flatMap((meeting_id, i) =>
      Array.from({ length: 4 }, (_, k) => {
        const held = meetings[i]!.state === 'minutes_approved';
        return {
          body_id: meetings[i]!.body_id,
          meeting_id,
          sort: k + 1,
          title: ['Nøgletal', 'Status på planerne', 'Økonomi', 'Eventuelt'][k]!,
          kind: 'free',
          ref_id: null,
          closed: k === 3 && i % 10 === 0,
          outcome_kind: held ? (k === 2 ? 'decision' : 'information') : null,
          decision: held && k === 2 ? 'decided' : null,
          outcome_text: held ? 'Taget til efterretning.' : '',
          proposed_by_label: 'Sekretariatet',
          task_due: null,
        };
      }),
    ),
  );
}

export const governanceNationalStep: NationalStep = { order: 30, name: 'governance', run: governance };
