import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../../../platform/kernel';
import { Account, AuthMethod, SecurityEvent, Session, SessionLifetimes } from '../../domain';
import { ACCESS_TOKEN_CODEC, AccessTokenCodec, IDENTITY_SETTINGS, IdentityRepositories, IdentitySettings, SECRET_TOKENS, SecretTokens } from '../ports';
import { AuthResult, toProfileView } from '../views';
import { ProfilePictureLinks } from './profile-picture-links';

/** Opens sessions and mints the tokens every sign-in path returns. */
@Injectable()
export class SessionIssuer {
  constructor(
    @Inject(SECRET_TOKENS) private readonly secrets: SecretTokens,
    @Inject(ACCESS_TOKEN_CODEC) private readonly accessTokens: AccessTokenCodec,
    @Inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
    private readonly pictures: ProfilePictureLinks,
  ) {}

  get lifetimes(): SessionLifetimes {
    return {
      idleSeconds: this.settings.refreshIdleTtlSeconds,
      absoluteSeconds: this.settings.refreshAbsoluteTtlSeconds,
      graceSeconds: this.settings.refreshGraceSeconds,
    };
  }

  /**
   * Opens a refresh-token family with its first token and, for a sign-in, records its security event (made from
   * the new session's id) in the same write. One statement: call it inside the transaction that needs it, or
   * with the unit of work's own repositories when nothing else is written.
   */
  async open(
    repos: IdentityRepositories,
    ctx: RequestContext,
    account: Account,
    method: AuthMethod,
    now: Date,
    signInEvent?: (sessionId: string) => SecurityEvent,
  ): Promise<{ session: Session; refreshToken: string }> {
    const session = Session.open(
      { id: randomUUID(), userId: account.id, authMethod: method, userAgent: truncate(ctx.userAgent), ip: ctx.ip },
      this.lifetimes,
      now,
    );
    const refreshToken = this.secrets.newOpaqueToken();
    await repos.sessions.insertOpened(
      session,
      { tokenHash: this.secrets.hashToken(refreshToken), createdAt: now },
      signInEvent ? { ctx: { ...ctx, userId: account.id }, event: signInEvent(session.id) } : undefined,
    );
    return { session, refreshToken };
  }

  access(account: Account, sessionId: string): Promise<{ token: string; expiresIn: number }> {
    return this.accessTokens.issue({ userId: account.id, sessionId, roles: account.roles });
  }

  async authResult(account: Account, opened: { session: Session; refreshToken: string }): Promise<AuthResult> {
    const [access, pictureUrl] = await Promise.all([this.access(account, opened.session.id), this.pictures.urlFor(account.id)]);
    return { accessToken: access.token, refreshToken: opened.refreshToken, expiresIn: access.expiresIn, user: toProfileView(account, pictureUrl) };
  }
}

const USER_AGENT_MAX = 512;

function truncate(value: string | undefined): string | null {
  return value ? value.slice(0, USER_AGENT_MAX) : null;
}
