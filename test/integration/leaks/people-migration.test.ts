import { afterAll, beforeAll, expect, it } from 'vitest';
import { backfillPeople } from '../../../src/db/migrations/010_people.ts';
import { createTestApp, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';
import { makeUser } from '../../support/factories.ts';

describeDb('Migration 010: who-did-it labels become user ids and names (issue 14)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('fills the user id where the label’s e-mail is a user’s and strips every e-mail address from the labels', async () => {
    const karl = await makeUser(t.db, { name: 'Karl KAB', email: 'kab@migration.test' });
    const pool = await t.db.selectFrom('pool').select('id').executeTakeFirstOrThrow();
    const entry = (seq: number, label: string) =>
      t.db
        .insertInto('pool_entry')
        .values({
          pool_id: pool.id,
          seq,
          kind: 'deposit',
          amount_ore: 1,
          plan_id: null,
          plan_transition_id: null,
          decision: 'Test',
          decided_on: '2026-01-01',
          balance_after_ore: 1,
          created_by_label: label,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const known = await entry(901, 'Karl KAB <KAB@Migration.test>');
    const unknown = await entry(902, 'Ukendt Person <ingen@andet.test>');
    const bare = await entry(903, 'ingen@andet.test');
    const clean = await entry(904, 'Referencedata');

    await backfillPeople(t.db);

    const rows = await t.db
      .selectFrom('pool_entry')
      .select(['id', 'created_by_label', 'created_by_user_id'])
      .where('id', 'in', [known.id, unknown.id, bare.id, clean.id])
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => [r.created_by_label, r.created_by_user_id])).toEqual([
      ['Karl KAB', karl.id],
      ['Ukendt Person', null],
      ['Bruger', null],
      ['Referencedata', null],
    ]);
  });
});
