import * as f from '../contracts/fields.ts';
import { Conflict, Invalid, Malformed, TooLarge } from '../errors.ts';
import type { Context } from 'hono';
import type { z } from 'zod';

export type FormValues = Record<string, string>;
export type FormErrors = Record<string, string>;

type FormBody = Record<string, string | File | (string | File)[]>;

/**
 * The parsed urlencoded or multipart body, cached on the request (`readableInput` reads it first for every form
 * request). A body that does not parse is the client's: `Malformed` (400 with the Danish error page), never a 500.
 */
export async function formBody(c: Context): Promise<FormBody> {
  try {
    return (await c.req.parseBody({ all: true })) as FormBody;
  } catch (err) {
    // The FormData parser rejects a broken body with a TypeError; anything else is a fault.
    if (!(err instanceof TypeError)) throw err;
    throw new Malformed('Formularens indhold kunne ikke læses. Genindlæs siden, og prøv igen.', { cause: err });
  }
}

/** Reads a urlencoded or multipart form as plain strings (the last value of repeated fields; see `formAll`). */
export async function readForm(c: Context): Promise<FormValues> {
  const body = await formBody(c);
  const out: FormValues = {};
  for (const [k, v] of Object.entries(body)) {
    const last = Array.isArray(v) ? v.at(-1) : v;
    if (typeof last === 'string') out[k] = last;
  }
  return out;
}

/** All values of a repeated field (checkbox groups). */
export async function formAll(c: Context, name: string): Promise<string[]> {
  const body = await formBody(c);
  const v = body[name] ?? body[`${name}[]`];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
}

/** How a form shows a refused write: the status, the messages per field, and the row as it is now on a conflict. */
export interface FormFailure {
  status: 400 | 409 | 413;
  errors: FormErrors;
  conflict?: Conflict;
}

/**
 * The one way a page answers a write the service refused: `Invalid` → 400 with the messages at their fields (a
 * message for the whole form under `_form`), `Conflict` → 409 with what changed, `TooLarge` → 413 at the file field.
 * Anything else is rethrown to the error handler.
 * @example } catch (err) { return editPage(c, id, { values, ...formFailure(err) }); }
 */
export function formFailure(err: unknown): FormFailure {
  if (err instanceof Invalid) return { status: 400, errors: Object.keys(err.fields).length ? err.fields : { _form: err.message } };
  if (err instanceof Conflict) return { status: 409, errors: {}, conflict: err };
  if (err instanceof TooLarge) return { status: 413, errors: { file: err.message } };
  throw err;
}

export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FormErrors };

/** Validates form values with a zod schema; the first message per field, keyed by the field name. */
export function parseWith<S extends z.ZodType>(schema: S, values: unknown): Parsed<z.infer<S>> {
  const r = schema.safeParse(values);
  if (r.success) return { ok: true, data: r.data };
  const errors: FormErrors = {};
  for (const issue of r.error.issues) {
    const key = String(issue.path[0] ?? '_form');
    errors[key] ??= issue.message;
  }
  return { ok: false, errors };
}

/**
 * Parses form input (already mapped to the contract's shape) with a use case's contract; on failure throws `Invalid`
 * with the first message per field, which the page shows next to the field with the user's input kept.
 */
export function contractOrInvalid<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = parseWith(schema, input);
  if (!r.ok) throw new Invalid(r.errors);
  return r.data;
}

/**
 * Form field schemas with Danish messages (all form values arrive as strings), built on the shared field types in
 * `contracts/fields.ts`, so a form refuses exactly what the JSON API refuses.
 */
export const field = {
  /** A required text; longer than 200 characters means a multi-line text area (line breaks allowed). */
  text: (what: string, max = 200) => f.text(what, { max }),
  optionalText: (what: string, max = 500) => f.optionalText(what, { max }).transform((v) => (v ? v : null)),
  wholeNumber: (what: string, label = what) => f.fromText.wholeNumber(what, label),
  id: (what: string) => f.fromText.id(what),
  optionalId: () => f.fromText.optionalId(),
  date: (what: string) => f.date(what),
  optionalDate: (what: string) => f.optionalDate(what),
  version: () => f.fromText.version(),
  /** R1 — an amount in Danish kroner ("1.250.000,50") as whole øre; `positive` refuses 0 and less. */
  kr: (o: { positive?: boolean } = {}) => f.fromText.kr(o),
};
