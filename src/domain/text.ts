/**
 * Rule codes such as "(R5)" or "(R3, R11)" belong in code comments and tests, not in what a user reads: removes them,
 * with the space before.
 * @example withoutRuleCodes('Budgettet overholder ikke reglerne (R1).') // 'Budgettet overholder ikke reglerne.'
 */
export const withoutRuleCodes = (text: string): string => text.replace(/\s*\(R\d+(?:\s*(?:,|–|-|og)\s*R\d+)*\)/g, '');

/**
 * Ends a sentence with a full stop, unless the text already ends with one: an amount ends in "kr.", so
 * `${kr(x)}.` would show "kr..".
 * @example endSentence('Budget 1.000,00 kr.') // 'Budget 1.000,00 kr.'
 * @example endSentence('Planen er godkendt') // 'Planen er godkendt.'
 */
export const endSentence = (text: string): string => (/[.!?]$/.test(text.trimEnd()) ? text.trimEnd() : `${text.trimEnd()}.`);

/**
 * A calendar date (ISO `yyyy-mm-dd`) as a Danish reader writes it, for sentences composed outside the pages (audit
 * summaries, rule messages).
 * @example danishDate('2026-11-22') // '22.11.2026'
 */
export const danishDate = (iso: string): string => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/**
 * A measured number with a Danish decimal comma and thousands points.
 * @example danishNumber(1234.5) // '1.234,5'
 */
export const danishNumber = (n: number): string => n.toLocaleString('da-DK', { maximumFractionDigits: 2 });
