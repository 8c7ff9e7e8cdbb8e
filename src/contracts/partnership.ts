import { z } from 'zod';
import { agreementActions, followupOutcomes } from '../domain/partnership/index.ts';
import { date, decimal, id, ids, optionalDate, optionalId, optionalText, text, version } from './fields.ts';

/**
 * R19 — the input contracts of the partnership agreement: one zod schema per use case, used by the JSON API as it
 * is and by the forms through their adapters (form strings → these shapes) in `web/partnership/`.
 */

const year = z
  .number({ error: 'Vælg året.' })
  .int({ error: 'Vælg året.' })
  .min(2000, { error: 'Vælg året.' })
  .max(2200, { error: 'Vælg året.' });
const optionalDecimal = (what: string) => decimal(what).nullable().default(null);

export const agreementStepContract = z.object({
  version: version(),
  action: z.enum(agreementActions, { error: 'Vælg trinnet.' }),
  on: date('datoen'),
  meetingId: optionalId('mødet'),
  reference: optionalText('referencen', { max: 200 }),
  replacedById: optionalId('den afløsende aftale'),
});

export const measurementContract = z.object({
  value: decimal('værdien'),
  measuredOn: date('målingsdatoen'),
  source: text('kilden', { max: 300 }),
  note: optionalText('bemærkningen', { max: 2000 }),
});

export const prepareDialogueContract = z.object({
  kind: z.enum(['organisation', 'area'], { error: 'Vælg typen af dialog.' }).default('organisation'),
  organisationIds: ids('boligorganisationen').refine((x) => x.length > 0, { error: 'Vælg boligorganisationen.' }),
  areaName: optionalText('området', { max: 200 }),
  year,
  meetingOn: date('mødedatoen'),
  place: optionalText('mødestedet', { max: 200 }),
  agenda: optionalText('dagsordenen', { max: 4000 }),
});

export const commitmentContract = z.object({
  version: version(),
  organisationId: id('boligorganisationen'),
  targetId: optionalId('målet'),
  what: text('tilsagnet', { max: 500 }),
  amount: optionalDecimal('omfanget'),
  unit: optionalText('enheden', { max: 60 }),
  dueOn: date('fristen'),
  successCriterion: text('succeskriteriet', { max: 1000 }),
});

export const followUpContract = z.object({
  version: version(),
  commitmentId: id('tilsagnet'),
  outcome: z.enum(followupOutcomes, { error: 'Vælg, om tilsagnet er opfyldt.' }),
  delivered: optionalDecimal('det leverede'),
  note: optionalText('bemærkningen', { max: 2000 }),
});

export const holdContract = z.object({ version: version(), heldOn: date('mødedatoen'), summary: optionalText('referatet', { max: 8000 }) });

export const signContract = z.object({ version: version() });

export const targetContract = z.object({
  version: version(),
  baselineValue: optionalDecimal('baseline'),
  baselineOn: optionalDate('baselinedatoen'),
  targetValue: optionalDecimal('målværdien'),
  deadline: optionalDate('fristen'),
  responsible: optionalText('den ansvarlige', { max: 300 }),
  measuredHow: optionalText('hvordan målet måles', { max: 1000 }),
});
