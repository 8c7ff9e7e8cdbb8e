import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../../../src/app.ts';
import { areas } from '../../../src/areas/index.ts';
import { loadConfig } from '../../../src/config.ts';
import { kyselyOverPostgres } from '../../../src/db/database.ts';
import { hashPassword } from '../../../src/services/accounts.ts';
import { throttleRules } from '../../../src/services/throttle.ts';
import { createTestApp, FIXED_NOW, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';
import { makeUser } from '../../support/factories.ts';

describeDb('Sign-in throttling', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { TRUST_PROXY: '1' } });
    for (const email of ['victim@kk.dk', 'other@kk.dk']) {
      const u = await makeUser(t.db, { email, grants: [{ role: 'secretariat' }] });
      await t.db
        .updateTable('app_user')
        .set({ password_hash: await hashPassword('rigtig-kode-123') })
        .where('id', '=', u.id)
        .execute();
    }
  });
  afterAll(() => t.close());

  const attempt = (fetcher: (req: Request) => Response | Promise<Response>, email: string, password: string, address: string) => {
    const csrf = 'x'.repeat(32);
    return fetcher(
      new Request('http://localhost/login', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `helhed_csrf=${csrf}`, 'x-forwarded-for': address },
        body: new URLSearchParams({ _csrf: csrf, email, password }).toString(),
      }),
    );
  };

  it('40 parallel wrong passwords for one account, across two app processes on one database, check at most the limit', async () => {
    // A second app on its own connection pool (on PostgreSQL a real second pool, as a second process has), on the
    // same clock as the first.
    const second = t.dbUrl ? kyselyOverPostgres(t.dbUrl, 5) : null;
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', TRUST_PROXY: '1' });
    const other = second ? createApp({ db: second, kind: 'postgres', config, now: () => FIXED_NOW, demo: false }, areas) : t.app;
    try {
      const apps = [t.app, other];
      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, i) => attempt((r) => apps[i % 2]!.fetch(r), 'victim@kk.dk', `forkert-${i}`, '10.0.0.66')),
      );
      const checked = answers.filter((r) => r.status === 401).length;
      const refused = answers.filter((r) => r.status === 429).length;
      expect(checked).toBeLessThanOrEqual(throttleRules.perPair);
      expect(checked + refused).toBe(40);
      expect(answers.find((r) => r.status === 429)?.headers.get('retry-after')).toMatch(/^\d+$/);
    } finally {
      await second?.destroy();
    }
  });

  it('the right password from another address still works, and the guesser waits', async () => {
    const fromHome = await attempt((r) => t.app.fetch(r), 'victim@kk.dk', 'rigtig-kode-123', '10.0.0.7');
    expect(fromHome.status).toBe(303);
    const guesser = await attempt((r) => t.app.fetch(r), 'victim@kk.dk', 'rigtig-kode-123', '10.0.0.66');
    expect(guesser.status).toBe(429);
    expect(await guesser.text()).toContain('Vent');
  });

  it('an address guessing across many accounts is slowed down, other addresses are not', async () => {
    for (let i = 0; i < throttleRules.perAddress; i++) await attempt((r) => t.app.fetch(r), `nobody-${i}@kk.dk`, 'forkert', '10.0.0.99');
    expect((await attempt((r) => t.app.fetch(r), 'other@kk.dk', 'rigtig-kode-123', '10.0.0.99')).status).toBe(429);
    expect((await attempt((r) => t.app.fetch(r), 'other@kk.dk', 'rigtig-kode-123', '10.0.0.100')).status).toBe(303);
  });
});
