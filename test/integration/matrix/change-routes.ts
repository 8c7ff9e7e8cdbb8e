import type { Db } from '../../../src/db/database.ts';
import { activePlan, bodyId, moveEdit, requestRow, seat } from '../changes/support.ts';
import type { RouteCase } from './types.ts';

const central = ['admin', 'secretariat'] as const;
/** R3: the parties behind the plan (here: staff of the own organisation) and the secretariat propose and submit. */
const parties = [...central, 'organisation'] as const;
/** R11: members without the deciding voice, the parties and the municipality comment. */
const commenters = [...parties, 'municipalTMF', 'municipalBIF'] as const;
const loggedIn = ['admin', 'secretariat', 'municipalTMF', 'municipalBIF', 'organisation', 'projectLeader', 'boardMember', 'lbf'] as const;

async function submitted(db: Db, ownOrg: number, district: { number: number; board: string } = { number: 3, board: 'bydel-noerrebro' }) {
  const p = await activePlan(db, { organisationIds: [ownOrg], districtNumber: district.number });
  const r = await requestRow(db, p.plan.id, [await moveEdit(db, p, 100)], { state: 'submitted', body: await bodyId(db, district.board) });
  return { planId: p.plan.id, id: r.id, version: r.version };
}
async function draft(db: Db, ownOrg: number) {
  const p = await activePlan(db, { organisationIds: [ownOrg], districtNumber: 3 });
  const r = await requestRow(db, p.plan.id, [await moveEdit(db, p, 100)]);
  return { planId: p.plan.id, id: r.id, version: r.version };
}
/**
 * R11 — the deciding voice follows membership, not role: whoever calls sits on the deciding board for a party
 * organisation, so every logged-in role may decide here (and the routing test shows who may not). Amager's board,
 * so the seats do not make the callers members of the board the other cases use.
 */
