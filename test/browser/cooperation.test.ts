import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, expectAccessible, type Journey, login, startJourney, visit } from './support/browser.ts';

describeBrowser('Journey: the Nørrebro board revises its cooperation contract (R17)', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney();
  });
  afterAll(async () => {
    await j?.close();
  });
  const main = () => j.page.locator('main').textContent();

  it('R17 the Nørrebro board revises a contract goal at a meeting; the contract shows version 2 with the diff and the meeting; a plan activity linked to that goal appears on the contract page', async () => {
    const { page } = j;
    // The public sees the approved contracts.
    await visit(j, '/kontrakter');
    expect(await main()).toContain('Nørrebro');

    // A member of the Nørrebro district board revises a goal, naming the meeting that decided it.
    await login(j, 'bestyrelse@demo.test');
    await visit(j, '/kontrakter');
    await page
      .getByRole('row', { name: /Nørrebro/ })
      .getByRole('link')
      .click();
    await page.waitForURL(/\/kontrakter\/\d+$/);
    await expectAccessible(j);
    const contractUrl = page.url();
    expect(await main()).toContain('Version 1 (gældende)');
    const goal = page.locator('article').filter({ has: page.getByRole('heading', { name: 'Flere unge i fritidsjob' }) });
    await goal.getByRole('link', { name: 'Revidér målet' }).click();
    await expectAccessible(j);
    await page.getByLabel('Succeskriterier').fill('60 unge i fritidsjob om året');
    const meetingSelect = page.getByLabel(/Mødet i Bydelsbestyrelse Nørrebro/);
    const meetingLabel = (await meetingSelect.locator('option').nth(2).textContent()) ?? '';
    await meetingSelect.selectOption({ index: 2 });
    await page.getByLabel('Bemærkning til revisionen').fill('Besluttet efter midtvejsevalueringen');
    await page.getByRole('button', { name: 'Gem revisionen som ny version' }).click();
    await page.waitForURL(contractUrl);
    await expectAccessible(j);
    const text = (await main()) ?? '';
    expect(text).toContain('Revisionen er gemt som version 2');
    expect(text).toContain('Version 2 (gældende)');
    expect(text).toContain('Revideret');
    expect(text).toContain('af Bydelsbestyrelse Nørrebro');
    expect(text).toContain('uden ny politisk godkendelse');
    const diff = page.getByRole('table', { name: 'Ændret mål: Flere unge i fritidsjob' });
    expect(await diff.textContent()).toContain('Succeskriterier');
    expect(await diff.textContent()).toContain('60 unge i fritidsjob om året');
    expect(await diff.textContent()).toContain('40 unge i fritidsjob om året');
    const meetingLink = page.locator('#version-2 ~ p a').first();
    expect(await meetingLink.getAttribute('href')).toMatch(/^\/styring\/moeder\/\d+$/);
    expect(meetingLabel.slice(0, 10)).not.toBe('');

    // Bo-Vita, the party to the Mjølnerparken plan, links one of the plan's activities to the revised goal.
    await j.context.clearCookies();
    await login(j, 'bovita@demo.test');
    await page.goto(contractUrl);
    await expectAccessible(j);
    const revised = page.locator('article').filter({ has: page.getByRole('heading', { name: 'Flere unge i fritidsjob' }) });
    const select = revised.getByLabel('Knyt en aktivitet til «Flere unge i fritidsjob»');
    const option = ((await select.locator('option').nth(1).textContent()) ?? '').trim();
    expect(option).toContain(':');
    await select.selectOption({ index: 1 });
    await revised.getByRole('button', { name: 'Knyt aktiviteten til målet' }).click();
    await page.waitForLoadState();
    await expectAccessible(j);
    const [planName, ...rest] = option.split(': ');
    const behind = page.locator('article').filter({ has: page.getByRole('heading', { name: 'Flere unge i fritidsjob' }) });
    expect(
      await behind
        .getByRole('listitem')
        .filter({ hasText: `${planName}:` })
        .filter({ hasText: rest.join(': ') })
        .textContent(),
    ).toContain(planName);
  });
});
