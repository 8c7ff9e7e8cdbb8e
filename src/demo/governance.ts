import type { Trx } from '../db/database.ts';
import { copenhagenInstant } from '../domain/governance/time.ts';
import { addGrant } from '../services/accounts.ts';

/**
 * Demo governance: members of the 2016 bodies (people invented, demo users seated where their role fits),
 * the 2014 Nørrebro forum's members as history, a Nørrebro board with a mandate under approval, meetings
 * around today (approved minutes, a held meeting waiting for minutes, upcoming ones with agendas) and a
 * competence transfer (R12) for Urbanplanen.
 */
type Seat = [name: string, kind: 'organisation' | 'administration' | 'other', who: string, level: string, role: string, email?: string];

const seats: Record<string, Seat[]> = {
  'boligsocial-bestyrelse': [
    ['Mette Direktør', 'administration', 'TMF', 'director', 'chair'],
    ['Frida fsb', 'organisation', 'fsb', 'director', 'member', 'fsb@demo.test'],
    ['Kasper Kabsen', 'organisation', 'KAB', 'director', 'member'],
    ['Anders AKB', 'organisation', 'AKB', 'director', 'member'],
    ['Dorte DAB', 'organisation', 'DAB', 'business_manager', 'member'],
    ['Finn FA09', 'organisation', 'FA09', 'business_manager', 'member'],
    ['Birgit BDK', 'organisation', 'BDK', 'business_manager', 'member'],
    ['Søren Sekretariat', 'other', 'Sekretariatet', 'staff', 'secretary', 'sekretariat@demo.test'],
  ],
  'bydel-noerrebro': [
    ['Tina Teknik', 'administration', 'TMF', 'central_head', 'member', 'tmf@demo.test'],
    ['Signe Social', 'administration', 'SOF', 'decentral_head', 'member'],
    ['Bo Beskæftigelse', 'administration', 'BIF', 'decentral_head', 'member', 'bif@demo.test'],
    ['Ulla Børn', 'administration', 'BUF', 'decentral_head', 'member'],
    ['Bente Bestyrelse', 'organisation', 'Bo-Vita', 'business_manager', 'chair', 'bestyrelse@demo.test'],
    ['Vibeke Vita', 'organisation', 'Bo-Vita', 'business_manager', 'member', 'vita@demo.test'],
    ['Adam AKB', 'organisation', 'AKB', 'business_manager', 'member', 'akb@demo.test'],
    ['Aase AAB', 'organisation', 'AAB', 'business_manager', 'member', 'aab@demo.test'],
    ['Søren Sekretariat', 'other', 'Sekretariatet', 'staff', 'secretary', 'sekretariat@demo.test'],
  ],
  'bydel-tingbjerg': [
    ['Tina Teknik', 'administration', 'TMF', 'central_head', 'member', 'tmf@demo.test'],
    ['Sune Social', 'administration', 'SOF', 'decentral_head', 'member'],
    ['Frida fsb', 'organisation', 'fsb', 'business_manager', 'chair', 'fsb@demo.test'],
    ['Sara SAB', 'organisation', 'SAB', 'business_manager', 'member', 'sab@demo.test'],
  ],
  'bydel-amager': [
    ['Karl KAB', 'organisation', 'KAB', 'business_manager', 'chair', 'kab@demo.test'],
    ['Viggo VIBO', 'organisation', 'VIBO', 'business_manager', 'member'],
    ['Bjarne BIF', 'administration', 'BIF', 'decentral_head', 'member'],
  ],
  'bydel-nordvest': [
    ['Tove TMF', 'administration', 'TMF', 'central_head', 'chair'],
    ['Frida fsb', 'organisation', 'fsb', 'business_manager', 'member', 'fsb@demo.test'],
  ],
  'bydel-valby': [['Susanne SAB', 'organisation', 'SAB', 'business_manager', 'chair']],
  sekretariat: [['Søren Sekretariat', 'organisation', 'KAB', 'staff', 'member', 'sekretariat@demo.test']],
};

const forum2014: Seat[] = [
  ['Hanne Historisk', 'administration', 'TMF', 'central_head', 'chair'],
  ['Ole Social', 'administration', 'SOF', 'decentral_head', 'member'],
  ['Inge Integration', 'administration', 'BIF', 'decentral_head', 'member'],
  ['Bodil Børn', 'administration', 'BUF', 'decentral_head', 'member'],
  ['Kirsten Kultur', 'administration', 'KFF', 'decentral_head', 'member'],
  ['Svend Sundhed', 'administration', 'SUF', 'decentral_head', 'member'],
  ['Øjvind Økonomi', 'administration', 'ØKF', 'central_head', 'member'],
  ['Vibeke Vita', 'organisation', 'Bo-Vita', 'business_manager', 'member'],
];

