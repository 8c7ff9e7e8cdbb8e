import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AreaListInput,
  compare,
  type CriteriaSet,
  decimal,
  type EvaluationOptions,
  evaluateListCriteria,
  fraction,
  type ListEvaluation,
  type Measure,
  measureInterval,
  multiply,
  NATIONAL_CRITERIA_SETS,
  type OriginPolicy,
  type Rational,
} from '../../../src/domain/keyfigures/index.ts';
import { approxMeasure, approxRational, judgeExact, judgeFast } from '../../../src/domain/keyfigures/national-compare.ts';
import { nationalInput } from '../../../src/services/keyfigures/read.ts';

/** The double `steps` units in the last place away from x (x finite). */
function ulps(x: number, steps: number): number {
  const view = new DataView(new ArrayBuffer(8));
  let y = x;
  for (let i = 0; i < Math.abs(steps); i++) {
    if (y === 0) y = steps > 0 ? Number.MIN_VALUE : -Number.MIN_VALUE;
    else {
      view.setFloat64(0, y);
      const bits = view.getBigUint64(0);
      view.setBigUint64(0, y > 0 === steps > 0 ? bits + 1n : bits - 1n);
      y = view.getFloat64(0);
    }
  }
  return y;
}

/** r written with `digits` decimals, cut towards zero (exactly r when it terminates by then); r ≥ 0. */
function decimalText(r: Rational, digits: number, extraUnits = 0n): string {
  const scaled = (r.n * 10n ** BigInt(digits)) / r.d + extraUnits;
  const text = scaled.toString().padStart(digits + 1, '0');
  return `${text.slice(0, text.length - digits)}.${text.slice(text.length - digits)}`;
}

/**
 * A measure exactly on, or just beside, an exact threshold t ≥ 0: as a number (the nearest double and a few ulps
 * around it), as a decimal string (to 1e−30), as counts (also with bigints far beyond 2^53), or as bounds of two.
 */
function nearMeasure(t: Rational): fc.Arbitrary<Measure> {
  const asNumber = approxRational(t) ?? 0;
  const number = fc.integer({ min: -3, max: 3 }).map((k) => ulps(asNumber, k));
  const text = fc.constantFrom(-1n, 0n, 1n).map((u) => decimalText(t, 30, t.n === 0n && u < 0n ? 0n : u));
  // 100 · n / d = t exactly for n = t.n · k, d = 100 · t.d · k; ± 1 in n moves it by 100 / d.
  const counts = fc.tuple(fc.bigInt({ min: 1n, max: 10n ** 25n }), fc.constantFrom(-1n, 0n, 1n), fc.boolean()).map(([k, u, big]) => {
    const n = t.n * k + (t.n === 0n && u < 0n ? 0n : u);
    const d = 100n * t.d * k;
    return big || n > BigInt(Number.MAX_SAFE_INTEGER) || d > BigInt(Number.MAX_SAFE_INTEGER)
      ? { numerator: n, denominator: d }
      : { numerator: Number(n), denominator: Number(d) };
  });
  const single = fc.oneof(number, text, counts);
  const bounds = fc
    .tuple(fc.oneof(number, text), fc.oneof(number, text))
    .map(([a, b]) => (compare(decimal(a), decimal(b)) <= 0 ? { low: a, high: b } : { low: b, high: a }));
  return fc.oneof(single, bounds);
}

/** Any measure of a percentage: far from or near the thresholds. */
const anyMeasure: fc.Arbitrary<Measure> = fc.oneof(
  fc.double({ min: 0, max: 200, noNaN: true }),
  fc.integer({ min: 0, max: 200_000 }).map((n) => (n / 1000).toFixed(3)),
  fc.tuple(fc.nat({ max: 5000 }), fc.integer({ min: 1, max: 5000 })).map(([n, d]) => ({ numerator: n, denominator: d })),
  fc
    .tuple(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.bigInt({ min: 1n, max: 10n ** 30n }))
    .map(([n, d]) => ({ numerator: n, denominator: d })),
  fc.tuple(fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true })).map(([a, b]) => ({
    low: Math.min(a, b),
    high: Math.max(a, b),
  })),
);

