import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { IdentityErrors } from '../../domain';
import { IDENTITY_UNIT_OF_WORK, IdentityUnitOfWork } from '../ports';

/** Re-enables a disabled account (the admin context, through IdentityApi); its owner signs in again with the same password. */
@Injectable()
export class EnableAccountUseCase {
  constructor(@Inject(IDENTITY_UNIT_OF_WORK) private readonly uow: IdentityUnitOfWork) {}

  async execute(ctx: RequestContext, input: { userId: string }): Promise<void> {
    const now = new Date();
    await this.uow.run(async (repos) => {
      const account = await repos.accounts.findByIdForUpdate(input.userId);
      if (!account) throw IdentityErrors.accountNotFound();
      if (!account.isDisabled) return;
      account.enable(now);
      await repos.accounts.save(account);
      await repos.securityEvents.record(ctx, { type: 'account_enabled', userId: account.id, metadata: { by: ctx.userId ?? 'system' } });
    });
  }
}