const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000).toISOString().slice(0, 10);

export async function loadDemoGovernance(trx: Trx): Promise<void> {
  const bodies = new Map((await trx.selectFrom('body').select(['id', 'code']).execute()).map((b) => [b.code, b.id]));
  const orgs = new Map((await trx.selectFrom('organisation').select(['id', 'short_name']).execute()).map((o) => [o.short_name, o.id]));
  const users = new Map((await trx.selectFrom('app_user').select(['id', 'email']).execute()).map((u) => [u.email, u.id]));
  const memberIds = new Map<string, number>();
  const seat = async (code: string, s: Seat, startsOn: string, endsOn: string | null) => {
    const [name, kind, who, level, role, email] = s;
    const bodyId = bodies.get(code)!;
    const userId = email ? (users.get(email) ?? null) : null;
    const row = await trx
      .insertInto('body_member')
      .values({
        body_id: bodyId,
        person_name: name,
        user_id: userId,
        email: email ?? '',
        represents_kind: kind,
        organisation_id: kind === 'organisation' ? orgs.get(who)! : null,
        administration: kind === 'administration' ? who : null,
        represents_other: kind === 'other' ? who : '',
        level,
        role,
        starts_on: startsOn,
        ends_on: endsOn,
        is_demo: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    memberIds.set(`${code}:${name}`, row.id);
    if (userId) await addGrant(trx, userId, { role: 'board_member', bodyId });
  };
  for (const [code, list] of Object.entries(seats)) for (const s of list) await seat(code, s, '2016-02-01', null);
  for (const s of forum2014) await seat('forum-noerrebro', s, '2013-01-01', '2016-01-31');

  // R13 — Nørrebro's terms of reference are in force; its rules of procedure wait for LBF.
  const nb = bodies.get('bydel-noerrebro')!;
  await trx
    .insertInto('mandate_document')
    .values([
      {
        body_id: nb,
        kind: 'terms_of_reference',
        number: 1,
        title: 'Kommissorium for Bydelsbestyrelse Nørrebro',
        content:
          'Bydelsbestyrelsen har ansvar for fremdrift og økonomi i bydelens helhedsplaner og for de strategiske samarbejdsaftaler. Den godkender ændringer i aktiviteter. Kun de boligorganisationer, der er part i den konkrete bevilling, træffer beslutning om ændringer i den (R11).',
        state: 'in_force',
        city_board_approved_on: '2016-04-12',
        city_board_reference: 'Boligsocial Bestyrelse, møde 12.04.2016, pkt. 3',
        lbf_approved_on: '2016-06-01',
        lbf_reference: 'LBF j.nr. 2016-1234',
        created_by_label: 'Demo',
      },
      {
        body_id: nb,
        kind: 'rules_of_procedure',
        number: 1,
        title: 'Forretningsorden for Bydelsbestyrelse Nørrebro',
        content:
          'Bestyrelsen mødes ca. fire gange om året. Dagsorden udsendes senest en uge før mødet. Referatet godkendes af de fremmødte.',
        state: 'city_board_approved',
        city_board_approved_on: '2016-04-12',
        city_board_reference: 'Boligsocial Bestyrelse, møde 12.04.2016, pkt. 4',
        lbf_approved_on: null,
        created_by_label: 'Demo',
      },
    ])
    .execute();

  // R12 — Urbanplanen's housing organisations moved its competence to the city board.
  const urban = await trx.selectFrom('plan').select('id').where('name', '=', 'Helhedsplan Urbanplanen').executeTakeFirst();
  if (urban)
    await trx
      .insertInto('competence_transfer')
      .values({
        plan_id: urban.id,
        decided_on: '2024-03-01',
        reference: 'Fælles beslutning KAB, DFB og 3B',
        note: 'Planen dækker flere organisationer på tværs af Amager; strategisk behandling i Boligsocial Bestyrelse.',
        recorded_by_label: 'Demo',
      })
      .execute();

  const now = new Date();
  const mjoelner = await trx.selectFrom('plan').select('id').where('name', '=', 'Helhedsplan Mjølnerparken').executeTakeFirst();
  const meeting = async (
    code: string,
    day: string,
    place: string,
    state: 'planned' | 'agenda_sent' | 'held' | 'minutes_approved',
    items: { title: string; kind?: 'plan' | 'free'; refId?: number; closed?: boolean; outcome?: [string, string | null, string] }[],
  ) => {
    const bodyId = bodies.get(code)!;
    const m = await trx
      .insertInto('meeting')
      .values({
        body_id: bodyId,
        starts_at: copenhagenInstant(day, '14:00'),
        ends_at: copenhagenInstant(day, '16:00'),
        place,
        state,
        agenda_sent_at: state === 'planned' ? null : copenhagenInstant(addDays(new Date(`${day}T12:00:00Z`), -7), '09:00'),
        held_at: state === 'held' || state === 'minutes_approved' ? copenhagenInstant(day, '16:00') : null,
        minutes_sent_at: state === 'minutes_approved' ? copenhagenInstant(addDays(new Date(`${day}T12:00:00Z`), 3), '09:00') : null,
        minutes_approved_at: state === 'minutes_approved' ? copenhagenInstant(addDays(new Date(`${day}T12:00:00Z`), 10), '09:00') : null,
        is_demo: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    let sort = 0;
    for (const it of items) {
      await trx
        .insertInto('agenda_item')
        .values({
          body_id: bodyId,
          meeting_id: m.id,
          sort: ++sort,
          title: it.title,
          kind: it.kind ?? 'free',
          ref_id: it.refId ?? null,
          closed: it.closed ?? false,
          proposed_by_label: 'Sekretariatet',
          outcome_kind: (it.outcome?.[0] as 'decision') ?? null,
          decision: (it.outcome?.[1] as 'decided') ?? null,
          outcome_text: it.outcome?.[2] ?? '',
          task_due: null,
        })
        .execute();
    }
    if (state === 'held' || state === 'minutes_approved') {
      const members = await trx
        .selectFrom('body_member')
        .select(['id', 'user_id'])
        .where('body_id', '=', bodyId)
        .where('ends_on', 'is', null)
        .execute();
      for (const [i, x] of members.entries()) {
        await trx
          .insertInto('meeting_attendance')
          .values({ meeting_id: m.id, member_id: x.id, present: i % 4 !== 3 })
          .execute();
        if (state === 'minutes_approved' && x.user_id && i % 4 !== 3)
          await trx.insertInto('minutes_approval').values({ meeting_id: m.id, member_id: x.id, user_id: x.user_id }).execute();
      }
    }
    return m.id;
  };
  const planItem = mjoelner ? [{ title: 'Status for Helhedsplan Mjølnerparken', kind: 'plan' as const, refId: mjoelner.id }] : [];
  for (const back of [300, 210, 120]) {
    await meeting('bydel-noerrebro', addDays(now, -back), 'Nørrebrohallen, mødelokale 2', 'minutes_approved', [
      { title: 'Godkendelse af dagsorden', outcome: ['information', null, 'Dagsordenen blev godkendt.'] },
      ...planItem.map((p) => ({
        ...p,
        outcome: ['decision', 'decided', 'Bestyrelsen tog status til efterretning og godkendte den justerede aktivitetsplan.'] as [
          string,
          string,
          string,
        ],
      })),
      { title: 'Personalesag i sekretariatet', closed: true, outcome: ['information', null, 'Drøftet.'] },
    ]);
  }
  await meeting('bydel-noerrebro', addDays(now, -20), 'Nørrebrohallen, mødelokale 2', 'held', [
    { title: 'Nøgletal for bydelen', outcome: ['information', null, 'Sekretariatet gennemgik nøgletallene.'] },
    ...planItem,
  ]);
  await meeting('bydel-noerrebro', addDays(now, 21), 'Nørrebrohallen, mødelokale 2', 'agenda_sent', [
    ...planItem,
    { title: 'Budgetopfølgning 3. kvartal' },
    { title: 'Drøftelse af lejemål for projektkontor', closed: true },
  ]);
  await meeting('boligsocial-bestyrelse', addDays(now, -180), 'Københavns Rådhus, udvalgsværelse 1', 'minutes_approved', [
    {
      title: 'Nøgletal for hele kommunen',
      outcome: [
        'information',
        null,
        'Bestyrelsen drøftede udviklingen og anbefaler bydelsbestyrelserne at drøfte beskæftigelsesindsatsen.',
      ],
    },
  ]);
  await meeting('boligsocial-bestyrelse', addDays(now, 45), 'Københavns Rådhus, udvalgsværelse 1', 'planned', [
    { title: 'Årsrapporter fra bydelsbestyrelserne' },
  ]);
  await meeting('bydel-tingbjerg', addDays(now, 14), 'Tingbjerg Bibliotek', 'planned', []);
  await trx
    .insertInto('agenda_item')
    .values({
      body_id: nb,
      meeting_id: null,
      title: 'Samarbejde med politiet om tryghed',
      kind: 'free',
      ref_id: null,
      closed: false,
      proposed_by_label: 'Bente Bestyrelse',
      outcome_kind: null,
      decision: null,
      task_due: null,
    })
    .execute();
}
