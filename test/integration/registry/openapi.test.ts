import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';

describeDb('OpenAPI document', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('validates as OpenAPI 3.1 and lists every /api/v1 route', async () => {
    const res = await t.request('/api/openapi.json');
    const doc = await res.json();
    expect(doc.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const documented = new Set(
      Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} /api/v1${p.replace(/\{(\w+)\}/g, ':$1')}`),
      ),
    );
    const served = t.app.routes.filter((r) => r.path.startsWith('/api/v1/') && r.method !== 'ALL').map((r) => `${r.method} ${r.path}`);
    expect(served.length).toBeGreaterThan(10);
    expect(served.filter((r) => !documented.has(r))).toEqual([]);
  });

  it('serves a readable docs page', async () => {
    const html = await (await t.request('/api/docs')).text();
    expect(html).toContain('/api/v1/estates');
    expect(html).toContain('Helhed API');
  });
});
