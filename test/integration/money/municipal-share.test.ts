import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';
import { makeOrganisation, makePlan } from '../../support/factories.ts';

describeDb('R1 the municipality’s share of a plan’s frame', () => {
  let t: TestApp;
  let party: Session;
  let tmf: Session;
  let org: number;
  const form = (municipal: string, other: string) => ({
    version: '0',
    frame: '1.000.000',
    'line-0-name': 'Personale',
    'line-0-kind': 'staff',
    'line-0-y2023': '1.000.000',
    'funder-0-kind': 'lbf',
    'funder-0-amount': '750.000',
    'funder-1-kind': 'municipality',
    'funder-1-amount': municipal,
    'funder-2-kind': 'other',
    'funder-2-name': 'Fond',
    'funder-2-amount': other,
  });

  beforeAll(async () => {
    t = await createTestApp();
    org = (await makeOrganisation(t.db)).id;
    party = await t.as([{ role: 'organisation', organisationId: org }], 'Part');
    tmf = await t.as([{ role: 'municipal', administration: 'TMF' }], 'Tina Teknik');
  });
  afterAll(() => t.close());

  it('R1 a budget with the municipality above 12,5 % cannot be saved; the message names the rule and the amounts, without rule codes', async () => {
    const { plan } = await makePlan(t.db, { organisationIds: [org] });
    const res = await t.request(`/planer/${plan.id}/oekonomi/budget`, { session: party, form: form('150.000', '100.000') });
    expect(res.status).toBe(400);
    const html = (await res.text()).replace(/&#39;|&quot;/g, '');
    expect(html).toContain(
      'Kommunen betaler højst 12,50 % af planens samlede ramme (125.000,00 kr. af 1.000.000,00 kr.). Budgettet lader kommunen betale 150.000,00 kr. = 15,00 %, 25.000,00 kr. for meget.',
    );
    expect(await t.db.selectFrom('budget').select('plan_id').where('plan_id', '=', plan.id).executeTakeFirst()).toBeUndefined();
    const api = await t.request(`/api/v1/plans/${plan.id}/budget`, {
      method: 'PUT',
      session: party,
      json: {
        version: 0,
        frameOre: 100_000,
        lines: [{ name: 'A', kind: 'staff', perYear: { '2023': 100_000 } }],
        funders: [
          { kind: 'lbf', name: 'LBF', amountOre: 75_000 },
          { kind: 'municipality', name: 'Kbh', amountOre: 25_000 },
        ],
      },
    });
    expect(api.status).toBe(400);
    expect(JSON.stringify(await api.json())).toContain('Kommunen betaler højst 12,50 %');
  });

  it("R1 a saved budget carries Copenhagen's split of its share, shown with the rule, and the overview sums it", async () => {
    const { plan } = await makePlan(t.db, { organisationIds: [org] });
    const res = await t.request(`/planer/${plan.id}/oekonomi/budget`, { session: party, form: form('125.000', '125.000') });
    expect(res.status, await res.clone().text()).toBe(303);
    const b = await t.db
      .selectFrom('budget')
      .select(['municipal_contracted_ore', 'municipal_facilitation_ore'])
      .where('plan_id', '=', plan.id)
      .executeTakeFirstOrThrow();
    expect(b).toEqual({ municipal_contracted_ore: 106_000_00, municipal_facilitation_ore: 19_000_00 });
    const page = await (await t.request(`/planer/${plan.id}/oekonomi/budget`, { session: party })).text();
    expect(page).toContain('Kommunen betaler højst 12,50 % af planens samlede ramme');
    expect(page).toContain('kontraktstyret arbejde (10,60 % af rammen) og facilitering (1,90 %)');
    const overview = await (await t.request('/api/v1/finance/overview', { session: tmf })).json();
    expect(overview.totals.contractedOre).toBeGreaterThanOrEqual(106_000_00);
    expect(overview.totals.facilitationOre).toBeGreaterThanOrEqual(19_000_00);
  });
});
