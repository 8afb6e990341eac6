import { Inject, Injectable } from '@nestjs/common';
import { IDENTITY_UNIT_OF_WORK, IdentityUnitOfWork, PROFILE_PICTURE_SETTINGS, ProfilePictureSettings, ProfilePictureSize } from '../ports';

/** The size a URL names when the caller does not choose (the one shown in every response). */
export const DEFAULT_PICTURE_SIZE: ProfilePictureSize = 256;

/** Where each stored image of a picture lives in object storage. */
export function pictureKey(userId: string, version: string, size: ProfilePictureSize): string {
  return `identity/profile-pictures/${userId}/${version}/${size}.webp`;
}

/**
 * Public URLs of profile pictures. The version is in the path, so a new
 * picture gets a new URL and every URL may be cached forever.
 */
@Injectable()
export class ProfilePictureLinks {
  constructor(
    @Inject(IDENTITY_UNIT_OF_WORK) private readonly uow: IdentityUnitOfWork,
    @Inject(PROFILE_PICTURE_SETTINGS) private readonly settings: ProfilePictureSettings,
  ) {}

  url(userId: string, version: string, size: ProfilePictureSize = DEFAULT_PICTURE_SIZE): string {
    return `${this.settings.apiBaseUrl}/profile-pictures/${userId}/${version}/${size}`;
  }

  async urlFor(userId: string): Promise<string | null> {
    const version = await this.uow.repos.pictures.versionOf(userId);
    return version ? this.url(userId, version) : null;
  }

  /** Users without a picture are absent from the map. */
  async urlsFor(userIds: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(userIds)];
    const versions = await this.uow.repos.pictures.versionsOf(unique);
    return new Map([...versions].map(([userId, version]) => [userId, this.url(userId, version)]));
  }
}
