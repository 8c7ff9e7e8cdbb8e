import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import type { Mailer } from '../../../src/services/mailer.ts';
import { createTestApp, type TestApp } from '../../support/app.ts';
import { isCi } from '../../support/env.ts';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Browser journeys need Debian's Chromium; outside CI its absence is a visible skip, under CI a failure. */
export function describeBrowser(name: string, fn: () => void): void {
  if (existsSync(chromiumPath)) {
    describe(name, fn);
    return;
  }
  if (isCi()) {
    describe(name, () => {
      throw new Error(`Chromium mangler på ${chromiumPath} (CI=true: intet må springes over)`);
    });
    return;
  }
  describe.skip(`${name} — sprunget over: Chromium mangler på ${chromiumPath}`, fn);
}

export interface Journey {
  t: TestApp;
  base: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Every URL visited, each checked with axe-core. */
  visited: string[];
  close(): Promise<void>;
}

/** The real server on a free loopback port with the demo data, and a headless Chromium; mails also go to `o.mailer`. */
export async function startJourney(
  o: { mailer?: Mailer; port?: number; app?: Parameters<typeof createTestApp>[0] } = {},
): Promise<Journey> {
  const t = await createTestApp({ demo: true, now: () => new Date(), mailer: o.mailer, ...o.app });
  const server = serve({ fetch: t.app.fetch, port: o.port ?? 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await browser.newContext({ locale: 'da-DK', acceptDownloads: true });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const visited: string[] = [];
  return {
    t,
    base,
    browser,
    context,
    page,
    visited,
    async close() {
      await context.close();
      await browser.close();
      await new Promise<void>((r) => server.close(() => r()));
      await t.close();
    },
  };
}

/** The widths every visited page is checked at: a phone (the dkfds mobile drawer) and a desktop. */
export const checkedWidths = [375, 1280] as const;

/** axe-core's own script, put into a page once per document. */
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];

/**
 * axe-core's violations on the page as it is now, one line each. axe is put into the document once and run directly
 * (asking for violations only): the same rules as `@axe-core/playwright`'s builder, which injected and serialised the
 * whole result on every call — half of every journey's time.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    // biome-ignore lint/suspicious/noExplicitAny: axe-core's global, typed by its own package only.
    const axe = (window as any).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map(
      (v: { id: string; impact: string; help: string; nodes: { target: string[] }[] }) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(', ')}`,
    );
  }, axeTags);
}

/**
 * axe-core, WCAG 2.1 A and AA plus axe's best practices, at 375 and at 1280 px: the page must have no violation of
 * any impact. The viewport is put back as it was.
 */
export async function expectAccessible(j: Journey): Promise<void> {
  const before = j.page.viewportSize();
  j.visited.push(j.page.url());
  try {
    for (const width of checkedWidths) {
      await j.page.setViewportSize({ width, height: 900 });
      expect(await axeViolations(j.page), `axe på ${j.page.url()} ved ${width} px`).toEqual([]);
    }
  } finally {
    if (before) await j.page.setViewportSize(before);
  }
}

/**
 * How many of an element's screenshot pixels are coloured (clearly neither white, black nor grey): the screenshot is
 * decoded by Chromium's own canvas on a blank page.
 */
export async function colouredPixels(j: Journey, selector: string): Promise<{ coloured: number; total: number }> {
  const png = await j.page.locator(selector).screenshot();
  const blank = await j.context.newPage();
  try {
    return await blank.evaluate(
      async (dataUrl) => {
        const img = new Image();
        img.src = dataUrl;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = img.naturalWidth;
        canvas.height = img.naturalHeight;
        const g = canvas.getContext('2d');
        if (!g) throw new Error('no 2d canvas');
        g.drawImage(img, 0, 0);
        const px = g.getImageData(0, 0, canvas.width, canvas.height).data;
        let coloured = 0;
        for (let i = 0; i < px.length; i += 4) {
          const rgb = [px[i] ?? 0, px[i + 1] ?? 0, px[i + 2] ?? 0];
          const max = Math.max(...rgb);
          const min = Math.min(...rgb);
          if (max - min > 40) coloured++;
        }
        return { coloured, total: px.length / 4 };
      },
      `data:image/png;base64,${png.toString('base64')}`,
    );
  } finally {
    await blank.close();
  }
}

/** Navigates and checks accessibility in one step. */
export async function visit(j: Journey, path: string): Promise<void> {
  const res = await j.page.goto(j.base + path);
  expect(res?.status(), `status for ${path}`).toBeLessThan(500);
  await expectAccessible(j);
}

export async function login(j: Journey, email: string, password = 'demo-helhed-2026'): Promise<void> {
  await j.page.goto(`${j.base}/login`);
  await expectAccessible(j);
  await j.page.getByLabel('E-mail').fill(email);
  await j.page.getByLabel('Adgangskode').fill(password);
  await j.page.getByRole('button', { name: 'Log ind' }).click();
  await j.page.waitForURL((u) => !u.pathname.startsWith('/login'));
}
