import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError, Conflict, Malformed } from '../errors.ts';
import type { AppEnv } from '../app-env.ts';
import { fromClientError } from './dberrors.ts';
import { ConflictNotice } from './conflict.tsx';
import { paths } from './paths.ts';
import { home, page } from './render.tsx';

const headings: Record<number, string> = {
  400: 'Oplysningerne kunne ikke bruges',
  401: 'Du skal logge ind',
  403: 'Du har ikke adgang',
  404: 'Siden findes ikke',
  409: 'Redigeringskonflikt',
  413: 'Filen er for stor',
  429: 'For mange forsøg',
  500: 'Der skete en fejl hos os',
};

export function errorPage(c: Context<AppEnv>, status: number, detail: string, conflict?: Conflict) {
  const heading = headings[status] ?? 'Der skete en fejl';
  return page(
    c,
    { title: heading, breadcrumbs: [home, { label: heading }], status: status as 404 },
    <>
      <h1>{heading}</h1>
      <p class="font-lead">{detail}</p>
      {conflict && <ConflictNotice conflict={conflict} />}
      {status === 401 && (
        <p>
          <a class="button button-primary" href={paths.login(c.req.path)}>
            Log ind
          </a>
        </p>
      )}
      <p>
        <a href={paths.home()}>Gå til forsiden</a>
      </p>
    </>,
  );
}

/** Hono's own errors below 500 (a body its validator cannot read, …) as typed errors with the same status. */
function fromHttpException(err: HTTPException): AppError | null {
  if (err.status >= 500) return null;
  if (err.status === 400) return new Malformed('Forespørgslens indhold kunne ikke læses (fx ugyldig JSON).', { cause: err });
  const status = ([401, 403, 404, 409, 413, 422, 429] as const).find((s) => s === err.status) ?? 400;
  return new AppError(status, headings[status] ?? 'Fejl', err.message);
}

/**
 * The last resort when the page itself cannot be rendered (the request failed before its actor was known):
 * a bare Danish page with the status, so an error never turns into an empty answer.
 */
function barePage(c: Context<AppEnv>, status: number, detail: string) {
  const heading = headings[status] ?? 'Der skete en fejl';
  const escape = (s: string) => s.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
  return c.html(
    `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>${heading} · Helhed</title></head><body><main><h1>${heading}</h1><p>${escape(detail)}</p><p><a href="/">Gå til forsiden</a></p></main></body></html>`,
    status as 400,
  );
}

/** How `/api` answers an error (problem+json); handed in by the composition root, as pages do not import the API. */
export type ApiErrorAnswer = (c: Context<AppEnv>, err: AppError | null) => Response;

/**
 * The one error handler: typed errors become a Danish page or problem+json under /api; errors a client's input
 * can cause below the contracts (database data exceptions, unique and foreign-key violations, serialization
 * failures, dates out of range) become 4xx (`fromClientError`); everything else is logged and answered 500.
 */
export function handleError(log: (err: unknown, path: string) => void, apiAnswer: ApiErrorAnswer) {
  return (err: Error, c: Context<AppEnv>) => {
    const typed = err instanceof AppError ? err : err instanceof HTTPException ? fromHttpException(err) : fromClientError(err);
    if (!typed) log(err, c.req.path);
    const status = typed?.status ?? 500;
    if (c.req.path.startsWith('/api/')) return apiAnswer(c, typed);
    const detail = typed?.message ?? 'Der skete en uventet fejl. Den er logget, og vi ser på den. Prøv igen om lidt.';
    // Before `identify` ran (static files, body limit) there is no actor to render the layout for.
    if (!c.get('actor') || !c.get('deps')) return barePage(c, status, detail);
    return errorPage(c, status, detail, typed instanceof Conflict && typed.current ? typed : undefined);
  };
}
