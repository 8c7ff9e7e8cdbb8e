import { z } from 'zod';
import { parseKr } from '../domain/amount.ts';

/**
 * Shared field types for every input contract: the forms and the JSON API refuse the same things with the same
 * Danish messages. `what` names the field in the messages, in the definite form ("startdatoen", "organets navn").
 *
 * This module is a layer below web, api and services: it imports only zod, the domain and itself.
 *
 * @example
 * const MeetingInput = z.object({ date: date('mødedatoen'), place: text('mødestedet') });
 */

/** The largest id PostgreSQL's `int` holds; a larger number would be a database error, not a 400. */
export const MAX_ID = 2_147_483_647;
/** Dates outside these years are typing mistakes (and years PostgreSQL or JS treat oddly, like 0000). */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The Danish messages of the shared field types. */
export const fieldMessages = {
  required: (what: string) => `Skriv ${what}.`,
  choose: (what: string) => `Vælg ${what}.`,
  tooLong: (what: string, max: number) => `${capital(what)} må højst være ${max.toLocaleString('da-DK')} tegn.`,
  invalidChars: (what: string) => `${capital(what)} indeholder ugyldige tegn (fx kontroltegn). Ret teksten, og prøv igen.`,
  date: (what: string) => `${capital(what)} skal være en gyldig dato, skrevet som dd.mm.åååå (fx 22.11.2026).`,
  dateYear: (what: string) => `${capital(what)} skal ligge mellem år ${MIN_YEAR} og ${MAX_YEAR}.`,
  noSuchMonth: (what: string, typed: string, month: number) => `${capital(what)} ${typed} findes ikke: der er ingen måned ${month}.`,
  noSuchDay: (what: string, typed: string, monthName: string, year: number, days: number) =>
    `${capital(what)} ${typed} findes ikke: ${monthName} ${year} har kun ${days} dage.`,
  time: (what: string) => `Skriv ${what} som tt:mm.`,
  wholeNumber: (what: string) => `${capital(what)} skal være et helt tal, 0 eller derover.`,
  number: (what: string) => `${capital(what)} skal være et tal.`,
  percent: (what: string) => `${capital(what)} skal være en procent mellem 0 og 100.`,
  ore: (what: string) => `${capital(what)} skal være et helt antal øre.`,
  positiveAmount: 'Beløbet skal være større end 0 kr.',
  email: 'Skriv en gyldig e-mailadresse.',
  optionalEmail: 'Skriv en gyldig e-mailadresse, eller lad feltet stå tomt.',
  webAddress: (what: string) => `${capital(what)} skal være en webadresse, der begynder med https:// eller http://.`,
  version: 'Versionen mangler. Hent siden igen.',
};
const m = fieldMessages;

/** C0 and C1 control characters (NUL included) and DEL; a one-line text refuses tab and line breaks as well. */
const controlOneLine = /[\u0000-\u001F\u007F-\u009F]/;
const controlMultiLine = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Half a surrogate pair: not text, and not encodable as UTF-8. */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether `s` holds only characters a text field may store (line breaks and tabs only when `multiline`). */
export function isCleanText(s: string, multiline: boolean): boolean {
  return !(multiline ? controlMultiLine : controlOneLine).test(s) && !loneSurrogate.test(s);
}

export interface TextOptions {
  /** Longest accepted length after trimming (default 200 for required text, 4.000 for optional text). */
  max?: number;
  /** Whether line breaks and tabs are allowed; default: texts longer than 200 characters are multi-line. */
  multiline?: boolean;
}

const cleanText = (what: string, max: number, multiline: boolean) =>
  z
    .string({ error: m.required(what) })
    .trim()
    .max(max, { error: m.tooLong(what, max) })
    .refine((s) => isCleanText(s, multiline), { error: m.invalidChars(what) });

/** A required text: trimmed, not empty, at most `max` characters, no control characters. */
export function text(what: string, o: TextOptions = {}) {
  const max = o.max ?? 200;
  return cleanText(what, max, o.multiline ?? max > 200).refine((s) => s.length > 0, { error: m.required(what) });
}

/** A text that may be empty (trimmed, length-capped, no control characters); compose with `.optional()` as needed. */
export function plainText(what: string, o: TextOptions = {}) {
  const max = o.max ?? 4000;
  return cleanText(what, max, o.multiline ?? max > 200);
}

/** An optional text: as `text`, but empty or missing is `''`. */
export function optionalText(what: string, o: TextOptions = {}) {
  const max = o.max ?? 4000;
  return cleanText(what, max, o.multiline ?? max > 200).default('');
}

