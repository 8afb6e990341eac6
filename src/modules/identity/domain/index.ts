export * from './account';
export * from './account-rules';
export * from './identity-errors';
export * from './login-throttle';
export * from './otp-challenge';
export * from './password-hash';
export * from './security-event';
export * from './session';
