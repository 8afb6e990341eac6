import { createHmac } from 'node:crypto';
import { moduleConfigProvider } from '../config/config.module';
import { STORAGE_CONFIG, StorageConfig } from './object-storage';

const MB = 1024 * 1024;

/** STORAGE_DRIVER=local (default: files under STORAGE_LOCAL_DIR) or s3 (S3_BUCKET, S3_REGION, S3_ENDPOINT for MinIO…). */
export const storageConfigProvider = moduleConfigProvider<StorageConfig>(STORAGE_CONFIG, (read, config) => {
  const driver = read.string('STORAGE_DRIVER', 'local');
  if (driver !== 'local' && driver !== 's3') read.problems.push('STORAGE_DRIVER must be local or s3');
  const production = config.nodeEnv === 'production';
  // By default the link key is derived from JWT_SECRET (so several API processes agree); set STORAGE_SIGNING_SECRET to separate them.
  const derived = createHmac('sha256', config.jwt.secret).update('revsync-storage-links').digest('base64url');
  const bucket = read.raw('S3_BUCKET');
  if (driver === 's3' && !bucket) read.problems.push('S3_BUCKET is required when STORAGE_DRIVER=s3');
  return {
    driver: driver === 's3' ? 's3' : 'local',
    localDir: read.string('STORAGE_LOCAL_DIR', '.data/storage'),
    signingSecret: read.raw('STORAGE_SIGNING_SECRET') === undefined ? derived : read.secret('STORAGE_SIGNING_SECRET', production, derived),
    publicUrl: config.http.publicUrl,
    maxUploadBytes: read.int('STORAGE_MAX_UPLOAD_BYTES', 64 * MB, 1024, 1024 * MB),
    s3: {
      bucket: bucket ?? '',
      region: read.string('S3_REGION', 'us-east-1'),
      endpoint: read.optionalUrl('S3_ENDPOINT', ['http:', 'https:']),
      accessKeyId: read.raw('S3_ACCESS_KEY_ID'),
      secretAccessKey: read.raw('S3_SECRET_ACCESS_KEY'),
      forcePathStyle: read.bool('S3_FORCE_PATH_STYLE', true),
    },
  };
});
