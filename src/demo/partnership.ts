import type { Db, Trx } from '../db/database.ts';
import { copenhagenInstant } from '../domain/governance/time.ts';
import { actorFor } from '../services/accounts.ts';
import { isoDate, type ServiceContext, type ServiceHooks } from '../services/context.ts';
import {
  addCommitment,
  holdDialogue,
  prepareDialogue,
  recordFollowUp,
  signDialogue,
  transitionAgreement,
} from '../services/partnership/index.ts';

/**
 * Demo data for the partnership agreement (R19), all marked as demo: the members of both forums (people invented),
 * Partnerskabsforum meetings where the 2011 agreement was negotiated and adopted and a yearly one since, invented but
 * plausible measurements of the agreement's targets, and steering dialogues with KAB, SAB and AAB over two years
 * (last year's concluded; this year's concluded, held and prepared), made through the same use cases as the pages.
 */
type Seat = [name: string, kind: 'organisation' | 'administration' | 'other', who: string, level: string, role: string];

const partnershipForum: Seat[] = [
  ['Overborgmester Olga Ørsted', 'administration', 'ØKF', 'other', 'chair'],
  ['Teknik- og miljøborgmester Tage Tofte', 'administration', 'TMF', 'other', 'chair'],
  ['Socialborgmester Sif Storm', 'administration', 'SOF', 'other', 'member'],
  ['Beskæftigelses- og integrationsborgmester Bent Bay', 'administration', 'BIF', 'other', 'member'],
  ['Børne- og ungdomsborgmester Bodil Brandt', 'administration', 'BUF', 'other', 'member'],
  ['Kultur- og fritidsborgmester Kaj Kruse', 'administration', 'KFF', 'other', 'member'],
  ['Sundheds- og omsorgsborgmester Sanne Sund', 'administration', 'SUF', 'other', 'member'],
  ['Formand Poul Plesner', 'organisation', 'fsb', 'director', 'member'],
  ['Direktør Karen Kofoed', 'organisation', 'KAB', 'director', 'member'],
  ['Direktør Asger Aagaard', 'organisation', 'AKB', 'director', 'member'],
  ['Direktør Bjørn Bagger', 'organisation', '3B', 'director', 'member'],
  ['Direktør Susi Skov', 'organisation', 'SAB', 'director', 'member'],
  ['Direktør Lene Lund', 'organisation', 'Lejerbo', 'director', 'member'],
];

const cooperationForum: Seat[] = [
  ['Direktør Tove Thorsen', 'administration', 'TMF', 'director', 'chair'],
  ['Direktør Ole Øster', 'administration', 'ØKF', 'director', 'member'],
  ['Direktør Signe Sejr', 'administration', 'SOF', 'director', 'member'],
  ['Direktør Brian Busk', 'administration', 'BIF', 'director', 'member'],
  ['Direktør Ulrik Ulv', 'administration', 'BUF', 'director', 'member'],
  ['Direktør Kirsten Krog', 'administration', 'KFF', 'director', 'member'],
  ['Direktør Svend Sol', 'administration', 'SUF', 'director', 'member'],
  ['Forretningsfører Frank Fogh', 'organisation', 'fsb', 'business_manager', 'member'],
  ['Forretningsfører Karl Krag', 'organisation', 'KAB', 'business_manager', 'member'],
  ['Forretningsfører Anja Arp', 'organisation', 'AKB', 'business_manager', 'member'],
  ['Forretningsfører Bo Brink', 'organisation', '3B', 'business_manager', 'member'],
  ['Forretningsfører Sune Sand', 'organisation', 'SAB', 'business_manager', 'member'],
  ['Forretningsfører Lis Lykke', 'organisation', 'Lejerbo', 'business_manager', 'member'],
  ['Forretningsfører Dan Dahl', 'organisation', 'DAB', 'business_manager', 'member'],
  ['Forretningsfører Ane Ahl', 'organisation', 'AAB', 'business_manager', 'member'],
  ['Lone Lejer', 'other', 'Lejernes LO i Hovedstaden', 'other', 'member'],
];

