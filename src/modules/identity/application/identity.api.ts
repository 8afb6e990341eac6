import { Inject, Injectable } from '@nestjs/common';
import { Page, PageRequest, RequestContext, SortOrder, pageOffset, toPage } from '../../../platform/kernel';
import { Account, normalizeEmail } from '../domain';
import { ACCOUNT_SORTS, AccountSortField, IDENTITY_UNIT_OF_WORK, IdentityUnitOfWork } from './ports';

export { ACCOUNT_SORTS };
export type { AccountSortField };
import { OtpChecker } from './services/otp-checker';
import { CreateAccountInput, CreateAccountUseCase } from './use-cases/create-account.use-case';
import { DisableAccountUseCase } from './use-cases/disable-account.use-case';
import { EnableAccountUseCase } from './use-cases/enable-account.use-case';
import { RevokeAccountSessionsUseCase } from './use-cases/revoke-account-sessions.use-case';
import { RenameAccountUseCase } from './use-cases/rename-account.use-case';
import { ProfilePictureLinks } from './services/profile-picture-links';

/** What other contexts may know about an account. */
export interface IdentityAccountSummary {
  id: string;
  email: string;
  fullName: string;
  emailVerified: boolean;
  disabled: boolean;
  /** Platform-wide roles; organization roles belong to the organizations context. */
  roles: string[];
  createdAt: Date;
}

/** What any response that shows a person may show of them. */
export interface PublicProfile {
  name: string;
  /** The 256-pixel picture's public URL; null without a picture. */
  pictureUrl: string | null;
}

export type { CreateAccountInput };
export type NewIdentityAccount = CreateAccountInput;

function toSummary(account: Account): IdentityAccountSummary {
  const state = account.snapshot();
  return {
    id: state.id,
    email: state.email,
    fullName: state.fullName,
    emailVerified: state.emailVerifiedAt !== null,
    disabled: state.disabledAt !== null,
    roles: state.roles,
    createdAt: state.createdAt,
  };
}

/**
 * The identity context's front door for other contexts (organizations, admin…).
 * Authorization is the caller's: these methods do what they are asked.
 */
@Injectable()
export class IdentityApi {
  constructor(
    @Inject(IDENTITY_UNIT_OF_WORK) private readonly uow: IdentityUnitOfWork,
    private readonly create: CreateAccountUseCase,
    private readonly rename: RenameAccountUseCase,
    private readonly disable: DisableAccountUseCase,
    private readonly otps: OtpChecker,
    private readonly pictures: ProfilePictureLinks,
    private readonly enable: EnableAccountUseCase,
    private readonly revokeSessions: RevokeAccountSessionsUseCase,
  ) {}

  /**
   * Public URLs (256-pixel WebP, cacheable) of these users' profile pictures,
   * for any response that shows a person; users without a picture are absent.
   */
  picturesFor(_ctx: RequestContext, userIds: string[]): Promise<Map<string, string>> {
    return this.pictures.urlsFor(userIds);
  }

  /** Names and picture URLs of these users, in one read; unknown users are absent. */
  async publicProfiles(_ctx: RequestContext, userIds: string[]): Promise<Map<string, PublicProfile>> {
    const profiles = await this.uow.repos.accounts.findPublicProfiles([...new Set(userIds)]);
    return new Map(profiles.map((p) => [p.id, { name: p.fullName, pictureUrl: p.pictureVersion ? this.pictures.url(p.id, p.pictureVersion) : null }]));
  }

  async getAccount(_ctx: RequestContext, userId: string): Promise<IdentityAccountSummary | undefined> {
    const account = await this.uow.repos.accounts.findById(userId);
    return account && toSummary(account);
  }

  async getAccounts(_ctx: RequestContext, userIds: string[]): Promise<IdentityAccountSummary[]> {
    return (await this.uow.repos.accounts.findByIds(userIds)).map(toSummary);
  }

  async findAccountByEmail(_ctx: RequestContext, email: string): Promise<IdentityAccountSummary | undefined> {
    const account = await this.uow.repos.accounts.findByEmail(normalizeEmail(email));
    return account && toSummary(account);
  }

  /** Sign-ups per UTC day since `since`, for the operators' dashboard (days without any are left out). */
  async signupsByDay(_ctx: RequestContext, since: Date): Promise<Array<{ day: string; count: number }>> {
    return this.uow.repos.accounts.createdByDay(since);
  }

  /**
   * Newest first unless `filter.sort` says otherwise; `filter.email` matches part of the address, `filter.q` part of the address or the name (case-insensitively);
   * `filter.disabled` keeps disabled (true) or usable (false) accounts.
   */
  async listAccounts(
    _ctx: RequestContext,
    filter: { email?: string; q?: string; disabled?: boolean; sort?: SortOrder<AccountSortField> },
    page: PageRequest,
  ): Promise<Page<IdentityAccountSummary>> {
    const { items, total } = await this.uow.repos.accounts.list(
      { emailContains: filter.email, text: filter.q, disabled: filter.disabled, sort: filter.sort },
      { offset: pageOffset(page), limit: page.limit },
    );
    return toPage(items.map(toSummary), total, page);
  }

  /** Same rules and errors as sign-up (IDENTITY.EMAIL_TAKEN, IDENTITY.VALIDATION_FAILED); opens no session. */
  async createAccount(ctx: RequestContext, input: CreateAccountInput): Promise<IdentityAccountSummary> {
    return toSummary(await this.create.execute(ctx, input));
  }

  renameAccount(ctx: RequestContext, userId: string, fullName: string): Promise<void> {
    return this.rename.execute(ctx, { userId, fullName });
  }

  /** Disables the account and ends all its sessions; their access tokens are refused from the next request. */
  disableAccount(ctx: RequestContext, userId: string): Promise<void> {
    return this.disable.execute(ctx, { userId });
  }

  /** Lifts a suspension made with disableAccount (IDENTITY.ACCOUNT_NOT_FOUND for an unknown id; a no-op when usable). */
  enableAccount(ctx: RequestContext, userId: string): Promise<void> {
    return this.enable.execute(ctx, { userId });
  }

  /** Ends every session of the account at once (its access tokens are refused from the next request); the account stays usable. */
  endSessions(ctx: RequestContext, userId: string): Promise<{ revokedSessions: number }> {
    return this.revokeSessions.execute(ctx, { userId });
  }

  /**
   * Whether `code` is the live verification code sent to `phoneNumber` (E.164)
   * through POST /auth/phone/request-otp with purpose `verification`: lets a
   * guest prove a phone without an account (bookings). A right code is used up;
   * wrong guesses count towards the code's lock like any other.
   */
  confirmPhoneCode(ctx: RequestContext, phoneNumber: string, code: string): Promise<boolean> {
    return this.uow.run((repos) => this.otps.attempt(repos, ctx, phoneNumber, 'verification', code));
  }
}
