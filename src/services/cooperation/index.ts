export * from './contracts.ts';
export * from './output.ts';
