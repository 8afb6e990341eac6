import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { IdentityErrors } from '../../domain';
import { IDENTITY_UNIT_OF_WORK, IdentityUnitOfWork } from '../ports';
import { ProfilePictureLinks } from '../services/profile-picture-links';
import type { ProfileView } from '../views';

@Injectable()
export class GetProfileUseCase {
  constructor(
    @Inject(IDENTITY_UNIT_OF_WORK) private readonly uow: IdentityUnitOfWork,
    private readonly pictures: ProfilePictureLinks,
  ) {}

  async execute(ctx: RequestContext): Promise<ProfileView> {
    const userId = ctx.userId;
    if (!userId) throw IdentityErrors.accountNotFound();
    const stored = await this.uow.repos.accounts.findProfile(userId);
    if (!stored) throw IdentityErrors.accountNotFound();
    return { ...stored.view, pictureUrl: stored.pictureVersion ? this.pictures.url(userId, stored.pictureVersion) : null };
  }
}
