import { Injectable } from '@nestjs/common';
import type { Page, PageRequest, RequestContext } from '../../../../platform/kernel';
import { IdentityAccountSummary, IdentityApi } from '../../../identity';
import type { AccountSummary, Accounts, NewAccount } from '../../application/ports';

function toSummary(account: IdentityAccountSummary, pictures: Map<string, string> = new Map()): AccountSummary {
  return {
    id: account.id,
    email: account.email,
    fullName: account.fullName,
    emailVerified: account.emailVerified,
    disabled: account.disabled,
    platformRoles: account.roles,
    createdAt: account.createdAt,
    pictureUrl: pictures.get(account.id) ?? null,
  };
}

/** Accounts, as the identity context's facade shows them: this context never reads identity's tables. */
@Injectable()
export class IdentityAccounts implements Accounts {
  constructor(private readonly identity: IdentityApi) {}

  async get(ctx: RequestContext, id: string): Promise<AccountSummary | undefined> {
    const [account, pictures] = await Promise.all([this.identity.getAccount(ctx, id), this.identity.picturesFor(ctx, [id])]);
    return account && toSummary(account, pictures);
  }

  async getMany(ctx: RequestContext, ids: string[]): Promise<Map<string, AccountSummary>> {
    if (ids.length === 0) return new Map();
    const [accounts, pictures] = await Promise.all([this.identity.getAccounts(ctx, ids), this.identity.picturesFor(ctx, ids)]);
    return new Map(accounts.map((account) => [account.id, toSummary(account, pictures)]));
  }

  async findByEmail(ctx: RequestContext, email: string): Promise<AccountSummary | undefined> {
    const account = await this.identity.findAccountByEmail(ctx, email);
    return account && toSummary(account, await this.identity.picturesFor(ctx, [account.id]));
  }

  async list(ctx: RequestContext, filter: { email?: string }, page: PageRequest): Promise<Page<AccountSummary>> {
    const result = await this.identity.listAccounts(ctx, filter, page);
    const pictures = await this.identity.picturesFor(
      ctx,
      result.data.map((account) => account.id),
    );
    return { data: result.data.map((account) => toSummary(account, pictures)), meta: result.meta };
  }

  async create(ctx: RequestContext, input: NewAccount): Promise<AccountSummary> {
    return toSummary(
      await this.identity.createAccount(ctx, {
        email: input.email,
        fullName: input.fullName,
        password: input.password,
        dateOfBirth: input.dateOfBirth,
        emailVerified: input.emailVerified,
        roles: input.platformRoles,
      }),
    );
  }

  rename(ctx: RequestContext, id: string, fullName: string): Promise<void> {
    return this.identity.renameAccount(ctx, id, fullName);
  }

  disable(ctx: RequestContext, id: string): Promise<void> {
    return this.identity.disableAccount(ctx, id);
  }
}
