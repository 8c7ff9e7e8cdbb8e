import { z } from 'zod';
import { administrations } from '../domain/governance/labels.ts';
import {
  date,
  decimal,
  email,
  id,
  ids,
  optionalDate,
  optionalEmail,
  optionalId,
  optionalText,
  ore,
  plainText,
  text,
  version,
  wholeNumber,
} from './fields.ts';

/**
 * R2–R5 — the input contracts of the plan use cases, used by the plan pages (through small adapters that read form
 * strings) and by `api/plans.ts`. Whether an id belongs to the plan is the service's to check.
 */

/** R2, R5, R11 — a plan's frame: name, period, dates, estates and the lead organisation. */
export const planContract = z.object({
  name: text('planens navn'),
  districtId: optionalId('bydelen'),
  fundingPeriodId: id('bevillingsperiode'),
  startsOn: date('startdatoen'),
  endsOn: date('slutdatoen'),
  leadOrganisationId: id('den ansvarlige boligorganisation'),
  estateIds: z
    .array(id('boligafdelingerne'), { error: 'Vælg mindst én boligafdeling.' })
    .min(1, { error: 'Vælg mindst én boligafdeling.' })
    .max(1000),
  approvalChain: z.enum(['council', 'committee_and_council'], { error: 'Vælg godkendelsesforløbet.' }).default('committee_and_council'),
  problemDescription: optionalText('problembeskrivelsen', { max: 15_000 }),
});

export const challengeContract = z.object({ title: text('udfordringen'), description: optionalText('beskrivelsen', { max: 4000 }) });

export const goalContract = z.object({
  title: text('målet'),
  description: optionalText('beskrivelsen', { max: 4000 }),
  challengeId: optionalId('en af planens udfordringer'),
});

/** R4 — a success criterion: an indicator, its baseline and its target. */
export const criterionContract = z.object({
  goalId: id('et mål'),
  indicatorName: text('indikatorens navn'),
  unit: optionalText('enheden', { max: 40 }),
  direction: z.enum(['increase', 'decrease'], { error: 'Vælg, om indikatoren skal stige eller falde.' }),
  baselineValue: decimal('baseline'),
  baselineDate: date('baselinedatoen'),
  baselineSource: optionalText('kilden', { max: 200 }),
  targetValue: decimal('målet'),
  targetDate: date('måldatoen'),
});

export const subAgreementContract = z.object({ focusAreaId: id('et indsatsområde'), summary: optionalText('resuméet', { max: 4000 }) });

/** R3 — a party to an activity. */
export const partyContract = z.object({
  kind: z.enum(['organisation', 'administration', 'civil_society', 'police'], { error: 'Vælg partens type.' }),
  organisationId: optionalId('boligorganisationen'),
  administration: z.enum(administrations, { error: 'Vælg forvaltningen.' }).nullable().default(null),
  name: optionalText('partens navn', { max: 200 }),
  part: z.enum(['responsible', 'carries_out', 'contributes'], { error: 'Vælg partens rolle.' }),
});

/** R3 — an activity under a sub-agreement, with exactly one responsible party. */
export const activityContract = z.object({
  subAgreementId: id('en delaftale'),
  title: text('aktivitetens navn'),
  description: optionalText('beskrivelsen', { max: 4000 }),
  targetGroup: optionalText('målgruppen', { max: 200 }),
  startsOn: optionalDate('startdatoen'),
  endsOn: optionalDate('slutdatoen'),
  goalIds: ids('målene'),
  parties: z.array(partyContract, { error: 'Vælg den ansvarlige part.' }).min(1, { error: 'Vælg den ansvarlige part.' }).max(50),
});

/** R3 — the contingency plan for acute unrest. */
export const contingencyContract = z.object({
  steps: text('trinene ved akut uro', { max: 8000 }),
  policeCooperation: optionalText('samarbejdet med politiet', { max: 4000 }),
  lastReviewed: optionalDate('datoen for seneste gennemgang'),
});

/**
 * R3 — one person on the contingency plan's call list (personal data: only those with a part in the plan see it).
 * The same contract adds a person and corrects one.
 */
export const contactContract = z.object({
  callOrder: wholeNumber('rækkefølgen', 999),
  role: text('rollen'),
  organisation: optionalText('organisationen', { max: 200 }),
  name: optionalText('navnet', { max: 200 }),
  phone: z
    .string()
    .trim()
    .regex(/^[+\d\s-]{0,20}$/, { error: 'Telefonnummeret må kun indeholde cifre, mellemrum, + og -.' })
    .default(''),
  email: optionalEmail(),
});

/**
 * R4 — a measurement of a success criterion. Whether the value is plausible for the indicator's unit and the date not
 * in the future is `domain/measurements.ts`'s to say (the contract does not know the unit or today).
 */
export const measurementContract = z.object({
  value: decimal('målingen'),
  measuredOn: date('måledatoen'),
  source: optionalText('kilden', { max: 200 }),
});

/** R4 — a correction of a recorded measurement: the new value, the measurement's version as seen, and why. */
export const measurementCorrectionContract = measurementContract.extend({
  version: version(),
  reason: text('begrundelsen for rettelsen', { max: 500 }),
});

/** R4 — the removal of a recorded measurement (its value stays in the history). */
export const measurementRemovalContract = z.object({
  version: version(),
  reason: text('begrundelsen for at fjerne målingen', { max: 500 }),
});

/** R5 — a step in the plan's life (the action names are `domain/plan-lifecycle.ts`'s). */
export const transitionFields = {
  stepKey: plainText('trinnet', { max: 50 }).optional(),
  body: plainText('organet', { max: 200 }).optional(),
  decisionDate: optionalDate('beslutningsdatoen'),
  caseNumber: plainText('sagsnummeret', { max: 100 }).optional(),
  amountOre: ore('beløbet', { positive: true }).nullable().optional(),
  note: plainText('bemærkningen', { max: 4000 }).optional(),
};

/** R5 — an existing user named project leader of the plan. */
export const projectLeaderContract = z.object({ email: email() });
