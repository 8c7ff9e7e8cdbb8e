import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { kr } from '../../src/domain/money/amount.ts';
import { buildReport } from '../../src/services/reports/build.ts';
import { pdfText } from '../support/documents.ts';
import { describeBrowser, expectAccessible, type Journey, login, startJourney, visit } from './support/browser.ts';

describeBrowser('Journey: the yearly report from draft to LBF (R6, R7)', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney();
  });
  afterAll(async () => {
    await j?.close();
  });
  const logout = () => j.context.clearCookies();

  it('R6 the project leader fills in the narrative, the organisation approves and submits, and the LBF reader downloads the PDF with the plan, a goal and the totals', async () => {
    const { page, t } = j;
    const plan = await t.db
      .selectFrom('plan')
      .select(['id', 'name'])
      .where('name', '=', 'Helhedsplan Mjølnerparken')
      .executeTakeFirstOrThrow();
    const year = 2026;
    const url = `/planer/${plan.id}/rapporter/${year}`;

    await login(j, 'projektleder@demo.test');
    await visit(j, `/planer/${plan.id}`);
    await page
      .locator('#plan-reports-section')
      .getByRole('link', { name: `Årsrapport ${year}` })
      .click();
    await expectAccessible(j);
    // The report is filled in from data already; the project leader writes the narrative.
    expect(await page.locator('main').textContent()).toContain('1. Mål og succeskriterier');
    await page.getByLabel('Udfordringer').fill('Det er svært at nå forældrene.');
    await page.getByLabel('Justeringer af indsatsen').fill('Flere timer i lektiecaféen.');
    await page.getByLabel('Fokus i det kommende år').fill('Fritidsjob.');
    await page.getByLabel('Beboerinddragelse').fill('To beboermøder.');
    // R6 — next year's milestone plan goes with the report.
    await page.getByLabel('Milepæl 1: dato').fill(`${year + 1}-03-01`);
    await page.getByLabel('Milepæl 1: hvad').fill('Fritidsjobmesse for unge');
    await page.getByLabel('Milepæl 1: ansvarlig').fill('Jobkonsulenten');
    await page.getByRole('button', { name: 'Gem beretningen' }).click();
    await page.waitForURL(`${j.base}${url}`);
    await expectAccessible(j);
    await page.getByRole('button', { name: 'Send til godkendelse' }).click();
    await page.waitForURL(`${j.base}${url}`);
    expect(await page.locator('main').textContent()).toContain('Klar til godkendelse');
    await expect(page.getByRole('button', { name: 'Godkend rapporten' }).count()).resolves.toBe(0);

    // Bo-Vita, the plan's housing organisation, approves and submits (R7).
    await logout();
    await login(j, 'bovita@demo.test');
    await visit(j, url);
    await page.getByRole('button', { name: 'Godkend rapporten' }).click();
    await page.waitForURL(`${j.base}${url}`);
    // R6 — 2026 has not ended yet: the early submission needs a reason, which the history keeps.
    await page.getByLabel(`Begrundelse for at indsende før ${year} er slut`).fill('Planen slutter, og LBF har bedt om rapporten nu.');
    await page.getByRole('button', { name: 'Indsend til Landsbyggefonden' }).click();
    await page.waitForURL(`${j.base}${url}`);
    await expectAccessible(j);
    expect(await page.locator('main').textContent()).toContain('Kontrolsum (SHA-256)');

    // The LBF reader opens it and downloads the PDF.
    await logout();
    await login(j, 'lbf@demo.test');
    await visit(j, url);
    expect(await page.locator('main').textContent()).toContain('Indsendt til Landsbyggefonden');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Hent rapporten som PDF' }).click(),
    ]);
    const text = await pdfText(new Uint8Array(readFileSync((await download.path())!)));
    const content = await buildReport(t.db, plan.id, year);
    expect(text).toContain(plan.name);
    expect(text).toContain(content.goals[0]!.title);
    expect(text).toContain(kr(content.finance.totals.budgetOre).replace(' kr.', ''));
    expect(text).toContain(kr(content.finance.totals.cumulativeActualOre).replace(' kr.', ''));
    expect(text).toContain('Det er svært at nå forældrene.');
    expect(text).toContain(`Milepælsplan for ${year + 1}`);
    expect(text).toContain('Fritidsjobmesse for unge');
  });
});
