import { changeKinds } from '../domain/changes/edits.ts';
import { requestStates } from '../domain/changes/lifecycle.ts';
import { getChangeRequest, listChangeRequests, listCityBoardNotices } from '../services/changes/read.ts';
import { commentOnChange, decideChange, noteCityBoardNotice, proposeChange, recordLbfApproval, submitChange, withdrawChange } from '../services/changes/requests.ts';
import { apiRouter, IdParam, json, jsonBody, pageOf, PagingQuery, routesFor, z } from './openapi.ts';

const tag = 'Ændringsanmodninger';
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Datoen skal skrives ÅÅÅÅ-MM-DD.' });
const Version = { version: z.number().int().positive().openapi({ description: 'Anmodningens version, som klienten så' }) };
const activityFields = z.object({ title: z.string().min(1).max(200), description: z.string().max(4000), targetGroup: z.string().max(200), startsOn: isoDate.nullable(), endsOn: isoDate.nullable() });
const Edit = z
  .discriminatedUnion('op', [
    z.object({ op: z.literal('updateActivity'), activityId: z.number().int(), before: activityFields, after: activityFields }),
    z.object({ op: z.literal('addActivity'), subAgreementId: z.number().int(), activity: activityFields, goalIds: z.array(z.number().int()).default([]), responsibleOrganisationId: z.number().int().nullable().default(null) }),
    z.object({ op: z.literal('endActivity'), activityId: z.number().int(), before: z.object({ status: z.string(), endsOn: isoDate.nullable() }), after: z.object({ status: z.enum(['ended', 'cancelled']), endsOn: isoDate }) }),
    z.object({ op: z.literal('moveBudget'), fromLineId: z.number().int(), toLineId: z.number().int(), year: z.number().int(), amountOre: z.number().int().positive().openapi({ description: 'Beløb i øre' }), before: z.object({ fromOre: z.number().int(), toOre: z.number().int() }) }),
    z.object({ op: z.literal('updateGoal'), goalId: z.number().int(), before: z.object({ title: z.string(), description: z.string() }), after: z.object({ title: z.string().min(1).max(200), description: z.string().max(4000) }) }),
    z.object({ op: z.literal('updateCriterion'), criterionId: z.number().int(), before: z.object({ targetValue: z.number(), targetDate: isoDate }), after: z.object({ targetValue: z.number(), targetDate: isoDate }) }),
    z.object({ op: z.literal('updateContingency'), before: z.object({ steps: z.string(), policeCooperation: z.string() }), after: z.object({ steps: z.string().min(1), policeCooperation: z.string(), lastReviewed: isoDate }) }),
  ])
  .openapi('ChangeEdit', { description: 'En struktureret ændring med de værdier, den bygger på (before)' });
const Proposal = z.object({ kind: z.enum(Object.keys(changeKinds) as [keyof typeof changeKinds, ...(keyof typeof changeKinds)[]]), title: z.string().trim().min(1).max(200), justification: z.string().trim().min(1).max(4000), edits: z.array(Edit).min(1) }).openapi('ChangeProposal');
const Item = z.object({ id: z.number().int(), planId: z.number().int(), planName: z.string(), number: z.number().int(), kindLabel: z.string(), title: z.string(), state: z.enum(requestStates), stateLabel: z.string(), bodyName: z.string().nullable(), proposedBy: z.string(), createdAt: z.string(), appliedVersion: z.number().int().nullable() }).openapi('ChangeRequestItem');
const Detail = z.record(z.string(), z.unknown()).openapi('ChangeRequest', { description: 'Anmodningen med ændringer, routing, forløb og de handlinger, kalderen må udføre' });
const State = z.object({ state: z.enum(requestStates) });

const { route } = routesFor(tag);
const withBody = <T extends z.ZodType>(s: T) => ({ params: IdParam, body: jsonBody(s) });
const iso = (i: { createdAt: Date }) => ({ ...i, createdAt: i.createdAt.toISOString() });

