import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { IdentityErrors } from '../../domain';
import { IDENTITY_UNIT_OF_WORK, IdentityUnitOfWork } from '../ports';
import { ProfileView, toProfileView } from '../views';

@Injectable()
export class GetProfileUseCase {
  constructor(@Inject(IDENTITY_UNIT_OF_WORK) private readonly uow: IdentityUnitOfWork) {}

  async execute(ctx: RequestContext): Promise<ProfileView> {
    const account = ctx.userId ? await this.uow.repos.accounts.findById(ctx.userId) : undefined;
    if (!account) throw IdentityErrors.accountNotFound();
    return toProfileView(account);
  }
}
