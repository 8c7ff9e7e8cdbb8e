import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';

describeDb('The public portal on the front page (R5, R1)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ demo: true });
  });
  afterAll(() => t.close());

  it('R5 draws the public plans money as SVG charts with a title and a table alternative, without JavaScript', async () => {
    const html = await (await t.request('/')).text();
    expect(html).toContain('Planerne i tal');
    const chart = html.slice(html.indexOf('id="chart-frames"'), html.indexOf('</figure>', html.indexOf('id="chart-frames"')));
    expect(chart).toContain('role="img"');
    expect(chart).toContain('<title id="chart-frames-title">');
    expect((chart.match(/<rect /g) ?? []).length).toBeGreaterThan(4);
    expect(html).toContain('id="portal-frames-table"');
    // A draft plan is nobody's business but its parties': not in the public chart or table.
    const draft = await t.db.selectFrom('plan').select('name').where('state', '=', 'draft').executeTakeFirstOrThrow();
    const portal = html.slice(html.indexOf('id="portal-heading"'));
    expect(portal).not.toContain(draft.name);
  });
});