/** /api/v1 change requests: the same use cases and policy as the pages (R3, R6, R10–R12). */
export function changesApi() {
  const api = apiRouter();
  api.openapi(route('get', '/plans/{id}/change-requests', 'En plans ændringsanmodninger', { params: IdParam, query: z.object(PagingQuery) }, 200, pageOf(Item, 'ChangeRequestPage')), async (c) => {
    const p = await listChangeRequests(c.get('ctx'), { planId: c.req.valid('param').id, page: c.req.valid('query').page });
    return c.json({ ...p, items: p.items.map(iso) } as never, 200);
  });
  api.openapi(route('get', '/change-requests', 'Ændringsanmodninger på tværs af planer', { query: z.object({ ...PagingQuery, state: z.enum(requestStates).optional(), open: z.enum(['true', 'false']).optional() }) }, 200, pageOf(Item, 'ChangeRequestPage')), async (c) => {
    const q = c.req.valid('query');
    const p = await listChangeRequests(c.get('ctx'), { state: q.state, openOnly: q.open === 'true', page: q.page });
    return c.json({ ...p, items: p.items.map(iso) } as never, 200);
  });
  api.openapi(route('post', '/plans/{id}/change-requests', 'Foreslå en ændring (R3)', withBody(Proposal), 201, z.object({ id: z.number().int() })), async (c) =>
    c.json({ id: await proposeChange(c.get('ctx'), c.req.valid('param').id, c.req.valid('json') as never) }, 201),
  );
  api.openapi(route('get', '/change-requests/{id}', 'Én ændringsanmodning med forløb', { params: IdParam }, 200, Detail), async (c) => c.json((await getChangeRequest(c.get('ctx'), c.req.valid('param').id)) as never, 200));
  api.openapi(route('post', '/change-requests/{id}/submit', 'Send til beslutning i den kompetente bestyrelse (R11, R12)', withBody(z.object({ ...Version, mode: z.enum(['meeting', 'written']), writtenDeadline: isoDate.nullable().optional() })), 200, State), async (c) => {
    const { version, ...i } = c.req.valid('json');
    await submitChange(c.get('ctx'), c.req.valid('param').id, version, i);
    return c.json({ state: 'submitted' as const }, 200);
  });
  for (const decision of ['approve', 'reject'] as const) {
    api.openapi(route('post', `/change-requests/{id}/${decision}`, decision === 'approve' ? 'Godkend (kun medlemmer for parterne, R11)' : 'Afvis (kun medlemmer for parterne, R11)', withBody(z.object({ ...Version, note: z.string().max(4000).default(''), meetingId: z.number().int().nullable().optional() })), 200, State), async (c) => {
      const { version, ...i } = c.req.valid('json');
      return c.json({ state: await decideChange(c.get('ctx'), c.req.valid('param').id, version, decision, i) }, 200);
    });
  }
  api.openapi(route('post', '/change-requests/{id}/lbf-approval', 'Landsbyggefondens godkendelse af en ændret strategisk samarbejdsaftale (R6)', withBody(z.object({ ...Version, decisionDate: isoDate, reference: z.string().min(1).max(100) })), 200, State), async (c) => {
    const { version, ...i } = c.req.valid('json');
    await recordLbfApproval(c.get('ctx'), c.req.valid('param').id, version, i);
    return c.json({ state: 'applied' as const }, 200);
  });
  api.openapi(route('post', '/change-requests/{id}/withdraw', 'Træk anmodningen tilbage', withBody(z.object({ ...Version, reason: z.string().max(2000).default('') })), 200, State), async (c) => {
    const { version, reason } = c.req.valid('json');
    await withdrawChange(c.get('ctx'), c.req.valid('param').id, version, reason);
    return c.json({ state: 'withdrawn' as const }, 200);
  });
  api.openapi(route('post', '/change-requests/{id}/comments', 'Kommentér (R11: også medlemmer uden stemmeret)', withBody(z.object({ text: z.string().min(1).max(4000) })), 201, z.object({ ok: z.boolean() })), async (c) => {
    await commentOnChange(c.get('ctx'), c.req.valid('param').id, c.req.valid('json').text);
    return c.json({ ok: true }, 201);
  });
  api.openapi(route('get', '/city-board-notices', 'Orienteringer til Boligsocial Bestyrelse om ændrede strategiske samarbejdsaftaler (R11)', {}, 200, z.array(z.record(z.string(), z.unknown()))), async (c) => c.json((await listCityBoardNotices(c.get('ctx'))) as never, 200));
  api.openapi(route('post', '/city-board-notices/{id}/note', 'Notér en orientering', withBody(z.object({ meetingId: z.number().int().nullable().default(null) })), 200, z.object({ ok: z.boolean() })), async (c) => {
    await noteCityBoardNotice(c.get('ctx'), c.req.valid('param').id, c.req.valid('json').meetingId);
    return c.json({ ok: true }, 200);
  });
  return api;
}
