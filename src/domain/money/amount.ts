/**
 * R1 — money is exact: whole øre as integers, percentages and shares computed in BigInt with the rounding
 * stated. Pure (the domain imports nothing of the app), so it carries its own Danish amount formatter.
 */

const grouped = (n: bigint) => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/** Whole øre → `1.234.567,50 kr.` */
export function kr(ore: number | bigint): string {
  const v = BigInt(ore);
  const neg = v < 0n;
  const abs = neg ? -v : v;
  return `${neg ? '-' : ''}${grouped(abs / 100n)},${String(abs % 100n).padStart(2, '0')} kr.`;
}

/** Integer division rounded half up (away from zero for negatives); `den` must be positive. */
export function divRound(num: bigint, den: bigint): bigint {
  if (den <= 0n) throw new RangeError('divRound: den must be positive');
  const neg = num < 0n;
  const abs = neg ? -num : num;
  const q = (2n * abs + den) / (2n * den);
  return neg ? -q : q;
}

/** `part / whole` in basis points (1/100 of a percent), rounded half up; null when whole is 0. */
export function basisPoints(part: number, whole: number): number | null {
  if (whole === 0) return null;
  const w = BigInt(whole);
  const sign = w < 0n ? -1n : 1n;
  return Number(divRound(BigInt(part) * 10_000n * sign, w * sign));
}

/** Basis points → `12,50 %` (two decimals: the rounding is half up to 0,01 %). */
export function bpText(bp: number | null): string {
  if (bp === null) return '—';
  const neg = bp < 0;
  const abs = Math.abs(bp);
  return `${neg ? '-' : ''}${Math.trunc(abs / 100)},${String(abs % 100).padStart(2, '0')} %`;
}

/** A percentage with at most two decimals (75, 12.5) → exact basis points. */
export function pctToBp(pct: number): number {
  const bp = Math.round(pct * 100);
  if (Math.abs(bp - pct * 100) > 1e-6) throw new RangeError(`percent with more than two decimals: ${pct}`);
  return bp;
}

/** `amount × bp / 10000`, rounded down (floor) — used for caps ("at most"). */
export const shareFloor = (amountOre: number, bp: number): number => Number((BigInt(amountOre) * BigInt(bp)) / 10_000n);
/** `amount × bp / 10000`, rounded up (ceiling) — used for floors ("at least"). */
export const shareCeil = (amountOre: number, bp: number): number => Number((BigInt(amountOre) * BigInt(bp) + 9_999n) / 10_000n);

/** Sums øre exactly (BigInt) and checks the result is a safe integer. */
export function sumOre(values: Iterable<number>): number {
  let s = 0n;
  for (const v of values) s += BigInt(v);
  if (s > BigInt(Number.MAX_SAFE_INTEGER) || s < BigInt(Number.MIN_SAFE_INTEGER)) throw new RangeError('sum of øre out of safe range');
  return Number(s);
}
