/** Object storage: the port every context uses for files (tune files, photos, attachments, invoices). */
export { OBJECT_STORAGE, STORAGE_CONFIG, assertSafeKey } from './object-storage';
export type { ObjectStorage, StorageConfig } from './object-storage';
export { StorageModule } from './storage.module';
export { multipartFile, storeUpload, sanitizeFileName, STORAGE_ERRORS } from './uploads';
export type { StoredUpload, UploadRules } from './uploads';
export { LocalObjectStorage } from './local-object-storage';
export { S3ObjectStorage } from './s3-object-storage';
