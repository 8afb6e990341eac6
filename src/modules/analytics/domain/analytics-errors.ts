import { DomainError } from '../../../platform/kernel';

export const ANALYTICS_ERRORS = {
  validation: 'ANALYTICS.VALIDATION_FAILED',
  notFound: 'ANALYTICS.NOT_FOUND',
} as const;

export type AnalyticsErrorCode = (typeof ANALYTICS_ERRORS)[keyof typeof ANALYTICS_ERRORS];

export const AnalyticsErrors = {
  validation: (errors: Record<string, string[]>) => new DomainError(ANALYTICS_ERRORS.validation, 'validation', 'The request has invalid fields.', { errors }),
  /** Another organization's analytics, or one that does not exist: the same answer. */
  notFound: () => new DomainError(ANALYTICS_ERRORS.notFound, 'not_found', 'No such organization, or the caller is not a member of it.'),
};
