export * from './conversation';
export * from './message';
export * from './messaging-errors';
export * from './subject';
