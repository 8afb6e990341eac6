import { DomainError } from '../../../platform/kernel';

/** Every error code the ai context raises on purpose. */
export const AI_ERRORS = {
  notConfigured: 'AI.NOT_CONFIGURED',
  unavailable: 'AI.UNAVAILABLE',
  budgetExceeded: 'AI.BUDGET_EXCEEDED',
  malformedReply: 'AI.MALFORMED_REPLY',
  validation: 'AI.VALIDATION_FAILED',
  notFound: 'AI.NOT_FOUND',
  forbidden: 'AI.FORBIDDEN',
  rateLimited: 'AI.RATE_LIMITED',
  notADealership: 'AI.NOT_A_DEALERSHIP',
  sessionFinished: 'AI.SESSION_FINISHED',
  turnLimitReached: 'AI.TURN_LIMIT_REACHED',
  profileMissing: 'AI.PROFILE_MISSING',
} as const;

export type AiErrorCode = (typeof AI_ERRORS)[keyof typeof AI_ERRORS];

const E = AI_ERRORS;

export const AiErrors = {
  notConfigured: () => new DomainError(E.notConfigured, 'unavailable', 'The language model is not configured on this server.'),
  unavailable: (reason: string, retryAfterSeconds?: number) =>
    new DomainError(E.unavailable, 'unavailable', `The language model is unavailable: ${reason}.`, retryAfterSeconds ? { retryAfterSeconds } : undefined),
  budgetExceeded: () => new DomainError(E.budgetExceeded, 'rate_limited', "The organization's daily AI token budget is spent; it renews at midnight UTC."),
  malformedReply: (reason: string) => new DomainError(E.malformedReply, 'unavailable', `The language model gave an unusable reply: ${reason}.`),
  validation: (errors: Record<string, string[]>) => new DomainError(E.validation, 'validation', 'The request has invalid fields.', { errors }),
  notFound: (what = 'resource') => new DomainError(E.notFound, 'not_found', `No such ${what}.`),
  forbidden: (message = 'Your role does not allow this action.') => new DomainError(E.forbidden, 'forbidden', message),
  rateLimited: (retryAfterSeconds: number) => new DomainError(E.rateLimited, 'rate_limited', 'Too many interaction batches: slow down.', { retryAfterSeconds }),
  notADealership: () => new DomainError(E.notADealership, 'forbidden', 'F&I training is for dealership organizations.'),
  sessionFinished: () => new DomainError(E.sessionFinished, 'conflict', 'This training session is already finished.'),
  turnLimitReached: () => new DomainError(E.turnLimitReached, 'conflict', 'This session has used all its turns: finish it to get the score.'),
  profileMissing: () => new DomainError(E.profileMissing, 'not_found', 'No riding profile yet: complete the onboarding first.'),
};
