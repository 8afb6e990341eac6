export * from './listing';
export * from './marketplace-errors';
export * from './safety-gate';
