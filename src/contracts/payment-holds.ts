import { z } from 'zod';
import { optionalText } from './fields.ts';

/** R6 — LBF's payment hold: the report year it concerns, and why. */
export const paymentHoldContract = z.object({
  year: z
    .number({ error: 'Vælg årsrapportens år.' })
    .int({ error: 'Vælg årsrapportens år.' })
    .min(2000, { error: 'Vælg årsrapportens år.' })
    .max(2200, { error: 'Vælg årsrapportens år.' }),
  reason: optionalText('begrundelsen', { max: 2000 }),
});