const isoPattern = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A date as Danes type it: `31.12.2026` (also `1.2.2026`, and `-` or `/` between the parts). */
const danishPattern = /^(\d{1,2})[.\-/](\d{1,2})[.\-/](\d{4})$/;
const monthNames = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];
const pad = (n: number) => String(n).padStart(2, '0');
/** Either way of typing a date (the OpenAPI document shows it as the field's pattern). */
const typedDate = /^(\d{4}-\d{2}-\d{2}|\d{1,2}[.\-/]\d{1,2}[.\-/]\d{4})$/;

/** The year, month and day of a date typed as ISO `YYYY-MM-DD` or Danish `dd.mm.åååå`; null when it is neither. */
function dateParts(s: string): { year: number; month: number; day: number } | null {
  const iso = isoPattern.exec(s);
  if (iso) return { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) };
  const da = danishPattern.exec(s);
  if (da) return { year: Number(da[3]), month: Number(da[2]), day: Number(da[1]) };
  return null;
}

/**
 * Why a typed date is not a date, in Danish with the date as typed ("Startdatoen 31.02.2025 findes ikke: februar 2025
 * har kun 28 dage."); null when it is one. `what` names the field in the definite form.
 */
export function dateProblem(what: string, s: string): string | null {
  const p = dateParts(s);
  if (!p) return m.date(what);
  const typed = `${pad(p.day)}.${pad(p.month)}.${p.year}`;
  if (p.month < 1 || p.month > 12) return m.noSuchMonth(what, typed, p.month);
  const days = new Date(Date.UTC(p.year, p.month, 0)).getUTCDate();
  if (p.day < 1 || p.day > days) return m.noSuchDay(what, typed, monthNames[p.month - 1]!, p.year, days);
  if (p.year < MIN_YEAR || p.year > MAX_YEAR) return m.dateYear(what);
  return null;
}

/** A typed date (ISO or Danish) as ISO `YYYY-MM-DD`; only for a date `dateProblem` accepted. */
const toIso = (s: string) => {
  const p = dateParts(s)!;
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
};

/** Whether `s` is an ISO date `YYYY-MM-DD` that exists in the calendar, between the years 1900 and 2200. */
export function isCalendarDate(s: string): boolean {
  return isoPattern.test(s) && dateProblem('datoen', s) === null;
}

/**
 * A date that exists in the calendar, typed as ISO `YYYY-MM-DD` or as Danes write it (`31.12.2026`), given as ISO.
 * A date that does not exist says so ("Startdatoen 31.02.2025 findes ikke: februar 2025 har kun 28 dage.").
 */
