import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, expectAccessible, type Journey, login, startJourney, visit } from './support/browser.ts';

describeBrowser('Journey: a project leader corrects a wrong measurement on an active plan (R4)', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney();
  });
  afterAll(async () => {
    await j?.close();
  });

  it('R4 an implausible value is refused with the input kept; a wrong value is corrected; the plan shows the new value, the history the old', async () => {
    const { page } = j;
    const plan = await j.t.db
      .selectFrom('plan')
      .select('id')
      .where('name', '=', 'Helhedsplan Mjølnerparken')
      .where('state', '=', 'active')
      .executeTakeFirstOrThrow();
    const criterion = await j.t.db
      .selectFrom('success_criterion')
      .select(['id', 'indicator_name'])
      .where('plan_id', '=', plan.id)
      .where('unit', '=', '%')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const shown = day.split('-').reverse().join('.');

    await login(j, 'projektleder@demo.test');
    await visit(j, `/planer/${plan.id}`);
    await page.getByRole('link', { name: `Registrér måling for ${criterion.indicator_name}` }).click();
    await expectAccessible(j);

    // −50 % and a date in 2031 are refused, each message next to its field, the input kept.
    await page.getByLabel('Målt værdi (%)').fill('-50');
    await page.getByLabel('Måledato').fill('2031-01-01');
    await page.getByRole('button', { name: 'Registrér måling' }).click();
    await page.waitForLoadState('load');
    await expectAccessible(j);
    expect(await page.locator('#error-summary').textContent()).toContain('En procentandel skal ligge mellem 0 og 100.');
    expect(await page.locator('#error-summary').textContent()).toContain('Måledatoen må ikke ligge i fremtiden.');
    expect(await page.getByLabel('Målt værdi (%)').inputValue()).toBe('-50');
    expect(await page.getByLabel('Måledato').inputValue()).toBe('2031-01-01');

    // A plausible but wrong value (84 for 48) is recorded and shows on the plan page.
    await page.getByLabel('Målt værdi (%)').fill('84');
    await page.getByLabel('Måledato').fill(day);
    await page.getByRole('button', { name: 'Registrér måling' }).click();
    await page.waitForURL(/\/planer\/\d+$/);
    expect(await page.locator('#main-content').textContent()).toContain(`84,0 % (${shown})`);

    // The project leader corrects it, with a reason.
    await page.getByRole('link', { name: `Registrér måling for ${criterion.indicator_name}` }).click();
    await page.getByRole('link', { name: `Ret eller fjern målingen fra ${shown}` }).click();
    await expectAccessible(j);
    expect(await page.getByLabel('Målt værdi (%)').inputValue()).toBe('84');
    await page.getByLabel('Målt værdi (%)').fill('48');
    await page.getByLabel('Begrundelse for rettelsen').fill('Tastefejl: cifrene byttet om');
    await page.getByRole('button', { name: 'Gem rettelsen' }).click();
    await page.waitForURL(new RegExp(`/maalinger/${criterion.id}$`));
    await expectAccessible(j);
    const history = (await page.locator('#main-content').textContent()) ?? '';
    expect(history).toContain('Målingen er rettet.');
    expect(history).toContain(`84,0 % (${shown})`);
    expect(history).toContain(`48,0 % (${shown})`);
    expect(history).toContain('Tastefejl: cifrene byttet om');

    // The public plan page shows the corrected value, not the wrong one.
    await page.getByRole('button', { name: 'Log af' }).click();
    await visit(j, `/planer/${plan.id}`);
    const publicText = (await page.locator('#main-content').textContent()) ?? '';
    expect(publicText).toContain(`48,0 % (${shown})`);
    expect(publicText).not.toContain(`84,0 % (${shown})`);
  });
});
