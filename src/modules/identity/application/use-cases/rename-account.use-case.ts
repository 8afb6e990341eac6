import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { IdentityErrors } from '../../domain';
import { IDENTITY_UNIT_OF_WORK, IdentityUnitOfWork } from '../ports';

/** Changes another account's display name (user management by role, seed 003). */
@Injectable()
export class RenameAccountUseCase {
  constructor(@Inject(IDENTITY_UNIT_OF_WORK) private readonly uow: IdentityUnitOfWork) {}

  async execute(_ctx: RequestContext, input: { userId: string; fullName: string }): Promise<void> {
    await this.uow.run(async (repos) => {
      const account = await repos.accounts.findByIdForUpdate(input.userId);
      if (!account) throw IdentityErrors.accountNotFound();
      account.updateProfile({ fullName: input.fullName }, new Date());
      await repos.accounts.save(account);
    });
  }
}
