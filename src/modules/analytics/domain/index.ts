export * from './analytics-errors';
export * from './date-range';
export * from './metrics';
export * from './report';
