import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import type { AppEnv } from '../../../src/app-env.ts';
import { anonymous } from '../../../src/policy/actor.ts';
import { readModel } from '../../../src/web/readmodel.ts';

/** A page behind `readModel()` whose rendering is counted and can be held open. */
function countedPage() {
  const db = {};
  let renders = 0;
  let version = '1';
  let release: () => void = () => undefined;
  let held = Promise.resolve();
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    c.set('deps', { demo: false } as AppEnv['Variables']['deps']);
    c.set('ctx', { db, actor: anonymous, now: () => new Date('2026-12-03T10:00:00Z') } as unknown as AppEnv['Variables']['ctx']);
    c.set('dataVersion', { data: version, audit: '0' });
    c.set('csrfToken', c.req.header('x-token') ?? '');
    await next();
  });
  app.get('/side', readModel(), async (c) => {
    renders++;
    await held;
    return c.html(`<p>Version ${version}, gengivet ${renders}. gang</p><input name="_csrf" value="${c.get('csrfToken')}">`);
  });
  return {
    app,
    renders: () => renders,
    hold() {
      held = new Promise((r) => (release = r));
    },
    release: () => release(),
    write: () => (version = String(Number(version) + 1)),
  };
}

describe('read model: one render for concurrent requests (docs/benchmarks.md)', () => {
  it('R5 — requests that miss while the page is rendered wait for that render, each with its own form token', async () => {
    const p = countedPage();
    p.hold();
    const answers = Array.from({ length: 8 }, (_, i) => p.app.request('/side', { headers: { 'x-token': `token${i}` } }));
    // Let every request reach the read model before the render ends.
    await new Promise((r) => setImmediate(r));
    p.release();
    const texts = await Promise.all(answers.map(async (a) => (await a).text()));
    expect(p.renders()).toBe(1);
    texts.forEach((t, i) => {
      expect(t).toContain('Version 1, gengivet 1. gang');
      expect(t).toContain(`value="token${i}"`);
    });
    // A write: the next request renders again, once.
    p.write();
    await Promise.all([p.app.request('/side'), p.app.request('/side')]);
    expect(p.renders()).toBe(2);
  });
});
