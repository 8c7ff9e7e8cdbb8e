import { afterAll, beforeAll, expect, it } from 'vitest';
import { axeViolations, describeBrowser, expectAccessible, type Journey, login, startJourney, visit } from './support/browser.ts';

describeBrowser('Journey: every screen size (dkfds header and mobile menu)', () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney();
  });
  afterAll(async () => {
    await j?.close();
  });

  it('the accessibility check fails a page with a violation (an image without text, text without contrast)', async () => {
    await j.page.goto(`${j.base}/`);
    await j.page.evaluate(() => {
      const main = document.querySelector('main') ?? document.body;
      main.insertAdjacentHTML('beforeend', '<img src="/x.png"><p style="color:#eee;background:#fff">Næsten usynlig</p>');
    });
    const found = await axeViolations(j.page);
    expect(found.some((v) => v.startsWith('image-alt'))).toBe(true);
    expect(found.some((v) => v.startsWith('color-contrast'))).toBe(true);
    await expect(expectAccessible(j)).rejects.toThrow(/axe på/);
  });

  it('at 375 px a user opens the menu, finds the main menu and signs out', async () => {
    const { page } = j;
    await login(j, 'sekretariat@demo.test');
    await page.setViewportSize({ width: 375, height: 800 });
    await visit(j, '/');
    const menu = page.getByRole('button', { name: 'Menu' });
    // (axe has looked at the page at 375 and 1280 px; growing past 1024 px closes an open drawer, as dkfds does.)
    await expect(menu.isVisible()).resolves.toBe(true);
    await expect(page.locator('.navigation-menu .nav').isVisible()).resolves.toBe(false);
    await menu.click();
    const drawer = page.getByRole('dialog', { name: 'Menu' });
    await drawer.waitFor({ state: 'visible' });
    await expect(drawer.getByRole('link', { name: 'Planer' }).isVisible()).resolves.toBe(true);
    await expect(drawer.getByRole('link', { name: 'Mine opgaver' }).isVisible()).resolves.toBe(true);
    // Closing and opening again works; then sign out from the drawer.
    await drawer.getByRole('button', { name: 'Luk menu' }).click();
    await drawer.waitFor({ state: 'hidden' });
    await menu.click();
    await drawer.getByRole('button', { name: 'Log af' }).click();
    await page.waitForLoadState();
    await page.getByRole('button', { name: 'Menu' }).click();
    await expect(page.getByRole('dialog', { name: 'Menu' }).getByRole('link', { name: 'Log ind' }).isVisible()).resolves.toBe(true);
    expect((await j.context.cookies()).some((c) => c.name === 'helhed_session')).toBe(false);
  });

  it('at 768 px the menu button shows, at 1280 px the main menu and the log-in link sit in the header', async () => {
    const { page } = j;
    await j.context.clearCookies();
    await page.setViewportSize({ width: 768, height: 900 });
    // The public front page with its charts (SVG with a title, tables beside them).
    await visit(j, '/');
    await expect(page.locator('#chart-frames svg[role="img"]').count()).resolves.toBe(1);
    await visit(j, '/planer');
    await expect(page.getByRole('button', { name: 'Menu' }).isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('dialog', { name: 'Menu' }).getByRole('link', { name: 'Nøgletal' }).click();
    await page.waitForURL(/\/noegletal/);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.reload();
    await expect(page.getByRole('button', { name: 'Menu' }).isVisible()).resolves.toBe(false);
    await expect(page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Planer' }).isVisible()).resolves.toBe(true);
    await expect(page.locator('.portal-info .portal-user').getByRole('link', { name: 'Log ind' }).isVisible()).resolves.toBe(true);
  });

  it('without JavaScript the main menu and the log-in link stay reachable at 375 px', async () => {
    const context = await j.browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${j.base}/`);
    await expect(
      page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Planer' }).first().isVisible(),
    ).resolves.toBe(true);
    await expect(page.locator('.portal-info .portal-user').getByRole('link', { name: 'Log ind' }).isVisible()).resolves.toBe(true);
    await context.close();
  });

  it('at 375 px no page is wider than the screen: wide tables scroll in their own box, long values wrap', async () => {
    const { page } = j;
    await login(j, 'sekretariat@demo.test');
    await page.setViewportSize({ width: 375, height: 800 });
    const plan = await j.t.db.selectFrom('plan').select('id').where('name', '=', 'Helhedsplan Mjølnerparken').executeTakeFirstOrThrow();
    for (const path of [
      '/',
      '/opgaver',
      `/planer/${plan.id}`,
      `/planer/${plan.id}/oekonomi`,
      `/planer/${plan.id}/rapporter/2025`,
      '/styring/sekretariat',
      '/oekonomi',
      '/noegletal',
      '/historik/plan/' + plan.id,
      '/soeg?q=lektiecaf%C3%A9',
    ]) {
      await visit(j, path);
      await page.setViewportSize({ width: 375, height: 800 });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `bredde af ${path}`).toBeLessThanOrEqual(375);
    }
    await page.goto(`${j.base}/oekonomi`);
    await expect(page.locator('.table--responsive-scroll').first().getAttribute('tabindex')).resolves.toBe('0');
  });
});
