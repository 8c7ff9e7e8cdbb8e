import type { Context } from 'hono';
import { confirmImport, getImport, uploadStatistics } from '../services/keyfigures/import.ts';
import { listReferenceYears, reproduceListYear } from '../services/keyfigures/lists.ts';
import { OPEN_LEVELS, openDataRows, unitVariables } from '../services/keyfigures/opendata.ts';
import { designation, figureYears, loadYear, nationalCriteria, type ReadOptions } from '../services/keyfigures/read.ts';
import { getSettings, updateOriginDefinition, updateSettings } from '../services/keyfigures/settings.ts';
import { evaluateListAreas, listStatusOfYear, type ListStatus } from '../services/keyfigures/list-areas.ts';
import { NotFound } from '../errors.ts';
import type { AppEnv } from '../app-env.ts';
import {
  DesignationRuleSchema,
  ImportDetailSchema,
  ImportSummarySchema,
  OpenDataRowSchema,
  presentImport,
  presentImportSummary,
  presentOpenRow,
  presentRule,
} from '../presenters/keyfigures.ts';
import { apiRouter, IdParam, json, jsonBody, routesFor, z } from './openapi.ts';
import { originContract, settingsContract } from '../contracts/keyfigures.ts';

const tag = 'Nøgletal';
const opts = (c: Context<AppEnv>): ReadOptions => ({ defaultThreshold: c.get('deps').config.suppressionThreshold });
const YearParam = z.object({
  year: z.coerce
    .number()
    .int()
    .min(1990)
    .max(2100)
    .openapi({ param: { name: 'year', in: 'path' }, example: 2024 }),
});
const LevelQuery = z.object({
  level: z.enum(['city', 'district', 'area', 'estate']).optional().openapi({ description: 'Niveau: by, bydel, byområde eller afdeling' }),
});
const OpenLevelQuery = z.object({ level: z.enum(OPEN_LEVELS).optional() });

const Ratio = z.object({ numerator: z.number().nullable(), denominator: z.number().nullable(), value: z.string().nullable() }).nullable();
const FigureRow = z
  .object({
    key: z.string(),
    level: z.enum(['city', 'district', 'area', 'estate']),
    name: z.string(),
    parent: z
      .string()
      .nullable()
      .openapi({ description: 'Nøglen til det område, enheden er en del af (by → bydel → byområde → afdeling)' }),
    refId: z.number().int().nullable(),
    estates: z.number().int(),
    residents: z.number().int().nullable(),
    variables: z.record(z.string(), Ratio),
  })
  .openapi('KeyFigureUnit', { description: 'Tæller, nævner og værdi pr. variabel; null = skjult (diskretion) eller ikke opgjort' });
const Figures = z
  .object({
    year: z.number().int(),
    suppressed: z.boolean(),
    suppressionThreshold: z.number().int(),
    source: ImportSummarySchema.nullable(),
    units: z.array(FigureRow),
  })
  .openapi('KeyFigures');
const OpenRow = OpenDataRowSchema;
const Settings = z
  .object({
    rule: DesignationRuleSchema,
    ruleText: z.string(),
    suppressionThreshold: z.number().int().nullable(),
    originDefinition: z.object({ id: z.enum(['law', 'omit']), label: z.string() }),
    version: z.number().int(),
  })
  .openapi('KeyFigureSettings');
const OriginInput = originContract.extend({ version: z.number().int().positive() }).openapi('KeyFigureOriginInput');
/** R20 — the origin definition a result was computed with. */
const OriginUsed = z
  .object({ kind: z.enum(['apply', 'omit', 'replace']), text: z.string() })
  .openapi('OriginDefinitionUsed', { description: 'Den oprindelsesdefinition, resultatet er beregnet med (C-417/23)' });
const PublishedStatus = z
  .object({
    area: z.string(),
    list: z.string(),
    onList: z.boolean(),
    inferred: z.boolean(),
    evidence: z.string(),
    sourceUrl: z.string(),
  })
  .openapi('PublishedListStatus', { description: 'Offentliggjort status på listerne (2018–2023) med kilde' });
const statusOut = (s: ListStatus) => ({
  area: s.area,
  list: s.list,
  onList: s.onList,
  inferred: s.inferred,
  evidence: s.evidence,
  sourceUrl: s.sourceUrl,
});
const SettingsInput = settingsContract.extend({ version: z.number().int().positive() }).openapi('KeyFigureSettingsInput');
const ImportInput = z
  .object({
    year: z.number().int().min(1990).max(2100),
    fileName: z.string().trim().min(1).max(200).default('api.csv'),
    csv: z.string().min(1, { error: 'CSV-teksten mangler.' }).max(20_000_000),
    regionIncomeKr: z.number().int().positive().nullable().default(null),
    nationalConvictionRate: z
      .string()
      .regex(/^\d{1,2}(\.\d{1,4})?$/, { error: 'Skriv procenten med punktum, fx "0.95".' })
      .nullable()
      .default(null),
  })
  .openapi('KeyFigureImportInput');
