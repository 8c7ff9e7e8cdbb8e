import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { isoDate } from '../../src/services/context.ts';
import { pdfText } from '../support/documents.ts';
import { describeBrowser, expectAccessible, type Journey, login, startJourney, visit } from './support/browser.ts';

describeBrowser('Journey: the partnership agreement and a steering dialogue with fsb (R19)', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney();
  });
  afterAll(async () => {
    await j?.close();
  });
  const logout = () => j.context.clearCookies();
  const main = () => j.page.locator('main').textContent();

  it('R19 the housing office records a measurement that turns a target at risk; a dialogue with fsb is prepared, held and concluded with two commitments; fsb sees them; the PDF names them; KAB cannot edit it', async () => {
    const { page, t, base } = j;
    const today = isoDate(new Date());
    const fsb = await t.db.selectFrom('organisation').select('id').where('short_name', '=', 'fsb').executeTakeFirstOrThrow();

    // The housing office (TMF) records a measurement: the waiting list grew, so "must not grow" is at risk.
    await login(j, 'tmf@demo.test');
    await visit(j, '/hovedaftale');
    await page.getByRole('link', { name: "Hovedaftale mellem BL's 1. kreds og Københavns Kommune" }).click();
    await expectAccessible(j);
    expect(await main()).toContain('Tryghed og trivsel');
    await page.getByRole('link', { name: 'Den boligsociale venteliste må ikke stige' }).click();
    await expectAccessible(j);
    expect(await page.locator('main p').first().textContent()).toContain('På vej');
    expect(await page.locator('svg[role="img"]').count()).toBe(1);
    await page.getByLabel('Værdi (ansøgere på ventelisten)').fill('1.300');
    await page.getByLabel('Kilde').fill('Socialforvaltningens opgørelse');
    await page.getByRole('button', { name: 'Gem målingen' }).click();
    await page.waitForLoadState();
    await expectAccessible(j);
    expect(await page.locator('main p').first().textContent()).toContain('I risiko');
    expect(await main()).toContain('Sådan findes status');

    // The office prepares this year's steering dialogue with fsb, with two commitments and their success criteria.
    await visit(j, '/hovedaftale/dialoger/ny');
    const prep = page.locator('form').filter({ has: page.getByRole('button', { name: 'Forbered dialogen' }) });
    await prep.getByLabel('Boligorganisation').selectOption({ label: 'fsb' });
    await prep.getByLabel('Mødedato').fill(today);
    await prep.getByLabel('Mødested').fill('Njalsgade 13');
    await prep.getByRole('button', { name: 'Forbered dialogen' }).click();
    await page.waitForURL(/\/hovedaftale\/dialoger\/\d+$/);
    await expectAccessible(j);
    const dialogueUrl = page.url();
    const dialogueId = Number(dialogueUrl.split('/').at(-1));
    expect(await main()).toContain('Forberedt');
    const commitments: [string, string, string, string, string][] = [
      [
        'Ommærke små familieboliger til ungdomsboliger',
        '45',
        'boliger',
        `${today.slice(0, 4)}-12-31`,
        '45 boliger er ommærket og udlejet som ungdomsboliger',
      ],
      [
        'Tryghedsvandringer i Tingbjerg med beboerne',
        '4',
        'vandringer',
        `${Number(today.slice(0, 4)) + 1}-06-30`,
        'Fire vandringer er gennemført, og forslagene er fulgt op',
      ],
    ];
    for (const [what, amount, unit, due, criterion] of commitments) {
      await page.getByLabel('Tilsagn (hvad)').fill(what);
      await page.getByLabel('Omfang (hvor meget)').fill(amount);
      await page.getByLabel('Enhed').fill(unit);
      await page.getByLabel('Frist (hvornår)').fill(due);
      await page.getByLabel('Succeskriterium').fill(criterion);
      if (what.startsWith('Ommærke'))
        await page.getByLabel('Mål i hovedaftalen').selectOption({ label: 'Små familieboliger ommærket til ungdomsboliger' });
      await page.getByRole('button', { name: 'Tilføj tilsagnet' }).click();
      await page.waitForURL(dialogueUrl);
    }
    await expectAccessible(j);
    expect(await page.locator('#commitments-table').textContent()).toContain('Fire vandringer er gennemført');

    // Another organisation cannot open or edit fsb's dialogue: the page and the API refuse.
    await logout();
    await login(j, 'kab@demo.test');
    expect((await page.goto(base + dialogueUrl.slice(base.length)))?.status()).toBe(403);
    await expectAccessible(j);
    const kab = await t.db.selectFrom('organisation').select('id').where('short_name', '=', 'KAB').executeTakeFirstOrThrow();
    const other = await t.as([{ role: 'organisation', organisationId: kab.id }], 'Anden boligorganisation');
    const refused = await t.request(`/api/v1/partnership/dialogues/${dialogueId}/commitments`, {
      session: other,
      json: { version: 3, organisationId: fsb.id, what: 'Ændring udefra', dueOn: '2030-01-01', successCriterion: 'x' },
    });
    expect(refused.status).toBe(403);
    expect((await t.request(`/hovedaftale/dialoger/${dialogueId}/underskriv`, { session: other, form: { version: '3' } })).status).toBe(
      403,
    );

    // The office holds the meeting and signs for the municipality; fsb's staff sign for fsb, which concludes it.
    await logout();
    await login(j, 'tmf@demo.test');
    await visit(j, dialogueUrl.slice(base.length));
    await page.getByRole('button', { name: 'Mødet er afholdt' }).click();
    await page.waitForURL(dialogueUrl);
    await page.getByRole('button', { name: 'Underskriv for Københavns Kommune' }).click();
    await page.waitForURL(dialogueUrl);
    expect(await main()).toContain('Afholdt');
    await logout();
    await login(j, 'fsb@demo.test');
    await visit(j, dialogueUrl.slice(base.length));
    await page.getByRole('button', { name: 'Underskriv for fsb' }).click();
    await page.waitForURL(dialogueUrl);
    await expectAccessible(j);
    expect(await main()).toContain('Indgået (bindende aftale)');

    // fsb's staff see the commitments and their success criteria on the organisation's page.
    await visit(j, `/hovedaftale/organisationer/${fsb.id}`);
    const own = await page.locator('#organisation-commitments').textContent();
    for (const [what, , , , criterion] of commitments) {
      expect(own).toContain(what);
      expect(own).toContain(criterion);
    }

    // The concluded agreement opens as a PDF that names the commitments.
    await visit(j, dialogueUrl.slice(base.length));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Hent aftalen som PDF' }).click()]);
    const text = await pdfText(new Uint8Array(readFileSync((await download.path())!)));
    expect(text).toContain('Styringsaftale');
    for (const [what, , , , criterion] of commitments) {
      expect(text).toContain(what);
      expect(text).toContain(criterion);
    }
  });
});
