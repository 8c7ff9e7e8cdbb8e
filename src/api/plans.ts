import { planStates } from '../domain/plan-lifecycle.ts';
import { administrations } from '../policy/actor.ts';
import { addActivity, addChallenge, addCriterion, addGoal, addSubAgreement, saveContingency } from '../services/plans/content.ts';
import { addProjectLeader } from '../services/plans/leaders.ts';
import { getPlan, listPlans } from '../services/plans/read.ts';
import { comparePlanVersions, getPlanVersion } from '../services/plans/versions.ts';
import { createPlan, recordMeasurement, transitionPlan, updatePlan } from '../services/plans/write.ts';
import { apiRouter, IdParam, json, jsonBody, pageOf, PagingQuery, routesFor, z } from './openapi.ts';

const tag = 'Planer';
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Datoen skal skrives ÅÅÅÅ-MM-DD.' });
const Version = { version: z.number().int().positive().openapi({ description: 'Planens version, som klienten så' }) };

const PlanItem = z
  .object({ id: z.number().int(), name: z.string(), state: z.enum(planStates), stateLabel: z.string(), districtName: z.string().nullable(), periodCode: z.string(), startsOn: z.string(), endsOn: z.string(), leadOrganisation: z.string(), isDemo: z.boolean() })
  .openapi('PlanListItem');
const PlanDetail = z.record(z.string(), z.unknown()).openapi('PlanDetail', { description: 'Hele planen: stamdata, strategisk samarbejdsaftale, delaftaler, beredskabsplan (kontakter kun for dem med en rolle i planen), forløb og versioner' });
const PlanInput = z
  .object({
    name: z.string().trim().min(1, { error: 'Skriv planens navn.' }).max(200),
    districtId: z.number().int().positive().nullable(),
    fundingPeriodId: z.number().int().positive(),
    startsOn: isoDate,
    endsOn: isoDate,
    leadOrganisationId: z.number().int().positive(),
    estateIds: z.array(z.number().int().positive()).min(1, { error: 'Vælg mindst én boligafdeling.' }),
    approvalChain: z.enum(['council', 'committee_and_council']).default('committee_and_council'),
    problemDescription: z.string().max(15_000).default(''),
  })
  .openapi('PlanInput');
const Transition = z
  .object({
    ...Version,
    action: z.enum(['submitPrequalification', 'recordPrequalification', 'markWritten', 'recordApprovalStep', 'recordGrant', 'activate', 'end', 'reject', 'withdraw']),
    stepKey: z.string().optional(),
    body: z.string().max(200).optional(),
    decisionDate: isoDate.nullable().optional(),
    caseNumber: z.string().max(100).optional(),
    amountOre: z.number().int().positive().nullable().optional().openapi({ description: 'Beløb i øre' }),
    note: z.string().max(4000).optional(),
  })
  .openapi('PlanTransition');

const { route } = routesFor(tag);
const Id = z.object({ id: z.number().int() }).openapi('Created');
const body = <T extends z.ZodType>(s: T) => ({ params: IdParam, body: jsonBody(s) });

