/** Danish formatting for the interface: dates 22.11.2026, amounts 1.234.567 kr., numbers 1.234,5. */

import { kr } from '../domain/money/amount.ts';

const tz = 'Europe/Copenhagen';

const toDate = (d: Date | string) => (typeof d === 'string' ? new Date(d.length === 10 ? `${d}T12:00:00Z` : d) : d);

/** `2026-11-22` → `22.11.2026` */
export function formatDate(d: Date | string | null | undefined): string {
  if (!d) return '—';
  if (typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d)) {
    const [y, m, day] = d.split('-');
    return `${day}.${m}.${y}`;
  }
  const parts = new Intl.DateTimeFormat('da-DK', { timeZone: tz, day: '2-digit', month: '2-digit', year: 'numeric' }).formatToParts(
    toDate(d),
  );
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('day')}.${get('month')}.${get('year')}`;
}

/** A moment in Copenhagen time: `22.11.2026 kl. 14.05` */
export function formatDateTime(d: Date | string): string {
  const date = toDate(d);
  const parts = new Intl.DateTimeFormat('da-DK', { timeZone: tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(
    date,
  );
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${formatDate(date)} kl. ${get('hour')}.${get('minute')}`;
}

const grouped = (n: bigint) => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/** Whole øre → `1.234.567,50 kr.` (exact; no floating point): the domain's own formatting. */
export const formatKr = (ore: number): string => kr(ore);

/** Whole øre → `1.234.568 kr.`, rounded half up to whole kroner. */
export function formatKrWhole(ore: number): string {
  const neg = ore < 0;
  const abs = BigInt(Math.abs(Math.trunc(ore)));
  const kr = (abs + 50n) / 100n;
  return `${neg && kr > 0n ? '-' : ''}${grouped(kr)} kr.`;
}

/** `1234.5` → `1.234,5` */
export function formatNumber(n: number, decimals = 0): string {
  return new Intl.NumberFormat('da-DK', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(n);
}

/** A fraction (0.125) → `12,5 %` */
export function formatPercent(fraction: number, decimals = 1): string {
  return `${formatNumber(fraction * 100, decimals)} %`;
}
