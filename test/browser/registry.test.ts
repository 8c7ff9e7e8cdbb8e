import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, expectAccessible, type Journey, login, startJourney, visit } from './support/browser.ts';

describeBrowser('Journey: the registry (foundation)', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney();
  });
  afterAll(async () => {
    await j?.close();
  });

  it('an organisation officer logs in, browses, creates an estate, meets a Danish validation error and an edit conflict', async () => {
    const { page } = j;
    await visit(j, '/');
    await login(j, 'fsb@demo.test');
    await expect(page.getByText('Frida fsb')).toBeTruthy();
    await expectAccessible(j);

    await visit(j, '/bydele');
    await page.getByRole('link', { name: 'Nørrebro' }).first().click();
    await expectAccessible(j);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Nørrebro');

    await visit(j, '/byomraader?at=2015-01-01');
    expect(await page.getByText('Husum/Tingbjerg').count()).toBeGreaterThan(0);

    await visit(j, '/afdelinger');
    await page.getByLabel('Søg').fill('Tingbjerg');
    await page.getByRole('button', { name: 'Filtrér' }).click();
    await expectAccessible(j);
    expect(await page.getByRole('link', { name: 'Tingbjerg I', exact: true }).count()).toBe(1);

    // Create an estate, first with a mistake.
    await page.goto(`${j.base}/afdelinger/ny`);
    await page.getByLabel('Boligorganisation').selectOption({ label: 'fsb — fsb' });
    await page.getByLabel('Afdelingsnummer').fill('nioghalvfems');
    await page.getByLabel('Navn', { exact: true }).fill('Journeyparken');
    await page.getByLabel('Antal boliger').fill('120');
    await page.getByLabel('Antal beboere').fill('260');
    await page.getByRole('button', { name: 'Gem' }).click();
    await expectAccessible(j);
    expect(await page.locator('#main-content').textContent()).toContain('Afdelingsnummeret skal være et helt tal');
    expect(await page.getByLabel('Navn', { exact: true }).inputValue()).toBe('Journeyparken');
    await page.getByLabel('Afdelingsnummer').fill('99');
    await page.getByRole('button', { name: 'Gem' }).click();
    await page.waitForURL(/\/afdelinger\/\d+$/);
    await expectAccessible(j);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Journeyparken');
    const estateUrl = page.url();

    // Two tabs edit the same estate: the second save meets the conflict page.
    const other = await j.context.newPage();
    await other.goto(`${estateUrl}/rediger`);
    await page.goto(`${estateUrl}/rediger`);
    await other.getByLabel('Antal beboere').fill('300');
    await other.getByRole('button', { name: 'Gem' }).click();
    await other.waitForURL(estateUrl);
    await page.getByLabel('Antal beboere').fill('250');
    await page.getByRole('button', { name: 'Gem' }).click();
    await expectAccessible(j);
    expect(await page.locator('#conflict').textContent()).toContain('En anden har ændret oplysningerne');
    expect(await page.getByLabel('Antal beboere').inputValue()).toBe('250');
    await other.close();

    // The history shows who changed what.
    await page.goto(estateUrl);
    await page.getByRole('link', { name: 'Se historik' }).click();
    await expectAccessible(j);
    expect(await page.locator('#main-content').textContent()).toContain('300');
    expect(j.visited.length).toBeGreaterThan(8);
  });
});
