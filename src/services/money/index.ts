/**
 * Money (R1, R7, R8): budgets, funders, accounts and the municipal co-financing pool.
 * The contract other areas code against: `checkBudgetRules`, `planFinance`, `applyBudgetReallocation`.
 */
export { type BudgetDraft, type BudgetLimits, checkBudgetRules, proposeSplit, type RuleViolation } from '../../domain/money/budget.ts';
export { getPlanFinance, type PlanFinance, planFinance } from './finance.ts';
export {
  applyBudgetReallocation,
  type BudgetInput,
  type BudgetMove,
  budgetSnapshot,
  lockedReason,
  saveBudget,
  writeApprovedBudget,
} from './budget.ts';
export {
  addEntry,
  commitImport,
  deleteEntry,
  discardImport,
  getImport,
  importFinished,
  importRows,
  listEntries,
  listImports,
  previewImport,
  type Replacement,
  ReplaceNotConfirmed,
  replacementText,
} from './accounts.ts';
export { adjustPoolShare, councilApprovedMunicipalOre, poolOverview, recordPoolEntry } from './pool.ts';
export { financeOverview, financeTotals } from './overview.ts';
