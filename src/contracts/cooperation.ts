import { z } from 'zod';
import { contractThemes } from '../domain/cooperation/index.ts';
import { id, optionalId, optionalText, text, version } from './fields.ts';

/** R17 — the input contracts of the cooperation contracts: used by the JSON API as is and by the forms' adapters. */

export const createContractContract = z.object({
  areaName: text('det udsatte byområde', { max: 200 }),
  bodyId: optionalId('forummet eller bydelsbestyrelsen'),
  title: text('titlen', { max: 300 }),
  source: optionalText('kilden', { max: 1000 }),
});

export const goalContract = z.object({
  version: version(),
  theme: z.enum(contractThemes, { error: 'Vælg et af kontraktens temaer.' }),
  title: text('målet', { max: 300 }),
  description: optionalText('beskrivelsen', { max: 4000 }),
  successCriteria: text('succeskriterierne', { max: 4000 }),
  roles: text('roller og ansvar', { max: 4000 }),
  meetingId: optionalId('mødet'),
  note: optionalText('bemærkningen', { max: 2000 }),
});

export const goalLinkContract = z.object({
  activityId: id('aktiviteten'),
});
