import { createContractContract, goalContract, goalLinkContract } from '../contracts/cooperation.ts';
import { ContractSchema, ContractSummarySchema, presentContract, presentContractSummary } from '../presenters/cooperation.ts';
import { createContract, getContract, linkActivity, listContracts, saveGoal } from '../services/cooperation/index.ts';
import { apiRouter, IdParam, jsonBody, routesFor, z } from './openapi.ts';

const tag = 'Kontrakter om boligsocialt samarbejde';
const { ok, created } = routesFor(tag);
const GoalParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2_147_483_647)
    .openapi({ param: { name: 'id', in: 'path' }, example: 1 }),
  goalId: z.coerce
    .number()
    .int()
    .positive()
    .max(2_147_483_647)
    .openapi({ param: { name: 'goalId', in: 'path' }, example: 1 }),
});
const Saved = z.object({ version: z.number().int(), contractVersion: z.number().int(), goalId: z.number().int() });

/** /api/v1/contracts — the contracts on housing-social cooperation (R17): public when approved; the pages' use cases. */
export function cooperationApi() {
  const api = apiRouter();
  api.openapi(
    ok('get', '/contracts', 'Kontrakterne om boligsocialt samarbejde (de godkendte er offentlige)', {}, z.array(ContractSummarySchema)),
    async (c) => {
      return c.json((await listContracts(c.get('ctx'))).map(presentContractSummary), 200);
    },
  );
  api.openapi(
    ok(
      'get',
      '/contracts/{id}',
      'En kontrakt med mål, roller, succeskriterier, aktiviteter og versioner',
      { params: IdParam },
      ContractSchema,
    ),
    async (c) => {
      return c.json(presentContract(await getContract(c.get('ctx'), c.req.valid('param').id)), 200);
    },
  );
  api.openapi(
    created(
      'post',
      '/contracts',
      'Opret kontrakten for et udsat byområde (udkast)',
      { body: jsonBody(createContractContract) },
      z.object({ id: z.number().int() }),
    ),
    async (c) => {
      return c.json({ id: await createContract(c.get('ctx'), c.req.valid('json')) }, 201);
    },
  );
  api.openapi(
    created(
      'post',
      '/contracts/{id}/goals',
      'Tilføj et mål (et udkast direkte; en godkendt kontrakt som revision besluttet på et møde)',
      { params: IdParam, body: jsonBody(goalContract) },
      Saved,
    ),
    async (c) => {
      const { version, ...input } = c.req.valid('json');
      return c.json(await saveGoal(c.get('ctx'), c.req.valid('param').id, version, null, input), 201);
    },
  );
  api.openapi(
    ok(
      'put',
      '/contracts/{id}/goals/{goalId}',
      'Ret eller revidér et mål (en revision bliver en ny version med forskellene og mødet)',
      { params: GoalParams, body: jsonBody(goalContract) },
      Saved,
    ),
    async (c) => {
      const { version, ...input } = c.req.valid('json');
      const p = c.req.valid('param');
      return c.json(await saveGoal(c.get('ctx'), p.id, version, p.goalId, input), 200);
    },
  );
  api.openapi(
    created(
      'post',
      '/contracts/{id}/goals/{goalId}/activities',
      'Knyt en aktivitet fra en plan i området til målet',
      { params: GoalParams, body: jsonBody(goalLinkContract) },
      z.object({ linked: z.boolean() }),
    ),
    async (c) => {
      await linkActivity(c.get('ctx'), c.req.valid('param').goalId, c.req.valid('json').activityId);
      return c.json({ linked: true }, 201);
    },
  );
  return api;
}
