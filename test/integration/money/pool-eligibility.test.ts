import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../support/app.ts';
import { poolEligible } from '../../support/cooperation.ts';
import { describeDb } from '../../support/db.ts';
import { makeOrganisation } from '../../support/factories.ts';
import { councilApproval, planWithBudget } from './support.ts';

describeDb('R8 the pool funds only plans in a vulnerable urban area made with the municipality', () => {
  let t: TestApp;
  let tmf: Session;
  let org: number;
  const allocate = (planId: number) =>
    t.request('/api/v1/pool/entries', {
      method: 'POST',
      session: tmf,
      json: { kind: 'allocation', amountOre: 100, planId, decision: 'BR 2026-1', decidedOn: '2026-01-10' },
    });

  beforeAll(async () => {
    t = await createTestApp();
    tmf = await t.as([{ role: 'municipal', administration: 'TMF' }], 'Tina Teknik');
    org = (await makeOrganisation(t.db)).id;
  });
  afterAll(() => t.close());

  it('R8 an allocation to a plan outside a vulnerable urban area, or without the municipality, is refused with the reason', async () => {
    const { plan } = await planWithBudget(t.db, { organisationIds: [org], state: 'active' });
    await councilApproval(t.db, plan.id, 1_000_000);
    const res = await allocate(plan.id);
    expect(res.status).toBe(400);
    const reason = (await res.json()).errors.planId as string;
    expect(reason).toContain('kun planer i et udsat byområde');
    expect(reason).toContain('i samarbejde med kommunen');
    expect(reason).not.toMatch(/R\d/);
    await poolEligible(t.db, plan.id);
    expect((await allocate(plan.id)).status).toBe(201);
    const page = await (await t.request('/pulje')).text();
    expect(page).toContain('Puljen medfinansierer kun planer i et udsat byområde, der er lavet i samarbejde med kommunen');
  });

  it('R8 the conditions are settings of the pool: switched off, the plan is funded', async () => {
    const { plan } = await planWithBudget(t.db, { organisationIds: [org], state: 'active' });
    await councilApproval(t.db, plan.id, 1_000_000);
    await t.db.updateTable('pool').set({ requires_vulnerable_area: false, requires_municipal_cooperation: false }).execute();
    expect((await allocate(plan.id)).status).toBe(201);
    await t.db.updateTable('pool').set({ requires_vulnerable_area: true, requires_municipal_cooperation: true }).execute();
  });
});
