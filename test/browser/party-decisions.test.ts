import { afterAll, beforeAll, expect, it } from 'vitest';
import { proposeChange, submitChange } from '../../src/services/changes/requests.ts';
import { activePlan, moveEdit } from '../integration/changes/support.ts';
import { demoUser } from '../support/tasks.ts';
import { describeBrowser, expectAccessible, type Journey, login, startJourney } from './support/browser.ts';

describeBrowser('Journey: a change request decided by both party organisations (R11)', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney();
  });
  afterAll(async () => {
    await j?.close();
  });

  it('R11 on a plan of KAB and Bo-Vita, KAB’s answer leaves the request waiting for Bo-Vita; Bo-Vita’s answer decides it and the plan gets its next version', async () => {
    const { page, t } = j;
    const org = async (short: string) =>
      (await t.db.selectFrom('organisation').select('id').where('short_name', '=', short).executeTakeFirstOrThrow()).id;
    // An active plan in Nørrebro whose grant KAB and Bo-Vita are party to; both sit on Bydelsbestyrelse Nørrebro
    // (Bente Bestyrelse for KAB, Vibeke Vita for Bo-Vita); AKB and AAB sit there too but are not party to it.
    const p = await activePlan(t.db, { organisationIds: [await org('KAB'), await org('Bo-Vita')], districtNumber: 3 });
    const karl = await demoUser(t, 'kab@demo.test');
    const id = await proposeChange(t.ctx(karl.actor), p.plan.id, {
      kind: 'budget_reallocation',
      title: 'Flere timer i lektiecaféen',
      justification: 'Flere børn end ventet.',
      edits: [await moveEdit(t.db, p, 10_000_000)],
    });
    await submitChange(t.ctx(karl.actor), id, 1, { mode: 'written', writtenDeadline: '2099-12-31' });
    const url = `${j.base}/planer/${p.plan.id}/aendringer/${id}`;
    const version = async () =>
      (await t.db.selectFrom('plan').select('current_version').where('id', '=', p.plan.id).executeTakeFirstOrThrow()).current_version;
    const before = await version();

    // KAB answers first: the request is not decided; the page shows KAB's answer and that Bo-Vita is awaited.
    await login(j, 'bestyrelse@demo.test');
    await page.goto(url);
    await expectAccessible(j);
    expect(await page.locator('#party-awaited').textContent()).toContain('Bo-Vita');
    await page.getByLabel('Begrundelse for beslutningen').fill('KAB støtter flytningen.');
    await page.getByRole('button', { name: 'Godkend ændringen' }).click();
    await page.waitForURL(url);
    await expectAccessible(j);
    const main = page.locator('main');
    expect(await main.textContent()).toContain('Jeres svar er registreret');
    expect(await main.locator('.badge').first().textContent()).toBe('Til beslutning');
    const awaited = await page.locator('#party-awaited').textContent();
    expect(awaited).toContain('Afventer svar fra: Bo-Vita.');
    expect(awaited).not.toContain('KAB');
    const kabRow = page.locator('#parties tbody tr', { hasText: 'KAB' });
    expect(await kabRow.textContent()).toContain('Godkender');
    expect(await kabRow.textContent()).toContain('KAB støtter flytningen.');
    expect(await version()).toBe(before);

    // Bo-Vita answers: now both parties have approved, and the change becomes the plan's next version.
    await j.context.clearCookies();
    await login(j, 'vita@demo.test');
    await page.goto(url);
    await expectAccessible(j);
    expect(await page.locator('#parties tbody tr', { hasText: 'Bo-Vita' }).textContent()).toContain('Afventer svar');
    await page.getByLabel('Begrundelse for beslutningen').fill('Bo-Vita er enig.');
    await page.getByRole('button', { name: 'Godkend ændringen' }).click();
    await page.waitForURL(url);
    await expectAccessible(j);
    expect(await main.textContent()).toContain('Gennemført som ny version');
    expect(await page.locator('#party-awaited').count()).toBe(0);
    expect(await page.locator('#parties tbody tr', { hasText: 'Bo-Vita' }).textContent()).toContain('Bo-Vita er enig.');
    expect(await version()).toBe(before + 1);
  });
});
