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
