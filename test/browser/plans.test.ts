import { afterAll, beforeAll, expect, it } from 'vitest';
import { pdfText, workbookRows } from '../support/documents.ts';
import { makeBudget } from '../support/factories.ts';
import { describeBrowser, expectAccessible, type Journey, login, startJourney } from './support/browser.ts';

describeBrowser('Journey: a plan from empty to active (R3–R5)', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney();
  });
  afterAll(async () => {
    await j?.close();
  });

  const submit = async (label = 'Tilføj', form?: string) => {
    const scope = form ? j.page.locator(`#form-${form}`) : j.page.locator('#main-content');
    await scope.getByRole('button', { name: label }).click();
    await j.page.waitForLoadState('load');
    await expectAccessible(j);
  };

  it('an organisation officer opens the plan, its project leader writes it; the municipality approves it; version 1 is frozen; PDF and Excel open', async () => {
    const { page } = j;
    await login(j, 'fsb@demo.test');
    await page.goto(`${j.base}/planer/ny`);
    await expectAccessible(j);
    await page.getByLabel('Planens navn').fill('Ny helhedsplan Tingbjerg');
    await page.getByLabel('Bevillingsperiode').selectOption({ label: '2019-26: Landsbyggefondens midler 2019-2026' });
    await page.getByLabel('Bydel (valgfrit)', { exact: true }).selectOption({ label: '7. Brønshøj-Husum' });
    await page.getByLabel('Start').fill('2025-01-01');
    await page.getByLabel('Slut').fill('2026-12-31');
    await page.getByLabel('Tingbjerg I (fsb)').check();
    await page.getByLabel('Ansvarlig boligorganisation').selectOption({ label: 'fsb — fsb' });
    await page
      .getByLabel('Beskrivelse af problemerne (til prækvalifikationen)')
      .fill('Mange beboere uden for beskæftigelse og lav tryghed.');
    await page.getByRole('button', { name: 'Gem' }).click();
    await page.waitForURL(/\/planer\/\d+$/);
    await expectAccessible(j);
    const planUrl = page.url();
    const id = Number(planUrl.split('/').pop());

    // The organisation appoints the project leader, who writes the rest of the plan.
    await page.getByRole('link', { name: 'Udpeg projektledere' }).click();
    await expectAccessible(j);
    await page.getByLabel('Brugerens e-mail').fill('ukendt@demo.test');
    await submit('Tilføj projektleder');
    expect(await page.locator('.form-error-message').textContent()).toContain('Der findes ingen bruger med den e-mail');
    expect(await page.getByLabel('Brugerens e-mail').inputValue()).toBe('ukendt@demo.test');
    await page.getByLabel('Brugerens e-mail').fill('projektleder@demo.test');
    await submit('Tilføj projektleder');
    await page.getByRole('button', { name: 'Log af' }).click();
    await login(j, 'projektleder@demo.test');
    await page.goto(planUrl);

    // Prequalification, recorded by LBF's answer through the secretariat role is not needed: the officer submits.
    await page.getByRole('link', { name: 'Indsend prækvalifikation' }).click();
    await submit('Indsend prækvalifikation');
    await j.t.db.updateTable('plan').set({ state: 'prequalified' }).where('id', '=', id).execute();

    // A step whose precondition fails shows the Danish reason.
    await page.goto(planUrl);
    expect(await page.locator('#next-steps').locator('..').textContent()).toContain(
      'Den strategiske samarbejdsaftale skal have mindst ét mål',
    );
    await page.goto(`${j.base}/planer/${id}/handling/markWritten`);
    await submit('Markér planen som skrevet');
    expect(await page.locator('#error-summary').textContent()).toContain('mindst ét mål');

    // Goals and success criteria.
    await page.goto(`${j.base}/planer/${id}/strategi`);
    await expectAccessible(j);
    await page.locator('#form-challenge').getByLabel('Udfordring').fill('Mange uden for beskæftigelse');
    await submit('Tilføj', 'challenge');
    await page.locator('#form-goal').getByLabel('Mål', { exact: true }).fill('Flere i job');
    await submit('Tilføj', 'goal');
    const crit = page.locator('#form-criterion');
    await crit.getByLabel('Mål', { exact: true }).selectOption({ label: 'Flere i job' });
    await crit.getByLabel('Indikator').fill('Beskæftigelsesfrekvens');
    await crit.getByLabel('Enhed').fill('%');
    await crit.getByLabel('Skal stige').check();
    await crit.getByLabel('Baseline (værdi)').fill('44,5');
    await crit.getByLabel('Baselinedato').fill('2024-12-31');
    await crit.getByLabel('Mål (værdi)').fill('52');
    await crit.getByLabel('Måldato').fill('2026-12-31');
    await submit('Tilføj', 'criterion');
    expect(await page.locator('#main-content').textContent()).toContain('Beskæftigelsesfrekvens');

    // Two sub-agreements with an activity each.
    await page.goto(`${j.base}/planer/${id}/delaftaler`);
    for (const [focus, activity] of [
      ['Beskæftigelse', 'Jobcafé'],
      ['Uddannelse og livschancer', 'Lektiecafé'],
    ] as const) {
      await page.locator('#form-subAgreement').getByLabel('Indsatsområde').selectOption({ label: focus });
      await submit('Tilføj', 'subAgreement');
      const form = page.locator('#form-activity');
      await form.getByLabel('Delaftale').selectOption({ label: focus });
      await form.getByLabel('Aktivitet').fill(activity);
      await form.getByLabel('Flere i job').check();
      await form.getByLabel('Ansvarlig part').selectOption({ label: 'Boligorganisation: fsb' });
      await form.getByRole('group', { name: 'Udfører' }).getByLabel('Kommunen: Beskæftigelses- og Integrationsforvaltningen').check();
      await submit('Tilføj', 'activity');
    }

    // The contingency plan with a call list.
    await page.goto(`${j.base}/planer/${id}/beredskab`);
    await page.getByLabel('Trin ved akut uro og tryghedsproblemer').fill('1. Ring til nærbetjenten.\n2. Saml krisegruppen.');
    await page.getByLabel('Sidst gennemgået').fill('2026-10-01');
    await submit('Gem beredskabsplanen');
    const contact = page.locator('#form-contact');
    await contact.getByLabel('Rolle').fill('Projektleder');
    await contact.getByLabel('Navn').fill('Pia Projekt');
    await contact.getByLabel('Telefon').fill('+45 12 34 56 78');
    await submit('Tilføj', 'contact');

    await page.goto(`${j.base}/planer/${id}/handling/markWritten`);
    await submit('Markér planen som skrevet');
    await page.waitForURL(planUrl);
    expect(await page.locator('#main-content').textContent()).toContain('Plan skrevet');

    // R1 — the plan's budget (10 mio. kr.; the municipality's share 1.250.000 kr.), which the City Council approves with it.
    await makeBudget(j.t.db, id, { frameOre: 1_000_000_000 });

    // The municipal officer records the chain, the grant, and starts the plan.
    await page.getByRole('button', { name: 'Log af' }).click();
    await login(j, 'tmf@demo.test');
    const act = async (link: string, fill: Record<string, string> = {}) => {
      await page.goto(planUrl);
      await page.getByRole('link', { name: link }).click();
      await expectAccessible(j);
      for (const [label, value] of Object.entries(fill)) await page.getByLabel(label).fill(value);
      await page.locator('#action-form').getByRole('button').click();
      await page.waitForURL(planUrl);
    };
    await act('Registrér kommunal godkendelse', { Beslutningsdato: '2026-09-07', Sagsnummer: 'TMU-2026-31' });
    await act('Registrér kommunal godkendelse', {
      Beslutningsdato: '2026-10-02',
      Sagsnummer: 'BR-2026-77',
      'Kommunal medfinansiering (kr.)': '1.250.000',
    });
    await act('Registrér tilsagn fra LBF', { Tilsagnsdato: '2026-11-01', 'Tilsagnets reference': 'LBF-2026-123' });
    await act('Sæt planen i gang');
    await expectAccessible(j);
    const text = await page.locator('#main-content').textContent();
    expect(text).toContain('Aktiv');
    expect(text).toContain('Version 1');
    expect(text).toContain('1.250.000,00 kr.');

    // Version 1 is frozen: no edit links, and a direct POST is refused.
    expect(await page.getByRole('link', { name: /Rediger/ }).count()).toBe(0);
    const refused = await page.request.post(`${j.base}/planer/${id}/strategi?form=goal`, {
      form: { version: '1', title: 'Efter godkendelse', _csrf: 'x' },
    });
    expect(refused.status()).toBe(403);
    await page.goto(`${j.base}/planer/${id}/versioner/1`);
    await expectAccessible(j);
    expect(await page.locator('#main-content').textContent()).toContain('Flere i job');

    // Exports download and open.
    await page.goto(planUrl);
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Hent som PDF' }).click()]);
    const pdfBody = await (await import('node:fs/promises')).readFile((await pdf.path())!);
    const pdfString = await pdfText(new Uint8Array(pdfBody));
    expect(pdfString).toContain('Ny helhedsplan Tingbjerg');
    expect(pdfString).toContain('Beredskabsplan');
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Hent mål og aktiviteter (Excel)' }).click(),
    ]);
    const sheets = await workbookRows(new Uint8Array(await (await import('node:fs/promises')).readFile((await xlsx.path())!)));
    const titles = sheets['Aktiviteter']!.map((r) => r[1]);
    expect(titles[0]).toBe('Aktivitet');
    expect(titles.slice(1).sort()).toEqual(['Jobcafé', 'Lektiecafé']);
  });
});
