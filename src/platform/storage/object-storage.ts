import type { Readable } from 'node:stream';

/**
 * The one port to object storage (tune files, photos, message attachments,
 * invoices). Keys are opaque paths chosen by the caller (`<context>/<org>/<id>`);
 * nothing stored is public: readers get a short-lived signed link.
 */
export interface ObjectStorage {
  /** Which adapter serves it (`local` or `s3`). */
  readonly driver: 'local' | 's3';
  put(key: string, body: Readable | Buffer, meta: { contentType: string; sizeBytes: number }): Promise<void>;
  get(key: string): Promise<{ body: Readable; contentType: string; sizeBytes: number } | undefined>;
  exists(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** A link anyone holding it may GET until it expires; `fileName` becomes the download's name. */
  signedUrl(key: string, options: { expiresInSeconds: number; fileName?: string; contentType?: string }): Promise<string>;
}

export const OBJECT_STORAGE = Symbol('OBJECT_STORAGE');

export interface StorageConfig {
  driver: 'local' | 's3';
  localDir: string;
  signingSecret: string;
  publicUrl: string;
  s3: { bucket: string; region: string; endpoint?: string; accessKeyId?: string; secretAccessKey?: string; forcePathStyle: boolean };
  /** The largest upload any route accepts (each route sets its own, smaller limit). */
  maxUploadBytes: number;
}

export const STORAGE_CONFIG = Symbol('STORAGE_CONFIG');

const KEY = /^[A-Za-z0-9][A-Za-z0-9/_.-]{0,500}$/;

/** Keys are plain relative paths: no `..`, no leading slash, no odd characters. */
export function assertSafeKey(key: string): void {
  if (!KEY.test(key) || key.split('/').some((part) => part === '..' || part === '.' || part === '')) throw new Error(`unsafe storage key: ${key}`);
}
