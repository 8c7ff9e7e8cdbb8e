import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import * as districts from '../services/districts.ts';
import * as estates from '../services/estates.ts';
import * as orgs from '../services/organisations.ts';
import { date } from '../contracts/fields.ts';
import { estateContract, organisationContract, urbanAreaFields, withPeriod } from '../contracts/registry.ts';
import { apiRouter, errorResponses, IdParam, json, jsonBody, PagingQuery, pageOf, VersionQuery, z } from './openapi.ts';

const District = z
  .object({
    id: z.number().int(),
    number: z.number().int(),
    name: z.string(),
    areaM2: z.number().nullable(),
    estateCount: z.number().int(),
    residents: z.number().int(),
    version: z.number().int(),
  })
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
const isoDate = date('datoen');
const UrbanAreaFields = urbanAreaFields.clone();
const UrbanAreaInput = withPeriod(UrbanAreaFields).openapi('UrbanAreaInput');
const UrbanAreaUpdate = withPeriod(UrbanAreaFields.extend({ version: z.number().int().positive() })).openapi('UrbanAreaUpdate');
const Organisation = z
  .object({
    id: z.number().int(),
    name: z.string(),
    shortName: z.string(),
    cvr: z.string().nullable(),
    website: z.string().nullable(),
    isDemo: z.boolean(),
    estateCount: z.number().int(),
    version: z.number().int(),
  })
  .openapi('Organisation');
const OrganisationInput = organisationContract.clone().openapi('OrganisationInput');
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
const EstateInput = estateContract.clone().openapi('EstateInput');
const version = { version: z.number().int().positive().openapi({ description: 'Den version, klienten så' }) };
const OrganisationUpdate = OrganisationInput.extend(version).openapi('OrganisationUpdate');
const EstateUpdate = EstateInput.extend(version).openapi('EstateUpdate');

const tag = 'Register';
const get = <P extends string, R extends RouteConfig['request'], S extends z.ZodType>(path: P, summary: string, request: R, schema: S) =>
  createRoute({ method: 'get', path, tags: [tag], summary, request, responses: { 200: json(schema, summary), ...errorResponses } });
const post = <P extends string, B extends z.ZodType, S extends z.ZodType>(path: P, summary: string, body: B, schema: S) =>
  createRoute({
    method: 'post',
    path,
    tags: [tag],
    summary,
    request: { body: jsonBody(body) },
    responses: { 201: json(schema, 'Oprettet'), ...errorResponses },
  });
const put = <P extends string, B extends z.ZodType, S extends z.ZodType>(path: P, summary: string, body: B, schema: S) =>
  createRoute({
    method: 'put',
    path,
    tags: [tag],
    summary,
    request: { params: IdParam, body: jsonBody(body) },
    responses: { 200: json(schema, 'Opdateret'), ...errorResponses },
  });
const del = <P extends string>(path: P, summary: string) =>
  createRoute({
    method: 'delete',
    path,
    tags: [tag],
    summary,
    request: { params: IdParam, query: VersionQuery },
    responses: { 204: { description: 'Slettet' }, ...errorResponses },
  });

/** /api/v1 registry: districts, urban-areas, organisations, estates (R16, R18). */
export function registryApi() {
  const api = apiRouter();

  api.openapi(get('/districts', 'Bydele', {}, z.array(District)), async (c) => c.json(await districts.listDistricts(c.get('ctx')), 200));
  api.openapi(get('/districts/{id}', 'Én bydel', { params: IdParam }, District), async (c) =>
    c.json(await districts.getDistrict(c.get('ctx'), c.req.valid('param').id), 200),
  );

  const areaQuery = z.object({
    ...PagingQuery,
    districtId: z.coerce.number().int().positive().optional(),
    at: isoDate.optional(),
    q: z.string().max(100).optional(),
  });
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

  const orgQuery = z.object({
    ...PagingQuery,
    q: z.string().max(100).optional(),
    sort: z.enum(['name', 'shortName', 'estates']).optional(),
    dir: z.enum(['asc', 'desc']).optional(),
  });
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
