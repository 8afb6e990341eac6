import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { RequestContext } from '../../../../platform/kernel';
import { OBJECT_STORAGE, ObjectStorage, storeUpload, StoredUpload } from '../../../../platform/storage';
import { ListingState, MarketplaceErrors, StoredFile, TuneDetails } from '../../domain';
import { isMemberOf, isPlatformAdmin, requireRoleIn, requireUserId } from '../access';
import { saveMoves } from '../events';
import { MARKETPLACE_CONFIG, MARKETPLACE_UNIT_OF_WORK, MarketplaceConfig, MarketplaceUnitOfWork } from '../ports';

const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const MAX_PHOTOS = 12;

/** A raw ECU image matches no known file signature: stored as octet-stream; zip archives are accepted; anything recognisable as something else is not a tune file. */
export function acceptTuneFile(detected: string | undefined): string | undefined {
  if (detected === undefined) return 'application/octet-stream';
  return detected === 'application/zip' ? 'application/zip' : undefined;
}

function toStored(upload: StoredUpload): StoredFile {
  return { key: upload.key, sha256: upload.sha256, sizeBytes: upload.sizeBytes, contentType: upload.contentType, fileName: upload.fileName };
}

/** Uploads a tune's file (streamed; size and type checked from the bytes; SHA-256 kept). A published tune whose file changes goes back to review. */
@Injectable()
export class AttachTuneFileUseCase {
  private readonly logger = new Logger('AttachTuneFile');

  constructor(
    @Inject(MARKETPLACE_UNIT_OF_WORK) private readonly uow: MarketplaceUnitOfWork,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(MARKETPLACE_CONFIG) private readonly config: MarketplaceConfig,
  ) {}

  async execute(ctx: RequestContext, input: { orgId: string; listingId: string; stream: Readable; fileName: string }): Promise<ListingState> {
    requireRoleIn(ctx, input.orgId, 'staff');
    const current = await this.uow.repos.listings.findInOrg(input.orgId, input.listingId);
    if (!current) {
      input.stream.resume();
      throw MarketplaceErrors.notFound();
    }
    if (current.kind !== 'tune') {
      input.stream.resume();
      throw MarketplaceErrors.validation({ file: ['only tunes have a tune file; use photos for vehicles and parts'] });
    }
    const key = `marketplace/${input.orgId}/${input.listingId}/tune-${randomUUID()}`;
    const upload = await storeUpload(this.storage, key, input.stream, input.fileName, { maxBytes: this.config.maxTuneFileBytes, accept: acceptTuneFile });
    try {
      return await this.uow.run(async (repos, events) => {
        const listing = await repos.listings.findInOrg(input.orgId, input.listingId, true);
        if (!listing) throw MarketplaceErrors.notFound();
        listing.update({ details: { file: toStored(upload) } }, new Date());
        await saveMoves(repos, events, ctx, listing);
        return listing.snapshot();
      });
    } catch (error) {
      await this.storage.delete(key).catch((cause: unknown) => this.logger.warn(`could not delete ${key}: ${String(cause)}`));
      throw error;
    }
  }
}

/** Adds a photo to a vehicle or part (JPEG, PNG or WebP, checked from the bytes). */
@Injectable()
export class AddListingPhotoUseCase {
  constructor(
    @Inject(MARKETPLACE_UNIT_OF_WORK) private readonly uow: MarketplaceUnitOfWork,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(MARKETPLACE_CONFIG) private readonly config: MarketplaceConfig,
  ) {}

