import type { Context } from 'hono';
import { AppError, Conflict, Invalid } from '../errors.ts';

/** RFC 9457 problem details. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: Record<string, string>;
  current?: unknown;
  changes?: unknown;
}

export function problemOf(err: AppError): Problem {
  const p: Problem = { type: 'about:blank', title: err.title, status: err.status, detail: err.message };
  if (err instanceof Invalid) p.errors = err.fields;
  if (err instanceof Conflict) {
    p.current = err.current;
    p.changes = err.changes;
  }
  return p;
}

export const problemResponse = (c: Context, p: Problem) =>
  c.body(JSON.stringify(p), p.status as 400, { 'content-type': 'application/problem+json; charset=utf-8' });

/** The API's answer to an error under `/api`: a typed error as its problem details, anything else (`null`) a logged 500. */
export const problemFor = (c: Context, err: AppError | null) =>
  problemResponse(
    c,
    err ? problemOf(err) : { type: 'about:blank', title: 'Intern fejl', status: 500, detail: 'Der skete en uventet fejl. Den er logget.' },
  );
