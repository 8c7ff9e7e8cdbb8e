import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { Invalid, Malformed, NotFound } from '../errors.ts';
import { formBody } from './forms.ts';

/** NUL: never typed, and PostgreSQL cannot store it in text (22021) or jsonb (22P05). */
const NUL = /\u0000/;
/** C0 control characters other than tab, line feed and carriage return, and DEL. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export const unreadableText = 'Teksten indeholder et tegn, der ikke kan gemmes (et NUL- eller styretegn). Fjern det, og prøv igen.';

const FORM_TYPES = new Set(['multipart/form-data', 'application/x-www-form-urlencoded']);
/** The media types Hono's JSON validator reads (`application/json`, `application/problem+json`, …). */
const JSON_TYPE = /^application\/([a-z-.]+\+)?json$/;
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The names of the values in `value` (keys included) that match `bad`, as dotted paths; a key that itself
 * matches is reported as `_form`, since it cannot be shown. At most 20 names.
 */
export function badValues(value: unknown, bad: RegExp, at = '', out: string[] = []): string[] {
  if (out.length >= 20) return out;
  if (typeof value === 'string') {
    if (bad.test(value)) out.push(at || '_form');
  } else if (value instanceof File) {
    if (bad.test(value.name)) out.push(at || '_form');
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (bad.test(k)) out.push('_form');
      else badValues(v, bad, at ? `${at}.${k}` : k, out);
    }
  }
  return out;
}

const refuse = (names: string[]) => {
  if (names.length) throw new Invalid(Object.fromEntries(names.map((n) => [n, unreadableText])), unreadableText);
};

/**
 * Reads every request's input once, after identity (so a refusal renders in the layout) and before CSRF and the
 * routes, so nothing after it can fail on the input's form:
 * - a path with a control character is not found;
 * - a query value with a control character, or a JSON body value or key with one, is refused (400);
 * - a form value with NUL is refused (other control characters are left to the field contracts, which show the
 *   message at the field and keep the input);
 * - a form or JSON body that does not parse answers 400 (`Malformed`).
 * The parsed body stays cached on the request, so `parseBody()` and `json()` after this cannot throw.
 */
export const readableInput: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (CONTROL.test(c.req.path)) throw new NotFound();
  refuse([...new URL(c.req.url).searchParams].flatMap(([k, v]) => (CONTROL.test(k) ? ['_query'] : CONTROL.test(v) ? [k] : [])));
  if (SAFE.has(c.req.method)) return next();
  const type = c.req.header('content-type')?.split(';')[0]!.trim().toLowerCase() ?? '';
  if (FORM_TYPES.has(type)) {
    refuse(badValues(await formBody(c), NUL));
  } else if (JSON_TYPE.test(type)) {
    const text = await c.req.text();
    if (text.trim()) {
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch (err) {
        if (!(err instanceof SyntaxError)) throw err;
        throw new Malformed('Forespørgslens indhold er ikke gyldig JSON.', { cause: err });
      }
      refuse(badValues(body, CONTROL));
    }
  }
  return next();
};
