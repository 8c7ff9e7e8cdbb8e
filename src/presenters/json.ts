import { z } from '@hono/zod-openapi';

/** Any JSON value, described as such in the OpenAPI document (for a stored row's fields and a version's changes). */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export const JsonValue: z.ZodType<Json> = z
  .lazy(() => z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(JsonValue), z.record(z.string(), JsonValue)]))
  .openapi('JsonValue', { description: 'En JSON-værdi: tekst, tal, sand/falsk, null, en liste eller et objekt' });
