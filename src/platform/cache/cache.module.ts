import { Global, Module } from '@nestjs/common';
import { CacheStore } from './cache.store';

/** The shared Redis cache (CacheStore), available to every context. */
@Global()
@Module({
  providers: [CacheStore],
  exports: [CacheStore],
})
export class CacheModule {}
