import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeBrowser, expectAccessible, type Journey, login, startJourney, visit } from './support/browser.ts';

describeBrowser("Journey: an administrator handles a person's data request", () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney();
  });
  afterAll(async () => {
    await j?.close();
  });

  it('finds a contact person, exports the data as Excel and JSON, and erases it', async () => {
    const { page } = j;
    const contact = await j.t.db
      .selectFrom('contingency_contact')
      .selectAll()
      .where('email', '=', '')
      .where('phone', '!=', '')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await login(j, 'admin@demo.test');
    expect(await page.locator('a.nav-link[href="/admin"]').count()).toBeGreaterThan(0);
    await visit(j, '/admin');
    await page.getByRole('link', { name: /En persons oplysninger/ }).click();
    await expectAccessible(j);
    await page.getByLabel('Navn, e-mail eller telefon').fill(contact.name);
    await page.getByRole('button', { name: 'Søg' }).click();
    await expectAccessible(j);
    await page.getByRole('link', { name: contact.name, exact: true }).click();
    await expectAccessible(j);
    expect(await page.locator('#main-content').textContent()).toContain(contact.phone);

    const [excel] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Eksportér som Excel' }).click()]);
    expect(excel.suggestedFilename()).toMatch(/\.xlsx$/);
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Eksportér som JSON' }).click()]);
    expect(json.suggestedFilename()).toMatch(/\.json$/);

    await page.getByRole('button', { name: 'Slet og pseudonymisér' }).click();
    await expectAccessible(j);
    expect(await page.locator('#main-content').textContent()).toContain('Skriv SLET');
    await page.getByLabel('Skriv SLET for at bekræfte').fill('SLET');
    await page.getByRole('button', { name: 'Slet og pseudonymisér' }).click();
    await page.waitForURL(/\/admin\/personer$/);
    await expectAccessible(j);
    expect(await page.locator('body').textContent()).toContain('Oplysningerne er slettet eller pseudonymiseret');
    const after = await j.t.db
      .selectFrom('contingency_contact')
      .select(['name', 'phone'])
      .where('id', '=', contact.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ name: 'Slettet kontaktperson', phone: '' });
  });
});
