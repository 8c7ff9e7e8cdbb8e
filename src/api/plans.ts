import { planStates } from '../domain/plan-lifecycle.ts';
import {
  addActivity,
  addChallenge,
  addContact,
  addCriterion,
  addGoal,
  addSubAgreement,
  removeContact,
  saveContingency,
  updateActivity,
  updateChallenge,
  updateContact,
  updateCriterion,
  updateGoal,
} from '../services/plans/content.ts';
import { addProjectLeader } from '../services/plans/leaders.ts';
import { getPlan, listPlans } from '../services/plans/read.ts';
import { comparePlanVersions, getPlanVersion } from '../services/plans/versions.ts';
import { createPlan, transitionPlan, updatePlan } from '../services/plans/write.ts';
import { correctMeasurement, recordMeasurement, removeMeasurement } from '../services/plans/measurements.ts';
import {
  activityContract,
  challengeContract,
  contactContract,
  contingencyContract,
  criterionContract,
  goalContract,
  measurementContract,
  measurementCorrectionContract,
  measurementRemovalContract,
  planContract,
  projectLeaderContract,
  subAgreementContract,
  transitionFields,
} from '../contracts/plans.ts';
import {
  PlanChangeSchema,
  PlanDetailSchema,
  PlanVersionSchema,
  presentPlan,
  presentPlanChanges,
  presentPlanVersion,
} from '../presenters/plans.ts';
import { apiRouter, IdParam, json, jsonBody, pageOf, PagingQuery, routesFor, z } from './openapi.ts';

const tag = 'Planer';
const Version = { version: z.number().int().positive().openapi({ description: 'Planens version, som klienten så' }) };

const PlanItem = z
  .object({
    id: z.number().int(),
    name: z.string(),
    state: z.enum(planStates),
    stateLabel: z.string(),
    districtName: z.string().nullable(),
    periodCode: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    leadOrganisation: z.string(),
    isDemo: z.boolean(),
  })
  .openapi('PlanListItem');
// The input contracts (src/contracts) may be built before @hono/zod-openapi extends zod; a clone has `.openapi()`.
const PlanInput = planContract.clone().openapi('PlanInput');
const Transition = z
  .object({
    ...Version,
    action: z.enum([
      'submitPrequalification',
      'recordPrequalification',
      'markWritten',
      'recordApprovalStep',
      'recordGrant',
      'activate',
      'end',
      'reject',
      'withdraw',
    ]),
    ...transitionFields,
  })
  .openapi('PlanTransition');

const { route } = routesFor(tag);
/** A second id in the path (a part of the plan). */
const childId = (name: string) =>
  z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name, in: 'path' }, example: 1 });
const Id = z.object({ id: z.number().int() }).openapi('Created');
const body = <T extends z.ZodType>(s: T) => ({ params: IdParam, body: jsonBody(s) });

