import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';

describeDb('Registry inputs: one contract for the form and the API', () => {
  let t: TestApp;
  let secretariat: Session;
  const count = async () => (await t.db.selectFrom('organisation').select('id').execute()).length;

  beforeAll(async () => {
    t = await createTestApp();
    secretariat = await t.as([{ role: 'secretariat' }]);
  });
  afterAll(() => t.close());

  it.each(['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'ftp://example.org'])(
    'a website %s is refused in the API and on the form, and nothing is stored',
    async (website) => {
      const before = await count();
      const res = await t.request('/api/v1/organisations', {
        method: 'POST',
        session: secretariat,
        json: { name: 'Boligselskabet Test', shortName: 'BST', website },
      });
      expect(res.status, await res.clone().text()).toBe(400);
      expect((await res.json()).errors.website).toBe('Webstedet skal være en webadresse, der begynder med https:// eller http://.');
      const page = await t.request('/organisationer/ny', {
        session: secretariat,
        form: { name: 'Boligselskabet Test', shortName: 'BST', website },
      });
      expect(page.status).toBe(400);
      expect(await page.text()).toContain('Webstedet skal være en webadresse, der begynder med https:// eller http://.');
      expect(await count()).toBe(before);
    },
  );

  it('an http(s) website and an empty one are accepted', async () => {
    const res = await t.request('/api/v1/organisations', {
      method: 'POST',
      session: secretariat,
      json: { name: 'Boligselskabet Web', shortName: 'BSW', website: 'https://example.org' },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const page = await t.request('/organisationer/ny', {
      session: secretariat,
      form: { name: 'Boligselskabet Uden', shortName: 'BSU', website: '', cvr: '' },
    });
    expect(page.status).toBe(303);
  });
});
