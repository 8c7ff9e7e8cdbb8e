import { meetingActions } from '../domain/governance/meeting.ts';
import { today } from '../services/context.ts';
import { addMember, allBodies, createBody, getBody, structureOn, updateMember } from '../services/governance/bodies.ts';
import { competenceOf, recordCompetenceTransfer } from '../services/governance/competence.ts';
import {
  addItem,
  approveMinutes,
  getMeeting,
  listDecisions,
  listMeetings,
  planMeeting,
  proposeItem,
  recordAttendance,
  recordOutcome,
  transitionMeeting,
  updateMeeting,
} from '../services/governance/meetings.ts';
import { date } from '../contracts/fields.ts';
import { itemEditContract, paperTitleContract } from '../contracts/governance.ts';
import { updateItem, updatePaperTitle } from '../services/governance/edits.ts';
import {
  attendanceContract,
  bodyContract,
  competenceTransferContract,
  itemContract,
  meetingContract,
  memberContract,
  outcomeContract,
} from '../contracts/governance.ts';
import {
  BodyDetailSchema,
  BodySchema,
  CompetenceSchema,
  MeetingDetailSchema,
  presentBody,
  presentBodyDetail,
  presentCompetence,
  presentMeeting,
} from '../presenters/governance.ts';
import { apiRouter, IdParam, json, jsonBody, routesFor, z } from './openapi.ts';

const tag = 'Styring';
const isoDate_ = date('datoen');
const Version = { version: z.number().int().positive().openapi({ description: 'Den version, klienten så' }) };
const Id = z.object({ id: z.number().int() }).openapi('GovernanceCreated');
const Ok = z.object({ ok: z.boolean() });
const Body = BodySchema;
// The input contracts (src/contracts) may be built before @hono/zod-openapi extends zod; a clone has `.openapi()`.
const BodyInput = bodyContract.clone().openapi('BodyInput');
const MemberInput = memberContract.clone().openapi('BodyMemberInput');
const MeetingInput = meetingContract.clone().openapi('MeetingInput', { description: 'Dato og klokkeslæt i dansk tid' });
const Meeting = z
  .object({
    id: z.number().int(),
    bodyId: z.number().int(),
    bodyName: z.string(),
    startsAt: z.string(),
    endsAt: z.string(),
    place: z.string(),
    state: z.string(),
  })
  .openapi('MeetingListItem');
const ItemInput = itemContract.clone().openapi('AgendaItemInput');
const OutcomeInput = outcomeContract.extend(Version).openapi('AgendaItemOutcome');
const Decision = z
  .object({
    id: z.number().int(),
    title: z.string(),
    kind: z.string(),
    refId: z.number().int().nullable(),
    outcomeKind: z.string(),
    decision: z.string().nullable(),
    text: z.string(),
    taskOwner: z.string(),
    taskDue: z.string().nullable(),
    meetingId: z.number().int(),
    meetingDate: z.string(),
    bodyId: z.number().int(),
    bodyName: z.string(),
  })
  .openapi('Decision');

const { route } = routesFor(tag);
const withBody = <T extends z.ZodType>(s: T) => ({ params: IdParam, body: jsonBody(s) });

