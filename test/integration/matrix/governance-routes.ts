import type { Db } from '../../../src/db/database.ts';
import { copenhagenInstant } from '../../../src/domain/governance/time.ts';
import { makePlan } from '../../support/factories.ts';
import type { RouteCase } from './types.ts';

const central = ['admin', 'secretariat'] as const;
const loggedIn = ['admin', 'secretariat', 'municipalTMF', 'municipalBIF', 'organisation', 'projectLeader', 'boardMember', 'lbf'] as const;
let n = 0;

async function body(db: Db) {
  return (
    await db
      .insertInto('body')
      .values({
        code: `matrix-${process.pid}-${++n}`,
        name: `Matrixgruppe ${n}`,
        type: 'local_group',
        parent_id: null,
        valid_from: '2016-02-01',
        valid_to: null,
        meetings_per_year_min: null,
        meetings_per_year_max: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}
async function member(db: Db, bodyId: number, userId: number | null = null) {
  return await db
    .insertInto('body_member')
    .values({
      body_id: bodyId,
      person_name: `Medlem ${++n}`,
      user_id: userId,
      represents_kind: 'other',
      organisation_id: null,
      administration: null,
      level: 'resident',
      role: 'member',
      starts_on: '2016-02-01',
      ends_on: null,
    })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
}
async function meeting(db: Db, state: 'planned' | 'agenda_sent' | 'held' = 'planned', o: { bodyId?: number; minutesSent?: boolean } = {}) {
  const bodyId = o.bodyId ?? (await body(db));
  const m = await db
    .insertInto('meeting')
    .values({
      body_id: bodyId,
      starts_at: copenhagenInstant('2026-12-10', '14:00'),
      ends_at: copenhagenInstant('2026-12-10', '16:00'),
      place: 'Matrix',
      state,
      agenda_sent_at: null,
      held_at: null,
      minutes_sent_at: o.minutesSent ? new Date() : null,
      minutes_approved_at: null,
    })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
  return { bodyId, id: m.id, version: m.version };
}
async function item(db: Db, bodyId: number, meetingId: number | null) {
  return db
    .insertInto('agenda_item')
    .values({
      body_id: bodyId,
      meeting_id: meetingId,
      title: `Punkt ${++n}`,
      kind: 'free',
      ref_id: null,
      outcome_kind: null,
      decision: null,
      task_due: null,
    })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
}
async function heldWithMinutes(db: Db, userId: number | null) {
  const m = await meeting(db, 'held', { minutesSent: true });
  const x = await member(db, m.bodyId, userId);
  await db.insertInto('meeting_attendance').values({ meeting_id: m.id, member_id: x.id, present: true }).execute();
  return m;
}
async function paper(db: Db) {
  const m = await meeting(db);
  const p = await db
    .insertInto('meeting_paper')
    .values({
      meeting_id: m.id,
      agenda_item_id: null,
      title: 'Bilag',
      file_name: 'bilag.pdf',
      content_type: 'application/pdf',
      size_bytes: 8,
      content: Buffer.from('%PDF-1.4'),
      uploaded_by_label: 'matrix',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const target = await meeting(db, 'planned', { bodyId: m.bodyId });
  return { paperId: p.id, meetingId: target.id };
}
async function mandate(db: Db) {
  const b = await body(db);
  return db
    .insertInto('mandate_document')
    .values({
      body_id: b,
      kind: 'terms_of_reference',
      number: 1,
      title: 'Kommissorium',
      state: 'city_board_approved',
      city_board_approved_on: '2026-01-10',
      lbf_approved_on: null,
    })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
}
/** R14 — a local group follows named plans: another organisation's, so only the secretariat may form it here. */
const othersPlan = async (db: Db, otherOrg: number) => (await makePlan(db, { organisationIds: [otherOrg] })).plan.id;
const bodyJson = (planId: number) => ({ name: `Ny gruppe ${++n}`, type: 'local_group', validFrom: '2024-01-01', planIds: [planId] });
const bodyForm = (planId: number, version?: number) => ({
  name: `Ny gruppe ${++n}`,
  type: 'local_group',
  validFrom: '2024-01-01',
  plans: String(planId),
  ...(version ? { version: String(version) } : {}),
});
const memberFields = {
  personName: 'Ny Person',
  representsKind: 'other',
  representsOther: 'Beboervalgt',
  level: 'resident',
  role: 'member',
  startsOn: '2024-01-01',
};
const meetingFields = { date: '2026-12-20', startTime: '10:00', endTime: '12:00', place: 'Matrixhuset' };

/** R9–R17 — every governance route: reading is public, running bodies and meetings is the secretariat's, minutes are approved by those present, competence moved by the plan's organisations. */
export const governanceRoutes: RouteCase[] = [
  { route: 'GET /api/v1/bodies', allowed: 'everyone', build: async () => ({ path: '/api/v1/bodies?date=2017-01-01' }) },
  { route: 'GET /api/v1/bodies/:id', allowed: 'everyone', build: async (db) => ({ path: `/api/v1/bodies/${await body(db)}` }) },
  {
    route: 'POST /api/v1/bodies',
    allowed: central,
    build: async (db, ids) => ({ path: '/api/v1/bodies', json: bodyJson(await othersPlan(db, ids.otherOrg)) }),
  },
  {
    route: 'POST /api/v1/bodies/:id/members',
    allowed: central,
    build: async (db) => ({ path: `/api/v1/bodies/${await body(db)}/members`, json: memberFields }),
  },
  {
    route: 'GET /api/v1/bodies/:id/meetings',
    allowed: 'everyone',
    build: async (db) => ({ path: `/api/v1/bodies/${(await meeting(db)).bodyId}/meetings` }),
  },
  {
    route: 'POST /api/v1/bodies/:id/meetings',
    allowed: central,
    build: async (db) => ({ path: `/api/v1/bodies/${await body(db)}/meetings`, json: meetingFields }),
  },
  {
    route: 'POST /api/v1/bodies/:id/proposed-items',
    allowed: central,
    build: async (db) => ({ path: `/api/v1/bodies/${await body(db)}/proposed-items`, json: { title: 'Forslag' } }),
  },
  { route: 'GET /api/v1/meetings', allowed: 'everyone', build: async () => ({ path: '/api/v1/meetings' }) },
  { route: 'GET /api/v1/meetings/:id', allowed: 'everyone', build: async (db) => ({ path: `/api/v1/meetings/${(await meeting(db)).id}` }) },
  {
    route: 'PUT /api/v1/meetings/:id',
    allowed: central,
    build: async (db) => {
      const m = await meeting(db);
      return { path: `/api/v1/meetings/${m.id}`, json: { ...meetingFields, version: m.version } };
    },
  },
  {
    route: 'POST /api/v1/meetings/:id/transitions',
    allowed: central,
    build: async (db) => {
      const m = await meeting(db);
      return { path: `/api/v1/meetings/${m.id}/transitions`, json: { version: m.version, action: 'cancel' } };
    },
  },
  {
    route: 'POST /api/v1/meetings/:id/items',
    allowed: central,
    build: async (db) => ({ path: `/api/v1/meetings/${(await meeting(db)).id}/items`, json: { title: 'Nyt punkt' } }),
  },
  {
    route: 'PUT /api/v1/meetings/:id/attendance',
    allowed: central,
    build: async (db) => {
      const m = await meeting(db, 'held');
      const x = await member(db, m.bodyId);
      return { path: `/api/v1/meetings/${m.id}/attendance`, json: { presentMemberIds: [x.id] } };
    },
  },
  {
    route: 'POST /api/v1/meetings/:id/minutes-approvals',
    allowed: loggedIn,
    build: async (db, _ids, userId) => ({ path: `/api/v1/meetings/${(await heldWithMinutes(db, userId)).id}/minutes-approvals` }),
  },
  {
    route: 'PUT /api/v1/agenda-items/:id/outcome',
    allowed: central,
    build: async (db) => {
      const m = await meeting(db, 'held');
      const i = await item(db, m.bodyId, m.id);
      return { path: `/api/v1/agenda-items/${i.id}/outcome`, json: { version: i.version, outcomeKind: 'information', text: 'Orienteret' } };
    },
  },
  { route: 'GET /api/v1/decisions', allowed: 'everyone', build: async () => ({ path: '/api/v1/decisions' }) },
  {
    route: 'GET /api/v1/competence/:id',
    allowed: 'everyone',
    build: async (db, ids) => ({
      path: `/api/v1/competence/${(await makePlan(db, { organisationIds: [ids.ownOrg], state: 'active' })).plan.id}`,
    }),
  },
  {
    route: 'POST /api/v1/competence/:id/transfers',
    allowed: [...central, 'organisation'],
    build: async (db, ids) => ({
      path: `/api/v1/competence/${(await makePlan(db, { organisationIds: [ids.ownOrg], state: 'active' })).plan.id}/transfers`,
      json: { decidedOn: '2024-05-01' },
    }),
  },

  {
    route: 'POST /styring/organer/ny',
    allowed: central,
    build: async (db, ids) => ({ path: '/styring/organer/ny', form: bodyForm(await othersPlan(db, ids.otherOrg)) }),
  },
  {
    route: 'POST /styring/organer/:id/rediger',
    allowed: central,
    build: async (db, ids) => ({
      path: `/styring/organer/${await body(db)}/rediger`,
      form: bodyForm(await othersPlan(db, ids.otherOrg), 1),
    }),
  },
  {
    route: 'POST /styring/organer/:id/medlemmer/ny',
    allowed: central,
    build: async (db) => ({ path: `/styring/organer/${await body(db)}/medlemmer/ny`, form: memberFields }),
  },
  {
    route: 'POST /styring/medlemmer/:id/afslut',
    allowed: central,
    build: async (db) => {
      const x = await member(db, await body(db));
      return { path: `/styring/medlemmer/${x.id}/afslut`, form: { version: String(x.version), endsOn: '2026-01-01' } };
    },
  },
  {
    route: 'POST /styring/organer/:id/kommissorium/ny',
    allowed: central,
    build: async (db) => ({
      path: `/styring/organer/${await body(db)}/kommissorium/ny`,
      form: { kind: 'terms_of_reference', title: 'Kommissorium', content: 'Tekst' },
    }),
  },
  {
    route: 'POST /styring/mandater/:id/godkend/:step',
    allowed: [...central, 'lbf'],
    build: async (db) => {
      const d = await mandate(db);
      return {
        path: `/styring/mandater/${d.id}/godkend/lbf`,
        form: { version: String(d.version), approvedOn: '2026-02-01', reference: 'LBF' },
      };
    },
  },
  {
    route: 'POST /styring/organer/:id/punkter/ny',
    allowed: central,
    build: async (db) => ({ path: `/styring/organer/${await body(db)}/punkter/ny`, form: { title: 'Forslag', kind: 'free' } }),
  },
  {
    route: 'POST /styring/organer/:id/moeder/ny',
    allowed: central,
    build: async (db) => ({ path: `/styring/organer/${await body(db)}/moeder/ny`, form: meetingFields }),
  },
  {
    route: 'POST /styring/moeder/:id/rediger',
    allowed: central,
    build: async (db) => {
      const m = await meeting(db);
      return { path: `/styring/moeder/${m.id}/rediger`, form: { ...meetingFields, version: String(m.version) } };
    },
  },
  {
    route: 'POST /styring/moeder/:id/punkter',
    allowed: central,
    build: async (db) => ({ path: `/styring/moeder/${(await meeting(db)).id}/punkter`, form: { title: 'Nyt punkt', kind: 'free' } }),
  },
  {
    route: 'POST /styring/moeder/:id/fra-listen',
    allowed: central,
    build: async (db) => {
      const m = await meeting(db);
      const i = await item(db, m.bodyId, null);
      return { path: `/styring/moeder/${m.id}/fra-listen`, form: { itemId: String(i.id) } };
    },
  },
  {
    route: 'POST /styring/moeder/:id/handling/:action',
    allowed: central,
    build: async (db) => {
      const m = await meeting(db);
      return { path: `/styring/moeder/${m.id}/handling/cancel`, form: { version: String(m.version) } };
    },
  },
  {
    route: 'POST /styring/moeder/:id/fremmoede',
    allowed: central,
    build: async (db) => {
      const m = await meeting(db, 'held');
      const x = await member(db, m.bodyId);
      return { path: `/styring/moeder/${m.id}/fremmoede`, form: { present: String(x.id) } };
    },
  },
  {
    route: 'POST /styring/moeder/:id/godkend',
    allowed: loggedIn,
    build: async (db, _ids, userId) => ({ path: `/styring/moeder/${(await heldWithMinutes(db, userId)).id}/godkend`, form: {} }),
  },
  {
    route: 'POST /styring/moeder/:id/bilag',
    allowed: central,
    build: async (db) => {
      const p = await paper(db);
      return { path: `/styring/moeder/${p.meetingId}/bilag`, form: { fromPaperId: String(p.paperId), title: 'Genbrugt' } };
    },
  },
  {
    route: 'POST /styring/punkter/:id/udfald',
    allowed: central,
    build: async (db) => {
      const m = await meeting(db, 'held');
      const i = await item(db, m.bodyId, m.id);
      return {
        path: `/styring/punkter/${i.id}/udfald`,
        form: { version: String(i.version), outcomeKind: 'information', text: 'Orienteret' },
      };
    },
  },
  {
    route: 'POST /styring/kompetence/:id',
    allowed: [...central, 'organisation'],
    build: async (db, ids) => ({
      path: `/styring/kompetence/${(await makePlan(db, { organisationIds: [ids.ownOrg], state: 'active' })).plan.id}`,
      form: { decidedOn: '2024-05-01' },
    }),
  },
  {
    route: 'PUT /api/v1/agenda-items/:id',
    allowed: central,
    build: async (db) => {
      const m = await meeting(db);
      const it = await item(db, m.bodyId, m.id);
      return { path: `/api/v1/agenda-items/${it.id}`, json: { version: it.version, title: 'Rettet punkt' } };
    },
  },
  {
    route: 'PUT /api/v1/papers/:id',
    allowed: central,
    build: async (db) => ({ path: `/api/v1/papers/${(await paper(db)).paperId}`, json: { version: 1, title: 'Rettet bilag' } }),
  },
  {
    route: 'POST /styring/punkter/:id/ret',
    allowed: central,
    build: async (db) => {
      const m = await meeting(db);
      const it = await item(db, m.bodyId, m.id);
      return { path: `/styring/punkter/${it.id}/ret`, form: { version: String(it.version), title: 'Rettet punkt' } };
    },
  },
  {
    route: 'POST /styring/bilag/:id/ret',
    allowed: central,
    build: async (db) => ({ path: `/styring/bilag/${(await paper(db)).paperId}/ret`, form: { version: '1', title: 'Rettet bilag' } }),
  },
  {
    route: 'PUT /api/v1/members/:id',
    allowed: central,
    build: async (db) => {
      const m = await member(db, await body(db));
      return {
        path: `/api/v1/members/${m.id}`,
        json: {
          version: m.version,
          ...{
            personName: 'Rettet Medlem',
            representsKind: 'other',
            representsOther: 'Beboerne',
            level: 'resident',
            role: 'member',
            startsOn: '2016-02-01',
          },
        },
      };
    },
  },
  {
    route: 'POST /styring/medlemmer/:id/ret',
    allowed: central,
    build: async (db) => {
      const m = await member(db, await body(db));
      return {
        path: `/styring/medlemmer/${m.id}/ret`,
        form: {
          version: String(m.version),
          ...{
            personName: 'Rettet Medlem',
            representsKind: 'other',
            representsOther: 'Beboerne',
            level: 'resident',
            role: 'member',
            startsOn: '2016-02-01',
          },
        },
      };
    },
  },
];
