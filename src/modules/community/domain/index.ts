export * from './community-errors';
export * from './notification-types';
export * from './notification-text';
export * from './watch-levels';
export * from './forum';
export * from './comments';
