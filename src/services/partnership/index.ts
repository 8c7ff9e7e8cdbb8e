/** R19 — the partnership agreement's use cases. */
export * from './agreements.ts';
export * from './dialogues.ts';
export * from './output.ts';
