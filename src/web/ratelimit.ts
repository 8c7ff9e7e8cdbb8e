/**
 * A fixed-window limiter in memory: enough for one process (PGlite is single-process; behind several
 * PostgreSQL-backed processes each counts its own, which still bounds guessing).
 */
export class RateLimiter {
  private hits = new Map<string, { count: number; reset: number }>();
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Counts a failure for `key`; true while the key is still under its limit. */
  fail(key: string, now = Date.now()): void {
    const h = this.hits.get(key);
    if (!h || h.reset <= now) this.hits.set(key, { count: 1, reset: now + this.windowMs });
    else h.count++;
    if (this.hits.size > 10_000) this.sweep(now);
  }

  blocked(key: string, now = Date.now()): boolean {
    const h = this.hits.get(key);
    return !!h && h.reset > now && h.count >= this.max;
  }

  clear(key: string): void {
    this.hits.delete(key);
  }

  private sweep(now: number) {
    for (const [k, h] of this.hits) if (h.reset <= now) this.hits.delete(k);
  }
}
