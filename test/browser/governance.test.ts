import { readFile } from 'node:fs/promises';
import ICAL from 'ical.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pdfText } from '../support/documents.ts';
import { describeBrowser, expectAccessible, type Journey, login, startJourney, visit } from './support/browser.ts';

describeBrowser('Journey: a district board meeting from plan to approved minutes (R9–R17)', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney();
  });
  afterAll(async () => {
    await j?.close();
  });

  const logout = async () => {
    await j.page.getByRole('button', { name: 'Log af' }).click();
    await j.page.waitForLoadState('load');
  };
  const click = async (name: string) => {
    await j.page.getByRole('button', { name, exact: true }).click();
    await j.page.waitForLoadState('load');
    await expectAccessible(j);
  };

  it('R16 the structure at 1.1.2015 shows the six fora; at 1.1.2017 the new boards', async () => {
    const { page } = j;
    await visit(j, '/styring/struktur?dato=2015-01-01');
    expect(await page.locator('#main-content h3', { hasText: 'Boligsocialt Forum' }).count()).toBe(6);
    expect(await page.locator('#main-content').textContent()).toContain('Boligsocialt Forum Husum/Tingbjerg');
    await visit(j, '/styring/struktur?dato=2017-01-01');
    const text = (await page.locator('#main-content').textContent()) ?? '';
    expect(text).toContain('Boligsocial Bestyrelse (SAF+)');
    expect(text).toContain('Bydelsbestyrelse Valby/Sydhavnen');
    expect(text).not.toContain('Boligsocialt Forum');
  });

  it('the secretariat plans a meeting with a plan item and a paper; a board member opens it; minutes and a decision are written and approved; the .ics parses and the minutes PDF opens', async () => {
    const { page } = j;
    await login(j, 'sekretariat@demo.test');
    await visit(j, '/styring');
    await page.getByRole('link', { name: 'Bydelsbestyrelse Nørrebro', exact: true }).first().click();
    await expectAccessible(j);
    expect(await page.locator('#main-content').textContent()).toContain('Mandatet er ikke gældende');

    // Plan the meeting: first a mistake, then right.
    await page.getByRole('link', { name: 'Planlæg møde' }).click();
    await expectAccessible(j);
    const day = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Dato').fill(day);
    await page.getByLabel('Starttidspunkt').fill('9.30');
    await page.getByLabel('Sluttidspunkt').fill('11:30');
    await page.getByLabel('Sted').fill('Nørrebrohallen, mødelokale 2');
    await click('Planlæg mødet');
    expect(await page.locator('.form-error-message').first().textContent()).toContain('Skriv starttidspunktet som tt:mm.');
    expect(await page.getByLabel('Sted').inputValue()).toBe('Nørrebrohallen, mødelokale 2');
    await page.getByLabel('Starttidspunkt').fill('09:30');
    await click('Planlæg mødet');
    await page.waitForURL(/\/styring\/moeder\/\d+$/);
    const meetingUrl = page.url();

    // A plan item and a paper.
    await page.getByLabel('Punktets titel').fill('Justering af aktiviteter i Mjølnerparken');
    await page.getByLabel('Type', { exact: true }).selectOption({ label: 'Helhedsplan' });
    await page.getByLabel('Plan (for punkter om en plan)').selectOption({ label: 'Helhedsplan Mjølnerparken' });
    await click('Tilføj punktet');
    await page.getByLabel('Bilagets titel').fill('Notat om aktiviteterne');
    await page.getByLabel('Hører til punkt').selectOption({ index: 1 });
    await page.getByLabel('Fil').setInputFiles({
      name: 'notat.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
    });
    await click('Upload bilaget');
    expect(await page.getByRole('link', { name: 'Notat om aktiviteterne', exact: true }).count()).toBe(1);
    await click('Send dagsorden');
    await logout();

    // A member of the board finds the meeting and its paper.
    await login(j, 'bestyrelse@demo.test');
    await visit(j, '/styring');
    await page
      .getByRole('link', { name: /Bydelsbestyrelse Nørrebro/ })
      .first()
      .click();
    await page.goto(meetingUrl);
    await expectAccessible(j);
    expect(await page.locator('#main-content').textContent()).toContain('Justering af aktiviteter i Mjølnerparken');
    const [paper] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Notat om aktiviteterne', exact: true }).click(),
    ]);
    expect(paper.suggestedFilename()).toBe('notat.pdf');
    await logout();

    // The secretariat holds the meeting, records attendance, writes minutes and the decision.
    await login(j, 'sekretariat@demo.test');
    await page.goto(meetingUrl);
    await click('Markér mødet som afholdt');
    await page.getByLabel('Bente Bestyrelse (Bo-Vita)').check();
    await click('Gem fremmøde');
    await page.getByRole('link', { name: /Skriv udfald: Justering/ }).click();
    await expectAccessible(j);
    await page.getByLabel('Type').selectOption({ label: 'Beslutning' });
    await page.getByLabel('Beslutning (for beslutningspunkter)').selectOption({ label: 'Besluttet' });
    await page.getByLabel('Referat / beslutningens ordlyd').fill('Bestyrelsen godkendte flytningen af 50.000 kr. til lektiecaféen.');
    await click('Gem udfaldet');
    await page.waitForURL(/\/styring\/moeder\/\d+/);
    await click('Send referatet til godkendelse');
    await logout();

    // The member present approves with one click; the minutes freeze.
    await login(j, 'bestyrelse@demo.test');
    await page.goto(meetingUrl);
    await click('Godkend referatet');
    expect(await page.locator('#main-content').textContent()).toContain('Referatet er godkendt');

    // The .ics parses with ical.js.
    const ics = await (await page.request.get(`${meetingUrl}/moede.ics`)).text();
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!);
    expect(event.summary).toBe('Møde i Bydelsbestyrelse Nørrebro');
    expect(event.location).toBe('Nørrebrohallen, mødelokale 2');
    expect(event.startDate.toJSDate().toISOString().slice(0, 10)).toBe(day);

    // The minutes PDF opens and carries the decision.
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Referat (PDF)' }).click()]);
    const text = await pdfText(new Uint8Array(await readFile((await pdf.path())!)));
    expect(text).toContain('Bestyrelsen godkendte flytningen af 50.000 kr. til lektiecaféen.');
  });
});