const ImportDetail = ImportDetailSchema;

const { ok: route, created } = routesFor(tag);

/** /api/v1/keyfigures — figures, aggregates, designation and criteria results (R18, R20). */
export function keyfiguresApi() {
  const api = apiRouter();
  api.openapi(
    route(
      'get',
      '/keyfigures/years',
      'År med indlæst statistik og listeår med referencedata',
      {},
      z.object({
        years: z.array(z.number().int()),
        listYears: z.array(z.object({ year: z.number().int(), areas: z.number().int(), onList: z.number().int() })),
      }),
    ),
    async (c) => c.json({ years: await figureYears(c.get('ctx')), listYears: await listReferenceYears(c.get('ctx')) }, 200),
  );
  api.openapi(
    route(
      'get',
      '/keyfigures/{year}/figures',
      'Nøgletal pr. by, bydel, byområde og afdeling (små tal skjult for den, der ikke må se dem)',
      { params: YearParam, query: LevelQuery },
      Figures,
    ),
    async (c) => {
      const { year } = c.req.valid('param');
      const { level } = c.req.valid('query');
      const y = await loadYear(c.get('ctx'), year, opts(c));
      if (!y.units.size) throw new NotFound(`Der er ingen nøgletal for ${year}.`);
      const units = [...y.units.values()]
        .filter((f) => !level || f.unit.level === level)
        .map((f) => {
          const variables: Record<string, z.infer<typeof Ratio>> = unitVariables(f, () => 2);
          return {
            key: f.unit.key,
            level: f.unit.level,
            name: f.unit.name,
            parent: f.unit.parent ?? null,
            refId: f.unit.refId,
            estates: f.estates,
            residents: f.residents,
            variables,
          };
        });
      return c.json(
        {
          year,
          suppressed: y.suppressed,
          suppressionThreshold: y.threshold,
          source: y.source ? presentImportSummary(y.source) : null,
          units,
        },
        200,
      );
    },
  );
  api.openapi(
    route(
      'get',
      '/keyfigures/{year}/open-data',
      'Åbne data: de offentliggjorte, aggregerede tal (altid med diskretion)',
      { params: YearParam, query: OpenLevelQuery },
      z.object({ year: z.number().int(), suppressionThreshold: z.number().int(), rows: z.array(OpenRow) }),
    ),
    async (c) => {
      const { year } = c.req.valid('param');
      const { level } = c.req.valid('query');
      const { rows, threshold } = await openDataRows(c.get('ctx'), year, level ? [level] : OPEN_LEVELS, opts(c));
      if (!rows.length) throw new NotFound(`Der er ingen nøgletal for ${year}.`);
      return c.json({ year, suppressionThreshold: threshold, rows: rows.map(presentOpenRow) }, 200);
    },
  );
  api.openapi(
    route(
      'get',
      '/keyfigures/{year}/designations',
      'Udpegning af udsatte byområder efter den gemte regel, med reglen',
      { params: YearParam },
      z.object({
        year: z.number().int(),
        rule: z.string(),
        results: z.array(
          z.object({
            key: z.string(),
            name: z.string(),
            level: z.string(),
            verdict: z.enum(['yes', 'no', 'undecided']),
            deviating: z.array(z.string()),
            explanation: z.string(),
          }),
        ),
      }),
    ),
    async (c) => {
      const { year } = c.req.valid('param');
      const [y, s] = await Promise.all([loadYear(c.get('ctx'), year, opts(c)), getSettings(c.get('ctx'))]);
      if (!y.units.size) throw new NotFound(`Der er ingen nøgletal for ${year}.`);
      const results = [...y.units.values()]
        .filter((f) => f.unit.level === 'district' || (f.unit.level === 'area' && f.unit.key.startsWith('a')))
        .flatMap((f) => {
          const r = designation(y, f.unit.key, s.rule);
          return r
            ? [
                {
                  key: f.unit.key,
                  name: f.unit.name,
                  level: f.unit.level,
                  verdict: r.verdict,
                  deviating: [...r.deviating],
                  explanation: r.explanation,
                },
              ]
            : [];
        });
      return c.json({ year, rule: s.ruleText, results }, 200);
    },
  );
  const Criterion = z.object({ id: z.string(), outcome: z.string(), explanation: z.string() });
  const Designation = z.object({ id: z.string(), label: z.string(), verdict: z.string(), explanation: z.string() });
  api.openapi(
    route(
      'get',
      '/keyfigures/{year}/criteria',
      'De nationale kriterier for listeåret, beregnet pr. udsat byområde af den indlæste statistik',
      { params: YearParam },
      z.object({
        year: z.number().int(),
        criteriaSet: z.string(),
        rule: z.string(),
        originDefinition: z.object({ id: z.enum(['law', 'omit']), label: z.string() }),
        results: z.array(
          z.object({
            key: z.string(),
            name: z.string(),
            verdict: z.string(),
            residents: z.string(),
            origin: OriginUsed,
            criteria: z.array(Criterion),
            designations: z.array(Designation),
          }),
        ),
      }),
    ),
    async (c) => {
      const { year } = c.req.valid('param');
      const [y, s] = await Promise.all([loadYear(c.get('ctx'), year, opts(c)), getSettings(c.get('ctx'))]);
      const n = nationalCriteria(y);
      if (!y.units.size || !n) throw new NotFound(`Der er ingen nøgletal eller kriterier for ${year}.`);
      return c.json(
        {
          year,
          criteriaSet: n.set.id,
          rule: n.results[0]?.evaluation.ruleText ?? '',
          originDefinition: s.origin,
          results: n.results.map((r) => ({
            key: r.unit.key,
            name: r.unit.name,
            verdict: r.verdict,
            residents: r.evaluation.residents.explanation,
            origin: r.evaluation.origin,
            criteria: r.evaluation.criteria.map((x) => ({ id: x.criterion.id, outcome: x.outcome, explanation: x.explanation })),
            designations: r.evaluation.designations.map((d) => ({
              id: d.id,
              label: d.label,
              verdict: d.verdict,
              explanation: d.explanation,
            })),
          })),
        },
        200,
      );
    },
  );
  api.openapi(
    route(
      'get',
      '/keyfigures/lists/{year}',
      'Genberegning af en offentliggjort liste (2010–2017) med de opfyldte kriterier forklaret',
      { params: YearParam },
      z.object({
        year: z.number().int(),
        criteriaSet: z.string(),
        rule: z.string(),
        areas: z.array(
          z.object({
            area: z.string(),
            published: z.boolean(),
            computed: z.string(),
            agrees: z.boolean().nullable(),
            distrusted: z.array(z.string()),
            origin: OriginUsed,
            criteria: z.array(Criterion),
          }),
        ),
      }),
    ),
    async (c) => {
      const { year } = c.req.valid('param');
      const l = await reproduceListYear(c.get('ctx'), year);
      if (!l) throw new NotFound(`Der er ingen referenceliste for ${year}.`);
      return c.json(
        {
          year,
          criteriaSet: l.setId,
          rule: l.ruleText,
          areas: l.rows.map((r) => ({
            area: r.row.area,
            published: r.row.onList,
            computed: r.verdict,
            agrees: r.agrees ?? null,
            distrusted: r.distrusted,
            origin: r.evaluation.origin,
            criteria: r.evaluation.criteria.map((x) => ({ id: x.criterion.id, outcome: x.outcome, explanation: x.explanation })),
          })),
        },
        200,
      );
    },
  );
  api.openapi(
    route(
      'get',
      '/keyfigures/{year}/list-areas',
      'De landsdækkende listeområder (sammenhængende afdelinger med mindst 1.000 beboere) beregnet efter listeårets kriterier, med den offentliggjorte status ved siden af',
      { params: YearParam },
      z.object({
        year: z.number().int(),
        criteriaSet: z.string().nullable(),
        originDefinition: z.object({ id: z.enum(['law', 'omit']), label: z.string() }),
        publishedStatus: z.array(PublishedStatus),
        areas: z.array(
          z.object({
            id: z.number().int(),
            name: z.string(),
            isDemo: z.boolean(),
            sourceUrl: z.string().nullable(),
            estates: z.array(z.object({ id: z.number().int(), name: z.string(), organisation: z.string() })),
            missing: z.array(z.string()),
            residents: z.number().int().nullable(),
            verdict: z.string().nullable(),
            hidden: z.string().nullable(),
            origin: OriginUsed.nullable(),
            criteria: z.array(Criterion),
            designations: z.array(Designation),
            published: PublishedStatus.nullable(),
          }),
        ),
      }),
    ),
    async (c) => {
      const { year } = c.req.valid('param');
      const ctx = c.get('ctx');
      const [y, s] = await Promise.all([loadYear(ctx, year, opts(c)), getSettings(ctx)]);
      if (!y.units.size) throw new NotFound(`Der er ingen nøgletal for ${year}.`);
      const r = await evaluateListAreas(ctx, y);
      return c.json(
        {
          year,
          criteriaSet: r.set?.id ?? null,
          originDefinition: s.origin,
          publishedStatus: r.statuses.map(statusOut),
          areas: r.results.map((a) => ({
            id: a.id,
            name: a.name,
            isDemo: a.isDemo,
            sourceUrl: a.sourceUrl,
            estates: a.estates,
            missing: a.missing,
            residents: a.residents,
            verdict: a.verdict ?? null,
            hidden: a.hidden ?? null,
            origin: a.evaluation?.origin ?? null,
            criteria: (a.evaluation?.criteria ?? []).map((x) => ({ id: x.criterion.id, outcome: x.outcome, explanation: x.explanation })),
            designations: (a.evaluation?.designations ?? []).map((d) => ({
              id: d.id,
              label: d.label,
              verdict: d.verdict,
              explanation: d.explanation,
            })),
            published: a.published ? statusOut(a.published) : null,
          })),
        },
        200,
      );
    },
  );
  api.openapi(
    route(
      'get',
      '/keyfigures/list-status/{year}',
      'Den offentliggjorte status for københavnske områder på listerne 2018–2023, med kilde pr. række',
      { params: YearParam },
      z.object({ year: z.number().int(), areas: z.array(PublishedStatus) }),
    ),
    async (c) => {
      const { year } = c.req.valid('param');
      const rows = await listStatusOfYear(c.get('ctx'), year);
      if (rows.length === 0) throw new NotFound(`Der er ingen offentliggjort status for ${year}.`);
      return c.json({ year, areas: rows.map(statusOut) }, 200);
    },
  );
  const settingsOut = (s: Awaited<ReturnType<typeof getSettings>>) => ({
    rule: presentRule(s.rule),
    ruleText: s.ruleText,
    suppressionThreshold: s.threshold,
    originDefinition: s.origin,
    version: s.version,
  });
  api.openapi(route('get', '/keyfigures/settings', 'Udpegningsreglen og diskretionsgrænsen', {}, Settings), async (c) =>
    c.json(settingsOut(await getSettings(c.get('ctx'))), 200),
  );
  api.openapi(
    route(
      'put',
      '/keyfigures/settings',
      'Ret udpegningsreglen og diskretionsgrænsen (administrator, sekretariat)',
      { body: jsonBody(SettingsInput) },
      Settings,
    ),
    async (c) => {
      const b = c.req.valid('json');
      const s = await updateSettings(c.get('ctx'), b.version, {
        name: b.name,
        indicators: b.indicators,
        minDeviating: b.minDeviating,
        deviationKind: b.deviation.kind,
        deviation: b.deviation.amount,
        threshold: b.suppressionThreshold,
      });
      return c.json(settingsOut(s), 200);
    },
  );
  api.openapi(
    route(
      'put',
      '/keyfigures/settings/origin',
      'Skift oprindelsesdefinitionen for de nationale kriterier (C-417/23; administrator, sekretariat)',
      { body: jsonBody(OriginInput) },
      Settings,
    ),
    async (c) => {
      const b = c.req.valid('json');
      return c.json(settingsOut(await updateOriginDefinition(c.get('ctx'), b.version, b.originDefinition)), 200);
    },
  );
  api.openapi(
    created(
      'post',
      '/keyfigures/imports',
      'Indlæs statistik (CSV-tekst) til gennemsyn: rækker og fejl pr. række; intet gemmes endnu',
      { body: jsonBody(ImportInput) },
      ImportDetail,
    ),
    async (c) => {
      const b = c.req.valid('json');
      const id = await uploadStatistics(c.get('ctx'), {
        year: b.year,
        fileName: b.fileName,
        data: b.csv,
        regionIncomeKr: b.regionIncomeKr,
        nationalConvictionRate: b.nationalConvictionRate,
      });
      return c.json(presentImport(await getImport(c.get('ctx'), id)), 201);
    },
  );
  api.openapi(
    route('get', '/keyfigures/imports/{id}', 'En indlæsning med proveniens og fejl', { params: IdParam }, ImportDetail),
    async (c) => c.json(presentImport(await getImport(c.get('ctx'), c.req.valid('param').id)), 200),
  );
  api.openapi(
    route(
      'post',
      '/keyfigures/imports/{id}/confirm',
      'Gem en gennemset indlæsning (alt eller intet); findes årets tal, erstattes de kun med confirmReplace (ellers 409)',
      {
        params: IdParam,
        body: jsonBody(
          z.object({
            version: z.number().int().positive(),
            confirmReplace: z.boolean().default(false).openapi({
              description:
                'R18: bekræfter, at årets eksisterende tal erstattes; uden svarer API’et 409 med det, der erstattes (current.replaces)',
            }),
          }),
        ),
      },
      z.object({ year: z.number().int(), rows: z.number().int() }),
    ),
    async (c) => {
      const b = c.req.valid('json');
      return c.json(await confirmImport(c.get('ctx'), c.req.valid('param').id, b.version, { confirmReplace: b.confirmReplace }), 200);
    },
  );
  return api;
}
