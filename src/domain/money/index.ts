export * from './amount.ts';
export * from './accounts.ts';
export * from './budget.ts';
export * from './finance.ts';
export * from './pool.ts';
