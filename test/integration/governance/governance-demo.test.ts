import { afterAll, beforeAll, expect, it } from 'vitest';
import { whoDecides } from '../../../src/services/governance/competence.ts';
import { createTestApp, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';

describeDb('Governance demo data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ demo: true, now: () => new Date() });
  });
  afterAll(() => t.close());

  it('R11 R12 the demo boards decide: Nørrebro for Mjølnerparken (the KAB member votes), the city board for Urbanplanen', async () => {
    const plan = async (name: string) => (await t.db.selectFrom('plan').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
    const mj = await whoDecides(t.db, await plan('Helhedsplan Mjølnerparken'));
    expect(mj.body.name).toBe('Bydelsbestyrelse Nørrebro');
    expect(mj.voters.map((m) => m.name)).toContain('Bente Bestyrelse');
    expect(mj.voters.map((m) => m.name)).not.toContain('Aase AAB');
    expect(mj.others.map((m) => m.name)).toContain('Tina Teknik');
    const up = await whoDecides(t.db, await plan('Helhedsplan Urbanplanen'));
    expect(up.rule).toBe('R12');
  });

  it('the demo board page, meeting pages and desk render', async () => {
    const nb = (await t.db.selectFrom('body').select('id').where('code', '=', 'bydel-noerrebro').executeTakeFirstOrThrow()).id;
    const html = await (await t.request(`/styring/organer/${nb}`)).text();
    expect(html).toContain('Bente Bestyrelse');
    expect(html).toContain('Mandatet er ikke gældende');
    const meetings = await t.db.selectFrom('meeting').select('id').execute();
    for (const m of meetings) expect((await t.request(`/styring/moeder/${m.id}`)).status).toBe(200);
    expect((await t.request('/styring')).status).toBe(200);
    expect((await t.request('/')).status).toBe(200);
  });
});
