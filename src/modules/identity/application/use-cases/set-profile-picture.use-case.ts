import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { RequestContext } from '../../../../platform/kernel';
import { OBJECT_STORAGE, ObjectStorage } from '../../../../platform/storage';
import { IdentityErrors } from '../../domain';
import {
  IDENTITY_UNIT_OF_WORK,
  IdentityUnitOfWork,
  PICTURE_ENCODER,
  PictureEncoder,
  PROFILE_PICTURE_SETTINGS,
  PROFILE_PICTURE_SIZES,
  ProfilePictureSettings,
} from '../ports';
import { pictureKey, ProfilePictureLinks } from '../services/profile-picture-links';

/** Reads a stream whole, refusing it as soon as it passes `maxBytes`. */
async function readAtMost(stream: Readable, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      stream.resume();
      throw IdentityErrors.pictureTooLarge(maxBytes);
    }
    chunks.push(chunk as Buffer);
  }
  if ((stream as { truncated?: boolean }).truncated) throw IdentityErrors.pictureTooLarge(maxBytes);
  return Buffer.concat(chunks);
}

/** Removes a replaced or removed picture's images; a failure only leaves unreachable objects behind. */
export async function deletePictureObjects(storage: ObjectStorage, userId: string, version: string, logger: Logger): Promise<void> {
  await Promise.all(
    PROFILE_PICTURE_SIZES.map((size) =>
      storage
        .delete(pictureKey(userId, version, size))
        .catch((error: unknown) => logger.warn({ err: error, userId, version }, 'profile picture cleanup failed')),
    ),
  );
}

/**
 * Sets the caller's own profile picture: the bytes are checked (size, then
 * type from the content), re-encoded to every size, stored under a new
 * version, and only then made current; the previous version's images go.
 */
@Injectable()
export class SetProfilePictureUseCase {
  private readonly logger = new Logger('SetProfilePicture');

  constructor(
    @Inject(IDENTITY_UNIT_OF_WORK) private readonly uow: IdentityUnitOfWork,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(PICTURE_ENCODER) private readonly encoder: PictureEncoder,
    @Inject(PROFILE_PICTURE_SETTINGS) private readonly settings: ProfilePictureSettings,
    private readonly links: ProfilePictureLinks,
  ) {}

  async execute(ctx: RequestContext, input: { stream: Readable }): Promise<{ url: string; urls: Record<string, string> }> {
    const userId = ctx.userId;
    if (!userId) throw IdentityErrors.accountNotFound();
    const bytes = await readAtMost(input.stream, this.settings.maxBytes);
    if (bytes.length === 0) throw IdentityErrors.pictureUnreadable();
    if (!(await this.uow.repos.accounts.findProfile(userId))) throw IdentityErrors.accountNotFound();
    const images = await this.encoder.encode(bytes);
    const version = randomBytes(12).toString('hex');
    for (const [size, image] of images) {
      await this.storage.put(pictureKey(userId, version, size), image, { contentType: 'image/webp', sizeBytes: image.length });
    }
    const previous = await this.uow.repos.pictures.replace(userId, version);
    if (previous && previous !== version) await deletePictureObjects(this.storage, userId, previous, this.logger);
    return {
      url: this.links.url(userId, version),
      urls: Object.fromEntries(PROFILE_PICTURE_SIZES.map((size) => [String(size), this.links.url(userId, version, size)])),
    };
  }
}
