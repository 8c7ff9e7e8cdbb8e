import { z } from 'zod';
import { COPENHAGEN_INDICATORS, type IndicatorId } from '../domain/keyfigures/index.ts';
import { text } from './fields.ts';

/** The input contracts of the key figure use cases, used by the settings page and by `api/keyfigures.ts`. */

const indicatorIds = COPENHAGEN_INDICATORS.map((i) => i.id) as [IndicatorId, ...IndicatorId[]];
const wholeNumber = 'Skriv et helt tal.';
const threshold = 'Diskretionsgrænsen skal være et helt tal mellem 1 og 100.';

/** The municipality's designation rule (which indicators, how many must deviate, and by how much) and the suppression threshold. */
export const settingsContract = z.object({
  name: text('reglens navn'),
  // How many indicators, and how many must deviate, are the rule's own checks (R18, `ruleProblems` in the domain).
  indicators: z.array(z.enum(indicatorIds, { error: 'Vælg blandt indikatorerne.' }), { error: 'Vælg indikatorerne.' }).max(100),
  minDeviating: z
    .number({ error: wholeNumber })
    .int({ error: wholeNumber })
    .min(-999, { error: wholeNumber })
    .max(999, { error: wholeNumber }),
  deviation: z.object({
    kind: z.enum(['relative', 'points'], { error: 'Vælg, hvordan afvigelsen måles.' }),
    amount: z
      .string({ error: 'Skriv afvigelsen.' })
      .trim()
      .regex(/^\d{1,3}([.,]\d{1,2})?$/, { error: 'Afvigelsen skal være et tal med højst to decimaler, fx 25 eller 12,5.' }),
  }),
  suppressionThreshold: z
    .number({ error: threshold })
    .int({ error: threshold })
    .min(1, { error: threshold })
    .max(100, { error: threshold })
    .nullable(),
});

/** R20 — the origin definition of the national criteria (C-417/23): the law's, or none. */
export const originContract = z.object({
  originDefinition: z.enum(['law', 'omit'], { error: 'Vælg en oprindelsesdefinition.' }),
});
