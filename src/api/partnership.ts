import { agreementStatuses, dialogueStates, targetStatuses } from '../domain/partnership/index.ts';
import {
  agreementStepContract,
  commitmentContract,
  followUpContract,
  holdContract,
  measurementContract,
  prepareDialogueContract,
  signContract,
  targetContract,
} from '../contracts/partnership.ts';
import {
  AgreementSchema,
  DialogueSchema,
  DialogueSummarySchema,
  presentAgreement,
  presentDialogue,
  presentDialogueSummary,
  presentTargetDetail,
  TargetDetailSchema,
} from '../presenters/partnership.ts';
import {
  addCommitment,
  getAgreement,
  getDialogue,
  getTarget,
  holdDialogue,
  listAgreements,
  listDialogues,
  prepareDialogue,
  recordFollowUp,
  recordMeasurement,
  signDialogue,
  transitionAgreement,
  updateTarget,
} from '../services/partnership/index.ts';
import { apiRouter, IdParam, jsonBody, routesFor, z } from './openapi.ts';

const tag = 'Hovedaftale';
const { ok, created } = routesFor(tag);
const Version = z.object({ version: z.number().int() });

/** /api/v1/partnership — the partnership agreement (R19): the same use cases and policy as the pages. */
export function partnershipApi() {
  const api = apiRouter();
  api.openapi(
    ok(
      'get',
      '/partnership/agreements',
      'Hovedaftalerne med temaer, visioner og mål med status (offentligt)',
      {},
      z.array(AgreementSchema),
    ),
    async (c) => {
      return c.json((await listAgreements(c.get('ctx'))).map(presentAgreement), 200);
    },
  );
  api.openapi(ok('get', '/partnership/agreements/{id}', 'En hovedaftale (offentligt)', { params: IdParam }, AgreementSchema), async (c) => {
    return c.json(presentAgreement(await getAgreement(c.get('ctx'), c.req.valid('param').id)), 200);
  });
  api.openapi(
    ok(
      'post',
      '/partnership/agreements/{id}/transitions',
      'Flyt aftalen et trin: forhandlet i Partnerskabsforum, vedtaget, udløbet eller afløst',
      { params: IdParam, body: jsonBody(agreementStepContract) },
      z.object({ status: z.enum(agreementStatuses), version: z.number().int() }),
    ),
    async (c) => {
      const b = c.req.valid('json');
      return c.json(
        await transitionAgreement(c.get('ctx'), c.req.valid('param').id, b.version, b.action, {
          on: b.on,
          meetingId: b.meetingId,
          reference: b.reference,
          replacedById: b.replacedById,
        }),
        200,
      );
    },
  );
  api.openapi(
    ok('get', '/partnership/targets/{id}', 'Et mål med målinger og de tilsagn, der ligger bag', { params: IdParam }, TargetDetailSchema),
    async (c) => {
      return c.json(presentTargetDetail(await getTarget(c.get('ctx'), c.req.valid('param').id)), 200);
    },
  );
  api.openapi(
    ok(
      'put',
      '/partnership/targets/{id}',
      'Ret et måls baseline, målværdi, frist og ansvar (boligkontoret)',
      { params: IdParam, body: jsonBody(targetContract) },
      Version,
    ),
    async (c) => {
      const { version, ...input } = c.req.valid('json');
      return c.json({ version: await updateTarget(c.get('ctx'), c.req.valid('param').id, version, input) }, 200);
    },
  );
  api.openapi(
    created(
      'post',
      '/partnership/targets/{id}/measurements',
      'Registrér en måling (boligkontoret)',
      { params: IdParam, body: jsonBody(measurementContract) },
      z.object({ id: z.number().int(), status: z.enum(targetStatuses) }),
    ),
    async (c) => {
      return c.json(await recordMeasurement(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 201);
    },
  );
  api.openapi(
    ok(
      'get',
      '/partnership/dialogues',
      'Styringsdialogerne, som brugeren må se',
      {
        query: z.object({
          year: z.coerce.number().int().min(2000).max(2200).optional(),
          organisationId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
        }),
      },
      z.array(DialogueSummarySchema),
    ),
    async (c) => {
      const q = c.req.valid('query');
      return c.json((await listDialogues(c.get('ctx'), q)).map(presentDialogueSummary), 200);
    },
  );
  api.openapi(
    created(
      'post',
      '/partnership/dialogues',
      'Forbered årets styringsdialog med en boligorganisation (eller et dialogmøde på områdeniveau)',
      { body: jsonBody(prepareDialogueContract) },
      z.object({ id: z.number().int() }),
    ),
    async (c) => {
      return c.json({ id: await prepareDialogue(c.get('ctx'), c.req.valid('json')) }, 201);
    },
  );
  api.openapi(
    ok(
      'get',
      '/partnership/dialogues/{id}',
      'En styringsdialog med tilsagn, opfølgning og underskrifter',
      { params: IdParam },
      DialogueSchema,
    ),
    async (c) => {
      return c.json(presentDialogue(await getDialogue(c.get('ctx'), c.req.valid('param').id)), 200);
    },
  );
  api.openapi(
    created(
      'post',
      '/partnership/dialogues/{id}/commitments',
      'Tilføj et tilsagn med succeskriterium',
      { params: IdParam, body: jsonBody(commitmentContract) },
      z.object({ id: z.number().int(), version: z.number().int() }),
    ),
    async (c) => {
      const { version, ...input } = c.req.valid('json');
      return c.json(await addCommitment(c.get('ctx'), c.req.valid('param').id, version, input), 201);
    },
  );
  api.openapi(
    ok(
      'post',
      '/partnership/dialogues/{id}/follow-ups',
      'Følg op på et tilsagn fra sidste års aftale',
      { params: IdParam, body: jsonBody(followUpContract) },
      Version,
    ),
    async (c) => {
      const { version, ...input } = c.req.valid('json');
      return c.json({ version: await recordFollowUp(c.get('ctx'), c.req.valid('param').id, version, input) }, 200);
    },
  );
  api.openapi(
    ok(
      'post',
      '/partnership/dialogues/{id}/hold',
      'Registrér dialogmødet som afholdt',
      { params: IdParam, body: jsonBody(holdContract) },
      Version,
    ),
    async (c) => {
      const { version, ...input } = c.req.valid('json');
      return c.json({ version: await holdDialogue(c.get('ctx'), c.req.valid('param').id, version, input) }, 200);
    },
  );
  api.openapi(
    ok(
      'post',
      '/partnership/dialogues/{id}/sign',
      'Underskriv aftalen (kommunen eller egen boligorganisation); indgået, når alle har underskrevet',
      { params: IdParam, body: jsonBody(signContract) },
      z.object({ state: z.enum(dialogueStates), version: z.number().int() }),
    ),
    async (c) => {
      return c.json(await signDialogue(c.get('ctx'), c.req.valid('param').id, c.req.valid('json').version), 200);
    },
  );
  return api;
}
