import { DomainError } from '../../../platform/kernel';

/** Every error code the organizations context raises on purpose. */
export const ORGANIZATIONS_ERRORS = {
  validation: 'ORGANIZATIONS.VALIDATION_FAILED',
  notFound: 'ORGANIZATIONS.NOT_FOUND',
  notAMember: 'ORGANIZATIONS.NOT_A_MEMBER',
  suspended: 'ORGANIZATIONS.SUSPENDED',
  forbidden: 'ORGANIZATIONS.FORBIDDEN',
  emailNotVerified: 'ORGANIZATIONS.EMAIL_NOT_VERIFIED',
  kindRequiresAdmin: 'ORGANIZATIONS.KIND_REQUIRES_ADMIN',
  slugTaken: 'ORGANIZATIONS.SLUG_TAKEN',
  memberNotFound: 'ORGANIZATIONS.MEMBER_NOT_FOUND',
  alreadyMember: 'ORGANIZATIONS.ALREADY_MEMBER',
  lastPrincipal: 'ORGANIZATIONS.LAST_PRINCIPAL',
  invitationNotFound: 'ORGANIZATIONS.INVITATION_NOT_FOUND',
  invitationInvalid: 'ORGANIZATIONS.INVITATION_INVALID',
  invitationExpired: 'ORGANIZATIONS.INVITATION_EXPIRED',
  invitationEmailMismatch: 'ORGANIZATIONS.INVITATION_EMAIL_MISMATCH',
  apiKeyNotFound: 'ORGANIZATIONS.API_KEY_NOT_FOUND',
  apiKeyInvalid: 'ORGANIZATIONS.API_KEY_INVALID',
  apiKeyRevoked: 'ORGANIZATIONS.API_KEY_REVOKED',
  apiKeyExpired: 'ORGANIZATIONS.API_KEY_EXPIRED',
  userNotFound: 'USERS.NOT_FOUND',
  userRoleNeedsOrganization: 'USERS.ROLE_NEEDS_ORGANIZATION',
  userIsSelf: 'USERS.CANNOT_TARGET_SELF',
} as const;

export type OrganizationsErrorCode = (typeof ORGANIZATIONS_ERRORS)[keyof typeof ORGANIZATIONS_ERRORS];

const E = ORGANIZATIONS_ERRORS;

export const OrganizationsErrors = {
  validation: (errors: Record<string, string[]>) => new DomainError(E.validation, 'validation', 'The request has invalid fields.', { errors }),
  /** Also what a non-member gets for an organization that exists: its existence does not leak. */
  notFound: () => new DomainError(E.notFound, 'not_found', 'No such organization.'),
  notAMember: () => new DomainError(E.notAMember, 'forbidden', 'You are not a member of this organization.'),
  suspended: () => new DomainError(E.suspended, 'forbidden', 'This organization is suspended.'),
  forbidden: (message = 'Your role in this organization does not allow this action.') => new DomainError(E.forbidden, 'forbidden', message),
  emailNotVerified: () => new DomainError(E.emailNotVerified, 'forbidden', 'Verify your e-mail address before creating an organization.'),
  kindRequiresAdmin: () => new DomainError(E.kindRequiresAdmin, 'forbidden', 'Dealerships are created by a platform admin.'),
  slugTaken: () => new DomainError(E.slugTaken, 'conflict', 'Another organization has this slug.'),
  memberNotFound: () => new DomainError(E.memberNotFound, 'not_found', 'No such member of this organization.'),
  alreadyMember: () => new DomainError(E.alreadyMember, 'conflict', 'This person is already a member of the organization.'),
  lastPrincipal: () =>
    new DomainError(E.lastPrincipal, 'conflict', 'An organization keeps at least one principal: promote another member before demoting or removing this one.'),
  invitationNotFound: () => new DomainError(E.invitationNotFound, 'not_found', 'No such pending invitation.'),
  invitationInvalid: () => new DomainError(E.invitationInvalid, 'unprocessable', 'The invitation is invalid or was already answered or revoked.'),
  invitationExpired: () => new DomainError(E.invitationExpired, 'unprocessable', 'The invitation has expired: ask for a new one.'),
  invitationEmailMismatch: () =>
    new DomainError(E.invitationEmailMismatch, 'forbidden', 'This invitation was sent to another e-mail address: sign in with that address to accept it.'),
  apiKeyNotFound: () => new DomainError(E.apiKeyNotFound, 'not_found', 'No such API key.'),
  apiKeyInvalid: () => new DomainError(E.apiKeyInvalid, 'unauthenticated', 'The API key is not valid.'),
  apiKeyRevoked: () => new DomainError(E.apiKeyRevoked, 'unauthenticated', 'The API key has been revoked.'),
  apiKeyExpired: () => new DomainError(E.apiKeyExpired, 'unauthenticated', 'The API key has expired.'),
  userNotFound: () => new DomainError(E.userNotFound, 'not_found', 'No such user.'),
  userRoleNeedsOrganization: () =>
    new DomainError(E.userRoleNeedsOrganization, 'unprocessable', 'A role is given in an organization: name it with X-Organization-Id (as its principal).'),
  userIsSelf: () => new DomainError(E.userIsSelf, 'unprocessable', 'You cannot do this to your own account.'),
};
