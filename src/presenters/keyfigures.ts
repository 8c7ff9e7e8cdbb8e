import { z } from '@hono/zod-openapi';
import type { VulnerableAreaRule } from '../domain/keyfigures/city-comparison.ts';
import type { ImportDetail, ImportSummary } from '../services/keyfigures/import.ts';
import type { OpenRow } from '../services/keyfigures/opendata.ts';
import { iso, isoOrNull, only, personName } from './people.ts';

const int = () => z.number().int();
const Ratios = z
  .record(z.string(), z.object({ numerator: z.number(), denominator: z.number() }))
  .openapi({ description: 'Variabel → tæller og nævner' });

export const ImportSummarySchema = z
  .object({
    id: int(),
    year: int(),
    fileName: z.string(),
    fileKind: z.enum(['csv', 'xlsx']),
    status: z.enum(['preview', 'imported', 'replaced', 'discarded']),
    uploadedBy: z.string().openapi({ description: 'Navnet på den, der indlæste filen' }),
    uploadedAt: z.string(),
    importedAt: z.string().nullable(),
    rowCount: int(),
    errorCount: int(),
    regionIncomeOre: int().nullable(),
    nationalConvictionRate: z.string().nullable(),
    version: int(),
  })
  .openapi('KeyFigureImportSummary', { description: 'En indlæsnings proveniens' });

export const presentImportSummary = (s: ImportSummary): z.infer<typeof ImportSummarySchema> =>
  only(ImportSummarySchema, {
    id: s.id,
    year: s.year,
    fileName: s.fileName,
    fileKind: s.fileKind,
    status: s.status,
    uploadedBy: personName(s.uploadedBy),
    uploadedAt: iso(s.uploadedAt),
    importedAt: isoOrNull(s.importedAt),
    rowCount: s.rowCount,
    errorCount: s.errorCount,
    regionIncomeOre: s.regionIncomeOre,
    nationalConvictionRate: s.nationalConvictionRate,
    version: s.version,
  });

export const ImportDetailSchema = ImportSummarySchema.extend({
  municipality: z.object({ residents: z.number(), ratios: Ratios }).nullable(),
  rows: z.array(z.object({ line: int(), estateId: int(), estateLabel: z.string(), residents: z.number(), ratios: Ratios })),
  errors: z.array(z.object({ line: int(), message: z.string() })),
  replaces: ImportSummarySchema.nullable(),
  replacement: z
    .object({
      year: int(),
      before: z.object({ estates: int(), residents: int() }),
      after: z.object({ estates: int(), residents: int() }),
    })
    .nullable()
    .openapi({ description: 'R18: årets tal nu og efter gemningen; gemningen kræver confirmReplace, når den ikke er null' }),
}).openapi('KeyFigureImport', { description: 'Indlæsningen med proveniens, gyldige rækker og fejl pr. række (dansk)' });

export const presentImport = (d: ImportDetail): z.infer<typeof ImportDetailSchema> =>
  only(ImportDetailSchema, {
    ...presentImportSummary(d),
    municipality: d.municipality,
    rows: d.rows,
    errors: d.errors,
    replaces: d.replaces ? presentImportSummary(d.replaces) : null,
    replacement: d.replacement,
  });

const Ratio = z.object({ numerator: z.number().nullable(), denominator: z.number().nullable(), value: z.string().nullable() }).nullable();
export const OpenDataRowSchema = z
  .object({
    year: int(),
    level: z.enum(['city', 'district', 'area', 'estate']),
    key: z.string(),
    name: z.string(),
    estates: int(),
    residents: int().nullable(),
    variables: z.record(z.string(), Ratio),
  })
  .openapi('OpenDataRow', { description: 'Tæller, nævner og værdi pr. variabel; null = skjult (diskretion) eller ikke opgjort' });

export const presentOpenRow = (r: OpenRow): z.infer<typeof OpenDataRowSchema> =>
  only(OpenDataRowSchema, { ...r, variables: { ...r.variables } });

export const DesignationRuleSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    indicators: z.array(z.string()),
    minDeviating: int(),
    deviation: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('relative'), percent: z.string() }),
      z.object({ kind: z.literal('points'), points: z.string() }),
    ]),
  })
  .openapi('DesignationRule', { description: 'Udpegningsreglen: indikatorerne, hvor mange der skal afvige, og hvor meget' });

export const presentRule = (r: VulnerableAreaRule): z.infer<typeof DesignationRuleSchema> =>
  only(DesignationRuleSchema, {
    id: r.id,
    name: r.name,
    indicators: [...r.indicators],
    minDeviating: r.minDeviating,
    deviation: { ...r.deviation },
  });
