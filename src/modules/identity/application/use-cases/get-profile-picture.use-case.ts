import { Inject, Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { OBJECT_STORAGE, ObjectStorage } from '../../../../platform/storage';
import { IdentityErrors } from '../../domain';
import { IDENTITY_UNIT_OF_WORK, IdentityUnitOfWork, PROFILE_PICTURE_SIZES, ProfilePictureSize } from '../ports';
import { pictureKey } from '../services/profile-picture-links';

/** One size of a user's current picture. Only the current version is served: a replaced or removed one is gone. */
@Injectable()
export class GetProfilePictureUseCase {
  constructor(
    @Inject(IDENTITY_UNIT_OF_WORK) private readonly uow: IdentityUnitOfWork,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
  ) {}

  async execute(input: { userId: string; version: string; size: number }): Promise<{ body: Readable; sizeBytes: number }> {
    if (!(PROFILE_PICTURE_SIZES as readonly number[]).includes(input.size)) throw IdentityErrors.pictureNotFound();
    const current = await this.uow.repos.pictures.versionOf(input.userId);
    if (!current || current !== input.version) throw IdentityErrors.pictureNotFound();
    const object = await this.storage.get(pictureKey(input.userId, current, input.size as ProfilePictureSize));
    if (!object) throw IdentityErrors.pictureNotFound();
    return { body: object.body, sizeBytes: object.sizeBytes };
  }
}
