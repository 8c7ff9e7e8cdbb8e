import { poolEligible } from '../../support/cooperation.ts';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { replayPool } from '../../../src/domain/money/pool.ts';
import { Invalid } from '../../../src/errors.ts';
import { recordPoolEntry } from '../../../src/services/money/index.ts';
import { createTestApp, type TestApp } from '../../support/app.ts';
import { describeDb } from '../../support/db.ts';
import { makeOrganisation, makePlan, makeUser } from '../../support/factories.ts';
import { councilApproval } from './support.ts';

type Op = { kind: 'deposit' | 'allocation' | 'release'; amountOre: number; plan: number };

/**
 * R8 — the pool's balance can never go below zero, also when deposits, allocations and releases run at
 * the same time: every operation runs in its own transaction, concurrently (on PostgreSQL over a pool of
 * connections), and afterwards the ledger must be gap-free, replay to the stored balance, and never have
 * gone negative; every operation either left exactly one entry or was refused with a Danish R8 reason.
 */
describeDb('R8 pool ledger under concurrent operations (fast-check)', () => {
  let t: TestApp;
  let planIds: number[];
  let ctx: ReturnType<TestApp['ctx']>;

  beforeAll(async () => {
    t = await createTestApp();
    const org = (await makeOrganisation(t.db)).id;
    planIds = [];
    for (let i = 0; i < 3; i++) {
      const { plan } = await makePlan(t.db, { organisationIds: [org], state: 'ended' });
      await poolEligible(t.db, plan.id);
      await councilApproval(t.db, plan.id, null);
      planIds.push(plan.id);
    }
    const user = await makeUser(t.db, { grants: [{ role: 'municipal', administration: 'TMF' }] });
    ctx = t.ctx(user.actor);
  });
  afterAll(() => t.close());

  const op: fc.Arbitrary<Op> = fc.record({
    kind: fc.constantFrom('deposit', 'allocation', 'allocation', 'release'),
    amountOre: fc.integer({ min: 1, max: 50_000 }),
    plan: fc.integer({ min: 0, max: 2 }),
  });

  it('R8 no sequence of concurrent deposits, allocations and releases makes the balance negative or loses an entry', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 100_000 }), fc.array(op, { minLength: 1, maxLength: 24 }), async (start, ops) => {
        await t.db.deleteFrom('pool_entry').execute();
        await t.db.updateTable('pool').set({ balance_ore: 0, entry_count: 0 }).execute();
        if (start > 0)
          await recordPoolEntry(ctx, {
            kind: 'deposit',
            amountOre: start,
            planId: null,
            decision: 'Start',
            decidedOn: '2024-01-01',
            note: '',
          });
        const results = await Promise.allSettled(
          ops.map((o) =>
            recordPoolEntry(ctx, {
              kind: o.kind,
              amountOre: o.amountOre,
              planId: o.kind === 'deposit' ? null : planIds[o.plan]!,
              decision: 'Test',
              decidedOn: '2024-01-01',
              note: '',
            }),
          ),
        );
        for (const r of results) {
          if (r.status === 'rejected') {
            expect(r.reason).toBeInstanceOf(Invalid);
            // R8 — only the pool's own refusals (its balance, the plan's net allocation), in Danish without rule codes.
            const reason = Object.values((r.reason as Invalid).fields).join(' ');
            expect(reason).toMatch(/^(Puljen rummer|Planen har netto fået)/);
            expect(reason).not.toMatch(/\bR\d/);
          }
        }
        const pool = await t.db.selectFrom('pool').selectAll().executeTakeFirstOrThrow();
        const entries = await t.db.selectFrom('pool_entry').selectAll().orderBy('seq').execute();
        const accepted = results.filter((r) => r.status === 'fulfilled').length + (start > 0 ? 1 : 0);
        // No lost entry: one entry per accepted operation, numbered 1..n without gaps.
        expect(entries.length).toBe(accepted);
        expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
        expect(pool.entry_count).toBe(entries.length);
        // Every deposit is accepted.
        expect(entries.filter((e) => e.kind === 'deposit').length).toBe(
          ops.filter((o) => o.kind === 'deposit').length + (start > 0 ? 1 : 0),
        );
        // Never negative, and the ledger replays (in order) to the stored balances.
        const replay = replayPool(entries.map((e) => ({ kind: e.kind, amountOre: e.amount_ore, planId: e.plan_id })));
        expect(replay.balances).toEqual(entries.map((e) => e.balance_after_ore));
        expect(pool.balance_ore).toBe(replay.balanceOre);
        expect(pool.balance_ore).toBeGreaterThanOrEqual(0);
        for (const share of replay.shares.values()) expect(share).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 25 },
    );
  });

  it('R8 the database itself refuses a negative balance (CHECK), whatever the code does', async () => {
    await expect(t.db.updateTable('pool').set({ balance_ore: -1 }).execute()).rejects.toThrow();
  });
});
