import { DomainError } from '../../../platform/kernel';

/** Every error code the marketplace context raises on purpose. */
export const MARKETPLACE_ERRORS = {
  validation: 'MARKETPLACE.VALIDATION_FAILED',
  notFound: 'MARKETPLACE.LISTING_NOT_FOUND',
  kindNotAllowed: 'MARKETPLACE.KIND_NOT_ALLOWED',
  invalidTransition: 'MARKETPLACE.INVALID_TRANSITION',
  notEditable: 'MARKETPLACE.NOT_EDITABLE',
  outOfStock: 'MARKETPLACE.OUT_OF_STOCK',
  fileMissing: 'MARKETPLACE.TUNE_FILE_MISSING',
  forbidden: 'MARKETPLACE.FORBIDDEN',
  notEntitled: 'MARKETPLACE.NOT_ENTITLED',
  fileRejected: 'MARKETPLACE.FILE_REJECTED',
  appealTaken: 'MARKETPLACE.APPEAL_ALREADY_USED',
} as const;

export type MarketplaceErrorCode = (typeof MARKETPLACE_ERRORS)[keyof typeof MARKETPLACE_ERRORS];

const E = MARKETPLACE_ERRORS;

export const MarketplaceErrors = {
  validation: (errors: Record<string, string[]>) => new DomainError(E.validation, 'validation', 'The request has invalid fields.', { errors }),
  /** Also what anyone gets for another organization's listing or an unpublished one they may not see. */
  notFound: () => new DomainError(E.notFound, 'not_found', 'No such listing.'),
  kindNotAllowed: (kind: string, orgKind: string) =>
    new DomainError(E.kindNotAllowed, 'forbidden', `A ${orgKind.replace('_', ' ')} cannot sell ${kind} listings.`, { extensions: { kind } }),
  invalidTransition: (from: string, to: string) =>
    new DomainError(E.invalidTransition, 'conflict', `A listing in status ${from} cannot move to ${to}.`, { extensions: { from, to } }),
  notEditable: (status: string) => new DomainError(E.notEditable, 'conflict', `A listing in status ${status} cannot be edited.`, { extensions: { status } }),
  outOfStock: (listingId: string) =>
    new DomainError(E.outOfStock, 'conflict', `Listing ${listingId} does not have enough stock.`, { extensions: { listing_id: listingId } }),
  fileMissing: () => new DomainError(E.fileMissing, 'unprocessable', 'Upload the tune file before submitting the tune.'),
  forbidden: (message = 'Your role does not allow this action.') => new DomainError(E.forbidden, 'forbidden', message),
  notEntitled: () => new DomainError(E.notEntitled, 'forbidden', 'Buy this tune to download it.'),
  fileRejected: (reason: string) => new DomainError(E.fileRejected, 'unprocessable', reason),
  appealTaken: () => new DomainError(E.appealTaken, 'conflict', 'This verdict was already appealed.'),
};
