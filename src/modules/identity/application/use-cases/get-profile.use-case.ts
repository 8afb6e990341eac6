import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { IdentityErrors } from '../../domain';
import { IDENTITY_UNIT_OF_WORK, IdentityUnitOfWork } from '../ports';
import type { ProfileView } from '../views';

@Injectable()
export class GetProfileUseCase {
  constructor(@Inject(IDENTITY_UNIT_OF_WORK) private readonly uow: IdentityUnitOfWork) {}

  async execute(ctx: RequestContext): Promise<ProfileView> {
    const profile = ctx.userId ? await this.uow.repos.accounts.findProfile(ctx.userId) : undefined;
    if (!profile) throw IdentityErrors.accountNotFound();
    return profile;
  }
}
