import { bodyTypes, decisions, memberLevels, memberRoles, outcomeKinds } from '../domain/governance/labels.ts';
import { meetingActions } from '../domain/governance/meeting.ts';
import { administrations } from '../policy/actor.ts';
import { isoDate } from '../services/context.ts';
import { addMember, allBodies, createBody, getBody, structureOn } from '../services/governance/bodies.ts';
import { recordCompetenceTransfer, whoDecides } from '../services/governance/competence.ts';
import type { Member } from '../services/governance/members.ts';
import { addItem, approveMinutes, getMeeting, listDecisions, listMeetings, planMeeting, proposeItem, recordAttendance, recordOutcome, transitionMeeting, updateMeeting } from '../services/governance/meetings.ts';
import { apiRouter, IdParam, json, jsonBody, routesFor, z } from './openapi.ts';

const tag = 'Styring';
const isoDate_ = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Datoen skal skrives ÅÅÅÅ-MM-DD.' });
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'Tidspunktet skal skrives tt:mm.' });
const Version = { version: z.number().int().positive().openapi({ description: 'Den version, klienten så' }) };
const Id = z.object({ id: z.number().int() }).openapi('GovernanceCreated');
const Ok = z.object({ ok: z.boolean() });
const Anything = (name: string, description: string) => z.record(z.string(), z.unknown()).openapi(name, { description });

const PublicMember = z
  .object({ id: z.number().int(), name: z.string(), role: z.enum(memberRoles), represents: z.string(), representsKind: z.enum(['organisation', 'administration', 'other']), organisationId: z.number().int().nullable(), administration: z.string().nullable(), level: z.enum(memberLevels), startsOn: z.string(), endsOn: z.string().nullable() })
  .openapi('BodyMember', { description: 'Et medlem: navn, rolle og hvem medlemmet repræsenterer er offentlige; e-mail vises ikke' });
const publicMember = (m: Member) => ({ id: m.id, name: m.name, role: m.role as 'member', represents: m.representsLabel, representsKind: m.representsKind, organisationId: m.organisationId, administration: m.administration, level: m.level as 'director', startsOn: m.startsOn, endsOn: m.endsOn });
const Body = z
  .object({ id: z.number().int(), name: z.string(), type: z.enum(bodyTypes), parentId: z.number().int().nullable(), validFrom: z.string(), validTo: z.string().nullable(), districts: z.array(z.object({ id: z.number().int(), number: z.number().int(), name: z.string() })), urbanAreas: z.array(z.string()), members: z.array(PublicMember) })
  .openapi('Body');
const BodyInput = z
  .object({
    name: z.string().trim().min(1, { error: 'Skriv organets navn.' }).max(200),
    type: z.enum(bodyTypes),
    parentId: z.number().int().positive().nullable().default(null),
    validFrom: isoDate_,
    validTo: isoDate_.nullable().default(null),
    description: z.string().max(4000).default(''),
    minPerYear: z.number().int().min(0).max(52).nullable().default(null),
    maxPerYear: z.number().int().min(0).max(52).nullable().default(null),
    districtNumbers: z.array(z.number().int().positive()).default([]),
    planIds: z.array(z.number().int().positive()).default([]),
  })
  .openapi('BodyInput');
const MemberInput = z
  .object({
    personName: z.string().trim().min(1, { error: 'Skriv navnet.' }).max(200),
    email: z.string().max(200).default(''),
    representsKind: z.enum(['organisation', 'administration', 'other']),
    organisationId: z.number().int().positive().nullable().default(null),
    administration: z.enum(administrations).nullable().default(null),
    representsOther: z.string().max(200).default(''),
    level: z.enum(memberLevels),
    role: z.enum(memberRoles),
    startsOn: isoDate_,
    endsOn: isoDate_.nullable().default(null),
  })
  .openapi('BodyMemberInput');
