import { DomainError } from '../../../platform/kernel';

/** Every error code the commerce context raises on purpose. */
export const COMMERCE_ERRORS = {
  validation: 'COMMERCE.VALIDATION_FAILED',
  invalidMoney: 'COMMERCE.INVALID_MONEY',
  currencyMismatch: 'COMMERCE.CURRENCY_MISMATCH',
  orderNotFound: 'COMMERCE.ORDER_NOT_FOUND',
  paymentNotFound: 'COMMERCE.PAYMENT_NOT_FOUND',
  invalidTransition: 'COMMERCE.INVALID_TRANSITION',
  listingUnavailable: 'COMMERCE.LISTING_UNAVAILABLE',
  outOfStock: 'COMMERCE.OUT_OF_STOCK',
  ownListing: 'COMMERCE.OWN_LISTING',
  unbalancedEntry: 'COMMERCE.UNBALANCED_ENTRY',
  insufficientFunds: 'COMMERCE.INSUFFICIENT_FUNDS',
  idempotencyKeyReused: 'COMMERCE.IDEMPOTENCY_KEY_REUSED',
  idempotencyKeyInvalid: 'COMMERCE.IDEMPOTENCY_KEY_INVALID',
  requestInProgress: 'COMMERCE.REQUEST_IN_PROGRESS',
  paymentNotRetryable: 'COMMERCE.PAYMENT_NOT_RETRYABLE',
  paymentProviderUnavailable: 'COMMERCE.PAYMENT_PROVIDER_UNAVAILABLE',
  webhookSignatureInvalid: 'COMMERCE.WEBHOOK_SIGNATURE_INVALID',
  forbidden: 'COMMERCE.FORBIDDEN',
  refundNotFound: 'COMMERCE.REFUND_NOT_FOUND',
  paymentMethodUnavailable: 'COMMERCE.PAYMENT_METHOD_UNAVAILABLE',
  refundInvalid: 'COMMERCE.REFUND_INVALID',
  payoutPeriodInvalid: 'COMMERCE.PAYOUT_PERIOD_INVALID',
  payoutNotFound: 'COMMERCE.PAYOUT_NOT_FOUND',
  payoutInvalidTransition: 'COMMERCE.PAYOUT_INVALID_TRANSITION',
  connectAccountNotFound: 'COMMERCE.CONNECT_ACCOUNT_NOT_FOUND',
  invoiceNotFound: 'COMMERCE.INVOICE_NOT_FOUND',
  invoiceNotReady: 'COMMERCE.INVOICE_NOT_READY',
  discountNotFound: 'COMMERCE.DISCOUNT_NOT_FOUND',
  discountCodeTaken: 'COMMERCE.DISCOUNT_CODE_TAKEN',
  discountNotApplicable: 'COMMERCE.DISCOUNT_NOT_APPLICABLE',
  discountAlreadyApplied: 'COMMERCE.DISCOUNT_ALREADY_APPLIED',
  invoiceMailRateLimited: 'COMMERCE.INVOICE_MAIL_RATE_LIMITED',
  razorpayDisabled: 'COMMERCE.RAZORPAY_DISABLED',
  paymentSignatureInvalid: 'COMMERCE.PAYMENT_SIGNATURE_INVALID',
} as const;

export type CommerceErrorCode = (typeof COMMERCE_ERRORS)[keyof typeof COMMERCE_ERRORS];

const E = COMMERCE_ERRORS;

