import type { Db } from '../../../src/db/database.ts';
import { copenhagenInstant } from '../../../src/domain/governance/time.ts';
import type { RouteCase } from './types.ts';

/** R19: the housing office (TMF) and the secretariat keep the agreement; a dialogue's own organisation takes part. */
const keepers = ['admin', 'secretariat', 'municipalTMF'] as const;
const participants = [...keepers, 'organisation'] as const;
const readers = [...participants, 'municipalBIF'] as const;
let n = 0;

async function agreementId(db: Db) {
  return (await db.selectFrom('partnership_agreement').select('id').where('code', '=', 'hovedaftale-2011').executeTakeFirstOrThrow()).id;
}

/** A fresh draft agreement and a Partnerskabsforum meeting to negotiate it at. */
async function draftAgreement(db: Db) {
  const a = await db
    .insertInto('partnership_agreement')
    .values({
      code: `matrix-${++n}`,
      title: `Aftale ${n}`,
      parties: 'KK og BL',
      period_from: '2026-01-01',
      period_to: null,
      negotiated_on: null,
      negotiated_meeting_id: null,
      adopted_on: null,
      adopted_meeting_id: null,
      ended_on: null,
      replaced_by_id: null,
    })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
  const body = await db.selectFrom('body').select('id').where('code', '=', 'partnerskabsforum').executeTakeFirstOrThrow();
  const m = await db
    .insertInto('meeting')
    .values({
      body_id: body.id,
      starts_at: copenhagenInstant('2026-03-01', '15:00'),
      ends_at: copenhagenInstant('2026-03-01', '17:00'),
      state: 'held',
      agenda_sent_at: null,
      held_at: null,
      minutes_sent_at: null,
      minutes_approved_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { ...a, meetingId: m.id };
}

/** A steering dialogue of the own organisation in a year of its own (one a year per organisation). */
async function dialogue(
  db: Db,
  orgId: number,
  state: 'prepared' | 'held' | 'concluded',
  o: { previousId?: number | null; commitment?: boolean } = {},
) {
  const year = 2100 + (++n % 100);
  const d = await db
    .insertInto('steering_dialogue')
    .values({
      agreement_id: await agreementId(db),
      organisation_id: orgId,
      year,
      state,
      meeting_on: `${year}-03-01`,
      held_on: state === 'prepared' ? null : `${year}-03-01`,
      concluded_on: state === 'concluded' ? `${year}-03-01` : null,
      municipality_signed_at: null,
      municipality_signed_by_user_id: null,
      previous_id: o.previousId ?? null,
    })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
  await db
    .insertInto('steering_dialogue_party')
    .values({ dialogue_id: d.id, organisation_id: orgId, signed_at: null, signed_by_user_id: null })
    .execute();
  const c = o.commitment
    ? await db
        .insertInto('dialogue_commitment')
        .values({
          dialogue_id: d.id,
          organisation_id: orgId,
          target_id: null,
          what: 'Tilsagn',
          amount: 1,
          due_on: `${year}-12-31`,
          success_criterion: 'Kriterium',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    : null;
  return { ...d, year, commitmentId: c?.id ?? null };
}

const targetId = async (db: Db) =>
  (await db.selectFrom('partnership_target').select('id').where('code', '=', 'venteliste').executeTakeFirstOrThrow()).id;

/** R19 — every route of the partnership agreement: who may call it. */
export const partnershipRoutes: RouteCase[] = [
  { route: 'GET /api/v1/partnership/agreements', allowed: 'everyone', build: async () => ({ path: '/api/v1/partnership/agreements' }) },
  {
    route: 'GET /api/v1/partnership/agreements/:id',
    allowed: 'everyone',
    build: async (db) => ({ path: `/api/v1/partnership/agreements/${await agreementId(db)}` }),
  },
  {
    route: 'POST /api/v1/partnership/agreements/:id/transitions',
    allowed: keepers,
    build: async (db) => {
      const a = await draftAgreement(db);
      return {
        path: `/api/v1/partnership/agreements/${a.id}/transitions`,
        json: { version: a.version, action: 'negotiate', on: '2026-03-01', meetingId: a.meetingId },
      };
    },
  },
  {
    route: 'GET /api/v1/partnership/targets/:id',
    allowed: 'everyone',
    build: async (db) => ({ path: `/api/v1/partnership/targets/${await targetId(db)}` }),
  },
  {
    route: 'POST /api/v1/partnership/targets/:id/measurements',
    allowed: keepers,
    build: async (db) => ({
      path: `/api/v1/partnership/targets/${await targetId(db)}/measurements`,
      json: { value: 1000, measuredOn: '2026-01-01', source: 'Matrix' },
    }),
  },
  {
    route: 'PUT /api/v1/partnership/targets/:id',
    allowed: keepers,
    build: async (db) => {
      const t = await db.selectFrom('partnership_target').select(['id', 'version']).where('code', '=', 'co2').executeTakeFirstOrThrow();
      return { path: `/api/v1/partnership/targets/${t.id}`, json: { version: t.version, targetValue: 20 + ++n, deadline: '2015-12-31' } };
    },
  },
  {
    route: 'POST /hovedaftale/maal/:id/ret',
    allowed: keepers,
    build: async (db) => {
      const t = await db.selectFrom('partnership_target').select(['id', 'version']).where('code', '=', 'co2').executeTakeFirstOrThrow();
      return {
        path: `/hovedaftale/maal/${t.id}/ret`,
        form: { version: String(t.version), targetValue: String(20 + ++n), deadline: '2015-12-31' },
      };
    },
  },
  { route: 'GET /api/v1/partnership/dialogues', allowed: 'everyone', build: async () => ({ path: '/api/v1/partnership/dialogues' }) },
  {
    route: 'POST /api/v1/partnership/dialogues',
    allowed: keepers,
    build: async (db) => {
      const org = await db
        .insertInto('organisation')
        .values({ name: `Matrix ${++n}`, short_name: `MX${n}` })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { path: '/api/v1/partnership/dialogues', json: { organisationIds: [org.id], year: 2026, meetingOn: '2026-11-01' } };
    },
  },
  {
    route: 'GET /api/v1/partnership/dialogues/:id',
    allowed: readers,
    build: async (db, ids) => ({ path: `/api/v1/partnership/dialogues/${(await dialogue(db, ids.ownOrg, 'prepared')).id}` }),
  },
  {
    route: 'POST /api/v1/partnership/dialogues/:id/commitments',
    allowed: participants,
    build: async (db, ids) => {
      const d = await dialogue(db, ids.ownOrg, 'prepared');
      return {
        path: `/api/v1/partnership/dialogues/${d.id}/commitments`,
        json: { version: d.version, organisationId: ids.ownOrg, what: 'Tilsagn', dueOn: `${d.year}-12-31`, successCriterion: 'Kriterium' },
      };
    },
  },
  {
    route: 'POST /api/v1/partnership/dialogues/:id/follow-ups',
    allowed: participants,
    build: async (db, ids) => {
      const prev = await dialogue(db, ids.ownOrg, 'concluded', { commitment: true });
      const d = await dialogue(db, ids.ownOrg, 'prepared', { previousId: prev.id });
      return {
        path: `/api/v1/partnership/dialogues/${d.id}/follow-ups`,
        json: { version: d.version, commitmentId: prev.commitmentId, outcome: 'fulfilled' },
      };
    },
  },
  {
    route: 'POST /api/v1/partnership/dialogues/:id/hold',
    allowed: participants,
    build: async (db, ids) => {
      const d = await dialogue(db, ids.ownOrg, 'prepared');
      return { path: `/api/v1/partnership/dialogues/${d.id}/hold`, json: { version: d.version, heldOn: '2026-11-01' } };
    },
  },
  {
    route: 'POST /api/v1/partnership/dialogues/:id/sign',
    allowed: participants,
    build: async (db, ids) => {
      const d = await dialogue(db, ids.ownOrg, 'held', { commitment: true });
      return { path: `/api/v1/partnership/dialogues/${d.id}/sign`, json: { version: d.version } };
    },
  },
  {
    route: 'POST /hovedaftale/aftaler/:id/trin',
    allowed: keepers,
    build: async (db) => {
      const a = await draftAgreement(db);
      return {
        path: `/hovedaftale/aftaler/${a.id}/trin`,
        form: { version: String(a.version), action: 'negotiate', on: '2026-03-01', meetingId: String(a.meetingId) },
      };
    },
  },
  {
    route: 'POST /hovedaftale/maal/:id/maalinger',
    allowed: keepers,
    build: async (db) => ({
      path: `/hovedaftale/maal/${await targetId(db)}/maalinger`,
      form: { value: '1000', measuredOn: '2026-01-01', source: 'Matrix' },
    }),
  },
  {
    route: 'POST /hovedaftale/dialoger/ny',
    allowed: keepers,
    build: async (db) => {
      const org = await db
        .insertInto('organisation')
        .values({ name: `Matrix ${++n}`, short_name: `MX${n}` })
        .returning('id')
        .executeTakeFirstOrThrow();
      return {
        path: '/hovedaftale/dialoger/ny',
        form: { kind: 'organisation', organisationIds: String(org.id), year: '2026', meetingOn: '2026-11-01' },
      };
    },
  },
  {
    route: 'POST /hovedaftale/dialoger/:id/:action',
    allowed: participants,
    build: async (db, ids) => {
      const d = await dialogue(db, ids.ownOrg, 'prepared');
      return { path: `/hovedaftale/dialoger/${d.id}/afhold`, form: { version: String(d.version), heldOn: '2026-11-01', summary: '' } };
    },
  },
];
