import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import * as districts from '../services/districts.ts';
import * as estates from '../services/estates.ts';
import * as orgs from '../services/organisations.ts';
import { apiRouter, errorResponses, IdParam, json, jsonBody, PagingQuery, pageOf, VersionQuery, z } from './openapi.ts';

const District = z
  .object({ id: z.number().int(), number: z.number().int(), name: z.string(), areaM2: z.number().nullable(), estateCount: z.number().int(), residents: z.number().int(), version: z.number().int() })
  .openapi('District');
const UrbanArea = z
  .object({
    id: z.number().int(),
    name: z.string(),
    areaGroup: z.string().nullable(),
    districtId: z.number().int().nullable(),
    districtName: z.string().nullable(),
    validFrom: z.string(),
    validTo: z.string().nullable(),
    estateCount: z.number().int(),
    version: z.number().int(),
  })
  .openapi('UrbanArea');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Datoen skal skrives ÅÅÅÅ-MM-DD.' });
const UrbanAreaFields = z.object({
  name: z.string().trim().min(1, { error: 'Skriv områdets navn.' }).max(200),
  areaGroup: z.string().max(100).nullable().default(null),
  districtId: z.number().int().positive().nullable().default(null),
  validFrom: isoDate,
  validTo: isoDate.nullable().default(null),
});
const periodOk = (v: { validFrom: string; validTo: string | null }) => !v.validTo || v.validTo >= v.validFrom;
const periodError = { path: ['validTo'], error: 'Slutdatoen må ikke ligge før startdatoen.' };
const UrbanAreaInput = UrbanAreaFields.refine(periodOk, periodError).openapi('UrbanAreaInput');
const UrbanAreaUpdate = UrbanAreaFields.extend({ version: z.number().int().positive() }).refine(periodOk, periodError).openapi('UrbanAreaUpdate');
const Organisation = z
  .object({ id: z.number().int(), name: z.string(), shortName: z.string(), cvr: z.string().nullable(), website: z.string().nullable(), isDemo: z.boolean(), estateCount: z.number().int(), version: z.number().int() })
  .openapi('Organisation');
const OrganisationInput = z
  .object({
    name: z.string().trim().min(1, { error: 'Skriv organisationens navn.' }).max(200),
    shortName: z.string().trim().min(1, { error: 'Skriv en forkortelse.' }).max(30),
    cvr: z.string().regex(/^\d{8}$/, { error: 'CVR-nummeret skal være otte cifre.' }).nullable().default(null),
    website: z.string().url({ error: 'Webstedet skal være en gyldig adresse.' }).nullable().default(null),
  })
  .openapi('OrganisationInput');
const Estate = z
  .object({
    id: z.number().int(),
    organisationId: z.number().int(),
    organisationName: z.string(),
    number: z.number().int(),
    name: z.string(),
    address: z.string(),
    postalCode: z.string(),
    districtId: z.number().int().nullable(),
    districtName: z.string().nullable(),
    urbanAreaId: z.number().int().nullable(),
    urbanAreaName: z.string().nullable(),
    dwellings: z.number().int(),
    residents: z.number().int(),
    isDemo: z.boolean(),
    version: z.number().int(),
  })
  .openapi('Estate');
const EstateInput = z
  .object({
    organisationId: z.number().int().positive(),
    number: z.number().int().min(0, { error: 'Afdelingsnummeret skal være 0 eller derover.' }).max(999_999_999),
    name: z.string().trim().min(1, { error: 'Skriv afdelingens navn.' }).max(200),
    address: z.string().max(200).default(''),
    postalCode: z.string().regex(/^(\d{4})?$/, { error: 'Postnummeret skal være fire cifre.' }).default(''),
    districtId: z.number().int().positive().nullable().default(null),
    urbanAreaId: z.number().int().positive().nullable().default(null),
    dwellings: z.number().int().min(0).max(1_000_000).default(0),
    residents: z.number().int().min(0).max(10_000_000).default(0),
  })
  .openapi('EstateInput');
const version = { version: z.number().int().positive().openapi({ description: 'Den version, klienten så' }) };
const OrganisationUpdate = OrganisationInput.extend(version).openapi('OrganisationUpdate');
const EstateUpdate = EstateInput.extend(version).openapi('EstateUpdate');

const tag = 'Register';
const get = <P extends string, R extends RouteConfig['request'], S extends z.ZodType>(path: P, summary: string, request: R, schema: S) =>
  createRoute({ method: 'get', path, tags: [tag], summary, request, responses: { 200: json(schema, summary), ...errorResponses } });
const post = <P extends string, B extends z.ZodType, S extends z.ZodType>(path: P, summary: string, body: B, schema: S) =>
  createRoute({ method: 'post', path, tags: [tag], summary, request: { body: jsonBody(body) }, responses: { 201: json(schema, 'Oprettet'), ...errorResponses } });
const put = <P extends string, B extends z.ZodType, S extends z.ZodType>(path: P, summary: string, body: B, schema: S) =>
  createRoute({ method: 'put', path, tags: [tag], summary, request: { params: IdParam, body: jsonBody(body) }, responses: { 200: json(schema, 'Opdateret'), ...errorResponses } });
