import { Injectable } from '@nestjs/common';
import { CacheStore } from '../../../../platform/cache/cache.store';
import type { CatalogChangeNotifier } from '../../application/ports';

/**
 * Every catalog read is cached in one namespace. A change to a type or brand
 * shows up in brand and model responses too (names, filters, retirement), so
 * any write drops the whole namespace: one INCR, and writes are rare.
 */
export const CATALOG_CACHE_NAMESPACE = 'catalog';

@Injectable()
export class CacheCatalogChanges implements CatalogChangeNotifier {
  constructor(private readonly cache: CacheStore) {}

  changed(): Promise<void> {
    return this.cache.invalidate(CATALOG_CACHE_NAMESPACE);
  }
}