/** Invented measurements per target code: [date, value]. */
const measurements: Record<string, [string, number][]> = {
  'fleksibel-udlejning': [
    ['2011-06-30', 9],
    ['2011-12-31', 14],
  ],
  saerboliger: [
    ['2010-06-30', 431],
    ['2010-12-31', 452],
    ['2011-06-30', 474],
    ['2011-12-31', 489],
  ],
  venteliste: [
    ['2011-01-01', 1260],
    ['2013-01-01', 1215],
    ['2016-01-01', 1170],
    ['2019-01-01', 1130],
    ['2022-01-01', 1085],
    ['2025-01-01', 1040],
  ],
  co2: [
    ['2009-12-31', 6],
    ['2011-12-31', 9.5],
    ['2013-12-31', 14],
    ['2015-12-31', 21],
  ],
  lavenergi: [
    ['2012-12-31', 60],
    ['2015-12-31', 85],
    ['2020-12-31', 100],
  ],
  'toilet-bad': [
    ['2010-12-31', 96.1],
    ['2012-12-31', 98.4],
    ['2014-01-01', 99.2],
  ],
  'andel-almene': [
    ['2011-01-01', 20.3],
    ['2016-01-01', 20.1],
    ['2021-01-01', 20.2],
  ],
  grundkapital: [
    ['2010-12-31', 20],
    ['2011-12-31', 38.5],
    ['2012-12-31', 55],
    ['2013-12-31', 72.2],
  ],
};

