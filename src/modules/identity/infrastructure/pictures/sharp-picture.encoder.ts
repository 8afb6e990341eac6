import { Injectable } from '@nestjs/common';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import { DomainError } from '../../../../platform/kernel';
import { IdentityErrors } from '../../domain';
import { PROFILE_PICTURE_SIZES, PictureEncoder, ProfilePictureSize } from '../../application/ports';

/** What a picture may be, judged from its bytes (never its name or declared type). */
const ACCEPTED = new Set(['image/jpeg', 'image/png', 'image/webp']);
/** Refuse decompression bombs: a 40-megapixel image is far more than a profile picture needs. */
const MAX_INPUT_PIXELS = 40_000_000;
const WEBP_QUALITY = 82;

/**
 * Re-encodes with sharp: the orientation from EXIF is applied to the pixels,
 * then every size is a fresh WebP, square (cover), with no metadata at all
 * (sharp writes none unless asked to keep it: no EXIF, GPS, XMP or ICC).
 */
@Injectable()
export class SharpPictureEncoder implements PictureEncoder {
  async encode(bytes: Buffer): Promise<Map<ProfilePictureSize, Buffer>> {
    const detected = await fileTypeFromBuffer(bytes);
    if (!detected || !ACCEPTED.has(detected.mime))
      throw new DomainError(
        'STORAGE.TYPE_NOT_ALLOWED',
        'unprocessable',
        `Files of this type (${detected?.mime ?? 'unknown'}) are not accepted here: send a JPEG, PNG or WebP image.`,
        {
          extensions: { detected_type: detected?.mime ?? null },
        },
      );
    const decoded = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', animated: false });
    try {
      await decoded.metadata();
      const upright = await decoded.rotate().toBuffer({ resolveWithObject: false });
      const out = new Map<ProfilePictureSize, Buffer>();
      for (const size of PROFILE_PICTURE_SIZES) {
        out.set(
          size,
          await sharp(upright, { limitInputPixels: MAX_INPUT_PIXELS })
            .resize(size, size, { fit: 'cover', position: 'attention' })
            .webp({ quality: WEBP_QUALITY })
            .toBuffer(),
        );
      }
      return out;
    } catch (error) {
      if (error instanceof DomainError) throw error;
      throw IdentityErrors.pictureUnreadable();
    }
  }
}
