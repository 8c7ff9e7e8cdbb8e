import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';
import { makeOrganisation } from '../../support/factories.ts';
import { planWithBudget } from './support.ts';

/** An amount ends in "kr.", which also ends its sentence: the pages never show "kr..". */
describeDb('R1 amounts in sentences read "1.000,00 kr." once, never "kr.."', () => {
  let t: TestApp;
  let staff: Session;
  let planId: number;

  beforeAll(async () => {
    t = await createTestApp();
    const org = (await makeOrganisation(t.db, { shortName: 'BELØB' })).id;
    staff = await t.as([{ role: 'organisation', organisationId: org }]);
    planId = (await planWithBudget(t.db, { organisationIds: [org], state: 'active' })).plan.id;
    // Copenhagen's split of the municipal share (10,6 % and 1,9 % of the frame) is shown after the funders.
    await t.db
      .updateTable('budget')
      .set({ municipal_contracted_ore: 10_600_000, municipal_facilitation_ore: 1_900_000 })
      .where('plan_id', '=', planId)
      .execute();
  });
  afterAll(() => t.close());

  it.each([
    ['the plan economy', (id: number) => `/planer/${id}/oekonomi`, 'facilitering 19.000,00 kr.'],
    ['the accounts', (id: number) => `/planer/${id}/oekonomi/regnskab`, 'af et budget på 1.000.000,00 kr.'],
    ['the municipal overview', () => '/oekonomi', 'facilitering 19.000,00 kr.'],
    ['the yearly report', (id: number) => `/planer/${id}/rapporter/2025`, 'Planens samlede ramme: 1.000.000,00 kr.'],
  ])('R1 %s', async (_name, path, amount) => {
    const res = await t.request(path(planId), { session: staff });
    expect(res.status).toBe(200);
    const html = (await res.text()).replace(/\s+/g, ' ');
    expect(html).toContain(amount);
    expect(html).not.toMatch(/kr\.\s*\./);
  });
});
