/** The analytics context's public surface: nothing else is imported from outside. */
export { AnalyticsModule } from './analytics.module';
export { ANALYTICS_ERRORS } from './domain/analytics-errors';
export type { AnalyticsErrorCode } from './domain/analytics-errors';
