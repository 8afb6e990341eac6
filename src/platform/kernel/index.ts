export * from './domain-error';
export * from './request-context';
export * from './page';
export * from './with-timeout';
export * from './events';
export * from './sort';
