import { requestStates } from '../domain/changes/lifecycle.ts';
import { getChangeRequest, listChangeRequests, listCityBoardNotices } from '../services/changes/read.ts';
import {
  commentOnChange,
  decideChange,
  noteCityBoardNotice,
  proposeChange,
  recordLbfApproval,
  submitChange,
  withdrawChange,
} from '../services/changes/requests.ts';
import {
  commentContract,
  decisionContract,
  editContract,
  editList,
  lbfApprovalContract,
  proposalContract,
  submitContract,
  withdrawContract,
} from '../contracts/changes.ts';
import {
  ChangeRequestItemSchema,
  ChangeRequestSchema,
  CityBoardNoticeSchema,
  presentChangeRequest,
  presentChangeRequestItem,
  presentCityBoardNotice,
} from '../presenters/changes.ts';
import { apiRouter, IdParam, json, jsonBody, pageOf, PagingQuery, routesFor, z } from './openapi.ts';

const tag = 'Ændringsanmodninger';
const Version = { version: z.number().int().positive().openapi({ description: 'Anmodningens version, som klienten så' }) };
// The input contracts (src/contracts) may be built before @hono/zod-openapi extends zod; a clone has `.openapi()`.
const Edit = editContract.clone().openapi('ChangeEdit', { description: 'En struktureret ændring med de værdier, den bygger på (before)' });
const Proposal = proposalContract.extend({ edits: editList(Edit) }).openapi('ChangeProposal');
const Item = ChangeRequestItemSchema;
const State = z.object({ state: z.enum(requestStates) });

const { route } = routesFor(tag);
const withBody = <T extends z.ZodType>(s: T) => ({ params: IdParam, body: jsonBody(s) });

/** /api/v1 change requests: the same use cases and policy as the pages (R3, R6, R10–R12). */
export function changesApi() {
  const api = apiRouter();
  api.openapi(
    route(
      'get',
      '/plans/{id}/change-requests',
      'En plans ændringsanmodninger',
      { params: IdParam, query: z.object(PagingQuery) },
      200,
      pageOf(Item, 'ChangeRequestPage'),
    ),
    async (c) => {
      const p = await listChangeRequests(c.get('ctx'), { planId: c.req.valid('param').id, page: c.req.valid('query').page });
      return c.json({ ...p, items: p.items.map(presentChangeRequestItem) }, 200);
    },
  );
  api.openapi(
    route(
      'get',
      '/change-requests',
      'Ændringsanmodninger på tværs af planer',
      { query: z.object({ ...PagingQuery, state: z.enum(requestStates).optional(), open: z.enum(['true', 'false']).optional() }) },
      200,
      pageOf(Item, 'ChangeRequestPage'),
    ),
    async (c) => {
      const q = c.req.valid('query');
      const p = await listChangeRequests(c.get('ctx'), { state: q.state, openOnly: q.open === 'true', page: q.page });
      return c.json({ ...p, items: p.items.map(presentChangeRequestItem) }, 200);
    },
  );
  api.openapi(
    route('post', '/plans/{id}/change-requests', 'Foreslå en ændring (R3)', withBody(Proposal), 201, z.object({ id: z.number().int() })),
    async (c) => c.json({ id: await proposeChange(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')) }, 201),
  );
  api.openapi(
    route('get', '/change-requests/{id}', 'Én ændringsanmodning med forløb', { params: IdParam }, 200, ChangeRequestSchema),
    async (c) => c.json(presentChangeRequest(await getChangeRequest(c.get('ctx'), c.req.valid('param').id)), 200),
  );
  api.openapi(
    route(
      'post',
      '/change-requests/{id}/submit',
      'Send til beslutning i den kompetente bestyrelse (R11, R12)',
      withBody(submitContract.extend(Version)),
      200,
      State,
    ),
    async (c) => {
      const { version, ...i } = c.req.valid('json');
      await submitChange(c.get('ctx'), c.req.valid('param').id, version, i);
      return c.json({ state: 'submitted' as const }, 200);
    },
  );
  const answerSummary = {
    approve: 'En parts godkendelse (kun medlemmer for parterne, R11); besluttet, når parternes svar afgør det',
    reject: 'En parts afvisning (kun medlemmer for parterne, R11); med reglen «alle parter» afviser én part',
    abstain: 'En part undlader at stemme (kun medlemmer for parterne, R11)',
  } as const;
  // R11 — each answer is one party organisation's; the state stays `submitted` until the parties' answers decide.
  for (const decision of ['approve', 'reject', 'abstain'] as const) {
    api.openapi(
      route('post', `/change-requests/{id}/${decision}`, answerSummary[decision], withBody(decisionContract.extend(Version)), 200, State),
      async (c) => {
        const { version, ...i } = c.req.valid('json');
        return c.json({ state: await decideChange(c.get('ctx'), c.req.valid('param').id, version, decision, i) }, 200);
      },
    );
  }
  api.openapi(
    route(
      'post',
      '/change-requests/{id}/lbf-approval',
      'Landsbyggefondens godkendelse af en ændret strategisk samarbejdsaftale (R6)',
      withBody(lbfApprovalContract.extend(Version)),
      200,
      State,
    ),
    async (c) => {
      const { version, ...i } = c.req.valid('json');
      await recordLbfApproval(c.get('ctx'), c.req.valid('param').id, version, i);
      return c.json({ state: 'applied' as const }, 200);
    },
  );
  api.openapi(
    route('post', '/change-requests/{id}/withdraw', 'Træk anmodningen tilbage', withBody(withdrawContract.extend(Version)), 200, State),
    async (c) => {
      const { version, reason } = c.req.valid('json');
      await withdrawChange(c.get('ctx'), c.req.valid('param').id, version, reason);
      return c.json({ state: 'withdrawn' as const }, 200);
    },
  );
  api.openapi(
    route(
      'post',
      '/change-requests/{id}/comments',
      'Kommentér (R11: også medlemmer uden stemmeret)',
      withBody(commentContract),
      201,
      z.object({ ok: z.boolean() }),
    ),
    async (c) => {
      await commentOnChange(c.get('ctx'), c.req.valid('param').id, c.req.valid('json').text);
      return c.json({ ok: true }, 201);
    },
  );
  api.openapi(
    route(
      'get',
      '/city-board-notices',
      'Orienteringer til Boligsocial Bestyrelse om ændrede strategiske samarbejdsaftaler (R11)',
      {},
      200,
      z.array(CityBoardNoticeSchema),
    ),
    async (c) => c.json((await listCityBoardNotices(c.get('ctx'))).map(presentCityBoardNotice), 200),
  );
  api.openapi(
    route(
      'post',
      '/city-board-notices/{id}/note',
      'Notér en orientering',
      withBody(z.object({ meetingId: z.number().int().nullable().default(null) })),
      200,
      z.object({ ok: z.boolean() }),
    ),
    async (c) => {
      await noteCityBoardNotice(c.get('ctx'), c.req.valid('param').id, c.req.valid('json').meetingId);
      return c.json({ ok: true }, 200);
    },
  );
  return api;
}
