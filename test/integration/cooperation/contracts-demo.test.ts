import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';

describeDb('Cooperation contracts in the demo (R17)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ demo: true });
  });
  afterAll(() => t.close());

  it("R17 the demo has an approved contract, marked as demo, for each of the demo's vulnerable urban areas", async () => {
    const list = await (await t.request('/api/v1/contracts')).json();
    expect(list.map((c: { areaName: string }) => c.areaName)).toEqual([
      'Amager/Sundby',
      'Nordvest/Ryparken',
      'Nørrebro',
      'Tingbjerg/Husum',
      'Valby/Sydhavnen',
    ]);
    expect(
      list.every((c: { status: string; isDemo: boolean; goalCount: number }) => c.status === 'approved' && c.isDemo && c.goalCount === 5),
    ).toBe(true);
    const n = list.find((c: { areaName: string }) => c.areaName === 'Nørrebro');
    const c = await (await t.request(`/api/v1/contracts/${n.id}`)).json();
    expect(c.body.name).toBe('Bydelsbestyrelse Nørrebro');
    expect(c.approvedWithPlan.name).toBe('Helhedsplan Mjølnerparken');
    expect(c.goals[0].activities.length).toBeGreaterThan(0);
  });
});