const MeetingInput = z.object({ date: isoDate_, startTime: time, endTime: time, place: z.string().trim().min(1, { error: 'Skriv mødestedet.' }).max(200) }).openapi('MeetingInput', { description: 'Dato og klokkeslæt i dansk tid' });
const Meeting = z.object({ id: z.number().int(), bodyId: z.number().int(), bodyName: z.string(), startsAt: z.string(), endsAt: z.string(), place: z.string(), state: z.string() }).openapi('MeetingListItem');
const ItemInput = z
  .object({ title: z.string().trim().min(1, { error: 'Skriv punktets titel.' }).max(200), description: z.string().max(8000).default(''), kind: z.enum(['plan', 'change_request', 'report', 'free']).default('free'), refId: z.number().int().positive().nullable().default(null), closed: z.boolean().default(false) })
  .openapi('AgendaItemInput');
const OutcomeInput = z
  .object({ ...Version, outcomeKind: z.enum(outcomeKinds), decision: z.enum(decisions).nullable().default(null), text: z.string().max(20_000).default(''), taskOwner: z.string().max(200).default(''), taskDue: isoDate_.nullable().default(null) })
  .openapi('AgendaItemOutcome');
const Decision = z
  .object({ id: z.number().int(), title: z.string(), kind: z.string(), refId: z.number().int().nullable(), outcomeKind: z.string(), decision: z.string().nullable(), text: z.string(), taskOwner: z.string(), taskDue: z.string().nullable(), meetingId: z.number().int(), meetingDate: z.string(), bodyId: z.number().int(), bodyName: z.string() })
  .openapi('Decision');

const { route } = routesFor(tag);
const withBody = <T extends z.ZodType>(s: T) => ({ params: IdParam, body: jsonBody(s) });

