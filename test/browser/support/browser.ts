import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { AxeBuilder } from '@axe-core/playwright';
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
export async function startJourney(o: { mailer?: Mailer } = {}): Promise<Journey> {
  const t = await createTestApp({ demo: true, now: () => new Date(), mailer: o.mailer });
  const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((r) => server.once('listening', () => r()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
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

/** axe-core, WCAG 2.1 A and AA: the page must have no violations. */
export async function expectAccessible(j: Journey): Promise<void> {
  const result = await new AxeBuilder({ page: j.page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  j.visited.push(j.page.url());
  const summary = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(summary, `axe på ${j.page.url()}`).toEqual([]);
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
