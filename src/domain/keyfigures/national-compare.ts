/**
 * Comparing an area's values with the thresholds of the national criteria (R20): exactly, in rationals of
 * bigints, or fast, in binary floating point where that provably gives the same answer.
 *
 * A list year evaluates every estate (8,000) against every criterion; the exact comparison allocates bigints for
 * each. Almost every value lies far from its threshold, where a double comparison cannot go wrong. Only a value
 * near its threshold (3 × 0.91 % against 2.73 %, 60 % against "over 60 %") is compared exactly.
 *
 * Why the fast answer is the exact one. Each exact quantity X (a value or a threshold) is approximated by a double
 * x computed from its parts with at most 4 correctly rounded operations: a number is itself (within half a unit in
 * the last place of the decimal it is read as: 1), a rational is Number(n) / Number(d) (3: a decimal string and
 * every threshold, also 3 × the national rate, are made exact first), counts are 100 · (Number(n) / Number(d)) (4).
 * Then x = X(1 + θ) with |θ| ≤ γ₄ = 4u/(1 − 4u), u = 2⁻⁵³, hence |X − x| ≤ |x|·γ₄/(1 − γ₄) < 2⁻⁵⁰·|x|.
 * That holds only without overflow and underflow, so every double used is either exactly 0 (from an exact 0,
 * never from underflow) or of magnitude within [2⁻⁹⁰⁰, 2⁹⁰⁰]; anything else is "not approximable" and goes the
 * exact way. For a value x and a threshold t with M = max(|x|, |t|): |(X − T) − (x − t)| < 2⁻⁵⁰(|x| + |t|) ≤ 2⁻⁴⁹·M.
 * The computed difference d = fl(x − t) has the sign of x − t (rounding keeps the sign; fl(x − t) = 0 only when
 * x = t) and |x − t| ≥ |d|/(1 + u). So when |d| > NEAR·M with NEAR = 2⁻⁴⁰ (NEAR·M is exact: a power of two
 * times a normal double), |x − t| > 2⁻⁴¹·M > 2⁻⁴⁹·M, and X − T has the sign of d — in particular X ≠ T, so
 * "over", "at least" and "under" all follow from that sign. Otherwise the two are "near" (relative distance at
 * most about 10⁻¹²: 2.73 against 3 × 0.91, "2.7000000000000000001" against 2.70) and compared exactly. The
 * property test in test/unit/keyfigures/national-fast.test.ts compares both ways on random values, also exactly
 * on and a few units in the last place (or 10⁻³⁰) around every threshold.
 */
import type { Comparison } from './national-criteria.ts';
import { compare, decimal, fraction, multiply, type Rational } from './exact.ts';
import type { Interval } from './national-explain.ts';

/**
 * A percentage: a decimal as written (43.3 or "43.3"), exact counts (100 · numerator / denominator),
 * or bounds for an imprecise source.
 */
export type Measure =
  | number
  | string
  | { readonly numerator: number | bigint; readonly denominator: number | bigint }
  | { readonly low: number | string; readonly high: number | string };

const HUNDRED = fraction(100);

/** R20 — a measure as exact bounds (lo = hi when exact). */
export function measureInterval(m: Measure): Interval {
  if (typeof m === 'number' || typeof m === 'string') {
    const v = decimal(m);
    return { lo: v, hi: v };
  }
  if ('numerator' in m) {
    const v = multiply(HUNDRED, fraction(m.numerator, m.denominator));
    return { lo: v, hi: v };
  }
  const lo = decimal(m.low);
  const hi = decimal(m.high);
  if (compare(lo, hi) > 0) throw new RangeError('an interval must have low ≤ high');
  return { lo, hi };
}

export type Outcome = 'met' | 'notMet' | 'unknown';

const passes = (comparison: Comparison, side: number) =>
  comparison === 'above' ? side > 0 : comparison === 'atLeast' ? side >= 0 : side < 0;

/** R20 — three-valued comparison of an exact interval with an exact threshold. */
export function judgeExact(value: Interval, comparison: Comparison, t: Rational): Outcome {
  const lo = passes(comparison, compare(value.lo, t));
  const hi = passes(comparison, compare(value.hi, t));
  return lo && hi ? 'met' : !lo && !hi ? 'notMet' : 'unknown';
}

/** Doubles within 2⁻⁴⁹ (relative) of exact bounds; see the module comment. */
export interface Approx {
  readonly lo: number;
  readonly hi: number;
}

const TINY = 2 ** -900;
const HUGE = 2 ** 900;
const NEAR = 2 ** -40;

/** Nonzero and far from overflow and underflow: the relative error bound holds. */
const normal = (x: number) => {
  const a = Math.abs(x);
  return a >= TINY && a <= HUGE;
};

/** A rational as a double (3 roundings: numerator, denominator, quotient), or undefined. */
export function approxRational(r: Rational): number | undefined {
  if (r.n === 0n) return 0;
  const x = Number(r.n) / Number(r.d);
  return normal(x) ? x : undefined;
}

/** One end of an interval, or a decimal: a number as itself (within half an ulp of its decimal), a string as read. */
function approxDecimal(x: number | string): number | undefined {
  if (typeof x === 'string') return approxRational(decimal(x)); // validates as the exact path does (same error)
  if (typeof x !== 'number') return undefined;
  return x === 0 ? 0 : normal(x) ? x : undefined;
}

const isCount = (x: unknown) => typeof x === 'bigint' || Number.isSafeInteger(x);

/**
 * R20 — a measure as doubles within the error bound, or undefined when it cannot be given (also for anything the
 * exact path rejects, so that `measureInterval` reports the error). A string is validated as the exact path does.
 */
export function approxMeasure(m: Measure): Approx | undefined {
  if (typeof m === 'number' || typeof m === 'string') {
    const v = approxDecimal(m);
    return v === undefined ? undefined : { lo: v, hi: v };
  }
  if (typeof m !== 'object' || m === null) return undefined;
  if ('numerator' in m) {
    const { numerator: n, denominator: d } = m;
    if (!isCount(n) || !isCount(d) || d === 0 || d === 0n) return undefined;
    if (n === 0 || n === 0n) return { lo: 0, hi: 0 };
    // 4 roundings: numerator, denominator, quotient, × 100.
    const v = 100 * (Number(n) / Number(d));
    return normal(v) ? { lo: v, hi: v } : undefined;
  }
  const lo = approxDecimal(m.low);
  if (lo === undefined) return undefined;
  const hi = approxDecimal(m.high);
  // Bounds in the wrong order (or too near to tell) go the exact way, which rejects the wrong order.
  if (hi === undefined || side(lo, hi) !== -1) return undefined;
  return { lo, hi };
}

/** The sign of X − T from approximations x and t, or 0 when they are too near to tell (see the module comment). */
function side(x: number, t: number): -1 | 0 | 1 {
  const d = x - t;
  const margin = NEAR * Math.max(Math.abs(x), Math.abs(t));
  return d > margin ? 1 : d < -margin ? -1 : 0;
}

/** R20 — `judgeExact` from approximations, or undefined when an end is near the threshold. */
export function judgeFast(value: Approx, comparison: Comparison, t: number): Outcome | undefined {
  const a = side(value.lo, t);
  if (a === 0) return undefined;
  const b = value.hi === value.lo ? a : side(value.hi, t);
  if (b === 0) return undefined;
  const lo = passes(comparison, a);
  const hi = passes(comparison, b);
  return lo && hi ? 'met' : !lo && !hi ? 'notMet' : 'unknown';
}