/** Values the exact path rejects: the fast path must leave them to it (the same error). */
const invalidMeasure: fc.Arbitrary<Measure> = fc.constantFrom<Measure>(
  Number.NaN,
  Number.POSITIVE_INFINITY,
  'abc',
  '',
  { numerator: 1, denominator: 0 },
  { numerator: 1n, denominator: 0n },
  { numerator: 1.5, denominator: 2 },
  { numerator: 2 ** 60, denominator: 3 },
  { low: 2, high: 1 },
  { low: '2.7000000000000000001', high: '2.7' },
  { low: 'x', high: 1 },
  { low: Number.NaN, high: 'x' },
);

const rates: fc.Arbitrary<Measure | undefined> = fc.oneof(
  fc.constantFrom<Measure | undefined>(
    undefined,
    '0.91',
    '0.9',
    '1',
    '0.1',
    0.91,
    0.3,
    { low: '0.90', high: '0.92' },
    { low: 0.91, high: 0.91 },
  ),
  fc.tuple(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 100_000 })).map(([n, d]) => ({ numerator: n, denominator: d })),
);

/** The exact thresholds a set's criteria are judged against with a national rate. */
function thresholdsOf(set: CriteriaSet, rate: Measure | undefined): Rational[] {
  const r = rate === undefined ? undefined : measureInterval(rate);
  return set.criteria.flatMap((c) =>
    c.threshold.kind === 'percent'
      ? [decimal(c.threshold.value)]
      : r
        ? [multiply(decimal(c.threshold.factor), r.lo), multiply(decimal(c.threshold.factor), r.hi)]
        : [],
  );
}

const ALL_THRESHOLDS = NATIONAL_CRITERIA_SETS.flatMap((s) => thresholdsOf(s, '0.91'));

describe('R20 fast comparisons against the exact ones', () => {
  it('R20 a fast answer is always the exact one: on, just beside and far from thresholds', () => {
    const threshold = fc.oneof(
      fc.constantFrom(...ALL_THRESHOLDS, fraction(0), fraction(1000)),
      fc
        .tuple(
          fc.integer({ min: 1, max: 10 }),
          rates.filter((r) => r !== undefined),
        )
        .map(([k, r]) => multiply(fraction(k), measureInterval(r!).lo)),
    );
    const comparison = fc.constantFrom('above', 'atLeast', 'below' as const);
    const pair = threshold.chain((t) => fc.tuple(fc.constant(t), fc.oneof(nearMeasure(t), anyMeasure), comparison));
    let decided = 0;
    fc.assert(
      fc.property(pair, ([t, m, c]) => {
        const exact = judgeExact(measureInterval(m), c, t);
        const approx = approxMeasure(m);
        const at = approxRational(t);
        const fast = approx && at !== undefined ? judgeFast(approx, c, at) : undefined;
        if (fast !== undefined) decided++;
        expect(fast ?? exact).toBe(exact);
      }),
      { numRuns: 5000 },
    );
    // Not a proof of speed, but the fast path must decide most of them (the rest are on or beside a threshold).
    expect(decided).toBeGreaterThan(1000);
  });

  it('R20 values far from a threshold are decided fast; equal ones and those a double cannot tell apart are not', () => {
    const t = decimal('2.73');
    expect(judgeFast(approxMeasure(2.74)!, 'atLeast', approxRational(t)!)).toBe('met');
    expect(judgeFast(approxMeasure({ numerator: 1, denominator: 100 })!, 'above', approxRational(t)!)).toBe('notMet');
    expect(judgeFast(approxMeasure(2.73)!, 'atLeast', approxRational(t)!)).toBeUndefined();
    // 3 × 0.91 as doubles is 2.7300000000000004; exactly it is 2.73.
    expect(judgeFast(approxMeasure(2.73)!, 'atLeast', approxRational(multiply(decimal(3), decimal('0.91')))!)).toBeUndefined();
    // The same double as 2.7, but exactly above it.
    expect(judgeFast(approxMeasure('2.7000000000000000000001')!, 'above', approxRational(decimal('2.70'))!)).toBeUndefined();
  });

  it('R20 a value the exact path rejects is never approximated (the exact path reports it)', () => {
    fc.assert(
      fc.property(invalidMeasure, (m) => {
        expect(() => measureInterval(m)).toThrow();
        let approx: unknown;
        try {
          approx = approxMeasure(m);
        } catch (error) {
          expect(() => measureInterval(m)).toThrow((error as Error).message);
          return;
        }
        expect(approx).toBeUndefined();
      }),
    );
  });
});