export async function loadDemoPartnership(trx: Trx, hooks: ServiceHooks): Promise<void> {
  const now = new Date();
  const today = isoDate(now);
  const year = Number(today.slice(0, 4));
  const bodies = new Map(
    (await trx.selectFrom('body').select(['id', 'code']).where('code', 'in', ['partnerskabsforum', 'samarbejdsforum']).execute()).map(
      (b) => [b.code, b.id],
    ),
  );
  const orgs = new Map((await trx.selectFrom('organisation').select(['id', 'short_name']).execute()).map((o) => [o.short_name, o.id]));
  const agreement = await trx
    .selectFrom('partnership_agreement')
    .select(['id', 'version'])
    .where('code', '=', 'hovedaftale-2011')
    .executeTakeFirst();
  const pf = bodies.get('partnerskabsforum');
  const sf = bodies.get('samarbejdsforum');
  if (!agreement || !pf || !sf) return;

  const seat = (bodyId: number, [name, kind, who, level, role]: Seat) =>
    trx
      .insertInto('body_member')
      .values({
        body_id: bodyId,
        person_name: name,
        user_id: null,
        email: '',
        represents_kind: kind,
        organisation_id: kind === 'organisation' ? orgs.get(who)! : null,
        administration: kind === 'administration' ? who : null,
        represents_other: kind === 'other' ? who : '',
        level,
        role,
        starts_on: '2011-01-01',
        ends_on: null,
        is_demo: true,
      })
      .execute();
  for (const s of partnershipForum) await seat(pf, s);
  for (const s of cooperationForum) await seat(sf, s);

  const meeting = async (bodyId: number, day: string, state: 'planned' | 'minutes_approved', place: string, items: string[]) => {
    const m = await trx
      .insertInto('meeting')
      .values({
        body_id: bodyId,
        starts_at: copenhagenInstant(day, '15:00'),
        ends_at: copenhagenInstant(day, '17:00'),
        place,
        state,
        agenda_sent_at: null,
        held_at: state === 'minutes_approved' ? copenhagenInstant(day, '17:00') : null,
        minutes_sent_at: null,
        minutes_approved_at: state === 'minutes_approved' ? copenhagenInstant(day, '17:00') : null,
        is_demo: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    let sort = 0;
    for (const title of items)
      await trx
        .insertInto('agenda_item')
        .values({
          body_id: bodyId,
          meeting_id: m.id,
          sort: ++sort,
          title,
          kind: 'free',
          ref_id: null,
          proposed_by_label: 'Boligkontoret',
          task_due: null,
        })
        .execute();
    return m.id;
  };
  const shift = (days: number) => isoDate(new Date(now.getTime() + days * 86_400_000));
  const negotiated = await meeting(pf, '2011-03-15', 'minutes_approved', 'Københavns Rådhus', [
    "Hovedaftale mellem BL's 1. kreds og Københavns Kommune: forhandling og prioritering",
  ]);
  const adopted = await meeting(pf, '2011-05-10', 'minutes_approved', 'Københavns Rådhus', ['Hovedaftalen: vedtagelse']);
  await meeting(pf, shift(-150), 'minutes_approved', 'Københavns Rådhus', [
    'Status på hovedaftalens mål',
    'Erfaringer fra årets styringsdialoger',
  ]);
  await meeting(pf, shift(60), 'planned', 'Københavns Rådhus', ['Status på hovedaftalens mål']);
  await meeting(sf, shift(-90), 'minutes_approved', 'Njalsgade 13', [
    'Fælles rammer for udlejningsaftalerne',
    'Forberedelse af styringsdialogerne',
  ]);

  const as = async (email: string, at: Date): Promise<ServiceContext> => {
    const u = await trx.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow();
    return { db: trx as unknown as Db, actor: (await actorFor(trx, u.id, true))!, now: () => at, hooks };
  };
  const office = await as('sekretariat@demo.test', now);
  let v = (
    await transitionAgreement(office, agreement.id, agreement.version, 'negotiate', {
      on: '2011-03-15',
      meetingId: negotiated,
      reference: '',
      replacedById: null,
    })
  ).version;
  await transitionAgreement(office, agreement.id, v, 'adopt', {
    on: '2011-05-10',
    meetingId: adopted,
    reference: 'Partnerskabsforum 10.05.2011, pkt. 1 (demodata)',
    replacedById: null,
  });

  const targets = new Map(
    (await trx.selectFrom('partnership_target').select(['id', 'code']).where('agreement_id', '=', agreement.id).execute()).map((t) => [
      t.code,
      t.id,
    ]),
  );
  const rows = Object.entries(measurements).flatMap(([code, list]) =>
    list.map(([on, value]) => ({
      target_id: targets.get(code)!,
      value,
      measured_on: on,
      source: 'Demodata (opfundet tal)',
      note: '',
      recorded_by_label: 'Demo',
      recorded_by_user_id: null,
      is_demo: true,
    })),
  );
  // 1–2 area renewals a year, every year so far; the waiting list measured again this January.
  for (let y = 2011; y < year; y++)
    rows.push({
      target_id: targets.get('omraadefornyelser')!,
      value: y % 3 === 0 ? 2 : 1,
      measured_on: `${y}-12-31`,
      source: 'Demodata (opfundet tal)',
      note: '',
      recorded_by_label: 'Demo',
      recorded_by_user_id: null,
      is_demo: true,
    });
  rows.push({
    target_id: targets.get('venteliste')!,
    value: 1020,
    measured_on: `${year}-01-01`,
    source: 'Demodata (opfundet tal)',
    note: '',
    recorded_by_label: 'Demo',
    recorded_by_user_id: null,
    is_demo: true,
  });
  await trx.insertInto('partnership_measurement').values(rows).execute();

  // Steering dialogues: last year's concluded with KAB, SAB and AAB; this year's at three stages.
  const lastYear = year - 1;
  const lastAt = new Date(`${lastYear}-11-20T12:00:00Z`);
  const [tmfLast, tmfNow] = [await as('tmf@demo.test', lastAt), await as('tmf@demo.test', now)];
  type C = [what: string, amount: number | null, unit: string, due: string, criterion: string, target: string | null];
  const plan: Record<string, { email: string; last: C[]; now: C[]; stage: 'concluded' | 'held' | 'prepared' }> = {
    KAB: {
      email: 'kab@demo.test',
      stage: 'concluded',
      last: [
        [
          'Ommærke små familieboliger til ungdomsboliger',
          40,
          'boliger',
          `${lastYear}-12-31`,
          '40 boliger er ommærket og udlejet som ungdomsboliger senest 31.12.',
          'ungdomsboliger',
        ],
        [
          'Ny aftale om fleksibel udlejning for afdelingerne på Amager',
          null,
          '',
          `${year}-06-30`,
          'Aftalen er underskrevet og anvendes ved genudlejning.',
          'fleksibel-udlejning',
        ],
      ],
      now: [
        [
          'Ommærke små familieboliger til ungdomsboliger',
          60,
          'boliger',
          `${year}-12-31`,
          '60 boliger er ommærket og udlejet som ungdomsboliger senest 31.12.',
          'ungdomsboliger',
        ],
        [
          'Energimærke og plan for energirenovering i Folehaven',
          1,
          'plan',
          `${year + 1}-06-30`,
          'Planen er vedtaget af afdelingsmødet.',
          'co2',
        ],
      ],
    },
    SAB: {
      email: 'sab@demo.test',
      stage: 'held',
      last: [
        [
          'Ommærke små familieboliger til ungdomsboliger',
          25,
          'boliger',
          `${lastYear}-12-31`,
          '25 boliger er ommærket senest 31.12.',
          'ungdomsboliger',
        ],
        [
          'Levere særboliger til kommunal anvisning',
          10,
          'boliger',
          `${lastYear}-10-01`,
          '10 boliger er stillet til rådighed for boligsocial anvisning.',
          'saerboliger',
        ],
      ],
      now: [
        [
          'Ommærke små familieboliger til ungdomsboliger',
          30,
          'boliger',
          `${year}-12-31`,
          '30 boliger er ommærket senest 31.12.',
          'ungdomsboliger',
        ],
      ],
    },
    AAB: {
      email: 'aab@demo.test',
      stage: 'prepared',
      last: [
        [
          'Ommærke små familieboliger til ungdomsboliger',
          15,
          'boliger',
          `${lastYear}-12-31`,
          '15 boliger er ommærket senest 31.12.',
          'ungdomsboliger',
        ],
        [
          'Toilet og bad i de sidste 12 boliger i Aldersrogade',
          12,
          'boliger',
          `${lastYear}-09-30`,
          'Alle 12 boliger har eget toilet og bad.',
          'toilet-bad',
        ],
      ],
      now: [],
    },
  };
  for (const [org, p] of Object.entries(plan)) {
    const orgId = orgs.get(org)!;
    const [staffLast, staffNow] = [await as(p.email, lastAt), await as(p.email, now)];
    // Last year: prepared, held, two commitments, signed by both → concluded.
    const d1 = await prepareDialogue(tmfLast, {
      kind: 'organisation',
      organisationIds: [orgId],
      areaName: '',
      year: lastYear,
      meetingOn: `${lastYear}-10-15`,
      place: 'Njalsgade 13',
      agenda: 'Hovedaftalens mål for organisationen; tilsagn for det kommende år.',
    });
    let dv = 1;
    for (const [what, amount, unit, due, criterion, target] of p.last)
      dv = (
        await addCommitment(tmfLast, d1, dv, {
          organisationId: orgId,
          targetId: target ? targets.get(target)! : null,
          what,
          amount,
          unit,
          dueOn: due,
          successCriterion: criterion,
        })
      ).version;
    dv = await holdDialogue(tmfLast, d1, dv, {
      heldOn: `${lastYear}-10-15`,
      summary: `Gennemgang af målene med ${org}. Parterne enedes om tilsagnene nedenfor.`,
    });
    dv = (await signDialogue(tmfLast, d1, dv)).version;
    await signDialogue(staffLast, d1, dv);
    // This year: opens with the follow-up of last year's commitments.
    const d2 = await prepareDialogue(tmfNow, {
      kind: 'organisation',
      organisationIds: [orgId],
      areaName: '',
      year,
      meetingOn: p.stage === 'prepared' ? `${year}-12-15` : today,
      place: 'Njalsgade 13',
      agenda: 'Opfølgning på sidste års aftale. Nye tilsagn.',
    });
    const last = await trx
      .selectFrom('dialogue_commitment')
      .select(['id', 'amount'])
      .where('dialogue_id', '=', d1)
      .orderBy('sort')
      .execute();
    let v2 = 1;
    for (const [i, c] of last.entries()) {
      if (p.stage === 'prepared' && i > 0) break;
      const outcome = i === 0 ? 'fulfilled' : 'partly';
      v2 = await recordFollowUp(staffNow, d2, v2, {
        commitmentId: c.id,
        outcome,
        delivered: c.amount === null ? null : i === 0 ? c.amount : Math.round(c.amount * 0.6),
        note: i === 0 ? '' : 'Resten følger i det nye år.',
      });
    }
    if (p.stage === 'prepared') continue;
    for (const [what, amount, unit, due, criterion, target] of p.now)
      v2 = (
        await addCommitment(staffNow, d2, v2, {
          organisationId: orgId,
          targetId: target ? targets.get(target)! : null,
          what,
          amount,
          unit,
          dueOn: due,
          successCriterion: criterion,
        })
      ).version;
    v2 = await holdDialogue(tmfNow, d2, v2, { heldOn: today, summary: `Årets styringsdialog med ${org}.` });
    if (p.stage === 'concluded') {
      v2 = (await signDialogue(staffNow, d2, v2)).version;
      await signDialogue(tmfNow, d2, v2);
    }
  }
  await trx.updateTable('steering_dialogue').set({ is_demo: true }).execute();
  await trx.updateTable('dialogue_commitment').set({ is_demo: true }).execute();
  await trx.updateTable('commitment_followup').set({ is_demo: true }).execute();
}