async function asVoter(db: Db, ownOrg: number, userId: number | null) {
  const r = await submitted(db, ownOrg, { number: 1, board: 'bydel-amager' });
  await seat(db, await bodyId(db, 'bydel-amager'), { userId, organisationId: ownOrg });
  return r;
}
async function awaitingLbf(db: Db, ownOrg: number) {
  const p = await activePlan(db, { organisationIds: [ownOrg], districtNumber: 3 });
  const goal = await db
    .insertInto('goal')
    .values({ plan_id: p.plan.id, title: 'Mål', description: '', sort: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const edits = [
    { op: 'updateGoal' as const, goalId: goal.id, before: { title: 'Mål', description: '' }, after: { title: 'Nyt mål', description: '' } },
  ];
  const r = await requestRow(db, p.plan.id, edits, {
    state: 'awaiting_lbf',
    kind: 'strategic_agreement',
    body: await bodyId(db, 'bydel-noerrebro'),
  });
  return { id: r.id, version: r.version };
}
async function notice(db: Db, ownOrg: number) {
  const r = await submitted(db, ownOrg);
  return (
    await db
      .insertInto('city_board_notice')
      .values({
        plan_id: r.planId,
        request_id: r.id,
        body_id: await bodyId(db, 'boligsocial-bestyrelse'),
        text: 'Orientering',
        noted_at: null,
        noted_meeting_id: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}
const proposal = async (db: Db, ownOrg: number) => {
  const p = await activePlan(db, { organisationIds: [ownOrg], districtNumber: 3 });
  return {
    planId: p.plan.id,
    json: { kind: 'budget_reallocation', title: 'Flyt', justification: 'Matrix', edits: [await moveEdit(db, p, 100)] },
    lines: p.lines,
  };
};

/** R3, R6, R10–R12 — every change-request route: who may call it. */
export const changeRoutes: RouteCase[] = [
  {
    route: 'GET /api/v1/plans/:id/change-requests',
    allowed: 'everyone',
    build: async (db, ids) => ({ path: `/api/v1/plans/${(await submitted(db, ids.ownOrg)).planId}/change-requests` }),
  },
  { route: 'GET /api/v1/change-requests', allowed: 'everyone', build: async () => ({ path: '/api/v1/change-requests?open=true' }) },
  {
    route: 'GET /api/v1/change-requests/:id',
    allowed: 'everyone',
    build: async (db, ids) => ({ path: `/api/v1/change-requests/${(await submitted(db, ids.ownOrg)).id}` }),
  },
  {
    route: 'POST /api/v1/plans/:id/change-requests',
    allowed: parties,
    build: async (db, ids) => {
      const p = await proposal(db, ids.ownOrg);
      return { path: `/api/v1/plans/${p.planId}/change-requests`, json: p.json };
    },
  },
  {
    route: 'POST /api/v1/change-requests/:id/submit',
    allowed: parties,
    build: async (db, ids) => {
      const r = await draft(db, ids.ownOrg);
      return {
        path: `/api/v1/change-requests/${r.id}/submit`,
        json: { version: r.version, mode: 'written', writtenDeadline: '2026-12-20' },
      };
    },
  },
  {
    route: 'POST /api/v1/change-requests/:id/approve',
    allowed: loggedIn,
    build: async (db, ids, userId) => {
      const r = await asVoter(db, ids.ownOrg, userId);
      return { path: `/api/v1/change-requests/${r.id}/approve`, json: { version: r.version } };
    },
  },
  {
    route: 'POST /api/v1/change-requests/:id/reject',
    allowed: loggedIn,
    build: async (db, ids, userId) => {
      const r = await asVoter(db, ids.ownOrg, userId);
      return { path: `/api/v1/change-requests/${r.id}/reject`, json: { version: r.version, note: 'Nej' } };
    },
  },
  {
    route: 'POST /api/v1/change-requests/:id/abstain',
    allowed: loggedIn,
    build: async (db, ids, userId) => {
      const r = await asVoter(db, ids.ownOrg, userId);
      return { path: `/api/v1/change-requests/${r.id}/abstain`, json: { version: r.version, note: 'Vi undlader' } };
    },
  },
  {
    route: 'POST /api/v1/change-requests/:id/lbf-approval',
    allowed: ['lbf'],
    build: async (db, ids) => {
      const r = await awaitingLbf(db, ids.ownOrg);
      return {
        path: `/api/v1/change-requests/${r.id}/lbf-approval`,
        json: { version: r.version, decisionDate: '2026-11-20', reference: 'LBF' },
      };
    },
  },
  {
    route: 'POST /api/v1/change-requests/:id/withdraw',
    allowed: parties,
    build: async (db, ids) => {
      const r = await submitted(db, ids.ownOrg);
      return { path: `/api/v1/change-requests/${r.id}/withdraw`, json: { version: r.version } };
    },
  },
  {
    route: 'POST /api/v1/change-requests/:id/comments',
    allowed: commenters,
    build: async (db, ids) => ({
      path: `/api/v1/change-requests/${(await submitted(db, ids.ownOrg)).id}/comments`,
      json: { text: 'Kommentar' },
    }),
  },
  { route: 'GET /api/v1/city-board-notices', allowed: 'everyone', build: async () => ({ path: '/api/v1/city-board-notices' }) },
  {
    route: 'POST /api/v1/city-board-notices/:id/note',
    allowed: central,
    build: async (db, ids) => ({ path: `/api/v1/city-board-notices/${await notice(db, ids.ownOrg)}/note`, json: { meetingId: null } }),
  },
  {
    route: 'POST /planer/:id/aendringer/ny',
    allowed: parties,
    build: async (db, ids) => {
      const p = await proposal(db, ids.ownOrg);
      return {
        path: `/planer/${p.planId}/aendringer/ny`,
        form: {
          kind: 'budget_reallocation',
          requestTitle: 'Flyt',
          justification: 'Matrix',
          fromLineId: String(p.lines.staff),
          toLineId: String(p.lines.activity),
          year: '2026',
          amount: '1',
        },
      };
    },
  },
  {
    route: 'POST /planer/:id/aendringer/:rid/:action',
    allowed: commenters,
    build: async (db, ids) => {
      const r = await submitted(db, ids.ownOrg);
      return { path: `/planer/${r.planId}/aendringer/${r.id}/kommentar`, form: { text: 'Kommentar' } };
    },
  },
  {
    route: 'POST /aendringer/orienteringer/:id/noteret',
    allowed: central,
    build: async (db, ids) => ({ path: `/aendringer/orienteringer/${await notice(db, ids.ownOrg)}/noteret`, form: {} }),
  },
];
