import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../support/app.ts';
import { chairFor, planInArea } from '../../support/cooperation.ts';
import { describeDb } from '../../support/db.ts';
import { makePlan } from '../../support/factories.ts';

describeDb('R2 funding periods and the responsible board', () => {
  let t: TestApp;
  let tmf: Session;
  beforeAll(async () => {
    t = await createTestApp();
    tmf = await t.as([{ role: 'municipal', administration: 'TMF' }], 'Tina Teknik');
  });
  afterAll(() => t.close());

  it('R2 the loaded periods carry their frames, limits, focus areas and the board requirement', async () => {
    const rows = await t.db
      .selectFrom('funding_period')
      .select(['code', 'yearly_frame_ore', 'requires_board', 'id'])
      .orderBy('starts_on')
      .execute();
    expect(rows.map((r) => [r.code, r.yearly_frame_ore, r.requires_board])).toEqual([
      ['2011-14', 440_000_000_00, false],
      ['2015-18', 465_000_000_00, true],
      ['2019-26', 380_000_000_00, true],
    ]);
    const areas = await t.db.selectFrom('focus_area').select(['funding_period_id']).execute();
    expect(rows.map((r) => areas.filter((a) => a.funding_period_id === r.id).length)).toEqual([7, 4, 4]);
  });

  it('R2 a 2019-26 plan is not approved until its board has unambiguous leadership', async () => {
    const { planId } = await planInArea(t.db, 'Nørrebro');
    const step = async () => {
      const version = (await t.db.selectFrom('plan').select('version').where('id', '=', planId).executeTakeFirstOrThrow()).version;
      return t.request(`/api/v1/plans/${planId}/transitions`, {
        method: 'POST',
        session: tmf,
        json: { version, action: 'recordApprovalStep', stepKey: 'committee', decisionDate: '2026-01-10', caseNumber: 'TMU-1' },
      });
    };
    const refused = await step();
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toContain('Bydelsbestyrelse Nørrebro har ingen formand');
    await chairFor(t.db, 'bydel-noerrebro');
    expect((await step()).status).toBe(200);
  });

  it('R2 a plan running past its period is explained on its page when the period was extended, and noted when it was not', async () => {
    const p1114 = await t.db.selectFrom('funding_period').select('id').where('code', '=', '2011-14').executeTakeFirstOrThrow();
    const { plan } = await makePlan(t.db, { name: 'Helhedsplan Forlænget', state: 'active', startsOn: '2014-01-01', endsOn: '2017-12-31' });
    await t.db.updateTable('plan').set({ funding_period_id: p1114.id }).where('id', '=', plan.id).execute();
    const page = async () => (await t.request(`/planer/${plan.id}`, { session: tmf })).text();
    expect(await page()).toContain('Bemærk: Planens periode ligger ikke helt inden for bevillingsperioden 2011-14.');
    // The period's extension is reference data (with its source in the note).
    await t.db
      .updateTable('funding_period')
      .set({ extended_to: '2018-12-31', extension_note: 'tilsagn givet i perioden løber fire år' })
      .where('id', '=', p1114.id)
      .execute();
    const html = await page();
    expect(html).toContain(
      'Planen løber ud over bevillingsperioden 2011-14, fordi perioden er forlænget til 31.12.2018: tilsagn givet i perioden løber fire år',
    );
    expect(html).not.toContain('Bemærk: Planens periode');
    const api = await (await t.request(`/api/v1/plans/${plan.id}`, { session: tmf })).json();
    expect(api.periodNotes).toEqual({
      explanations: [
        'Planen løber ud over bevillingsperioden 2011-14, fordi perioden er forlænget til 31.12.2018: tilsagn givet i perioden løber fire år',
      ],
      warnings: [],
    });
    await t.db.updateTable('funding_period').set({ extended_to: null, extension_note: '' }).where('id', '=', p1114.id).execute();
  });
});
