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

  it('R11 on a plan of Bo-Vita and AKB, Bo-Vita’s answer leaves the request waiting for AKB; AKB’s answer decides it and the plan gets its next version', async () => {
    const { page, t } = j;
    const org = async (short: string) =>
      (await t.db.selectFrom('organisation').select('id').where('short_name', '=', short).executeTakeFirstOrThrow()).id;
    // An active plan in Nørrebro whose grant Bo-Vita and AKB are party to; both sit on Bydelsbestyrelse Nørrebro
    // (Bente Bestyrelse for Bo-Vita, Adam AKB for AKB); AAB sits there too but is not party to it.
    const p = await activePlan(t.db, { organisationIds: [await org('Bo-Vita'), await org('AKB')], districtNumber: 3 });
    const karl = await demoUser(t, 'bovita@demo.test');
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

    // Bo-Vita answers first: the request is not decided; the page shows Bo-Vita's answer and that AKB is awaited.
    await login(j, 'bestyrelse@demo.test');
    await page.goto(url);
    await expectAccessible(j);
    expect(await page.locator('#party-awaited').textContent()).toContain('AKB');
    await page.getByLabel('Begrundelse for beslutningen').fill('Bo-Vita støtter flytningen.');
    await page.getByRole('button', { name: 'Godkend ændringen' }).click();
    await page.waitForURL(url);
    await expectAccessible(j);
    const main = page.locator('main');
    expect(await main.textContent()).toContain('Jeres svar er registreret');
    expect(await main.locator('.badge').first().textContent()).toBe('Til beslutning');
    const awaited = await page.locator('#party-awaited').textContent();
    expect(awaited).toContain('Afventer svar fra: AKB.');
    expect(awaited).not.toContain('Bo-Vita');
    const vitaRow = page.locator('#parties tbody tr', { hasText: 'Bo-Vita' });
    expect(await vitaRow.textContent()).toContain('Godkender');
    expect(await vitaRow.textContent()).toContain('Bo-Vita støtter flytningen.');
    expect(await version()).toBe(before);

    // AKB answers: now both parties have approved, and the change becomes the plan's next version.
    await j.context.clearCookies();
    await login(j, 'akb@demo.test');
    await page.goto(url);
    await expectAccessible(j);
    expect(await page.locator('#parties tbody tr', { hasText: 'AKB' }).textContent()).toContain('Afventer svar');
    await page.getByLabel('Begrundelse for beslutningen').fill('AKB er enig.');
    await page.getByRole('button', { name: 'Godkend ændringen' }).click();
    await page.waitForURL(url);
    await expectAccessible(j);
    expect(await main.textContent()).toContain('Gennemført som ny version');
    expect(await page.locator('#party-awaited').count()).toBe(0);
    expect(await page.locator('#parties tbody tr', { hasText: 'AKB' }).textContent()).toContain('AKB er enig.');
    expect(await version()).toBe(before + 1);
  });
});
