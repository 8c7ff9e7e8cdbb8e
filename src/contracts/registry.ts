import { z } from 'zod';
import { date, fieldMessages, id, isWebAddress, optionalDate, optionalId, optionalText, plainText, text, wholeNumber } from './fields.ts';

/**
 * The input contracts of the registry use cases, used by the forms in `web/registry` and by `api/registry.ts`
 * as they are (every value is a string).
 */

/** An optional value of a given shape: empty, missing or `null` is `null`. */
const optionalOf = (ok: (s: string) => boolean, message: string) =>
  z
    .string({ error: message })
    .trim()
    .refine((s) => s === '' || ok(s), { error: message })
    .nullish()
    .transform((s) => (s ? s : null));

/** A housing organisation: its name, a short name, and (optional) CVR number and website (http or https only). */
export const organisationContract = z.object({
  name: text('organisationens navn'),
  shortName: text('en forkortelse', { max: 30 }),
  cvr: optionalOf((s) => /^\d{8}$/.test(s), 'CVR-nummeret skal være otte cifre.'),
  website: optionalOf(isWebAddress, fieldMessages.webAddress('webstedet')),
});

/** An urban area's fields; `withPeriod` adds the rule that it cannot end before it starts. */
export const urbanAreaFields = z.object({
  name: text('områdets navn'),
  areaGroup: plainText('byområdet', { max: 100 })
    .nullish()
    .transform((s) => (s ? s : null)),
  districtId: optionalId('bydelen'),
  validFrom: date('startdatoen'),
  validTo: optionalDate('slutdatoen'),
});

/** A period's end may not lie before its start (the message lands on `validTo`). */
export const withPeriod = <S extends z.ZodType<{ validFrom: string; validTo: string | null }>>(schema: S) =>
  schema.refine((v) => !v.validTo || v.validTo >= v.validFrom, { path: ['validTo'], error: 'Slutdatoen må ikke ligge før startdatoen.' });

/** An estate (afdeling) of a housing organisation. */
export const estateContract = z.object({
  organisationId: id('boligorganisation'),
  number: wholeNumber('afdelingsnummeret'),
  name: text('afdelingens navn'),
  address: optionalText('adressen', { max: 200 }),
  postalCode: optionalText('postnummeret', { max: 20 }).refine((s) => s === '' || /^\d{4}$/.test(s), {
    error: 'Postnummeret skal være fire cifre.',
  }),
  districtId: optionalId('bydelen'),
  urbanAreaId: optionalId('det udsatte byområde'),
  dwellings: wholeNumber('antal boliger', 1_000_000).default(0),
  residents: wholeNumber('antal beboere', 10_000_000).default(0),
});
