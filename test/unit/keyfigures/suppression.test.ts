/**
 * R18 — suppression of small counts. The property tests use an independent oracle: exact linear
 * algebra over the hierarchy's equations (each parent = the sum of its children). A set of hidden
 * cells is *derivable* when its indicator vector lies in the row space of those equations restricted
 * to the hidden cells — then its sum follows from published numbers alone. Protection means: every
 * derivable set of hidden cells sums to 0 or to at least the threshold.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CountCell, findDisclosure, publishedCounts, suppressSmallCounts } from '../../../src/domain/keyfigures/index.ts';

/** Builds cells from "id=value<parent" shorthand. */
const cells = (spec: string): CountCell[] =>
  spec.split(' ').map((s) => {
    const [, id, value, parent] = /^(\w+)=(\d+)(?:<(\w+))?$/.exec(s)!;
    return { id: id!, value: Number(value), parent };
  });

// ---- the oracle ---------------------------------------------------------------------------------

function reduce(pivots: { row: bigint[]; col: number }[], v: bigint[]): bigint[] {
  let r = v;
  for (const p of pivots) {
    const f = r[p.col]!;
    if (f !== 0n) r = r.map((x, i) => x * p.row[p.col]! - p.row[i]! * f);
  }
  return r;
}

/** Every set of hidden cells whose sum is derivable and lies strictly between 0 and the threshold. */
function oracleLeaks(all: readonly CountCell[], hidden: ReadonlySet<string>, t: number): string[][] {
  const ids = [...hidden];
  const col = new Map(ids.map((id, i) => [id, i]));
  const pivots: { row: bigint[]; col: number }[] = [];
  for (const p of all) {
    const kids = all.filter((c) => c.parent === p.id);
    if (kids.length === 0) continue;
    const row = ids.map(() => 0n);
    if (col.has(p.id)) row[col.get(p.id)!] = 1n;
    for (const k of kids) if (col.has(k.id)) row[col.get(k.id)!] = -1n;
    const r = reduce(pivots, row);
    const c = r.findIndex((x) => x !== 0n);
    if (c >= 0) pivots.push({ row: r, col: c });
  }
  const value = new Map(all.map((c) => [c.id, c.value]));
  const leaks: string[][] = [];
  for (let mask = 1; mask < 1 << ids.length; mask++) {
    const set = ids.filter((_, i) => mask & (1 << i));
    const v = ids.map((_, i) => (mask & (1 << i) ? 1n : 0n));
    if (reduce(pivots, v).some((x) => x !== 0n)) continue;
    const sum = set.reduce((s, id) => s + value.get(id)!, 0);
    if (sum > 0 && sum < t) leaks.push(set);
  }
  return leaks;
}

// ---- random hierarchies ---------------------------------------------------------------------------

type Shape = { value: number } | { children: Shape[] };
const leaf = fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 30 })).map((value): Shape => ({ value }));
const node = (depth: number): fc.Arbitrary<Shape> =>
  depth === 0
    ? leaf
    : fc.oneof(
        leaf,
        fc.array(node(depth - 1), { minLength: 1, maxLength: 3 }).map((children): Shape => ({ children })),
      );
const size = (s: Shape): number => ('children' in s ? 1 + s.children.reduce((n, c) => n + size(c), 0) : 1);

function flatten(shape: Shape): CountCell[] {
  const out: CountCell[] = [];
  const walk = (s: Shape, parent?: string): number => {
    const id = `c${out.length}`;
    const at = out.push({ id, parent, value: 0 }) - 1;
    const value = 'children' in s ? s.children.reduce((sum, c) => sum + walk(c, id), 0) : s.value;
    out[at] = { id, parent, value };
    return value;
  };
  walk(shape);
  return out;
}

const hierarchy = fc
  .array(node(2), { minLength: 1, maxLength: 4 })
  .map((children): Shape => ({ children }))
  .filter((s) => size(s) <= 13)
  .map(flatten);

// ---- tests -----------------------------------------------------------------------------------------

