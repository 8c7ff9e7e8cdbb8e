import { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import { apiRouter } from './openapi.ts';

export const openApiInfo = {
  openapi: '3.1.0',
  info: {
    title: 'Helhed API',
    version: '1.0.0',
    description:
      'JSON-API for Helhed: registeret, planer, økonomi, styring og nøgletal. Adgang med session eller en API-nøgle ' +
      '(`Authorization: Bearer …`, lav en med `helhed token create --user EMAIL`). Fejl svarer `application/problem+json` (RFC 9457). ' +
      'Skrivninger kræver den version, klienten så; en forældet version giver 409 med objektet, som det er nu.',
  },
  servers: [{ url: '/api/v1' }],
  security: [{ bearer: [] }, {}] as Record<string, string[]>[],
};

/** An area's /api/v1 router (an OpenAPIHono, so the document lists every route). */
export type AreaApi = () => ReturnType<typeof apiRouter>;

/** The /api/v1 application of the areas' routers and its OpenAPI 3.1 document. */
export function createApi(areaApis: readonly AreaApi[]) {
  const v1 = apiRouter();
  for (const make of areaApis) v1.route('/', make());
  v1.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'API-nøgle fra `helhed token create`',
  });
  const document = () => v1.getOpenAPI31Document(openApiInfo);
  const api = new Hono<AppEnv>();
  api.route('/v1', v1);
  api.get('/openapi.json', (c) => c.json(document()));
  return { api, document };
}
