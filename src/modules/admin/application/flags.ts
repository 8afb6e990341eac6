import { Injectable } from '@nestjs/common';
import type { Page, PageRequest, RequestContext } from '../../../platform/kernel';
import { CommunityApi, CommunityFlag, CommunityFlagDetail, CommunityFlagFilter, FlagDecision } from '../../community';
import { OrganizationsApi } from '../../organizations';
import { requirePlatformAdmin } from './access';

/**
 * Flagged forum posts and comments in the operators' console. The community context decides (hides or shows the
 * content, closes every open flag of it); the decision is written to the audit log as the operator's
 * (`admin.community_flag_decided`, under the board's organization when it is private), with the reason.
 */
@Injectable()
export class AdminFlags {
  constructor(
    private readonly community: CommunityApi,
    private readonly organizations: OrganizationsApi,
  ) {}

  list(ctx: RequestContext, filter: CommunityFlagFilter, page: PageRequest): Promise<Page<CommunityFlag>> {
    requirePlatformAdmin(ctx);
    return this.community.flags(ctx, filter, page);
  }

  get(ctx: RequestContext, flagId: string): Promise<CommunityFlagDetail> {
    requirePlatformAdmin(ctx);
    return this.community.flag(ctx, flagId);
  }

  async decide(ctx: RequestContext, input: { flagId: string; decision: FlagDecision; reason: string }): Promise<CommunityFlagDetail> {
    requirePlatformAdmin(ctx);
    const { flagsClosed, ...detail } = await this.community.decideFlag(ctx, input);
    await this.organizations.recordAudit(ctx, {
      orgId: detail.flag.orgId,
      action: 'admin.community_flag_decided',
      targetType: 'community_flag',
      targetId: detail.flag.id,
      metadata: {
        decision: input.decision,
        reason: input.reason,
        content_type: detail.flag.targetType,
        content_id: detail.flag.targetId,
        flags_closed: flagsClosed,
      },
    });
    return detail;
  }
}