describe('R18 suppression of small counts', () => {
  it.each([
    ['city=100 a=3<city b=97<city', 5, ['a', 'b']],
    ['city=100 a=3<city b=40<city c=57<city', 5, ['a', 'b']],
    ['city=100 a=3<city b=2<city c=95<city', 5, ['a', 'b']],
    ['city=100 a=3<city b=2<city c=95<city', 6, ['a', 'b', 'c']],
    ['city=60 d=10<city e=50<city x=4<d y=6<d', 5, ['x', 'y']],
    ['city=60 d=4<city e=56<city x=1<d y=3<d', 5, ['d', 'e', 'x', 'y']],
    ['city=60 d=10<city e=50<city x=0<d y=10<d', 5, []],
  ])('R18 %s with threshold %i hides %o', (spec, t, expected) => {
    const result = suppressSmallCounts(cells(spec), t);
    expect([...result.suppressed].sort()).toEqual(expected);
  });

  it('R18 a single hidden child is revealed by "parent − the other children" and gets a complement', () => {
    const all = cells('area=120 e1=4<area e2=50<area e3=66<area');
    expect(findDisclosure(all, new Set(['e1']), 5)).toMatchObject({ kind: 'sumOfHidden', top: 'area', value: 4, remedy: 'e2' });
    const result = suppressSmallCounts(all, 5);
    expect([...result.primary]).toEqual(['e1']);
    expect([...result.complementary]).toEqual(['e2']);
    expect(publishedCounts(all, result)).toEqual([
      { id: 'area', value: 120 },
      { id: 'e1', value: null },
      { id: 'e2', value: null },
      { id: 'e3', value: 66 },
    ]);
  });

  it('R18 a leak across two levels (hidden estates in different areas of one district) is found', () => {
    // district − published a-estate − published b-estate = hidden x + hidden y = 5 < 6
    const all = cells('d=100 a=50<d b=50<d x=2<a a2=48<a y=3<b b2=47<b');
    expect(findDisclosure(all, new Set(['x', 'y', 'a', 'b']), 6)).toMatchObject({ kind: 'sumOfHidden', top: 'd', value: 5 });
    expect(findDisclosure(all, suppressSmallCounts(all, 6).suppressed, 6)).toBeUndefined();
  });

  it('R18 a hidden total whose parts are all published is revealed by adding them up', () => {
    const all = cells('city=10 a=4<city b=6<city a1=0<a a2=4<a');
    expect(findDisclosure(all, new Set(['a', 'a2', 'b']), 5)).toBeUndefined();
    expect(findDisclosure(all, new Set(['a', 'b']), 7)).toMatchObject({ kind: 'hiddenTotal', top: 'a', value: 4 });
  });

  it('R18 a city-sized hierarchy (10 districts, 40 areas, 400 estates) is protected in reasonable time', () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const all: CountCell[] = [{ id: 'city', value: 0 }];
    for (let d = 0; d < 10; d++) {
      all.push({ id: `d${d}`, parent: 'city', value: 0 });
      for (let a = 0; a < 4; a++) {
        all.push({ id: `d${d}a${a}`, parent: `d${d}`, value: 0 });
        for (let e = 0; e < 10; e++)
          all.push({ id: `d${d}a${a}e${e}`, parent: `d${d}a${a}`, value: Math.floor(random() * (random() < 0.3 ? 5 : 200)) });
      }
    }
    for (const c of [...all].reverse()) {
      const kids = all.filter((k) => k.parent === c.id);
      if (kids.length > 0) Object.assign(c, { value: kids.reduce((s, k) => s + k.value, 0) });
    }
    const result = suppressSmallCounts(all, 5);
    expect(result.primary.size).toBeGreaterThan(50);
    expect(result.complementary.size).toBeGreaterThan(0);
    expect(findDisclosure(all, result.suppressed, 5)).toBeUndefined();
  });

  it.each([
    ['a=5 b=3<a', 'a is 5, but its parts sum to 3'],
    ['a=5 b=5<c', 'b: unknown parent c'],
    ['a=-1', 'a: counts must be whole and ≥ 0'],
    ['a=1 a=1', 'duplicate cell a'],
  ])('R18 inconsistent counts are refused (%s)', (spec, message) => {
    const parsed = spec === 'a=-1' ? [{ id: 'a', value: -1 }] : cells(spec);
    expect(() => suppressSmallCounts(parsed, 3)).toThrow(message);
  });

  it('R18 property: after suppression no derivable set of hidden counts sums to between 0 and the threshold', () => {
    fc.assert(
      fc.property(hierarchy, fc.integer({ min: 2, max: 7 }), (all, t) => {
        const result = suppressSmallCounts(all, t);
        for (const c of all) if (c.value > 0 && c.value < t) expect(result.suppressed.has(c.id)).toBe(true);
        expect(oracleLeaks(all, result.suppressed, t)).toEqual([]);
        expect(findDisclosure(all, result.suppressed, t)).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('R18 property: the disclosure search agrees with the linear-algebra oracle for any hidden set', () => {
    fc.assert(
      fc.property(
        hierarchy.chain((all) => fc.tuple(fc.constant(all), fc.subarray(all.map((c) => c.id)), fc.integer({ min: 2, max: 7 }))),
        ([all, hiddenIds, t]) => {
          const hidden = new Set(hiddenIds);
          expect(findDisclosure(all, hidden, t) !== undefined).toBe(oracleLeaks(all, hidden, t).length > 0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
