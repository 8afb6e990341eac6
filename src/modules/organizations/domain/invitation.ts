import type { OrganizationRole } from './roles';

/** How long an invitation link works. */
export const INVITATION_TTL_DAYS = 7;
export const INVITATION_TTL_MS = INVITATION_TTL_DAYS * 24 * 60 * 60 * 1000;

export const INVITATION_STATUSES = ['pending', 'accepted', 'declined', 'revoked'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export interface Invitation {
  id: string;
  orgId: string;
  email: string;
  role: OrganizationRole;
  status: InvitationStatus;
  invitedBy: string | null;
  expiresAt: Date;
  respondedAt: Date | null;
  createdAt: Date;
}

/** What answering the invitation now would meet. Single use: only a pending, unexpired invitation can be answered. */
export function invitationState(invitation: Pick<Invitation, 'status' | 'expiresAt'>, now: Date): 'open' | 'expired' | 'closed' {
  if (invitation.status !== 'pending') return 'closed';
  return invitation.expiresAt.getTime() <= now.getTime() ? 'expired' : 'open';
}
