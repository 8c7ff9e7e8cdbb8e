import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../support/app.ts';
import { chairFor, planInArea } from '../../support/cooperation.ts';
import { describeDb } from '../../support/db.ts';

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
});
