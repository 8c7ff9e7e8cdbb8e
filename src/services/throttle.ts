import type { Db, Trx } from '../db/database.ts';

/**
 * Sign-in throttling that protects without locking anyone out: wrong passwords slow down the pair of account and
 * address that made them, with a growing delay, and an address that guesses across many accounts; a person with the
 * right password from another address is never held back by someone else's guesses. Counted in the database, under a
 * row lock, so parallel attempts and several app processes share one count.
 */
export const throttleRules = {
  /** Wrong passwords for one account from one address before each further attempt must wait. */
  perPair: 5,
  /** Wrong passwords from one address (any accounts) before each further attempt must wait. */
  perAddress: 30,
  windowMs: 15 * 60_000,
  firstDelayMs: 30_000,
  maxDelayMs: 15 * 60_000,
} as const;

export type Reservation = { allowed: true; keys: string[] } | { allowed: false; retryAfterSeconds: number };

const delayAfter = (over: number) => Math.min(throttleRules.firstDelayMs * 2 ** over, throttleRules.maxDelayMs);

async function reserveKey(trx: Trx, key: string, limit: number, now: Date): Promise<number | null> {
  await trx
    .insertInto('login_throttle')
    .values({ key, failures: 0, window_start: now, blocked_until: null })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await trx.selectFrom('login_throttle').selectAll().where('key', '=', key).forUpdate().executeTakeFirstOrThrow();
  if (row.blocked_until && row.blocked_until > now) return Math.ceil((row.blocked_until.getTime() - now.getTime()) / 1000);
  const expired = row.window_start.getTime() < now.getTime() - throttleRules.windowMs;
  const failures = (expired ? 0 : row.failures) + 1;
  await trx
    .updateTable('login_throttle')
    .set({
      failures,
      window_start: expired ? now : row.window_start,
      // Counted before the password is checked: once at the limit, each further attempt waits longer.
      blocked_until: failures >= limit ? new Date(now.getTime() + delayAfter(failures - limit)) : null,
    })
    .where('key', '=', key)
    .execute();
  return null;
}

/**
 * Takes an attempt for (email, address) before the password is checked; refused attempts are not checked at all.
 * @example const r = await reserveLoginAttempt(db, 'a@kk.dk', '10.0.0.1', new Date()); if (!r.allowed) …
 */
export async function reserveLoginAttempt(db: Db, email: string, address: string, now: Date): Promise<Reservation> {
  const pair = `pair:${email}|${address}`;
  const addr = `addr:${address}`;
  return db.transaction().execute(async (trx) => {
    // Always in this order (pair, then address), so two attempts never wait for each other's locks in a circle.
    const waitPair = await reserveKey(trx, pair, throttleRules.perPair, now);
    if (waitPair !== null) return { allowed: false, retryAfterSeconds: waitPair };
    const waitAddr = await reserveKey(trx, addr, throttleRules.perAddress, now);
    if (waitAddr !== null) {
      // The pair's count was taken for an attempt that will not be checked: give it back.
      await trx
        .updateTable('login_throttle')
        .set((eb) => ({ failures: eb('failures', '-', 1) }))
        .where('key', '=', pair)
        .execute();
      return { allowed: false, retryAfterSeconds: waitAddr };
    }
    return { allowed: true, keys: [pair, addr] };
  });
}

/** A right password: the pair starts afresh, and the address's count gives back this attempt. */
export async function loginSucceeded(db: Db, reservation: Extract<Reservation, { allowed: true }>): Promise<void> {
  const [pair, addr] = reservation.keys;
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('login_throttle').where('key', '=', pair!).execute();
    await trx
      .updateTable('login_throttle')
      .set((eb) => ({ failures: eb('failures', '-', 1), blocked_until: null }))
      .where('key', '=', addr!)
      .where('failures', '>', 0)
      .execute();
  });
}
