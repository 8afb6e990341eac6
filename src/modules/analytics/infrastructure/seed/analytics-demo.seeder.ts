import { Injectable, Logger } from '@nestjs/common';
import { DemoSeed, type DemoSeeder } from '../../../../platform/demo/demo-seed';
import { PLATFORM_ADMIN } from '../../../../platform/auth/roles.decorator';
import { systemContext } from '../../../../platform/kernel';
import { DEMO_ORGANIZATIONS, OrganizationsApi } from '../../../organizations';
import { BackfillAnalyticsUseCase } from '../../application/backfill-analytics.use-case';

/**
 * The analytics context's demo data (after every other context's, order 90):
 * each demo organization's roll-ups recomputed from what the other seeders
 * made (listings and their review outcomes, orders and refunds, bookings,
 * training sessions), through the backfill. Idempotent like the backfill.
 */
@Injectable()
@DemoSeed({ order: 90 })
export class AnalyticsDemoSeeder implements DemoSeeder {
  private readonly logger = new Logger(AnalyticsDemoSeeder.name);

  constructor(
    private readonly organizations: OrganizationsApi,
    private readonly backfill: BackfillAnalyticsUseCase,
  ) {}

  async seed(): Promise<{ organizations: number; counters: number }> {
    const ctx = { ...systemContext('analytics-demo'), roles: [PLATFORM_ADMIN] };
    let organizations = 0;
    let counters = 0;
    for (const demo of DEMO_ORGANIZATIONS) {
      const organization = await this.organizations.getOrganizationBySlug(ctx, demo.slug);
      if (!organization) continue;
      const result = await this.backfill.execute(ctx, { orgId: organization.id });
      organizations += 1;
      counters += result.counters;
    }
    this.logger.log({ msg: 'demo analytics recomputed', organizations, counters });
    return { organizations, counters };
  }
}
