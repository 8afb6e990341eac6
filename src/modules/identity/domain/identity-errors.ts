import { DomainError } from '../../../platform/kernel';

/** Every error code the identity context raises on purpose. */
export const IDENTITY_ERRORS = {
  validation: 'IDENTITY.VALIDATION_FAILED',
  emailTaken: 'IDENTITY.EMAIL_TAKEN',
  phoneTaken: 'IDENTITY.PHONE_TAKEN',
  invalidCredentials: 'IDENTITY.INVALID_CREDENTIALS',
  loginThrottled: 'IDENTITY.LOGIN_THROTTLED',
  accountDisabled: 'IDENTITY.ACCOUNT_DISABLED',
  accessTokenInvalid: 'IDENTITY.ACCESS_TOKEN_INVALID',
  accessTokenExpired: 'IDENTITY.ACCESS_TOKEN_EXPIRED',
  sessionRevoked: 'IDENTITY.SESSION_REVOKED',
  refreshTokenInvalid: 'IDENTITY.REFRESH_TOKEN_INVALID',
  refreshTokenReused: 'IDENTITY.REFRESH_TOKEN_REUSED',
  sessionExpired: 'IDENTITY.SESSION_EXPIRED',
  sessionNotFound: 'IDENTITY.SESSION_NOT_FOUND',
  accountNotFound: 'IDENTITY.ACCOUNT_NOT_FOUND',
  wrongPassword: 'IDENTITY.WRONG_PASSWORD',
  tokenInvalid: 'IDENTITY.TOKEN_INVALID',
  otpInvalid: 'IDENTITY.OTP_INVALID',
  otpCooldown: 'IDENTITY.OTP_COOLDOWN',
  otpLimit: 'IDENTITY.OTP_LIMIT_REACHED',
  pictureNotFound: 'IDENTITY.PICTURE_NOT_FOUND',
  pictureTooLarge: 'IDENTITY.PICTURE_TOO_LARGE',
  pictureUnreadable: 'IDENTITY.PICTURE_UNREADABLE',
} as const;

export type IdentityErrorCode = (typeof IDENTITY_ERRORS)[keyof typeof IDENTITY_ERRORS];

export const IdentityErrors = {
  validation: (errors: Record<string, string[]>) => new DomainError(IDENTITY_ERRORS.validation, 'validation', 'The request has invalid fields.', { errors }),
  emailTaken: () => new DomainError(IDENTITY_ERRORS.emailTaken, 'conflict', 'An account with this e-mail address already exists.'),
  phoneTaken: () => new DomainError(IDENTITY_ERRORS.phoneTaken, 'conflict', 'This phone number is already verified on another account.'),
  /** One body for an unknown e-mail and a wrong password, so neither can be told apart. */
  invalidCredentials: () => new DomainError(IDENTITY_ERRORS.invalidCredentials, 'unauthenticated', 'The e-mail address or password is incorrect.'),
  loginThrottled: (retryAfterSeconds: number) =>
    new DomainError(IDENTITY_ERRORS.loginThrottled, 'rate_limited', 'Too many failed sign-in attempts: wait before trying again.', { retryAfterSeconds }),
  accountDisabled: () => new DomainError(IDENTITY_ERRORS.accountDisabled, 'forbidden', 'This account is disabled.'),
  accessTokenInvalid: () => new DomainError(IDENTITY_ERRORS.accessTokenInvalid, 'unauthenticated', 'The access token is not valid.'),
  accessTokenExpired: () => new DomainError(IDENTITY_ERRORS.accessTokenExpired, 'unauthenticated', 'The access token has expired: refresh it.'),
  sessionRevoked: () => new DomainError(IDENTITY_ERRORS.sessionRevoked, 'unauthenticated', 'This session has ended: sign in again.'),
  refreshTokenInvalid: () => new DomainError(IDENTITY_ERRORS.refreshTokenInvalid, 'unauthenticated', 'The refresh token is not valid.'),
  refreshTokenReused: () =>
    new DomainError(IDENTITY_ERRORS.refreshTokenReused, 'unauthenticated', 'This refresh token was already used: the session has been ended for safety.'),
  sessionExpired: () => new DomainError(IDENTITY_ERRORS.sessionExpired, 'unauthenticated', 'The session has expired: sign in again.'),
  sessionNotFound: () => new DomainError(IDENTITY_ERRORS.sessionNotFound, 'not_found', 'No such session.'),
  accountNotFound: () => new DomainError(IDENTITY_ERRORS.accountNotFound, 'not_found', 'No such account.'),
  pictureNotFound: () => new DomainError(IDENTITY_ERRORS.pictureNotFound, 'not_found', 'No such profile picture (it may have been replaced or removed).'),
  pictureTooLarge: (maxBytes: number) =>
    new DomainError(IDENTITY_ERRORS.pictureTooLarge, 'unprocessable', `The picture is larger than the limit of ${maxBytes} bytes.`),
  pictureUnreadable: () =>
    new DomainError(IDENTITY_ERRORS.pictureUnreadable, 'unprocessable', 'The image could not be decoded (damaged, truncated or too large in pixels).'),
  wrongPassword: () =>
    new DomainError(IDENTITY_ERRORS.wrongPassword, 'validation', 'The current password is incorrect.', {
      errors: { current_password: ['current_password is incorrect'] },
    }),
  tokenInvalid: () => new DomainError(IDENTITY_ERRORS.tokenInvalid, 'unprocessable', 'The token is invalid, expired or already used.'),
  otpInvalid: (kind: 'unauthenticated' | 'unprocessable') =>
    new DomainError(IDENTITY_ERRORS.otpInvalid, kind, 'The code is invalid, expired or already used: request a new one.'),
  otpCooldown: (retryAfterSeconds: number) =>
    new DomainError(IDENTITY_ERRORS.otpCooldown, 'rate_limited', 'A code was sent moments ago: wait before asking for another.', { retryAfterSeconds }),
  otpLimit: (retryAfterSeconds: number) =>
    new DomainError(IDENTITY_ERRORS.otpLimit, 'rate_limited', 'Too many codes requested: try again later.', { retryAfterSeconds }),
};
