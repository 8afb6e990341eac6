import type { Account, SessionState } from '../domain';

/** What use cases hand back; the HTTP layer maps these to its response DTOs. */
export interface ProfileView {
  id: string;
  fullName: string;
  email: string;
  emailVerified: boolean;
  phoneNumber: string | null;
  phoneVerified: boolean;
  dateOfBirth: string;
  /** The 256-pixel profile picture's public URL, null without a picture. */
  pictureUrl: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

export interface AuthResult extends TokenPair {
  user: ProfileView;
}

export interface SessionView {
  id: string;
  userAgent: string | null;
  ip: string | null;
  authMethod: string;
  createdAt: Date;
  lastUsedAt: Date;
  expiresAt: Date;
  current: boolean;
}

export function toProfileView(account: Account, pictureUrl: string | null = null): ProfileView {
  const state = account.snapshot();
  return {
    id: state.id,
    fullName: state.fullName,
    email: state.email,
    emailVerified: state.emailVerifiedAt !== null,
    phoneNumber: state.phoneNumber,
    phoneVerified: state.phoneVerifiedAt !== null,
    dateOfBirth: state.dateOfBirth,
    pictureUrl,
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
  };
}

export function toSessionView(state: SessionState, currentSessionId: string | undefined): SessionView {
  return {
    id: state.id,
    userAgent: state.userAgent,
    ip: state.ip,
    authMethod: state.authMethod,
    createdAt: state.createdAt,
    lastUsedAt: state.lastUsedAt,
    expiresAt: state.idleExpiresAt,
    current: state.id === currentSessionId,
  };
}
