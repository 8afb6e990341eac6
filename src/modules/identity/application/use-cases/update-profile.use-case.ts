import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { IdentityErrors, ProfileChanges } from '../../domain';
import { IDENTITY_UNIT_OF_WORK, IdentityUnitOfWork } from '../ports';
import { ProfilePictureLinks } from '../services/profile-picture-links';
import { ProfileView, toProfileView } from '../views';

/**
 * Changes what a user may change about themselves: name, date of birth and
 * phone number (a new number starts unverified). The input type has no room
 * for anything else, so e-mail, flags and roles cannot be mass-assigned.
 */
@Injectable()
export class UpdateProfileUseCase {
  constructor(
    @Inject(IDENTITY_UNIT_OF_WORK) private readonly uow: IdentityUnitOfWork,
    private readonly pictures: ProfilePictureLinks,
  ) {}

  async execute(ctx: RequestContext, changes: ProfileChanges): Promise<ProfileView> {
    const userId = ctx.userId;
    if (!userId) throw IdentityErrors.accountNotFound();
    const pictureUrl = await this.pictures.urlFor(userId);
    return this.uow.run(async (repos) => {
      const account = await repos.accounts.findByIdForUpdate(userId);
      if (!account) throw IdentityErrors.accountNotFound();
      account.updateProfile({ fullName: changes.fullName, dateOfBirth: changes.dateOfBirth, phoneNumber: changes.phoneNumber }, new Date());
      await repos.accounts.save(account);
      return toProfileView(account, pictureUrl);
    });
  }
}
