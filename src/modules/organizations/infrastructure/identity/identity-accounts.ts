import { Injectable } from '@nestjs/common';
import type { Page, PageRequest, RequestContext } from '../../../../platform/kernel';
import { IdentityAccountSummary, IdentityApi } from '../../../identity';
import type { AccountSummary, Accounts, NewAccount } from '../../application/ports';

function toSummary(account: IdentityAccountSummary): AccountSummary {
  return {
    id: account.id,
    email: account.email,
    fullName: account.fullName,
    emailVerified: account.emailVerified,
    disabled: account.disabled,
    platformRoles: account.roles,
    createdAt: account.createdAt,
  };
}

/** Accounts, as the identity context's facade shows them: this context never reads identity's tables. */
@Injectable()
export class IdentityAccounts implements Accounts {
  constructor(private readonly identity: IdentityApi) {}

  async get(ctx: RequestContext, id: string): Promise<AccountSummary | undefined> {
    const account = await this.identity.getAccount(ctx, id);
    return account && toSummary(account);
  }

  async getMany(ctx: RequestContext, ids: string[]): Promise<Map<string, AccountSummary>> {
    const accounts = ids.length ? await this.identity.getAccounts(ctx, ids) : [];
    return new Map(accounts.map((account) => [account.id, toSummary(account)]));
  }

  async findByEmail(ctx: RequestContext, email: string): Promise<AccountSummary | undefined> {
    const account = await this.identity.findAccountByEmail(ctx, email);
    return account && toSummary(account);
  }

  async list(ctx: RequestContext, filter: { email?: string }, page: PageRequest): Promise<Page<AccountSummary>> {
    const result = await this.identity.listAccounts(ctx, filter, page);
    return { data: result.data.map(toSummary), meta: result.meta };
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