  async execute(ctx: RequestContext, input: { orgId: string; listingId: string; stream: Readable; fileName: string }): Promise<ListingState> {
    requireRoleIn(ctx, input.orgId, 'staff');
    const current = await this.uow.repos.listings.findInOrg(input.orgId, input.listingId);
    if (!current) {
      input.stream.resume();
      throw MarketplaceErrors.notFound();
    }
    if (current.details.kind === 'tune' || current.details.photos.length >= MAX_PHOTOS) {
      input.stream.resume();
      throw MarketplaceErrors.validation({ file: [current.kind === 'tune' ? 'tunes have no photos' : `at most ${MAX_PHOTOS} photos`] });
    }
    const key = `marketplace/${input.orgId}/${input.listingId}/photo-${randomUUID()}`;
    const upload = await storeUpload(this.storage, key, input.stream, input.fileName, {
      maxBytes: this.config.maxPhotoBytes,
      accept: (detected) => (detected && PHOTO_TYPES.includes(detected) ? detected : undefined),
    });
    return this.uow.run(async (repos, events) => {
      const listing = await repos.listings.findInOrg(input.orgId, input.listingId, true);
      if (!listing || listing.details.kind === 'tune') throw MarketplaceErrors.notFound();
      listing.update({ details: { photos: [...listing.details.photos, toStored(upload)] } }, new Date());
      await saveMoves(repos, events, ctx, listing);
      return listing.snapshot();
    });
  }
}

/**
 * A short-lived signed link to a tune file: for the owner's members, platform
 * admins and buyers holding an entitlement. Everyone else: 404 when they may
 * not see the listing, 403 when it is published but not theirs to download.
 */
@Injectable()
export class TuneDownloadLinkUseCase {
  constructor(
    @Inject(MARKETPLACE_UNIT_OF_WORK) private readonly uow: MarketplaceUnitOfWork,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(MARKETPLACE_CONFIG) private readonly config: MarketplaceConfig,
  ) {}

  async execute(ctx: RequestContext, input: { listingId: string }): Promise<{ url: string; expiresAt: Date; file: StoredFile }> {
    const userId = requireUserId(ctx);
    const listing = await this.uow.repos.listings.findAny(input.listingId);
    if (!listing || listing.kind !== 'tune') throw MarketplaceErrors.notFound();
    const owner = isMemberOf(ctx, listing.orgId) || isPlatformAdmin(ctx);
    if (!owner) {
      const entitled = await this.uow.repos.purchases.isEntitled(listing.id, userId);
      if (!entitled) {
        if (listing.status !== 'published' && listing.status !== 'archived') throw MarketplaceErrors.notFound();
        throw MarketplaceErrors.notEntitled();
      }
    }
    const file = (listing.details as TuneDetails).file;
    if (!file) throw MarketplaceErrors.fileMissing();
    const ttl = this.config.downloadLinkTtlSeconds;
    const url = await this.storage.signedUrl(file.key, { expiresInSeconds: ttl, fileName: file.fileName, contentType: file.contentType });
    return { url, expiresAt: new Date(Date.now() + ttl * 1000), file };
  }
}

/**
 * A photo of a vehicle or part as a short-lived signed link: anyone for a
 * published listing; the owner's members (orgId given) for any status.
 * `position` counts from 1 in the listing's photo order.
 */
@Injectable()
export class ListingPhotoLinkUseCase {
  constructor(
    @Inject(MARKETPLACE_UNIT_OF_WORK) private readonly uow: MarketplaceUnitOfWork,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(MARKETPLACE_CONFIG) private readonly config: MarketplaceConfig,
  ) {}

  async execute(ctx: RequestContext, input: { listingId: string; position: number; orgId?: string }): Promise<string> {
    if (input.orgId) requireRoleIn(ctx, input.orgId, 'staff');
    const listing = input.orgId
      ? await this.uow.repos.listings.findInOrg(input.orgId, input.listingId)
      : await this.uow.repos.listings.findAny(input.listingId);
    if (!listing || (!input.orgId && listing.status !== 'published') || listing.details.kind === 'tune') throw MarketplaceErrors.notFound();
    const photo = Number.isInteger(input.position) && input.position >= 1 ? listing.details.photos[input.position - 1] : undefined;
    if (!photo) throw MarketplaceErrors.notFound();
    return this.storage.signedUrl(photo.key, {
      expiresInSeconds: this.config.downloadLinkTtlSeconds,
      fileName: photo.fileName,
      contentType: photo.contentType,
    });
  }
}

/** Where a listing's photo is served (a redirect to a signed link): the organization's route for its members, the public one otherwise. */
export function photoPath(listing: { id: string; orgId: string }, position: number, owner: boolean): string {
  return owner ? `/api/v1/organizations/${listing.orgId}/listings/${listing.id}/photos/${position}` : `/api/v1/listings/${listing.id}/photos/${position}`;
}
