import { parseKr } from '../domain/amount.ts';
import { z as zod } from 'zod';
import { msg } from './messages.ts';
import type { Context } from 'hono';
import type { z } from 'zod';

export type FormValues = Record<string, string>;
export type FormErrors = Record<string, string>;

/** Reads a urlencoded or multipart form as plain strings (the last value of repeated fields; see `formAll`). */
export async function readForm(c: Context): Promise<FormValues> {
  const body = await c.req.parseBody({ all: true });
  const out: FormValues = {};
  for (const [k, v] of Object.entries(body)) {
    const last = Array.isArray(v) ? v.at(-1) : v;
    if (typeof last === 'string') out[k] = last;
  }
  return out;
}

/** All values of a repeated field (checkbox groups). */
export async function formAll(c: Context, name: string): Promise<string[]> {
  const body = await c.req.parseBody({ all: true });
  const v = body[name] ?? body[`${name}[]`];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
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


/** Form field schemas with Danish messages (all form values arrive as strings). */
export const field = {
  text: (what: string, max = 200) =>
    zod.string({ error: msg.required(what) }).trim().min(1, { error: msg.required(what) }).max(max, { error: msg.tooLong(what, max) }),
  optionalText: (what: string, max = 500) =>
    zod.string().trim().max(max, { error: msg.tooLong(what, max) }).optional().transform((v) => (v ? v : null)),
  wholeNumber: (what: string, label = what) =>
    zod
      .string({ error: msg.required(what) })
      .trim()
      .min(1, { error: msg.required(what) })
      .regex(/^\d{1,9}$/, { error: msg.wholeNumber(label) })
      .transform(Number),
  id: (what: string) =>
    zod.string({ error: msg.choose(what) }).regex(/^\d+$/, { error: msg.choose(what) }).transform(Number),
  optionalId: () =>
    zod.string().optional().transform((v) => (v && /^\d+$/.test(v) ? Number(v) : null)),
  date: (what: string) =>
    zod
      .string({ error: msg.required(what) })
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: msg.date(what) })
      .refine((v) => !Number.isNaN(Date.parse(v)), { error: msg.date(what) }),
  optionalDate: (what: string) =>
    zod
      .string()
      .optional()
      .refine((v) => !v || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))), { error: msg.date(what) })
      .transform((v) => (v ? v : null)),
  version: () => zod.string().regex(/^\d+$/).transform(Number),
  /** R1 — an amount in Danish kroner ("1.250.000,50") as whole øre; `positive` refuses 0 and less. */
  kr: (o: { positive?: boolean } = {}) =>
    zod
      .string({ error: 'Skriv beløbet.' })
      .trim()
      .min(1, { error: 'Skriv beløbet.' })
      .transform((v, ctx) => {
        const r = parseKr(v);
        if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
        else if (o.positive && r.ore <= 0) ctx.addIssue({ code: 'custom', message: 'Beløbet skal være større end 0 kr.' });
        else return r.ore;
        return zod.NEVER;
      }),
};
