/** R19 — the partnership agreement's rules: target status, the agreement's and the steering dialogues' life cycles. */
export * from './lifecycle.ts';
export * from './targets.ts';
