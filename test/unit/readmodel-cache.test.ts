import { describe, expect, it } from 'vitest';
import { audienceOf, SizedCache } from '../../src/services/readmodel.ts';

describe('read-model cache (docs/benchmarks.md)', () => {
  it('R5 — is bounded by bytes, not by count: the least recently used page goes first', () => {
    const c = new SizedCache(1000);
    c.observe('1');
    c.set('a', 'x'.repeat(200)); // 402 bytes
    c.set('b', 'y'.repeat(200));
    expect(c.get('a')).toHaveLength(200); // a is now the most recently used
    c.set('c', 'z'.repeat(200));
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toHaveLength(200);
    expect(c.bytes).toBeLessThanOrEqual(1000);
    c.set('huge', 'h'.repeat(600));
    expect(c.get('huge')).toBeUndefined();
  });

  it('issue 20 — other values are bounded by the estimate of their size', () => {
    const c = new SizedCache<{ units: number }>(10_000, (v) => 1000 * v.units);
    c.set('a', { units: 4 });
    c.set('b', { units: 4 });
    expect(c.size).toBe(2);
    c.set('c', { units: 3 }); // 4,000 + 4,000 + 3,000 (and the keys) > 10,000: the least recently used goes
    expect(c.get('a')).toBeUndefined();
    expect(c.get('b')).toEqual({ units: 4 });
    expect(c.bytes).toBe(7000 + 4);
    c.set('d', { units: 11 });
    expect(c.get('d')).toBeUndefined();
  });

  it('R5 — a new data version drops every page of the old one', () => {
    const c = new SizedCache(1000);
    c.observe('1');
    c.set('a', 'x');
    c.observe('2');
    expect(c.size).toBe(0);
    expect(c.bytes).toBe(0);
  });

  it('R5 — the audience is the viewer with their grants; the public shares one', () => {
    const user = (id: number, grants: { role: 'organisation' | 'secretariat'; organisationId?: number }[]) =>
      ({ kind: 'user', id, name: 'x', email: 'x@x', isDemo: false, grants }) as const;
    expect(audienceOf({ kind: 'anonymous' })).toBe('anonymous');
    expect(audienceOf(user(1, [{ role: 'organisation', organisationId: 2 }]))).not.toBe(
      audienceOf(user(1, [{ role: 'organisation', organisationId: 3 }])),
    );
    expect(audienceOf(user(1, [{ role: 'secretariat' }]))).not.toBe(audienceOf(user(2, [{ role: 'secretariat' }])));
  });
});