/** Everything an evaluation says, read out (the lazy parts too). */
const view = (e: ListEvaluation) => ({
  setId: e.setId,
  listYear: e.listYear,
  residents: [e.residents.outcome, e.residents.explanation],
  criteria: e.criteria.map((c) => [c.criterion, c.outcome, c.value, c.threshold, c.explanation]),
  designations: e.designations.map((d) => [d.id, d.label, d.verdict, d.explanation]),
  ruleText: e.ruleText,
  origin: e.origin,
});

const outcome = (run: () => ListEvaluation) => {
  try {
    return { ok: view(run()) };
  } catch (error) {
    return { error: String(error) };
  }
};

const origins = fc.constantFrom<OriginPolicy | undefined>(
  undefined,
  { kind: 'apply' },
  { kind: 'omit' },
  {
    kind: 'replace',
    variable: 'custom:nonEuCitizens',
    label: 'Statsborgere uden for EU',
    text: 'Andelen af statsborgere uden for EU overstiger 50 pct.',
  },
);

const DESIGNATIONS = ['ghettoArea', 'vulnerableArea', 'hardGhettoArea', 'parallelSociety'] as const;

/** A criteria set with its options and an area whose values lie on, beside or far from the thresholds. */
const cases = fc.tuple(fc.constantFrom(...NATIONAL_CRITERIA_SETS), rates, origins).chain(([set, rate, origin]) => {
  const near = thresholdsOf(set, rate);
  const measure = fc.oneof(
    { arbitrary: near.length ? fc.constantFrom(...near).chain(nearMeasure) : anyMeasure, weight: 6 },
    { arbitrary: anyMeasure, weight: 3 },
    { arbitrary: invalidMeasure, weight: 1 },
  );
  const variables = [...new Set(set.criteria.map((c) => c.variable)), 'custom:nonEuCitizens' as const];
  const values = fc.record(Object.fromEntries(variables.map((v) => [v, measure])), { requiredKeys: [] });
  const residents = fc.oneof(
    fc.constantFrom<AreaListInput['residents']>(undefined, 999, 1000, 1001, ulps(1000, -1), ulps(1000, 1), { low: 995, high: 1005 }),
    fc.nat({ max: 5000 }),
  );
  const year = fc.integer({ min: set.validFromListYear, max: set.validFromListYear + 4 });
  const history = fc.dictionary(
    fc.integer({ min: set.validFromListYear - 6, max: set.validFromListYear + 3 }).map(String),
    fc.subarray([...DESIGNATIONS]),
  );
  return fc.record({
    set: fc.constant(set),
    input: fc.record({ residents, values, history: fc.option(history, { nil: undefined }) }),
    options: fc.record({ listYear: year, nationalConvictionRate: fc.constant(rate), origin: fc.constant(origin) }),
  });
});

describe('R20 the fast evaluation against the exact one', () => {
  it('R20 every outcome, verdict, value, threshold and explanation is the same (and so is every error)', () => {
    fc.assert(
      fc.property(cases, ({ set, input, options }) => {
        const o = options as EvaluationOptions;
        const area = input as AreaListInput;
        const fast = outcome(() => evaluateListCriteria(set, area, o));
        const exact = outcome(() => evaluateListCriteria(set, area, { ...o, arithmetic: 'exact' }));
        expect(fast).toEqual(exact);
      }),
      { numRuns: 1000 },
    );
  });

  it('R20 an estate’s income share in numbers is the same fraction as in bigints', () => {
    fc.assert(
      fc.property(fc.nat({ max: 2 ** 40 }), fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 2 ** 40 }), (n, d, region) => {
        const f = {
          unit: { key: 'e1', level: 'estate' as const, name: 'A', refId: 1, districtId: null },
          estates: 1,
          residents: 1000,
          ratios: { grossIncome: { numerator: n, denominator: d } },
          incomplete: [],
        };
        const source = { regionIncomeOre: region } as Parameters<typeof nationalInput>[1];
        const income = nationalInput(f, source).values.grossIncomeVsRegion!;
        expect(measureInterval(income)).toEqual(measureInterval({ numerator: BigInt(n), denominator: BigInt(d) * BigInt(region) }));
      }),
    );
  });
});
