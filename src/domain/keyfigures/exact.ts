/**
 * Exact rational arithmetic for key figures and thresholds.
 *
 * Thresholds such as "over 2,70 %" or "mindst 3 gange landsgennemsnittet" must be compared without
 * floating-point surprises (3 × 0.1 is 0.30000000000000004 in binary floating point). Every value is
 * turned into a fraction of two bigints: decimals by their written digits, ratios by their counts.
 */

/** An exact rational number `n / d`, always reduced, with `d > 0`. */
export interface Rational {
  readonly n: bigint;
  readonly d: bigint;
}

const abs = (x: bigint): bigint => (x < 0n ? -x : x);
function gcd(a: bigint, b: bigint): bigint {
  let x = abs(a);
  let y = abs(b);
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function toBigInt(x: number | bigint, what: string): bigint {
  if (typeof x === 'bigint') return x;
  if (!Number.isSafeInteger(x)) throw new RangeError(`${what} must be a safe integer, got ${x}`);
  return BigInt(x);
}

/** R18 — the exact fraction `numerator / denominator` (whole numbers; the denominator must not be 0). */
export function fraction(numerator: number | bigint, denominator: number | bigint = 1n): Rational {
  let n = toBigInt(numerator, 'numerator');
  let d = toBigInt(denominator, 'denominator');
  if (d === 0n) throw new RangeError('denominator is 0');
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/**
 * R20 — the exact value of a decimal as written ("2.70", "55", 0.91): a number is read by its shortest
 * round-trip spelling, so 0.91 means 91/100, never the binary approximation.
 */
export function decimal(x: number | string): Rational {
  // Thresholds are read for every area evaluated (R20, 8,000 estates): the few distinct literals are kept.
  const kept = decimals.get(x);
  if (kept) return kept;
  const r = parseDecimal(x);
  if (decimals.size >= 4096) decimals.clear();
  decimals.set(x, r);
  return r;
}

const decimals = new Map<number | string, Rational>();

function parseDecimal(x: number | string): Rational {
  const text = typeof x === 'number' ? String(x) : x.trim();
  if (typeof x === 'number' && !Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  const m = DECIMAL.exec(text);
  if (!m) throw new RangeError(`not a decimal number: "${text}"`);
  const [, sign, whole, frac = '', exp = '0'] = m;
  const digits = BigInt(`${whole}${frac}`);
  const scale = BigInt(frac.length) - BigInt(exp);
  const n = sign === '-' ? -digits : digits;
  return scale >= 0n ? fraction(n, 10n ** scale) : fraction(n * 10n ** -scale);
}

/** R20 — compares two rationals: −1, 0 or 1. */
export function compare(a: Rational, b: Rational): -1 | 0 | 1 {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

/** R20 — the product of two rationals. */
export function multiply(a: Rational, b: Rational): Rational {
  return fraction(a.n * b.n, a.d * b.d);
}

/** R18 — the sum of two rationals. */
export function add(a: Rational, b: Rational): Rational {
  return fraction(a.n * b.d + b.n * a.d, a.d * b.d);
}

/** R18 — the difference `a − b`. */
export function subtract(a: Rational, b: Rational): Rational {
  return add(a, { n: -b.n, d: b.d });
}

/** R18 — the quotient `a / b` (b must not be 0). */
export function divide(a: Rational, b: Rational): Rational {
  return fraction(a.n * b.d, a.d * b.n);
}

/** R18 — a rational as the nearest JavaScript number (for charts only, never for comparisons). */
export function toNumber(r: Rational): number {
  return Number(r.n) / Number(r.d);
}

/** Groups the digits of a whole number with Danish thousands separators ("6.527"). */
const groupDa = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/**
 * R18 — a rational in Danish notation, rounded half away from zero to `decimals` places
 * (decimal comma, thousands dot): 43.35 → "43,4", 6527 → "6.527".
 */
export function formatDa(r: Rational, decimals = 1): string {
  const scale = 10n ** BigInt(decimals);
  const scaled = abs(r.n) * scale;
  const q = scaled / r.d;
  const rounded = (scaled % r.d) * 2n >= r.d ? q + 1n : q;
  const text = rounded.toString().padStart(decimals + 1, '0');
  const whole = groupDa(text.slice(0, text.length - decimals));
  const frac = decimals > 0 ? `,${text.slice(text.length - decimals)}` : '';
  return `${r.n < 0n && rounded !== 0n ? '−' : ''}${whole}${frac}`;
}

/** R20 — how many decimals a decimal literal is written with ("2.70" → 2, "55" → 0). */
export function decimalsOf(x: number | string): number {
  const m = DECIMAL.exec(typeof x === 'number' ? String(x) : x.trim());
  return m?.[3]?.length ?? 0;
}
