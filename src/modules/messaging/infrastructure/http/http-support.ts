/** Problem descriptions shared by the messaging routes. */
export const CONVERSATION_404 = 'No such conversation, or the caller does not take part in it (MESSAGING.CONVERSATION_NOT_FOUND)';
export const MESSAGE_404 = 'No such message, or the caller does not take part in its conversation (MESSAGING.MESSAGE_NOT_FOUND)';
export const VALIDATION_400 = 'Invalid fields (HTTP.VALIDATION_FAILED, MESSAGING.VALIDATION_FAILED)';
export const UNAUTHENTICATED_401 = 'No valid access token (messaging is for signed-in people; API keys are refused)';
export const RATE_LIMITED_429 = 'Too many messages or typing signals (MESSAGING.RATE_LIMITED, see Retry-After)';
