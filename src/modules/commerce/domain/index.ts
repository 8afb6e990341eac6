export * from './commerce-errors';
export * from './money';
export * from './revenue-split';
export * from './order';
export * from './ledger';
