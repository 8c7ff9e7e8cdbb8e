import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDecisionAndMinutes } from '../support/tasks.ts';
import { describeBrowser, expectAccessible, type Journey, login, startJourney, visit } from './support/browser.ts';

describeBrowser('Journey: Mine opgaver (R11, R13)', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney();
  });
  afterAll(async () => {
    await j?.close();
  });

  it('R11 a district board member opens /opgaver, decides the change request and approves the minutes, and both leave the list', async () => {
    const { page } = j;
    const world = await openDecisionAndMinutes(j.t, new Date());
    await login(j, 'bestyrelse@demo.test');
    // The front page shows the member's own tasks, not a city-wide list.
    await visit(j, '/');
    expect(await page.locator('#main-content').textContent()).toContain('Mine opgaver (2)');
    await page.getByRole('link', { name: 'Mine opgaver', exact: true }).first().click();
    await page.waitForURL(/\/opgaver$/);
    await expectAccessible(j);
    const tasks = page.locator('#tasks');
    expect(await tasks.textContent()).toContain(world.requestTitle);
    expect(await tasks.textContent()).toContain('Godkend referat');

    // The change request: decided from the desk's link.
    await tasks.getByRole('link', { name: world.requestTitle }).click();
    await page.waitForURL(/\/aendringer\/\d+$/);
    await expectAccessible(j);
    await page.getByLabel('Begrundelse for beslutningen').fill('Godkendt skriftligt.');
    await page.getByRole('button', { name: 'Godkend ændringen' }).click();
    await page.waitForURL(/\/aendringer\/\d+$/);
    await visit(j, '/opgaver');
    expect(await page.locator('#tasks').textContent()).not.toContain(world.requestTitle);

    // The minutes: approved with one click on the meeting page.
    await page
      .locator('#tasks')
      .getByRole('link', { name: /Referat fra mødet/ })
      .click();
    await page.waitForURL(/\/styring\/moeder\/\d+$/);
    await expectAccessible(j);
    await page.getByRole('button', { name: 'Godkend referatet' }).click();
    await page.waitForLoadState();
    await visit(j, '/opgaver');
    const left = await page.locator('#tasks').textContent();
    expect(left).not.toContain('Referat fra mødet');
    expect(left).toContain('Du har ingen åbne opgaver.');
  });
});
