import { Injectable } from '@nestjs/common';
import { CacheStore } from '../../../../platform/cache/cache.store';
import type { ShopChanges } from '../../application/ports';

/** The list of shops (across shops) is one namespace; each shop's profile and catalog another. */
export const SHOP_LIST_CACHE_NAMESPACE = 'bookings-shops';

export function shopCacheNamespace(orgId: string): string {
  return `bk-${orgId.toLowerCase()}`;
}

/** Drops a shop's cached public reads, and the shop list, after a committed change. */
@Injectable()
export class CacheShopChanges implements ShopChanges {
  constructor(private readonly cache: CacheStore) {}

  async changed(orgId: string): Promise<void> {
    await Promise.all([this.cache.invalidate(shopCacheNamespace(orgId)), this.cache.invalidate(SHOP_LIST_CACHE_NAMESPACE)]);
  }
}
