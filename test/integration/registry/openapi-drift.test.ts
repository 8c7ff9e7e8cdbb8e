import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';

const committed = new URL('../../../docs/openapi.json', import.meta.url);

describeDb('OpenAPI document drift', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('the served /api/openapi.json is the committed docs/openapi.json', async () => {
    const served = await (await t.request('/api/openapi.json')).json();
    const file = JSON.parse(readFileSync(committed, 'utf8'));
    expect(served, 'docs/openapi.json is out of date with the code: run `npm run openapi` and commit the result').toEqual(file);
  });
});
