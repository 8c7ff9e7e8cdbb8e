/**
 * R4 — what a success criterion's indicator can plausibly measure, by its unit: a share in percent lies in 0–100, a count
 * is never negative, and no value is astronomically large. Pure: no I/O.
 */

/** How an indicator's unit is read: a share in percent, a count of something, or anything else (a score, kroner, …). */
export type UnitKind = 'percent' | 'count' | 'other';

/** Units read as counts (case-insensitive, first word): "antal", "personer", "boliger", … */
const countWords = new Set([
  'antal',
  'stk',
  'stk.',
  'personer',
  'beboere',
  'børn',
  'unge',
  'elever',
  'deltagere',
  'husstande',
  'familier',
  'boliger',
  'sager',
  'anmeldelser',
  'hændelser',
  'aktiviteter',
  'arrangementer',
  'frivillige',
  'medlemmer',
  'besøg',
]);

/** The largest magnitude any indicator value may have (a guard against typing errors such as 10^20). */
export const MAX_INDICATOR_MAGNITUDE = 1_000_000_000_000;

/**
 * R4 — the kind of an indicator's unit.
 * @example unitKind('%') // 'percent'
 * @example unitKind('Antal unge') // 'count'
 * @example unitKind('kr.') // 'other'
 */
export function unitKind(unit: string): UnitKind {
  const u = unit.trim().toLowerCase();
  if (!u) return 'other';
  // "procentpoint" measures a difference and may be negative; it is not a share.
  if (u.includes('procentpoint') || u.includes('pct.-point') || u.includes('%-point')) return 'other';
  if (u.startsWith('%') || /^(pct\.?|procent)(\s|$)/.test(u) || u === 'andel i %') return 'percent';
  const first = u.split(/\s+/)[0]!;
  return countWords.has(first) ? 'count' : 'other';
}

/**
 * R4 — why a value is implausible for an indicator with this unit, in Danish, or null when it is plausible.
 * @example implausibleValue('%', -50) // 'En procentandel skal ligge mellem 0 og 100.'
 * @example implausibleValue('antal', 12) // null
 */
export function implausibleValue(unit: string, value: number): string | null {
  if (!Number.isFinite(value)) return 'Skriv et tal.';
  const kind = unitKind(unit);
  if (kind === 'percent' && (value < 0 || value > 100)) return 'En procentandel skal ligge mellem 0 og 100.';
  if (kind === 'count' && value < 0) return 'Et antal kan ikke være negativt.';
  if (Math.abs(value) > MAX_INDICATOR_MAGNITUDE) return 'Værdien er urimeligt stor. Tjek, om der er tastet forkert.';
  return null;
}

/**
 * R4 — a measurement must be plausible for its indicator's unit and must not be dated in the future (a measurement
 * records what was measured). Returns the Danish message per field; empty when the measurement is plausible.
 * @example checkMeasurement({ unit: '%', value: 40, measuredOn: '2031-01-01' }, '2026-11-22')
 *   // { measuredOn: 'Måledatoen må ikke ligge i fremtiden.' }
 */
export function checkMeasurement(m: { unit: string; value: number; measuredOn: string }, today: string): Record<string, string> {
  const errors: Record<string, string> = {};
  const value = implausibleValue(m.unit, m.value);
  if (value) errors.value = value;
  if (m.measuredOn > today) errors.measuredOn = 'Måledatoen må ikke ligge i fremtiden.';
  return errors;
}

/**
 * R4 — a success criterion's baseline and target must be plausible for its unit too (a target of 150 % cannot be met).
 * Returns the Danish message per field; empty when both are plausible.
 */
export function checkCriterionValues(c: { unit: string; baselineValue: number; targetValue: number }): Record<string, string> {
  const errors: Record<string, string> = {};
  const baseline = implausibleValue(c.unit, c.baselineValue);
  if (baseline) errors.baselineValue = baseline;
  const target = implausibleValue(c.unit, c.targetValue);
  if (target) errors.targetValue = target;
  return errors;
}
