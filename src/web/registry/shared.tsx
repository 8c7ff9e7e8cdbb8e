import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { z } from 'zod';
import { Conflict, Invalid, NotFound } from '../../errors.ts';
import type { AppEnv } from '../../app-env.ts';
import { type FormErrors, type FormValues, parseWith, readForm } from '../forms.ts';
import { msg } from '../messages.ts';
import { paths } from '../paths.ts';
import { flash } from '../render.tsx';

/** The numeric `:id` route parameter, or 404. */
export function idParam(c: Context, name = 'id'): number {
  const raw = c.req.param(name) ?? '';
  if (!/^\d{1,9}$/.test(raw)) throw new NotFound();
  return Number(raw);
}

/** Paging and sorting from the query string, restricted to the list's known sort keys. */
export function listQuery<S extends string>(c: Context, sorts: readonly S[]) {
  const sort = sorts.find((s) => s === c.req.query('sort'));
  const page = Number(c.req.query('page'));
  return {
    sort: sort ?? sorts[0],
    dir: c.req.query('dir') === 'desc' ? ('desc' as const) : ('asc' as const),
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

/** A dkfds summary list of label/value pairs. */
export function SummaryList({ items }: { items: [string, Child][] }) {
  return (
    <dl class="summary-list">
      {items.map(([k, v]) => (
        <div class="summary-list-row">
          <dt class="summary-list-key">{k}</dt>
          <dd class="summary-list-value">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export const HistoryLink = ({ entityType, id }: { entityType: string; id: number }) => (
  <a class="button button-tertiary" href={paths.history(entityType, id)}>
    Se historik
  </a>
);

export interface FormState {
  values: FormValues;
  errors?: FormErrors;
  conflict?: Conflict;
  status?: 200 | 400 | 409;
}

/**
 * The save flow every form shares: validate with the schema, run the service, redirect on success;
 * on bad input or a stale version render the form again with the user's values kept.
 */
export async function saveForm<S extends z.ZodType, T>(
  c: Context<AppEnv>,
  schema: S,
  render: (state: FormState) => Promise<Response> | Response,
  run: (data: z.infer<S>, values: FormValues) => Promise<T>,
  redirectTo: (result: T) => string,
  done = msg.saved,
): Promise<Response> {
  const values = await readForm(c);
  const parsed = parseWith(schema, values);
  if (!parsed.ok) return render({ values, errors: parsed.errors, status: 400 });
  try {
    const result = await run(parsed.data, values);
    flash(c, done);
    return c.redirect(redirectTo(result), 303);
  } catch (err) {
    if (err instanceof Invalid) return render({ values, errors: err.fields, status: 400 });
    if (err instanceof Conflict && err.current) {
      return render({ values: { ...values, version: String(err.current.version) }, conflict: err, status: 409 });
    }
    throw err;
  }
}