/** /api/v1/plans — the same use cases and policy as the plan pages. */
export function plansApi() {
  const api = apiRouter();
  const listQuery = z.object({
    ...PagingQuery,
    q: z.string().max(100).optional(),
    districtId: z.coerce.number().int().positive().optional(),
    state: z.enum(planStates).optional(),
    periodId: z.coerce.number().int().positive().optional(),
    organisationId: z.coerce.number().int().positive().optional(),
  });
  api.openapi(
    route('get', '/plans', 'Planer (offentlige, og dem brugeren har en rolle i)', { query: listQuery }, 200, pageOf(PlanItem, 'PlanPage')),
    async (c) => c.json(await listPlans(c.get('ctx'), c.req.valid('query')), 200),
  );
  api.openapi(route('get', '/plans/{id}', 'Én plan', { params: IdParam }, 200, PlanDetailSchema), async (c) =>
    c.json(presentPlan(c.get('ctx').actor, await getPlan(c.get('ctx'), c.req.valid('param').id)), 200),
  );
  api.openapi(
    route(
      'post',
      '/plans',
      'Opret plan (udkast)',
      { body: jsonBody(PlanInput) },
      201,
      z.object({ id: z.number().int(), warnings: z.array(z.string()) }),
    ),
    async (c) => c.json(await createPlan(c.get('ctx'), c.req.valid('json')), 201),
  );
  api.openapi(
    route('put', '/plans/{id}', 'Ret planens stamdata', body(PlanInput.extend(Version)), 200, z.object({ warnings: z.array(z.string()) })),
    async (c) => {
      const { version, ...input } = c.req.valid('json');
      return c.json({ warnings: await updatePlan(c.get('ctx'), c.req.valid('param').id, version, input) }, 200);
    },
  );
  api.openapi(
    route(
      'post',
      '/plans/{id}/transitions',
      'Flyt planen i livsforløbet (R5)',
      body(Transition),
      200,
      z.object({ state: z.enum(planStates) }),
    ),
    async (c) => {
      const { version, action, ...input } = c.req.valid('json');
      return c.json({ state: await transitionPlan(c.get('ctx'), c.req.valid('param').id, version, action, input) }, 200);
    },
  );
  api.openapi(route('post', '/plans/{id}/challenges', 'Tilføj udfordring', body(challengeContract.extend(Version)), 201, Id), async (c) => {
    const { version, ...i } = c.req.valid('json');
    return c.json({ id: await addChallenge(c.get('ctx'), c.req.valid('param').id, version, i) }, 201);
  });
  api.openapi(route('post', '/plans/{id}/goals', 'Tilføj mål', body(goalContract.extend(Version)), 201, Id), async (c) => {
    const { version, ...i } = c.req.valid('json');
    return c.json({ id: await addGoal(c.get('ctx'), c.req.valid('param').id, version, i) }, 201);
  });
  const Criterion = criterionContract.extend(Version);
  api.openapi(route('post', '/plans/{id}/criteria', 'Tilføj succeskriterium (R4)', body(Criterion), 201, Id), async (c) => {
    const { version, ...i } = c.req.valid('json');
    return c.json({ id: await addCriterion(c.get('ctx'), c.req.valid('param').id, version, i) }, 201);
  });
  api.openapi(
    route('post', '/plans/{id}/sub-agreements', 'Tilføj delaftale (R3)', body(subAgreementContract.extend(Version)), 201, Id),
    async (c) => {
      const { version, ...i } = c.req.valid('json');
      return c.json({ id: await addSubAgreement(c.get('ctx'), c.req.valid('param').id, version, i) }, 201);
    },
  );
  const Activity = activityContract.extend(Version);
  api.openapi(route('post', '/plans/{id}/activities', 'Tilføj aktivitet med parter (R3)', body(Activity), 201, Id), async (c) => {
    const { version, ...i } = c.req.valid('json');
    return c.json({ id: await addActivity(c.get('ctx'), c.req.valid('param').id, version, i) }, 201);
  });
  api.openapi(
    route(
      'put',
      '/plans/{id}/contingency',
      'Gem beredskabsplanen (R3)',
      body(contingencyContract.extend(Version)),
      200,
      z.object({ ok: z.boolean() }),
    ),
    async (c) => {
      const { version, ...i } = c.req.valid('json');
      await saveContingency(c.get('ctx'), c.req.valid('param').id, version, i);
      return c.json({ ok: true }, 200);
    },
  );
  // Edits of the plan's parts (R3/R4): while the content is written; on an approved plan through a change request.
  const PartParams = z.object({ id: IdParam.shape.id, partId: childId('partId') });
  const Ok = z.object({ ok: z.boolean() });
  const put = <B extends z.ZodType>(path: `/plans/{id}/${string}/{partId}`, summary: string, b: B) =>
    route('put', path, summary, { params: PartParams, body: jsonBody(b) }, 200, Ok);
  api.openapi(put('/plans/{id}/challenges/{partId}', 'Ret en udfordring', challengeContract.extend(Version)), async (c) => {
    const { version, ...i } = c.req.valid('json');
    const { id, partId } = c.req.valid('param');
    await updateChallenge(c.get('ctx'), id, version, partId, i);
    return c.json({ ok: true }, 200);
  });
  api.openapi(put('/plans/{id}/goals/{partId}', 'Ret et mål (R4)', goalContract.extend(Version)), async (c) => {
    const { version, ...i } = c.req.valid('json');
    const { id, partId } = c.req.valid('param');
    await updateGoal(c.get('ctx'), id, version, partId, i);
    return c.json({ ok: true }, 200);
  });
  api.openapi(put('/plans/{id}/criteria/{partId}', 'Ret et succeskriterium (R4)', Criterion), async (c) => {
    const { version, ...i } = c.req.valid('json');
    const { id, partId } = c.req.valid('param');
    await updateCriterion(c.get('ctx'), id, version, partId, i);
    return c.json({ ok: true }, 200);
  });
  api.openapi(put('/plans/{id}/activities/{partId}', 'Ret en aktivitet med dens mål og parter (R3)', Activity), async (c) => {
    const { version, ...i } = c.req.valid('json');
    const { id, partId } = c.req.valid('param');
    await updateActivity(c.get('ctx'), id, version, partId, i);
    return c.json({ ok: true }, 200);
  });
  // The contingency plan's call list (R3): personal data, kept current by those with a part — also on an active plan.
  const Contact = contactContract.extend(Version);
  api.openapi(
    route('post', '/plans/{id}/contacts', 'Tilføj en person til beredskabets kaldeliste (R3)', body(Contact), 201, Id),
    async (c) => {
      const { version, ...i } = c.req.valid('json');
      return c.json({ id: await addContact(c.get('ctx'), c.req.valid('param').id, version, i) }, 201);
    },
  );
  api.openapi(put('/plans/{id}/contacts/{partId}', 'Ret en person på beredskabets kaldeliste (R3)', Contact), async (c) => {
    const { version, ...i } = c.req.valid('json');
    const { id, partId } = c.req.valid('param');
    await updateContact(c.get('ctx'), id, version, partId, i);
    return c.json({ ok: true }, 200);
  });
  api.openapi(
    route(
      'post',
      '/plans/{id}/contacts/{partId}/removal',
      'Fjern en person fra beredskabets kaldeliste (R3)',
      { params: PartParams, body: jsonBody(z.object(Version)) },
      200,
      Ok,
    ),
    async (c) => {
      const { id, partId } = c.req.valid('param');
      await removeContact(c.get('ctx'), id, c.req.valid('json').version, partId);
      return c.json({ ok: true }, 200);
    },
  );
  api.openapi(route('post', '/criteria/{id}/measurements', 'Registrér måling (R4)', body(measurementContract), 201, Id), async (c) =>
    c.json({ id: await recordMeasurement(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')) }, 201),
  );
  const MeasurementParams = z.object({ id: IdParam.shape.id, measurementId: childId('measurementId') });
  api.openapi(
    route(
      'put',
      '/criteria/{id}/measurements/{measurementId}',
      'Ret en måling; den gamle værdi bevares i historikken (R4)',
      { params: MeasurementParams, body: jsonBody(measurementCorrectionContract.clone()) },
      200,
      z.object({ version: z.number().int() }),
    ),
    async (c) => {
      const { id, measurementId } = c.req.valid('param');
      return c.json(await correctMeasurement(c.get('ctx'), id, measurementId, c.req.valid('json')), 200);
    },
  );
  api.openapi(
    route(
      'post',
      '/criteria/{id}/measurements/{measurementId}/removal',
      'Fjern en måling; værdien bevares i historikken (R4)',
      { params: MeasurementParams, body: jsonBody(measurementRemovalContract.clone()) },
      200,
      z.object({ ok: z.boolean() }),
    ),
    async (c) => {
      const { id, measurementId } = c.req.valid('param');
      await removeMeasurement(c.get('ctx'), id, measurementId, c.req.valid('json'));
      return c.json({ ok: true }, 200);
    },
  );
  api.openapi(
    route(
      'post',
      '/plans/{id}/project-leaders',
      'Udpeg en eksisterende bruger som projektleder på planen (R5)',
      body(projectLeaderContract),
      201,
      z.object({ ok: z.boolean() }),
    ),
    async (c) => {
      await addProjectLeader(c.get('ctx'), c.req.valid('param').id, c.req.valid('json').email);
      return c.json({ ok: true }, 201);
    },
  );
  const VersionParams = z.object({
    id: z.coerce
      .number()
      .int()
      .positive()
      .openapi({ param: { name: 'id', in: 'path' } }),
    number: z.coerce
      .number()
      .int()
      .positive()
      .openapi({ param: { name: 'number', in: 'path' } }),
  });
  api.openapi(
    route('get', '/plans/{id}/versions/{number}', 'En frosset version af planen', { params: VersionParams }, 200, PlanVersionSchema),
    async (c) => {
      const { id, number } = c.req.valid('param');
      return c.json(presentPlanVersion(await getPlanVersion(c.get('ctx'), id, number)), 200);
    },
  );
  const Compare = z.object({ a: z.coerce.number().int().positive(), b: z.coerce.number().int().positive() });
  api.openapi(
    route(
      'get',
      '/plans/{id}/versions-diff',
      'Forskellen mellem to versioner',
      { params: IdParam, query: Compare },
      200,
      z.array(PlanChangeSchema),
    ),
    async (c) => {
      const { a, b } = c.req.valid('query');
      return c.json(presentPlanChanges(await comparePlanVersions(c.get('ctx'), c.req.valid('param').id, a, b)), 200);
    },
  );
  return api;
}