/** /api/v1/bodies, /meetings, /agenda-items, /decisions, /competence — the governance use cases (R9–R17), public reads without a token. */
export function governanceApi() {
  const api = apiRouter();
  api.openapi(route('get', '/bodies', 'Organerne i strukturen på en dato (standard i dag), eller alle med all=true', { query: z.object({ date: isoDate_.optional(), all: z.enum(['true', 'false']).optional() }) }, 200, z.array(Body)), async (c) => {
    const ctx = c.get('ctx');
    const q = c.req.valid('query');
    if (q.all === 'true') return c.json((await allBodies(ctx)).map((b) => ({ ...b, members: [] })) as never, 200);
    const bodies = await structureOn(ctx, q.date ?? isoDate(ctx.now()));
    return c.json(bodies.map((b) => ({ ...b, members: b.members.map(publicMember) })) as never, 200);
  });
  api.openapi(route('get', '/bodies/{id}', 'Et organ: dækning, planer, medlemmer, advarsler om manglende pladser, mandat og møder', { params: IdParam }, 200, Anything('BodyDetail', 'Organet med medlemmer (uden e-mail), planer, mandat og møder')), async (c) => {
    const b = await getBody(c.get('ctx'), c.req.valid('param').id);
    return c.json({ ...b, members: b.members.map(publicMember), formerMembers: b.formerMembers.map(publicMember) } as never, 200);
  });
  api.openapi(route('post', '/bodies', 'Opret organ (sekretariatet)', { body: jsonBody(BodyInput) }, 201, Id), async (c) => c.json({ id: await createBody(c.get('ctx'), c.req.valid('json')) }, 201));
  api.openapi(route('post', '/bodies/{id}/members', 'Tilføj medlem (R9, R10, R14)', withBody(MemberInput), 201, Id), async (c) => c.json({ id: await addMember(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')) }, 201));
  api.openapi(route('get', '/bodies/{id}/meetings', 'Organets møder', { params: IdParam }, 200, z.array(Meeting)), async (c) => c.json(await listMeetings(c.get('ctx'), { bodyId: c.req.valid('param').id }), 200));
  api.openapi(route('post', '/bodies/{id}/meetings', 'Planlæg møde', withBody(MeetingInput), 201, Id), async (c) => c.json({ id: await planMeeting(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')) }, 201));
  api.openapi(route('post', '/bodies/{id}/proposed-items', 'Foreslå et punkt til organets dagsorden', withBody(ItemInput), 201, Id), async (c) => c.json({ id: await proposeItem(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')) }, 201));
  api.openapi(route('get', '/meetings', 'Møder (offentlige datoer)', { query: z.object({ bodyId: z.coerce.number().int().positive().optional(), from: isoDate_.optional() }) }, 200, z.array(Meeting)), async (c) => c.json(await listMeetings(c.get('ctx'), c.req.valid('query')), 200));
  api.openapi(route('get', '/meetings/{id}', 'Et møde: dagsorden, bilag, fremmøde; lukkede punkters indhold kun for medlemmer og sekretariatet, udfald efter godkendt referat', { params: IdParam }, 200, Anything('MeetingDetail', 'Mødet med punkter')), async (c) => {
    const { subject: _, members, ...m } = await getMeeting(c.get('ctx'), c.req.valid('param').id);
    return c.json({ ...m, members: members.map((x) => ({ ...publicMember(x), present: x.present, approvedAt: x.approvedAt })) } as never, 200);
  });
  api.openapi(route('put', '/meetings/{id}', 'Flyt et møde', withBody(MeetingInput.extend(Version)), 200, Ok), async (c) => {
    const { version, ...input } = c.req.valid('json');
    await updateMeeting(c.get('ctx'), c.req.valid('param').id, version, input);
    return c.json({ ok: true }, 200);
  });
  api.openapi(route('post', '/meetings/{id}/transitions', 'Send dagsorden, hold mødet, send referat eller aflys', withBody(z.object({ ...Version, action: z.enum(meetingActions) })), 200, Ok), async (c) => {
    const { version, action } = c.req.valid('json');
    await transitionMeeting(c.get('ctx'), c.req.valid('param').id, version, action);
    return c.json({ ok: true }, 200);
  });
  api.openapi(route('post', '/meetings/{id}/items', 'Sæt et punkt på dagsordenen', withBody(ItemInput), 201, Id), async (c) => c.json({ id: await addItem(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')) }, 201));
  api.openapi(route('put', '/meetings/{id}/attendance', 'Registrér fremmødet', withBody(z.object({ presentMemberIds: z.array(z.number().int().positive()) })), 200, Ok), async (c) => {
    await recordAttendance(c.get('ctx'), c.req.valid('param').id, c.req.valid('json').presentMemberIds);
    return c.json({ ok: true }, 200);
  });
  api.openapi(route('post', '/meetings/{id}/minutes-approvals', 'Et fremmødt medlem godkender referatet', { params: IdParam }, 201, z.object({ approved: z.boolean().openapi({ description: 'Om referatet nu er godkendt af alle og låst' }) })), async (c) =>
    c.json(await approveMinutes(c.get('ctx'), c.req.valid('param').id), 201),
  );
  api.openapi(route('put', '/agenda-items/{id}/outcome', 'Skriv et punkts udfald (orientering, beslutning eller opgave)', withBody(OutcomeInput), 200, Ok), async (c) => {
    const { version, ...input } = c.req.valid('json');
    await recordOutcome(c.get('ctx'), c.req.valid('param').id, version, input);
    return c.json({ ok: true }, 200);
  });
  api.openapi(route('get', '/decisions', 'Beslutninger og opgaver fra godkendte referater (åbne punkter)', { query: z.object({ bodyId: z.coerce.number().int().positive().optional() }) }, 200, z.array(Decision)), async (c) => c.json(await listDecisions(c.get('ctx'), c.req.valid('query')), 200));
  api.openapi(route('get', '/competence/{id}', 'Hvem beslutter om planen, og hvem må stemme (R11, R12); id er planens id', { params: IdParam, query: z.object({ date: isoDate_.optional() }) }, 200, Anything('Competence', 'Organet, begrundelsen og medlemmerne med og uden stemmeret')), async (c) => {
    const w = await whoDecides(c.get('ctx').db, c.req.valid('param').id, c.req.valid('query').date ?? isoDate(c.get('ctx').now()));
    return c.json({ body: w.body, reason: w.reason, rule: w.rule, voters: w.voters.map((m) => ({ ...publicMember(m), votingReason: m.votingReason })), others: w.others.map((m) => ({ ...publicMember(m), votingReason: m.votingReason })) } as never, 200);
  });
  api.openapi(route('post', '/competence/{id}/transfers', 'Registrér boligorganisationernes beslutning om at flytte kompetencen til Boligsocial Bestyrelse (R12)', withBody(z.object({ decidedOn: isoDate_, reference: z.string().max(200).default(''), note: z.string().max(2000).default('') })), 201, Id), async (c) =>
    c.json({ id: await recordCompetenceTransfer(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')) }, 201),
  );
  return api;
}
