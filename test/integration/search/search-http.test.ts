import { afterAll, beforeAll, expect, it } from 'vitest';
import { anonymous } from '../../../src/policy/actor.ts';
import { search } from '../../../src/services/search.ts';
import { createTestApp, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';
import { demoUser } from '../../support/tasks.ts';

describeDb('Search in Danish across plans, activities, goals, bodies and meetings (R5)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ demo: true });
  });
  afterAll(() => t.close());

  it('finds inflected forms with the Danish configuration', async () => {
    const plan = await t.db
      .selectFrom('plan')
      .select(['id', 'name'])
      .where('name', '=', 'Helhedsplan Mjølnerparken')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('goal')
      .values({ plan_id: plan.id, title: 'Flere børn trives i skolen', description: 'Børnene i området skal trives.', sort: 99 })
      .execute();
    const { hits } = await search(t.ctx(anonymous), 'børnene skolerne');
    expect(hits.some((h) => h.kind === 'goal' && h.title === 'Flere børn trives i skolen' && h.href === `/planer/${plan.id}`)).toBe(true);
  });

  it('R5 shows a draft plan only to those who may read it, and never a closed agenda item', async () => {
    const draft = await t.db.selectFrom('plan').select(['id', 'name']).where('state', '=', 'draft').executeTakeFirstOrThrow();
    const word = draft.name.split(' ').at(-1)!;
    const anon = await search(t.ctx(anonymous), word);
    expect(anon.hits.filter((h) => h.href === `/planer/${draft.id}`)).toEqual([]);
    const office = await demoUser(t, 'sekretariat@demo.test');
    expect((await search(t.ctx(office.actor), word)).hits.some((h) => h.href === `/planer/${draft.id}`)).toBe(true);
    const closed = await t.db
      .selectFrom('agenda_item')
      .select('title')
      .where('closed', '=', true)
      .where('meeting_id', 'is not', null)
      .executeTakeFirstOrThrow();
    expect((await search(t.ctx(office.actor), closed.title)).hits.filter((h) => h.kind === 'meeting' && h.title === closed.title)).toEqual(
      [],
    );
  });

  it('the page works without JavaScript: a form, the hits grouped by kind, and a count', async () => {
    const res = await t.request('/soeg?q=Nørrebro');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('id="search-count"');
    expect(html).toMatch(/Organer \(\d+\)/);
    expect(await (await t.request('/soeg')).text()).not.toContain('id="search-count"');
  });
});
