import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.ts';
import { PORTAL_PLANS } from '../../../src/web/portal/index.tsx';
import { describeDb } from '../../support/db.ts';
import { makeOrganisation } from '../../support/factories.ts';
import { planWithBudget } from '../money/support.ts';

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

  it('R5 shows the largest plans when there are many, and links to every plan’s economy', async () => {
    const before = await (await t.request('/')).text();
    expect(before).not.toContain('id="portal-frames-more"');
    // Many active plans with budgets, each a little larger than the one before, all far larger than the demo's.
    const org = (await makeOrganisation(t.db)).id;
    for (let i = 1; i <= PORTAL_PLANS + 3; i++) {
      const p = await planWithBudget(t.db, { organisationIds: [org], state: 'active', frameKr: 100_000_000 + i * 1_000_000 });
      await t.db
        .updateTable('plan')
        .set({ name: `Stor plan ${String(i).padStart(2, '0')}` })
        .where('id', '=', p.plan.id)
        .execute();
    }
    const html = await (await t.request('/')).text();
    const chart = html.slice(html.indexOf('id="chart-frames"'), html.indexOf('</figure>', html.indexOf('id="chart-frames"')));
    expect((chart.match(/>Stor plan \d\d</g) ?? []).length).toBe(PORTAL_PLANS);
    // The largest first; the smallest copies and the demo's own plans are left to the economy page.
    expect(chart).toContain('Stor plan 15');
    expect(chart).toContain('Stor plan 04');
    expect(chart).not.toContain('Stor plan 03');
    expect(html).toContain(`Diagrammet viser de ${PORTAL_PLANS} planer med den største ramme`);
    expect(html).toContain('href="/oekonomi"');
  });
});