export const CommerceErrors = {
  validation: (errors: Record<string, string[]>) => new DomainError(E.validation, 'validation', 'The request has invalid fields.', { errors }),
  invalidMoney: (reason: string) => new DomainError(E.invalidMoney, 'unprocessable', `Invalid amount: ${reason}.`),
  currencyMismatch: (expected: string, got: string) =>
    new DomainError(E.currencyMismatch, 'unprocessable', `Amounts in ${got} cannot be combined with amounts in ${expected}.`),
  /** Also what a caller gets for another person's or organization's order: its existence does not leak. */
  orderNotFound: () => new DomainError(E.orderNotFound, 'not_found', 'No such order.'),
  paymentNotFound: () => new DomainError(E.paymentNotFound, 'not_found', 'No such payment.'),
  invalidTransition: (from: string, to: string) =>
    new DomainError(E.invalidTransition, 'conflict', `An order that is ${from} cannot become ${to}.`, { extensions: { from, to } }),
  listingUnavailable: (listingId: string) =>
    new DomainError(E.listingUnavailable, 'unprocessable', 'A listing in the cart does not exist or is not for sale.', {
      extensions: { listing_id: listingId },
    }),
  outOfStock: () => new DomainError(E.outOfStock, 'conflict', 'Not enough stock for a listing in the cart.'),
  ownListing: () => new DomainError(E.ownListing, 'unprocessable', 'An organization cannot buy its own listings.'),
  unbalancedEntry: (sum: number) => new DomainError(E.unbalancedEntry, 'unprocessable', `A ledger entry must balance to zero (sums to ${sum}).`),
  insufficientFunds: () => new DomainError(E.insufficientFunds, 'unprocessable', 'The balance is too low for this payment.'),
  idempotencyKeyReused: () =>
    new DomainError(E.idempotencyKeyReused, 'unprocessable', 'This Idempotency-Key was used with another request: use a new key for a new request.'),
  idempotencyKeyInvalid: () =>
    new DomainError(E.idempotencyKeyInvalid, 'validation', 'Idempotency-Key must be 8 to 200 printable ASCII characters.', {
      errors: { 'idempotency-key': ['must be 8 to 200 printable ASCII characters'] },
    }),
  requestInProgress: () =>
    new DomainError(E.requestInProgress, 'conflict', 'A request with this Idempotency-Key is still being processed: retry shortly.', {
      retryAfterSeconds: 1,
    }),
  paymentNotRetryable: (status: string) => new DomainError(E.paymentNotRetryable, 'conflict', `A payment that is ${status} cannot be retried.`),
  paymentProviderUnavailable: () =>
    new DomainError(E.paymentProviderUnavailable, 'unavailable', 'The payment provider did not answer: retry with the same Idempotency-Key.', {
      retryAfterSeconds: 2,
    }),
  webhookSignatureInvalid: () => new DomainError(E.webhookSignatureInvalid, 'validation', 'The webhook signature is missing or invalid.'),
  forbidden: (message = 'Your role does not allow this action.') => new DomainError(E.forbidden, 'forbidden', message),
  paymentMethodUnavailable: (method: string) =>
    new DomainError(E.paymentMethodUnavailable, 'unprocessable', `Payments by ${method} are not enabled on this server.`),
  refundNotFound: () => new DomainError(E.refundNotFound, 'not_found', 'No such refund.'),
  refundInvalid: (reason: string) => new DomainError(E.refundInvalid, 'conflict', reason),
  payoutPeriodInvalid: (period: string) =>
    new DomainError(E.payoutPeriodInvalid, 'validation', 'A payout period is a month that has started, YYYY-MM.', {
      errors: { period: [`"${period}" is not a month that has started (YYYY-MM)`] },
    }),
  payoutNotFound: () => new DomainError(E.payoutNotFound, 'not_found', 'No such payout.'),
  payoutInvalidTransition: (from: string, to: string) =>
    new DomainError(E.payoutInvalidTransition, 'conflict', `A payout that is ${from} cannot become ${to}.`),
  connectAccountNotFound: () =>
    new DomainError(E.connectAccountNotFound, 'not_found', 'This organization has no Stripe Connect account yet: create one first.'),
  invoiceNotFound: () => new DomainError(E.invoiceNotFound, 'not_found', 'No such invoice.'),
  invoiceNotReady: () => new DomainError(E.invoiceNotReady, 'conflict', 'The invoice’s PDF is still being rendered: retry shortly.', { retryAfterSeconds: 2 }),
  discountNotFound: () => new DomainError(E.discountNotFound, 'not_found', 'No such discount code.'),
  discountCodeTaken: () => new DomainError(E.discountCodeTaken, 'conflict', 'The organization already has a discount with this code (codes ignore case).'),
  /** `reason` is one of DISCOUNT_REFUSALS (discount.ts). */
  discountNotApplicable: (reason: string, message: string) => new DomainError(E.discountNotApplicable, 'unprocessable', message, { extensions: { reason } }),
  invoiceMailRateLimited: (retryAfterSeconds: number) =>
    new DomainError(E.invoiceMailRateLimited, 'rate_limited', 'This invoice was e-mailed too often lately: retry after the time in Retry-After.', {
      retryAfterSeconds,
    }),
  discountAlreadyApplied: () => new DomainError(E.discountAlreadyApplied, 'conflict', 'This order already has a discount code: one code per order.'),
  /** A server without Razorpay has no Razorpay routes for its callers: 404, never a 5xx anyone can provoke. */
  razorpayDisabled: () => new DomainError(E.razorpayDisabled, 'not_found', 'Razorpay payments are not enabled on this server.'),
  razorpayWebhookDisabled: () => new DomainError(E.razorpayDisabled, 'not_found', 'Razorpay webhooks are not enabled on this server.'),
  paymentSignatureInvalid: () => new DomainError(E.paymentSignatureInvalid, 'validation', 'The payment signature is missing or invalid.'),
};