const del = <P extends string>(path: P, summary: string) =>
  createRoute({ method: 'delete', path, tags: [tag], summary, request: { params: IdParam, query: VersionQuery }, responses: { 204: { description: 'Slettet' }, ...errorResponses } });

/** /api/v1 registry: districts, urban-areas, organisations, estates (R16, R18). */
export function registryApi() {
  const api = apiRouter();

  api.openapi(get('/districts', 'Bydele', {}, z.array(District)), async (c) => c.json(await districts.listDistricts(c.get('ctx')), 200));
  api.openapi(get('/districts/{id}', 'Én bydel', { params: IdParam }, District), async (c) =>
    c.json(await districts.getDistrict(c.get('ctx'), c.req.valid('param').id), 200),
  );

  const areaQuery = z.object({ ...PagingQuery, districtId: z.coerce.number().int().positive().optional(), at: isoDate.optional(), q: z.string().max(100).optional() });
  api.openapi(get('/urban-areas', 'Udsatte byområder', { query: areaQuery }, pageOf(UrbanArea, 'UrbanAreaPage')), async (c) =>
    c.json(await districts.listUrbanAreas(c.get('ctx'), c.req.valid('query')), 200),
  );
  api.openapi(get('/urban-areas/{id}', 'Ét byområde', { params: IdParam }, UrbanArea), async (c) =>
    c.json(await districts.getUrbanArea(c.get('ctx'), c.req.valid('param').id), 200),
  );
  api.openapi(post('/urban-areas', 'Opret byområde', UrbanAreaInput, UrbanArea), async (c) =>
    c.json(await districts.createUrbanArea(c.get('ctx'), c.req.valid('json')), 201),
  );
  api.openapi(put('/urban-areas/{id}', 'Ret byområde', UrbanAreaUpdate, UrbanArea), async (c) => {
    const { version, ...input } = c.req.valid('json');
    return c.json(await districts.updateUrbanArea(c.get('ctx'), c.req.valid('param').id, version, input), 200);
  });
  api.openapi(del('/urban-areas/{id}', 'Slet byområde'), async (c) => {
    await districts.deleteUrbanArea(c.get('ctx'), c.req.valid('param').id, c.req.valid('query').version);
    return c.body(null, 204);
  });

  const orgQuery = z.object({ ...PagingQuery, q: z.string().max(100).optional(), sort: z.enum(['name', 'shortName', 'estates']).optional(), dir: z.enum(['asc', 'desc']).optional() });
  api.openapi(get('/organisations', 'Boligorganisationer', { query: orgQuery }, pageOf(Organisation, 'OrganisationPage')), async (c) =>
    c.json(await orgs.listOrganisations(c.get('ctx'), c.req.valid('query')), 200),
  );
  api.openapi(get('/organisations/{id}', 'Én boligorganisation', { params: IdParam }, Organisation), async (c) =>
    c.json(await orgs.getOrganisation(c.get('ctx'), c.req.valid('param').id), 200),
  );
  api.openapi(post('/organisations', 'Opret boligorganisation', OrganisationInput, Organisation), async (c) =>
    c.json(await orgs.createOrganisation(c.get('ctx'), c.req.valid('json')), 201),
  );
  api.openapi(put('/organisations/{id}', 'Ret boligorganisation', OrganisationUpdate, Organisation), async (c) => {
    const { version, ...input } = c.req.valid('json');
    return c.json(await orgs.updateOrganisation(c.get('ctx'), c.req.valid('param').id, version, input), 200);
  });
  api.openapi(del('/organisations/{id}', 'Slet boligorganisation'), async (c) => {
    await orgs.deleteOrganisation(c.get('ctx'), c.req.valid('param').id, c.req.valid('query').version);
    return c.body(null, 204);
  });

  const estateQuery = z.object({
    ...PagingQuery,
    q: z.string().max(100).optional(),
    organisationId: z.coerce.number().int().positive().optional(),
    districtId: z.coerce.number().int().positive().optional(),
    urbanAreaId: z.coerce.number().int().positive().optional(),
    sort: z.enum(estates.estateSorts).optional(),
    dir: z.enum(['asc', 'desc']).optional(),
  });
  api.openapi(get('/estates', 'Boligafdelinger', { query: estateQuery }, pageOf(Estate, 'EstatePage')), async (c) =>
    c.json(await estates.listEstates(c.get('ctx'), c.req.valid('query')), 200),
  );
  api.openapi(get('/estates/{id}', 'Én boligafdeling', { params: IdParam }, Estate), async (c) =>
    c.json(await estates.getEstate(c.get('ctx'), c.req.valid('param').id), 200),
  );
  api.openapi(post('/estates', 'Opret boligafdeling', EstateInput, Estate), async (c) =>
    c.json(await estates.createEstate(c.get('ctx'), c.req.valid('json')), 201),
  );
  api.openapi(put('/estates/{id}', 'Ret boligafdeling', EstateUpdate, Estate), async (c) => {
    const { version, ...input } = c.req.valid('json');
    return c.json(await estates.updateEstate(c.get('ctx'), c.req.valid('param').id, version, input), 200);
  });
  api.openapi(del('/estates/{id}', 'Slet boligafdeling'), async (c) => {
    await estates.deleteEstate(c.get('ctx'), c.req.valid('param').id, c.req.valid('query').version);
    return c.body(null, 204);
  });
  return api;
}
