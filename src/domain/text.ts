/**
 * Rule codes such as "(R5)" or "(R3, R11)" belong in code comments and tests, not in what a user reads: removes them,
 * with the space before.
 * @example withoutRuleCodes('Budgettet overholder ikke reglerne (R1).') // 'Budgettet overholder ikke reglerne.'
 */
export const withoutRuleCodes = (text: string): string => text.replace(/\s*\(R\d+(?:\s*(?:,|–|-|og)\s*R\d+)*\)/g, '');
