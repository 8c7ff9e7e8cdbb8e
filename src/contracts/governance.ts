import { z } from 'zod';
import { administrations, bodyTypes, decisions, memberLevels, memberRoles, outcomeKinds } from '../domain/governance/labels.ts';
import { partyDecisionRules } from '../domain/changes/party-decision.ts';
import { date, id, ids, optionalDate, optionalEmail, optionalId, optionalText, text, time, version, wholeNumber } from './fields.ts';

/**
 * R9–R17 — the input contracts of the governance use cases, used by the forms in `web/governance` (through small
 * adapters that read form strings) and by the routes in `api/governance.ts`.
 */

const meetingsPerYear = (what: string) => wholeNumber(what, 52).nullable().default(null);

/** Create or change a body. */
export const bodyContract = z.object({
  name: text('organets navn'),
  type: z.enum(bodyTypes, { error: 'Vælg organets type.' }),
  parentId: optionalId('det organ, det hører under'),
  validFrom: date('startdatoen'),
  validTo: optionalDate('slutdatoen'),
  description: optionalText('opgaver og kompetence', { max: 4000 }),
  minPerYear: meetingsPerYear('mindst antal møder om året'),
  maxPerYear: meetingsPerYear('højst antal møder om året'),
  /** R11 — how the party organisations' answers decide a change request; all parties unless the rules of procedure say a majority. */
  partyDecisionRule: z.enum(partyDecisionRules, { error: 'Vælg, hvordan parterne beslutter.' }).default('all'),
  districtNumbers: z.array(wholeNumber('bydelens nummer', 99)).max(100).default([]),
  planIds: ids('planerne'),
});

/** R9, R10, R14 — a member of a body; the e-mail (optional) links the seat to a user of Helhed. */
export const memberContract = z.object({
  personName: text('navnet'),
  email: optionalEmail(),
  representsKind: z.enum(['organisation', 'administration', 'other'], { error: 'Vælg hvem medlemmet repræsenterer.' }),
  organisationId: optionalId('boligorganisationen'),
  administration: z.enum(administrations, { error: 'Vælg forvaltningen.' }).nullable().default(null),
  representsOther: optionalText('hvem medlemmet ellers repræsenterer', { max: 200 }),
  level: z.enum(memberLevels, { error: 'Vælg niveauet.' }),
  role: z.enum(memberRoles, { error: 'Vælg rollen.' }),
  startsOn: date('startdatoen'),
  endsOn: optionalDate('slutdatoen'),
});

/** Plan or move a meeting: a date that exists, times in Danish time, a place. */
export const meetingContract = z.object({
  date: date('mødedatoen'),
  startTime: time('starttidspunktet'),
  endTime: time('sluttidspunktet'),
  place: text('mødestedet'),
});

/** An item on (or proposed for) a body's agenda. */
export const itemContract = z.object({
  title: text('punktets titel'),
  description: optionalText('beskrivelsen', { max: 8000 }),
  kind: z.enum(['plan', 'change_request', 'report', 'free'], { error: 'Vælg punktets type.' }).default('free'),
  refId: optionalId('det, punktet handler om'),
  closed: z.boolean().default(false),
});

/** An agenda item's outcome: information, a decision or a task. */
export const outcomeContract = z.object({
  outcomeKind: z.enum(outcomeKinds, { error: 'Vælg typen af udfald.' }),
  decision: z.enum(decisions, { error: 'Vælg beslutningen.' }).nullable().default(null),
  text: optionalText('teksten', { max: 20_000 }),
  taskOwner: optionalText('opgavens ejer', { max: 200 }),
  taskDue: optionalDate('fristen'),
});

/** R12 — the housing organisations' decision to move the competence to the city board. */
export const competenceTransferContract = z.object({
  decidedOn: date('beslutningsdatoen'),
  reference: optionalText('referencen', { max: 200 }),
  note: optionalText('bemærkningen', { max: 2000 }),
});

/** Who was present at a meeting. */
export const attendanceContract = z.object({ presentMemberIds: z.array(id('medlemmerne')).max(1000) });

/** An agenda item's wording, corrected under its version (what it is about and its outcome have their own use cases). */
export const itemEditContract = z.object({
  version: version(),
  title: text('punktets titel'),
  description: optionalText('beskrivelsen', { max: 8000 }),
});

/** A paper's title, corrected under its version (the file itself is uploaded anew). */
export const paperTitleContract = z.object({ version: version(), title: text('bilagets titel') });
