import { Inject, Injectable, Logger } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { OBJECT_STORAGE, ObjectStorage } from '../../../../platform/storage';
import { IdentityErrors } from '../../domain';
import { IDENTITY_UNIT_OF_WORK, IdentityUnitOfWork } from '../ports';
import { deletePictureObjects } from './set-profile-picture.use-case';

/** Removes the caller's own profile picture (its URLs answer 404 from then on); removing none is not an error. */
@Injectable()
export class RemoveProfilePictureUseCase {
  private readonly logger = new Logger('RemoveProfilePicture');

  constructor(
    @Inject(IDENTITY_UNIT_OF_WORK) private readonly uow: IdentityUnitOfWork,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
  ) {}

  async execute(ctx: RequestContext): Promise<void> {
    const userId = ctx.userId;
    if (!userId) throw IdentityErrors.accountNotFound();
    const removed = await this.uow.repos.pictures.remove(userId);
    if (removed) await deletePictureObjects(this.storage, userId, removed, this.logger);
  }
}