export function date(what: string) {
  return z
    .string({ error: m.date(what) })
    .trim()
    .regex(typedDate, { error: m.date(what), abort: true })
    .superRefine((s, ctx) => {
      const problem = dateProblem(what, s);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .transform(toIso);
}

/** An optional date: missing, `null` or `''` (an empty date field) is `null`. */
export function optionalDate(what: string) {
  return z
    .string({ error: m.date(what) })
    .trim()
    .superRefine((s, ctx) => {
      const problem = s === '' ? null : dateProblem(what, s);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .nullish()
    .transform((s) => (s ? toIso(s) : null));
}

/** A time of day `tt:mm` (24 hours). */
export function time(what: string) {
  return z.string({ error: m.time(what) }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: m.time(what) });
}

/** An id of a row: a positive whole number that fits the database. */
export function id(what: string) {
  return z
    .number({ error: m.choose(what) })
    .int({ error: m.choose(what) })
    .min(1, { error: m.choose(what) })
    .max(MAX_ID, { error: m.choose(what) });
}

/** An optional id: missing or `null` is `null`. */
export function optionalId(what: string) {
  return id(what).nullable().default(null);
}

/** Several ids (a checkbox group), each checked as `id`. */
export function ids(what: string) {
  return z
    .array(id(what), { error: m.choose(what) })
    .max(1000)
    .default([]);
}

/** A row's version as the client saw it (optimistic locking). */
export function version() {
  return z.number({ error: m.version }).int({ error: m.version }).min(1, { error: m.version }).max(MAX_ID, { error: m.version });
}

/** A whole number, 0 or more, up to `max`. */
export function wholeNumber(what: string, max = 999_999_999) {
  return z
    .number({ error: m.wholeNumber(what) })
    .int({ error: m.wholeNumber(what) })
    .min(0, { error: m.wholeNumber(what) })
    .max(max, { error: m.wholeNumber(what) });
}

/** A finite number (a measurement or a target value). */
export function decimal(what: string) {
  return z.number({ error: m.number(what) }).refine(Number.isFinite, { error: m.number(what) });
}

/** A percentage, 0–100. */
export function percent(what: string) {
  return z
    .number({ error: m.percent(what) })
    .min(0, { error: m.percent(what) })
    .max(100, { error: m.percent(what) });
}

/** R1 — an amount in whole øre (a safe integer); `positive` refuses 0 and less. */
export function ore(what = 'beløbet', o: { positive?: boolean } = {}) {
  const base = z
    .number({ error: m.ore(what) })
    .int({ error: m.ore(what) })
    .refine(Number.isSafeInteger, { error: m.ore(what) });
  return o.positive ? base.refine((v) => v > 0, { error: m.positiveAmount }) : base;
}

const emailPattern = /^[^@\s<>()[\]\\,;:"]+@[^@\s<>()[\]\\,;:"]+\.[^@\s<>()[\]\\,;:"]+$/;

/** Whether `s` looks like an e-mail address one can write to. */
export const isEmail = (s: string) => s.length <= 254 && emailPattern.test(s) && isCleanText(s, false);

/** A required e-mail address (trimmed). */
export function email() {
  return z.string({ error: m.email }).trim().refine(isEmail, { error: m.email });
}

/** An optional e-mail address: empty or missing is `''`. */
export function optionalEmail() {
  return z
    .string({ error: m.optionalEmail })
    .trim()
    .refine((s) => s === '' || isEmail(s), { error: m.optionalEmail })
    .default('');
}

/** Whether `s` is an absolute http(s) address (so `javascript:` and `data:` are refused). */
export function isWebAddress(s: string): boolean {
  if (s.length > 2000 || !isCleanText(s, false)) return false;
  try {
    const u = new URL(s);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname.length > 0;
  } catch {
    return false;
  }
}

/** A web address, http or https only. */
export function webAddress(what = 'webadressen') {
  return z
    .string({ error: m.webAddress(what) })
    .trim()
    .refine(isWebAddress, { error: m.webAddress(what) });
}

/** An optional web address: empty or missing is `''`. */
export function optionalWebAddress(what = 'webadressen') {
  return z
    .string({ error: m.webAddress(what) })
    .trim()
    .refine((s) => s === '' || isWebAddress(s), { error: m.webAddress(what) })
    .default('');
}

/**
 * Adapters for form values, which always arrive as strings: each reads the string and hands the value to the
 * same field type the JSON API uses, so both refuse the same things.
 */
export const fromText = {
  /** Digits to an id; anything else is `choose(what)`. */
  id: (what: string) =>
    z
      .string({ error: m.choose(what) })
      .trim()
      .regex(/^\d{1,10}$/, { error: m.choose(what) })
      .transform(Number)
      .pipe(id(what)),
  /** Digits to an id; empty, missing or not an id is `null` (a select with a "none" choice). */
  optionalId: () =>
    z
      .string()
      .optional()
      .transform((v) => (v && /^\d{1,10}$/.test(v.trim()) && Number(v) <= MAX_ID && Number(v) > 0 ? Number(v) : null)),
  /** Digits to a whole number. */
  wholeNumber: (what: string, label = what) =>
    z
      .string({ error: m.required(what) })
      .trim()
      .min(1, { error: m.required(what) })
      .regex(/^\d{1,9}$/, { error: m.wholeNumber(label) })
      .transform(Number),
  /** The hidden version field. */
  version: () =>
    z
      .string({ error: m.version })
      .regex(/^\d{1,10}$/, { error: m.version })
      .transform(Number)
      .pipe(version()),
  /** R1 — Danish kroner ("1.250.000,50") to whole øre. */
  kr: (o: { positive?: boolean } = {}) =>
    z
      .string({ error: 'Skriv beløbet.' })
      .trim()
      .min(1, { error: 'Skriv beløbet.' })
      .transform((v, ctx) => {
        const r = parseKr(v);
        if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
        else if (!Number.isSafeInteger(r.ore)) ctx.addIssue({ code: 'custom', message: m.ore('beløbet') });
        else if (o.positive && r.ore <= 0) ctx.addIssue({ code: 'custom', message: m.positiveAmount });
        else return r.ore;
        return z.NEVER;
      }),
  /**
   * A number field handed to the contract's own number type (`target`): empty is `null`, digits (and a Danish
   * decimal comma) are the number, anything else is refused with `target`'s message.
   */
  number: <T extends z.ZodType>(target: T) =>
    z.preprocess((v) => {
      const t = typeof v === 'string' ? v.trim() : '';
      if (!t) return null;
      return /^-?[\d.]*\d(,\d+)?$/.test(t) ? Number(t.replace(/\./g, '').replace(',', '.')) : Number.NaN;
    }, target),
  /** A choice from a fixed list handed to the contract's own enum (`target`): empty or missing is `null`. */
  choice: <T extends z.ZodType>(target: T) => z.preprocess((v) => (v === '' || v === undefined ? null : v), target),
  /** A Danish decimal number ("1.234,5") to a number. */
  decimal: (what: string) =>
    z
      .string({ error: m.required(what) })
      .trim()
      .min(1, { error: m.required(what) })
      .regex(/^-?[\d.]*\d(,\d+)?$/, { error: m.number(what) })
      .transform((v) => Number(v.replace(/\./g, '').replace(',', '.')))
      .pipe(decimal(what)),
};
