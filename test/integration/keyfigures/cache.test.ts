import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { systemActor } from '../../../src/policy/actor.ts';
import { loadAllYears, loadUpperYear, loadYear } from '../../../src/services/keyfigures/read.ts';
import { createTestApp, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';

describeDb('Key figures: the cached year follows every change to what it is computed from (R18)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ demo: true });
  });
  afterAll(() => t.close());

  it('R18 renaming or moving an estate, and a new import, show at once', async () => {
    const ctx = t.ctx(systemActor('Test'));
    const year = (
      await t.db
        .selectFrom('keyfigure_import')
        .select('year')
        .where('status', '=', 'imported')
        .orderBy('year', 'desc')
        .executeTakeFirstOrThrow()
    ).year;
    const first = await loadYear(ctx, year, { defaultThreshold: 5 });
    const estate = first.tree.find((u) => u.level === 'estate')!;
    expect((await loadYear(ctx, year, { defaultThreshold: 5 })).tree.find((u) => u.key === estate.key)!.name).toBe(estate.name);

    await t.db
      .updateTable('estate')
      .set({ name: 'Omdøbt afdeling', updated_at: sql`now() + interval '1 second'` })
      .where('id', '=', estate.refId!)
      .execute();
    expect((await loadYear(ctx, year, { defaultThreshold: 5 })).tree.find((u) => u.key === estate.key)!.name).toBe('Omdøbt afdeling');

    const before = (await loadYear(ctx, year, { defaultThreshold: 5 })).units.get(estate.key)!.residents;
    await t.db
      .updateTable('keyfigure_estate_year')
      .set({ residents: sql`residents + 1000` })
      .where('estate_id', '=', estate.refId!)
      .where('year', '=', year)
      .execute();
    // A new figure comes with a new import in force (confirming an import is the only way figures change).
    await t.db
      .updateTable('keyfigure_import')
      .set({ updated_at: sql`now() + interval '2 seconds'` })
      .where('year', '=', year)
      .where('status', '=', 'imported')
      .execute();
    expect((await loadYear(ctx, year, { defaultThreshold: 5 })).units.get(estate.key)!.residents).toBe((before ?? 0) + 1000);
  });
  it('R18 the trends’ years hold the same figures of the city, districts and areas as the whole years, for every reader', async () => {
    for (const o of [{ defaultThreshold: 5 }, { defaultThreshold: 5, published: true }]) {
      const ctx = t.ctx(systemActor('Test'));
      const whole = await loadAllYears(ctx, o);
      const upper = await loadAllYears(ctx, o, loadUpperYear);
      expect(upper.map((y) => y.year)).toEqual(whole.map((y) => y.year));
      for (const [i, y] of upper.entries()) {
        const w = whole[i]!;
        const above = [...w.units].filter(([, f]) => f.unit.level !== 'estate');
        expect(above.length).toBeGreaterThan(1);
        expect([...y.units]).toEqual(above);
        expect(y.tree).toEqual(w.tree.filter((u) => u.level !== 'estate'));
        expect(y.suppressed).toBe(w.suppressed);
      }
    }
  });
});
