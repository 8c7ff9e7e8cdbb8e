import { createRoute, OpenAPIHono, type RouteConfig, z } from '@hono/zod-openapi';
import type { AppEnv } from '../app-env.ts';
import { JsonValue } from '../presenters/json.ts';
import { problemResponse } from './problem.ts';

export { z };

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.record(z.string(), z.string()).optional().openapi({ description: 'Fejl pr. felt' }),
    current: z.record(z.string(), JsonValue).nullable().optional().openapi({ description: 'Ved 409: objektet, som det er nu' }),
    changes: z
      .array(z.record(z.string(), JsonValue))
      .optional()
      .openapi({ description: 'Ved 409: hvad andre har ændret siden den version, klienten så' }),
  })
  .openapi('Problem');

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ProblemSchema } } });

/** The error answers every route may give (RFC 9457 problem+json). */
export const errorResponses = {
  400: problem('Ugyldige oplysninger'),
  401: problem('Ikke logget ind'),
  403: problem('Ingen adgang'),
  404: problem('Findes ikke'),
  409: problem('Konflikt: objektet er ændret af andre (versionskontrol)'),
};

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

type Method = 'get' | 'post' | 'put';

/**
 * The JSON routes of one area (its OpenAPI tag): a success status with its schema, plus the problem+json answers
 * every route may give. `ok` answers 200, `created` 201, `route` either.
 */
export function routesFor(tag: string) {
  const route = <M extends Method, P extends string, R extends RouteConfig['request'], S extends z.ZodType, C extends 200 | 201>(
    method: M,
    path: P,
    summary: string,
    request: R,
    status: C,
    schema: S,
  ) =>
    createRoute({
      method,
      path,
      tags: [tag],
      summary,
      request,
      responses: { [status]: json(schema, summary), ...errorResponses } as { [K in C]: ReturnType<typeof json<S>> } & typeof errorResponses,
    });
  const ok = <M extends Method, P extends string, R extends RouteConfig['request'], S extends z.ZodType>(
    method: M,
    path: P,
    summary: string,
    request: R,
    schema: S,
  ) => route(method, path, summary, request, 200, schema);
  const created = <M extends Method, P extends string, R extends RouteConfig['request'], S extends z.ZodType>(
    method: M,
    path: P,
    summary: string,
    request: R,
    schema: S,
  ) => route(method, path, summary, request, 201, schema);
  return { route, ok, created };
}

export const jsonBody = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });

export const IdParam = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'id', in: 'path' }, example: 1 }),
});
export const VersionQuery = z.object({
  version: z.coerce.number().int().positive().openapi({ description: 'Den version, klienten så (versionskontrol)' }),
});

export const pageOf = <T extends z.ZodType>(item: T, name: string) =>
  z
    .object({
      items: z.array(item),
      total: z.number().int(),
      page: z.number().int(),
      pageSize: z.number().int(),
      pageCount: z.number().int(),
    })
    .openapi(name);

export const PagingQuery = {
  page: z.coerce.number().int().min(1).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).optional(),
};

/** An OpenAPIHono whose validation failures answer problem+json with Danish field messages. */
export function apiRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const errors: Record<string, string> = {};
      for (const issue of result.error.issues) errors[issue.path.join('.') || '_'] ??= issue.message;
      return problemResponse(c, {
        type: 'about:blank',
        title: 'Ugyldige oplysninger',
        status: 400,
        detail: 'Forespørgslen indeholder ugyldige værdier.',
        errors,
      });
    },
  });
}
