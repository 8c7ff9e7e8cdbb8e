import { afterAll, beforeAll, expect, it } from 'vitest';
import { copenhagenParts } from '../../src/domain/governance/time.ts';
import { formatDate, formatNumber } from '../../src/web/format.ts';
import { describeBrowser, expectAccessible, type Journey, login, startJourney, visit } from './support/browser.ts';

describeBrowser('Journey: a success criterion’s target changed through a change request on an active plan (R3, R4, R6, R11)', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney();
  });
  afterAll(async () => {
    await j?.close();
  });
  const logout = () => j.context.clearCookies();
  const isoDaysFromToday = (days: number) => copenhagenParts(new Date(Date.now() + days * 86_400_000)).date;

  it('R6 the project leader corrects a measurement and proposes a new target; the district board approves; LBF approves; the plan page shows the corrected value and the new target, the history both', {
    timeout: 360_000,
  }, async () => {
    const { page, t } = j;
    const plan = await t.db.selectFrom('plan').select(['id']).where('name', '=', 'Helhedsplan Mjølnerparken').executeTakeFirstOrThrow();
    const criterion = await t.db
      .selectFrom('success_criterion')
      .select(['id', 'indicator_name', 'target_value', 'unit', 'baseline_value'])
      .where('plan_id', '=', plan.id)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const newTarget = Number(criterion.target_value) + 7.5;
    const newDate = isoDaysFromToday(300);

    // R4 — first the project leader corrects a wrong measurement (84 % recorded for 48 %); the plan shows 48 %.
    const measured = await t.db
      .selectFrom('success_criterion')
      .select(['id', 'indicator_name'])
      .where('plan_id', '=', plan.id)
      .where('unit', '=', '%')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const day = isoDaysFromToday(-1);
    await login(j, 'projektleder@demo.test');
    await visit(j, `/planer/${plan.id}`);
    await page.getByRole('link', { name: `Registrér måling for ${measured.indicator_name}` }).click();
    await page.getByLabel('Målt værdi (%)').fill('84');
    await page.getByLabel('Måledato').fill(day);
    await page.getByRole('button', { name: 'Registrér måling' }).click();
    await page.waitForURL(/\/planer\/\d+$/);
    await page.getByRole('link', { name: `Registrér måling for ${measured.indicator_name}` }).click();
    await page.getByRole('link', { name: `Ret eller fjern målingen fra ${formatDate(day)}` }).click();
    await page.getByLabel('Målt værdi (%)').fill('48');
    await page.getByLabel('Begrundelse for rettelsen').fill('Tastefejl');
    await page.getByRole('button', { name: 'Gem rettelsen' }).click();
    await page.waitForURL(new RegExp(`/maalinger/${measured.id}$`));
    await visit(j, `/planer/${plan.id}`);
    expect(await page.locator('#main-content').textContent()).toContain(`48,0 % (${formatDate(day)})`);

    // The project leader proposes the change from the plan page.
    await page.locator('#plan-changes-section').getByRole('link', { name: 'Foreslå ændring' }).click();
    await page.getByLabel('Ændring af den strategiske samarbejdsaftale').check();
    await page.getByRole('button', { name: 'Videre' }).click();
    await expectAccessible(j);
    await page.getByLabel('Overskrift').fill('Nyt mål for succeskriteriet');
    await page.getByLabel('Begrundelse').fill('Evalueringen viser, at målet kan hæves.');
    await page.getByLabel('Succeskriterium').selectOption(String(criterion.id));
    await page.getByLabel('Ny målværdi').fill(formatNumber(newTarget, 1));
    await page.getByLabel('Ny måldato').fill(newDate);
    await page.getByRole('button', { name: 'Opret ændringsanmodning' }).click();
    await page.waitForURL(/\/aendringer\/\d+$/);
    await expectAccessible(j);
    const requestUrl = page.url();
    // The request page shows the difference: the criterion by name, the old and the new target.
    const proposed = page.locator('table', { hasText: 'Den foreslåede ændring' });
    const row = proposed.locator('tr', { hasText: 'Målværdi' });
    expect(await row.textContent()).toContain(`Succeskriterium «${criterion.indicator_name}»`);
    expect(await row.locator('del').textContent()).toBe(Number(criterion.target_value).toLocaleString('da-DK'));
    expect(await row.locator('ins').textContent()).toBe(newTarget.toLocaleString('da-DK'));
    await page.getByLabel('Skriftligt, med en frist').check();
    await page.getByLabel('Frist ved skriftlig behandling').fill(isoDaysFromToday(14));
    await page.getByRole('button', { name: 'Send til beslutning' }).click();
    await page.waitForURL(requestUrl);

    // The district board's chair represents a party organisation: she approves; LBF must approve a strategic agreement.
    await logout();
    await login(j, 'bestyrelse@demo.test');
    await page.goto(requestUrl);
    await expectAccessible(j);
    await page.getByLabel('Begrundelse for beslutningen').fill('Godkendt skriftligt.');
    await page.getByRole('button', { name: 'Godkend ændringen' }).click();
    await page.waitForURL(requestUrl);
    expect(await page.locator('main').textContent()).toContain('Afventer godkendelse');
    // Not applied yet: the plan still has the old target.
    expect(
      Number(
        (await t.db.selectFrom('success_criterion').select('target_value').where('id', '=', criterion.id).executeTakeFirstOrThrow())
          .target_value,
      ),
    ).toBe(Number(criterion.target_value));

    await logout();
    await login(j, 'lbf@demo.test');
    await page.goto(requestUrl);
    await expectAccessible(j);
    await page.getByLabel('Godkendt den').fill(isoDaysFromToday(-1));
    await page.getByLabel('Landsbyggefondens reference').fill('LBF j.nr. 2026-4711');
    await page.getByRole('button', { name: 'Registrér Landsbyggefondens godkendelse' }).click();
    await page.waitForURL(requestUrl);
    await expectAccessible(j);
    expect(await page.locator('main').textContent()).toContain('Gennemført som ny version');

    // The plan's history (LBF may read it) shows the change: which criterion, the old and the new target.
    await visit(j, `/planer/${plan.id}`);
    await page.getByRole('link', { name: 'Se historik' }).click();
    await page.waitForURL(/\/historik\/plan\//);
    await expectAccessible(j);
    const entry = page.locator('table tbody tr', { hasText: 'Ændring gennemført' }).first();
    const text = await entry.textContent();
    expect(text).toContain(
      `Succeskriterium «${criterion.indicator_name}» – Målværdi: ${Number(criterion.target_value).toLocaleString('da-DK')} → ${newTarget.toLocaleString('da-DK')}`,
    );
    expect(text).toContain(`Måldato`);
    // … and the corrected measurement, with the old and the new value.
    expect(await page.locator('table tbody tr', { hasText: 'Rettede målingen' }).first().textContent()).toContain(
      `Rettede målingen af ${measured.indicator_name}: 84 (${formatDate(day)}) → 48 (${formatDate(day)}). Begrundelse: Tastefejl`,
    );

    // The plan page shows the new target and date.
    await logout();
    await login(j, 'projektleder@demo.test');
    await visit(j, `/planer/${plan.id}`);
    const shown = await page.locator('.criterion', { hasText: criterion.indicator_name }).first().textContent();
    expect(shown).toContain(`${formatNumber(newTarget, 1)} ${criterion.unit} (${formatDate(newDate)})`);
  });
});
