import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileTypeFromFile } from 'file-type';
import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import { DomainError } from '../kernel/domain-error';
import type { ObjectStorage } from './object-storage';

export const STORAGE_ERRORS = {
  notMultipart: 'STORAGE.NOT_MULTIPART',
  noFile: 'STORAGE.NO_FILE',
  tooLarge: 'STORAGE.FILE_TOO_LARGE',
  typeNotAllowed: 'STORAGE.TYPE_NOT_ALLOWED',
  empty: 'STORAGE.EMPTY_FILE',
} as const;

/** A stored upload: what its bytes are, not what its name claims. */
export interface StoredUpload {
  key: string;
  sha256: string;
  sizeBytes: number;
  contentType: string;
  fileName: string;
}

export interface UploadRules {
  maxBytes: number;
  /**
   * Given the type detected from the bytes (undefined when the bytes match no
   * known signature, e.g. a raw ECU image), the content type to store, or
   * undefined to refuse the file.
   */
  accept: (detected: string | undefined) => string | undefined;
}

/** The one file of a multipart/form-data request (field `file`), as a stream; the size limit is enforced while it is read. */
export async function multipartFile(request: FastifyRequest, maxBytes: number): Promise<{ stream: Readable; fileName: string }> {
  if (!request.isMultipart()) throw new DomainError(STORAGE_ERRORS.notMultipart, 'validation', 'Send the file as multipart/form-data in a field named file.');
  const part = await request.file({ limits: { fileSize: maxBytes + 1, files: 1, fields: 5, parts: 6 }, throwFileSizeLimit: false });
  if (!part || part.fieldname !== 'file') throw new DomainError(STORAGE_ERRORS.noFile, 'validation', 'Send the file in a multipart field named file.');
  return { stream: part.file, fileName: sanitizeFileName(part.filename) };
}

export function sanitizeFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base
    .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
    .slice(0, 120)
    .trim();
  return clean || 'file';
}

/**
 * Streams an upload to a temporary file while counting and hashing it (a file
 * over the limit is refused as soon as it passes it), checks its type from its
 * first bytes, then stores it under `key`. Nothing is stored when a check fails.
 */
export async function storeUpload(storage: ObjectStorage, key: string, source: Readable, fileName: string, rules: UploadRules): Promise<StoredUpload> {
  const temp = join(tmpdir(), `revsync-upload-${randomUUID()}`);
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > rules.maxBytes) {
        done(new DomainError(STORAGE_ERRORS.tooLarge, 'unprocessable', `The file is larger than the limit of ${rules.maxBytes} bytes.`));
        return;
      }
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(source, meter, createWriteStream(temp));
    if ((source as { truncated?: boolean }).truncated)
      throw new DomainError(STORAGE_ERRORS.tooLarge, 'unprocessable', `The file is larger than the limit of ${rules.maxBytes} bytes.`);
    if (size === 0) throw new DomainError(STORAGE_ERRORS.empty, 'unprocessable', 'The file is empty.');
    const detected = await fileTypeFromFile(temp);
    const contentType = rules.accept(detected?.mime);
    if (!contentType)
      throw new DomainError(STORAGE_ERRORS.typeNotAllowed, 'unprocessable', `Files of this type (${detected?.mime ?? 'unknown'}) are not accepted here.`, {
        extensions: { detected_type: detected?.mime ?? null },
      });
    await storage.put(key, createReadStream(temp), { contentType, sizeBytes: size });
    return { key, sha256: hash.digest('hex'), sizeBytes: size, contentType, fileName };
  } catch (error) {
    // Drain what is left so the connection can answer.
    source.resume();
    throw error;
  } finally {
    await rm(temp, { force: true });
  }
}
