import { Injectable } from '@nestjs/common';
import { CacheStore } from '../../../../platform/cache/cache.store';
import type { RequestContext } from '../../../../platform/kernel';
import { MarketplaceApi } from '../../../marketplace';
import { OrganizationsApi } from '../../../organizations';
import type { AnalyticsOrganizations, ListingViews, ReportCache } from '../../application/ports';

/** Views are counted by the marketplace; read through its facade. */
@Injectable()
export class MarketplaceListingViews implements ListingViews {
  constructor(private readonly marketplace: MarketplaceApi) {}

  async byDay(ctx: RequestContext, orgId: string, from: string, to: string): Promise<Map<string, number>> {
    return new Map((await this.marketplace.listingViewsByDay(ctx, orgId, from, to)).map((row) => [row.day, row.views]));
  }
}

@Injectable()
export class FacadeAnalyticsOrganizations implements AnalyticsOrganizations {
  constructor(private readonly organizations: OrganizationsApi) {}

  async exists(ctx: RequestContext, orgId: string): Promise<boolean> {
    return (await this.organizations.getOrganization(ctx, orgId)) !== undefined;
  }
}

const NAMESPACE = 'analytics-reports';

/** Reports in the platform's Redis cache (a miss when Redis is unavailable: the report is computed). */
@Injectable()
export class RedisReportCache implements ReportCache {
  constructor(private readonly cache: CacheStore) {}

  get<T>(key: string): Promise<T | undefined> {
    return this.cache.getJson<T>(NAMESPACE, key);
  }

  set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    return this.cache.setJson(NAMESPACE, key, value, ttlSeconds);
  }
}
