import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { memoWhileUnwritten, writeCounterOf } from '../../../src/db/write-counter.ts';
import { dataVersion } from '../../../src/services/readmodel.ts';
import { describeDb, openTestDatabase, type TestDatabase } from '../../support/db.ts';

/**
 * On the embedded database a value read from it is kept while no statement has written (docs/benchmarks.md): the data
 * version and a viewer's sign-in cost no query on a kept page. On PostgreSQL other processes write: always read.
 */
describeDb('Kept while unwritten: the embedded database’s reads between two writes', () => {
  let t: TestDatabase;
  let reads = 0;
  const name = () =>
    memoWhileUnwritten(t.db, 'district-3', async () => {
      reads++;
      return (await t.db.selectFrom('district').select('name').where('number', '=', 3).executeTakeFirstOrThrow()).name;
    });

  beforeAll(async () => {
    t = await openTestDatabase();
  });
  afterAll(() => t.close());

  it('R5 — a value is read again after any write, through the query builder or raw SQL, and never kept inside a transaction', async () => {
    const first = await name();
    const afterFirst = reads;
    await name();
    // PGlite: kept (no second read); PostgreSQL: read every time.
    expect(reads - afterFirst).toBe(t.kind === 'pglite' ? 0 : 1);
    expect(writeCounterOf(t.db) !== undefined).toBe(t.kind === 'pglite');

    await t.db.updateTable('district').set({ name: 'Omdøbt bydel' }).where('number', '=', 3).execute();
    expect(await name()).toBe('Omdøbt bydel');
    await sql`UPDATE district SET name = ${first} WHERE number = 3`.execute(t.db);
    expect(await name()).toBe(first);

    // In a transaction a read may see its own uncommitted write, and a rollback sends no statement of its own.
    await t.db
      .transaction()
      .execute(async (trx) => {
        await trx.updateTable('district').set({ name: 'Aldrig gemt' }).where('number', '=', 3).execute();
        const inside = await memoWhileUnwritten(trx, 'district-3', async () => 'læst i transaktionen');
        expect(inside).toBe('læst i transaktionen');
        throw new Error('rul tilbage');
      })
      .catch(() => undefined);
    expect(await name()).toBe(first);
  });

  it('R5 — the data version moves with a committed write and is read again at once', async () => {
    const before = await dataVersion(t.db);
    expect(await dataVersion(t.db)).toEqual(before);
    await t.db.updateTable('district').set({ name: 'Endnu et navn' }).where('number', '=', 3).execute();
    const after = await dataVersion(t.db);
    expect(Number(after.data)).toBeGreaterThan(Number(before.data));
  });
});
