import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';
import { makeOrganisation, makePlan } from '../../support/factories.ts';

describeDb('R16 the portfolio on the structure page', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('R16 the structure page on 1.1.2014 shows the published 18 plans, 17 co-financed, and the registered plans running that day', async () => {
    const org = (await makeOrganisation(t.db)).id;
    await makePlan(t.db, {
      organisationIds: [org],
      state: 'active',
      period: '2011-14',
      startsOn: '2013-01-01',
      endsOn: '2016-12-31',
      name: 'Helhedsplan 2013',
    });
    await makePlan(t.db, {
      organisationIds: [org],
      state: 'active',
      startsOn: '2023-01-01',
      endsOn: '2026-12-31',
      name: 'Helhedsplan 2023',
    });
    const html = await (await t.request('/styring/struktur?dato=2014-01-01')).text();
    expect(html).toContain(
      'Offentligt oplyst pr. 01.01.2014: <strong>18 boligsociale helhedsplaner</strong>, heraf <strong>17 medfinansieret</strong>',
    );
    expect(html).toContain('Boligsocialt Forum Nørrebro');
    expect(html).toContain('Helhedsplan 2013');
    expect(html).not.toContain('Helhedsplan 2023');
    const before = await (await t.request('/styring/struktur?dato=2013-06-01')).text();
    expect(before).toContain('Der er ingen offentlige tal for porteføljen');
  });
});
