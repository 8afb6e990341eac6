export * from './roles';
export * from './organization';
export * from './invitation';
export * from './api-key';
export * from './audit';
export * from './organizations-errors';