/** /api/v1/bodies, /meetings, /agenda-items, /decisions, /competence — the governance use cases (R9–R17), public reads without a token. */
export function governanceApi() {
  const api = apiRouter();
  api.openapi(
    route(
      'get',
      '/bodies',
      'Organerne i strukturen på en dato (standard i dag), eller alle med all=true',
      { query: z.object({ date: isoDate_.optional(), all: z.enum(['true', 'false']).optional() }) },
      200,
      z.array(Body),
    ),
    async (c) => {
      const ctx = c.get('ctx');
      const q = c.req.valid('query');
      if (q.all === 'true')
        return c.json(
          (await allBodies(ctx)).map((b) => presentBody(b)),
          200,
        );
      const bodies = await structureOn(ctx, q.date ?? today(ctx));
      return c.json(
        bodies.map((b) => presentBody(b)),
        200,
      );
    },
  );
  api.openapi(
    route(
      'get',
      '/bodies/{id}',
      'Et organ: dækning, planer, medlemmer, advarsler om manglende pladser, mandat og møder',
      { params: IdParam },
      200,
      BodyDetailSchema,
    ),
    async (c) => {
      return c.json(presentBodyDetail(await getBody(c.get('ctx'), c.req.valid('param').id)), 200);
    },
  );
  api.openapi(
    route(
      'post',
      '/bodies',
      'Opret organ (sekretariatet; en boligorganisation: en lokal styre- eller følgegruppe for egne planer)',
      { body: jsonBody(BodyInput) },
      201,
      Id,
    ),
    async (c) => c.json({ id: await createBody(c.get('ctx'), c.req.valid('json')) }, 201),
  );
  api.openapi(route('post', '/bodies/{id}/members', 'Tilføj medlem (R9, R10, R14)', withBody(MemberInput), 201, Id), async (c) =>
    c.json({ id: await addMember(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')) }, 201),
  );
  api.openapi(
    route('put', '/members/{id}', 'Ret et medlems plads (R9, R10, R14)', withBody(MemberInput.extend(Version)), 200, Ok),
    async (c) => {
      const { version, ...input } = c.req.valid('json');
      await updateMember(c.get('ctx'), c.req.valid('param').id, version, input);
      return c.json({ ok: true }, 200);
    },
  );
  api.openapi(route('get', '/bodies/{id}/meetings', 'Organets møder', { params: IdParam }, 200, z.array(Meeting)), async (c) =>
    c.json(await listMeetings(c.get('ctx'), { bodyId: c.req.valid('param').id }), 200),
  );
  api.openapi(route('post', '/bodies/{id}/meetings', 'Planlæg møde', withBody(MeetingInput), 201, Id), async (c) =>
    c.json({ id: await planMeeting(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')) }, 201),
  );
  api.openapi(
    route('post', '/bodies/{id}/proposed-items', 'Foreslå et punkt til organets dagsorden', withBody(ItemInput), 201, Id),
    async (c) => c.json({ id: await proposeItem(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')) }, 201),
  );
  api.openapi(
    route(
      'get',
      '/meetings',
      'Møder (offentlige datoer)',
      { query: z.object({ bodyId: z.coerce.number().int().positive().optional(), from: isoDate_.optional() }) },
      200,
      z.array(Meeting),
    ),
    async (c) => c.json(await listMeetings(c.get('ctx'), c.req.valid('query')), 200),
  );
  api.openapi(
    route(
      'get',
      '/meetings/{id}',
      'Et møde: dagsorden, bilag, fremmøde; lukkede punkters indhold kun for medlemmer og sekretariatet, udfald efter godkendt referat',
      { params: IdParam },
      200,
      MeetingDetailSchema,
    ),
    async (c) => {
      return c.json(presentMeeting(await getMeeting(c.get('ctx'), c.req.valid('param').id)), 200);
    },
  );
  api.openapi(route('put', '/meetings/{id}', 'Flyt et møde', withBody(MeetingInput.extend(Version)), 200, Ok), async (c) => {
    const { version, ...input } = c.req.valid('json');
    await updateMeeting(c.get('ctx'), c.req.valid('param').id, version, input);
    return c.json({ ok: true }, 200);
  });
  api.openapi(
    route(
      'post',
      '/meetings/{id}/transitions',
      'Send dagsorden, hold mødet, send referat eller aflys',
      withBody(z.object({ ...Version, action: z.enum(meetingActions) })),
      200,
      Ok,
    ),
    async (c) => {
      const { version, action } = c.req.valid('json');
      await transitionMeeting(c.get('ctx'), c.req.valid('param').id, version, action);
      return c.json({ ok: true }, 200);
    },
  );
  api.openapi(route('post', '/meetings/{id}/items', 'Sæt et punkt på dagsordenen', withBody(ItemInput), 201, Id), async (c) =>
    c.json({ id: await addItem(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')) }, 201),
  );
  api.openapi(route('put', '/meetings/{id}/attendance', 'Registrér fremmødet', withBody(attendanceContract), 200, Ok), async (c) => {
    await recordAttendance(c.get('ctx'), c.req.valid('param').id, c.req.valid('json').presentMemberIds);
    return c.json({ ok: true }, 200);
  });
  api.openapi(
    route(
      'post',
      '/meetings/{id}/minutes-approvals',
      'Et fremmødt medlem godkender referatet',
      { params: IdParam },
      201,
      z.object({ approved: z.boolean().openapi({ description: 'Om referatet nu er godkendt af alle og låst' }) }),
    ),
    async (c) => c.json(await approveMinutes(c.get('ctx'), c.req.valid('param').id), 201),
  );
  const Versioned = z.object({ version: z.number().int() });
  api.openapi(
    route('put', '/agenda-items/{id}', 'Ret et punkts titel og beskrivelse', withBody(itemEditContract.clone()), 200, Versioned),
    async (c) => {
      const { version } = await updateItem(c.get('ctx'), c.req.valid('param').id, c.req.valid('json'));
      return c.json({ version }, 200);
    },
  );
  api.openapi(route('put', '/papers/{id}', 'Ret et bilags titel', withBody(paperTitleContract.clone()), 200, Versioned), async (c) => {
    const { version } = await updatePaperTitle(c.get('ctx'), c.req.valid('param').id, c.req.valid('json'));
    return c.json({ version }, 200);
  });
  api.openapi(
    route(
      'put',
      '/agenda-items/{id}/outcome',
      'Skriv et punkts udfald (orientering, beslutning eller opgave)',
      withBody(OutcomeInput),
      200,
      Ok,
    ),
    async (c) => {
      const { version, ...input } = c.req.valid('json');
      await recordOutcome(c.get('ctx'), c.req.valid('param').id, version, input);
      return c.json({ ok: true }, 200);
    },
  );
  api.openapi(
    route(
      'get',
      '/decisions',
      'Beslutninger og opgaver fra godkendte referater (åbne punkter)',
      { query: z.object({ bodyId: z.coerce.number().int().positive().optional() }) },
      200,
      z.array(Decision),
    ),
    async (c) => c.json(await listDecisions(c.get('ctx'), c.req.valid('query')), 200),
  );
  api.openapi(
    route(
      'get',
      '/competence/{id}',
      'Hvem beslutter om planen, og hvem må stemme (R11, R12); id er planens id',
      { params: IdParam, query: z.object({ date: isoDate_.optional() }) },
      200,
      CompetenceSchema,
    ),
    async (c) => {
      return c.json(
        presentCompetence(await competenceOf(c.get('ctx'), c.req.valid('param').id, c.req.valid('query').date ?? today(c.get('ctx')))),
        200,
      );
    },
  );
  api.openapi(
    route(
      'post',
      '/competence/{id}/transfers',
      'Registrér boligorganisationernes beslutning om at flytte kompetencen til Boligsocial Bestyrelse (R12)',
      withBody(competenceTransferContract),
      201,
      Id,
    ),
    async (c) => c.json({ id: await recordCompetenceTransfer(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')) }, 201),
  );
  return api;
}
