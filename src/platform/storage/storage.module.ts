import { Global, Module } from '@nestjs/common';
import { LocalObjectStorage } from './local-object-storage';
import { OBJECT_STORAGE, STORAGE_CONFIG, StorageConfig } from './object-storage';
import { S3ObjectStorage } from './s3-object-storage';
import { storageConfigProvider } from './storage-config';
import { StorageController } from './storage.controller';

/** Object storage behind one port (OBJECT_STORAGE): the local filesystem by default, an S3-compatible bucket when configured. */
@Global()
@Module({
  controllers: [StorageController],
  providers: [
    storageConfigProvider,
    {
      provide: OBJECT_STORAGE,
      inject: [STORAGE_CONFIG],
      useFactory: (config: StorageConfig) =>
        config.driver === 's3' ? new S3ObjectStorage(config.s3) : new LocalObjectStorage(config.localDir, config.signingSecret, config.publicUrl),
    },
  ],
  exports: [OBJECT_STORAGE, STORAGE_CONFIG],
})
export class StorageModule {}
