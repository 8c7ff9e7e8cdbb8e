import type { Context } from 'hono';
import { problemOf, problemResponse } from '../api/problem.ts';
import { HTTPException } from 'hono/http-exception';
import { AppError, Conflict, Invalid } from '../errors.ts';
import type { AppEnv } from './env.ts';
import { fromDatabaseError } from './dberrors.ts';
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

/**
 * The one error handler: typed errors become a Danish page or problem+json under /api;
 * database errors a client can cause become 4xx; everything else is logged and answered 500.
 */
export function handleError(log: (err: unknown, path: string) => void) {
  return (err: Error, c: Context<AppEnv>) => {
    const typed =
      err instanceof AppError
        ? err
        : err instanceof HTTPException && err.status < 500
          ? new Invalid({}, err.status === 400 ? 'Forespørgslens indhold kunne ikke læses (fx ugyldig JSON).' : err.message)
          : fromDatabaseError(err);
    const api = c.req.path.startsWith('/api/');
    if (typed) {
      if (api) return problemResponse(c, problemOf(typed));
      return errorPage(c, typed.status, typed.message, typed instanceof Conflict && typed.current ? typed : undefined);
    }
    log(err, c.req.path);
    if (api) return problemResponse(c, { type: 'about:blank', title: 'Intern fejl', status: 500, detail: 'Der skete en uventet fejl. Den er logget.' });
    return errorPage(c, 500, 'Der skete en uventet fejl. Den er logget, og vi ser på den. Prøv igen om lidt.');
  };
}