/** /api/v1/plans — the same use cases and policy as the plan pages. */
export function plansApi() {
  const api = apiRouter();
  const listQuery = z.object({ ...PagingQuery, q: z.string().max(100).optional(), districtId: z.coerce.number().int().positive().optional(), state: z.enum(planStates).optional(), periodId: z.coerce.number().int().positive().optional(), organisationId: z.coerce.number().int().positive().optional() });
  api.openapi(route('get', '/plans', 'Planer (offentlige, og dem brugeren har en rolle i)', { query: listQuery }, 200, pageOf(PlanItem, 'PlanPage')), async (c) => c.json(await listPlans(c.get('ctx'), c.req.valid('query')), 200));
  api.openapi(route('get', '/plans/{id}', 'Én plan', { params: IdParam }, 200, PlanDetail), async (c) => c.json((await getPlan(c.get('ctx'), c.req.valid('param').id)) as never, 200));
  api.openapi(route('post', '/plans', 'Opret plan (udkast)', { body: jsonBody(PlanInput) }, 201, z.object({ id: z.number().int(), warnings: z.array(z.string()) })), async (c) => c.json(await createPlan(c.get('ctx'), c.req.valid('json')), 201));
  api.openapi(route('put', '/plans/{id}', 'Ret planens stamdata', body(PlanInput.extend(Version)), 200, z.object({ warnings: z.array(z.string()) })), async (c) => {
    const { version, ...input } = c.req.valid('json');
    return c.json({ warnings: await updatePlan(c.get('ctx'), c.req.valid('param').id, version, input) }, 200);
  });
  api.openapi(route('post', '/plans/{id}/transitions', 'Flyt planen i livsforløbet (R5)', body(Transition), 200, z.object({ state: z.enum(planStates) })), async (c) => {
    const { version, action, ...input } = c.req.valid('json');
    return c.json({ state: await transitionPlan(c.get('ctx'), c.req.valid('param').id, version, action, input as never) }, 200);
  });
  api.openapi(route('post', '/plans/{id}/challenges', 'Tilføj udfordring', body(z.object({ ...Version, title: z.string().min(1).max(200), description: z.string().max(4000).default('') })), 201, Id), async (c) => {
    const { version, ...i } = c.req.valid('json');
    return c.json({ id: await addChallenge(c.get('ctx'), c.req.valid('param').id, version, i) }, 201);
  });
  api.openapi(route('post', '/plans/{id}/goals', 'Tilføj mål', body(z.object({ ...Version, title: z.string().min(1).max(200), description: z.string().max(4000).default(''), challengeId: z.number().int().positive().nullable().default(null) })), 201, Id), async (c) => {
    const { version, ...i } = c.req.valid('json');
    return c.json({ id: await addGoal(c.get('ctx'), c.req.valid('param').id, version, i) }, 201);
  });
  const Criterion = z.object({ ...Version, goalId: z.number().int().positive(), indicatorName: z.string().min(1).max(200), unit: z.string().max(40).default(''), direction: z.enum(['increase', 'decrease']), baselineValue: z.number(), baselineDate: isoDate, baselineSource: z.string().max(200).default(''), targetValue: z.number(), targetDate: isoDate });
  api.openapi(route('post', '/plans/{id}/criteria', 'Tilføj succeskriterium (R4)', body(Criterion), 201, Id), async (c) => {
    const { version, ...i } = c.req.valid('json');
    return c.json({ id: await addCriterion(c.get('ctx'), c.req.valid('param').id, version, i) }, 201);
  });
  api.openapi(route('post', '/plans/{id}/sub-agreements', 'Tilføj delaftale (R3)', body(z.object({ ...Version, focusAreaId: z.number().int().positive(), summary: z.string().max(4000).default('') })), 201, Id), async (c) => {
    const { version, ...i } = c.req.valid('json');
    return c.json({ id: await addSubAgreement(c.get('ctx'), c.req.valid('param').id, version, i) }, 201);
  });
  const Party = z.object({ kind: z.enum(['organisation', 'administration', 'civil_society', 'police']), organisationId: z.number().int().positive().nullable().default(null), administration: z.enum(administrations).nullable().default(null), name: z.string().max(200).default(''), part: z.enum(['responsible', 'carries_out', 'contributes']) });
  const Activity = z.object({ ...Version, subAgreementId: z.number().int().positive(), title: z.string().min(1).max(200), description: z.string().max(4000).default(''), targetGroup: z.string().max(200).default(''), startsOn: isoDate.nullable().default(null), endsOn: isoDate.nullable().default(null), goalIds: z.array(z.number().int().positive()).default([]), parties: z.array(Party).min(1) });
  api.openapi(route('post', '/plans/{id}/activities', 'Tilføj aktivitet med parter (R3)', body(Activity), 201, Id), async (c) => {
    const { version, ...i } = c.req.valid('json');
    return c.json({ id: await addActivity(c.get('ctx'), c.req.valid('param').id, version, i) }, 201);
  });
  api.openapi(route('put', '/plans/{id}/contingency', 'Gem beredskabsplanen (R3)', body(z.object({ ...Version, steps: z.string().min(1).max(8000), policeCooperation: z.string().max(4000).default(''), lastReviewed: isoDate.nullable().default(null) })), 200, z.object({ ok: z.boolean() })), async (c) => {
    const { version, ...i } = c.req.valid('json');
    await saveContingency(c.get('ctx'), c.req.valid('param').id, version, i);
    return c.json({ ok: true }, 200);
  });
  api.openapi(route('post', '/criteria/{id}/measurements', 'Registrér måling (R4)', body(z.object({ value: z.number(), measuredOn: isoDate, source: z.string().max(200).default('') })), 201, Id), async (c) =>
    c.json({ id: await recordMeasurement(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')) }, 201),
  );
  api.openapi(route('post', '/plans/{id}/project-leaders', 'Udpeg en eksisterende bruger som projektleder på planen (R5)', body(z.object({ email: z.string().email() })), 201, z.object({ ok: z.boolean() })), async (c) => {
    await addProjectLeader(c.get('ctx'), c.req.valid('param').id, c.req.valid('json').email);
    return c.json({ ok: true }, 201);
  });
  const VersionParams = z.object({ id: z.coerce.number().int().positive().openapi({ param: { name: 'id', in: 'path' } }), number: z.coerce.number().int().positive().openapi({ param: { name: 'number', in: 'path' } }) });
  api.openapi(route('get', '/plans/{id}/versions/{number}', 'En frosset version af planen', { params: VersionParams }, 200, z.record(z.string(), z.unknown())), async (c) => {
    const { id, number } = c.req.valid('param');
    return c.json((await getPlanVersion(c.get('ctx'), id, number)) as never, 200);
  });
  const Compare = z.object({ a: z.coerce.number().int().positive(), b: z.coerce.number().int().positive() });
  api.openapi(route('get', '/plans/{id}/versions-diff', 'Forskellen mellem to versioner', { params: IdParam, query: Compare }, 200, z.array(z.record(z.string(), z.unknown()))), async (c) => {
    const { a, b } = c.req.valid('query');
    return c.json((await comparePlanVersions(c.get('ctx'), c.req.valid('param').id, a, b)) as never, 200);
  });
  return api;
}
