import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../../../platform/kernel';
import { ListingState, MarketplaceErrors } from '../../domain';
import { requirePlatformAdmin, requireRoleIn } from '../access';
import { saveMoves } from '../events';
import { AUDIT_LOG, AuditLog, MARKETPLACE_UNIT_OF_WORK, MarketplaceUnitOfWork, REVIEW_QUEUE, ReviewQueuePort, VerdictRecord } from '../ports';

function humanVerdict(
  listing: ListingState,
  verdict: VerdictRecord['verdict'],
  source: VerdictRecord['source'],
  reason: string,
  actor: string | null,
): VerdictRecord {
  return {
    id: randomUUID(),
    listingId: listing.id,
    orgId: listing.orgId,
    source,
    verdict,
    reason,
    legalNote: null,
    findings: [],
    safetyScore: null,
    confidence: null,
    flags: [],
    rationale: null,
    model: null,
    promptVersion: null,
    inputHash: null,
    latencyMs: null,
    promptTokens: null,
    completionTokens: null,
    aiStatus: 'human',
    actorUserId: actor,
    appealedAt: null,
    createdAt: new Date(),
  };
}

/** A platform admin decides a listing waiting for a human (or overrides a rejection), with a reason; audited. */
@Injectable()
export class OverrideVerdictUseCase {
  constructor(
    @Inject(MARKETPLACE_UNIT_OF_WORK) private readonly uow: MarketplaceUnitOfWork,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
  ) {}

  async execute(ctx: RequestContext, input: { listingId: string; verdict: 'approved' | 'rejected'; reason: string }): Promise<ListingState> {
    requirePlatformAdmin(ctx);
    const result = await this.uow.run(async (repos, events) => {
      const listing = await repos.listings.findAny(input.listingId, true);
      if (!listing) throw MarketplaceErrors.notFound();
      const from = listing.status;
      const now = new Date();
      if (listing.status === 'rejected' && input.verdict === 'approved') listing.appeal(`override by a platform admin: ${input.reason}`, now);
      if (listing.status !== 'needs_human') throw MarketplaceErrors.invalidTransition(listing.status, input.verdict);
      listing.recordVerdict(input.verdict, `Moderator: ${input.reason}`, now);
      const state = listing.snapshot();
      await repos.verdicts.insert(humanVerdict(state, input.verdict, 'override', input.reason, ctx.userId ?? null));
      await saveMoves(repos, events, ctx, listing);
      return { state, from };
    });
    await this.audit.record(ctx, {
      orgId: result.state.orgId,
      action: 'marketplace.listing_verdict_overridden',
      targetType: 'listing',
      targetId: result.state.id,
      metadata: { from: result.from, verdict: input.verdict, reason: input.reason },
    });
    return result.state;
  }
}

/** A platform admin asks the safety gate to review a tune again. */
@Injectable()
export class ReReviewUseCase {
  constructor(
    @Inject(MARKETPLACE_UNIT_OF_WORK) private readonly uow: MarketplaceUnitOfWork,
    @Inject(REVIEW_QUEUE) private readonly reviews: ReviewQueuePort,
    @Inject(AUDIT_LOG) private readonly audit: AuditLog,
  ) {}

  async execute(ctx: RequestContext, input: { listingId: string; reason: string }): Promise<ListingState> {
    requirePlatformAdmin(ctx);
    const state = await this.uow.run(async (repos, events) => {
      const listing = await repos.listings.findAny(input.listingId, true);
      if (!listing) throw MarketplaceErrors.notFound();
      if (listing.kind !== 'tune') throw MarketplaceErrors.invalidTransition(listing.status, 'in_review');
      listing.startReview(new Date(), `re-review requested: ${input.reason}`);
      await saveMoves(repos, events, ctx, listing);
      return listing.snapshot();
    });
    await this.reviews.enqueue(ctx, state.id, `re-review-${state.version}`);
    await this.audit.record(ctx, {
      orgId: state.orgId,
      action: 'marketplace.listing_re_review',
      targetType: 'listing',
      targetId: state.id,
      metadata: { reason: input.reason },
    });
    return state;
  }
}

/** The owner (manager and above) appeals the latest rejection, once per verdict: a human looks at it. */
@Injectable()
export class AppealVerdictUseCase {
  constructor(@Inject(MARKETPLACE_UNIT_OF_WORK) private readonly uow: MarketplaceUnitOfWork) {}

  async execute(ctx: RequestContext, input: { orgId: string; listingId: string; reason: string }): Promise<ListingState> {
    requireRoleIn(ctx, input.orgId, 'manager');
    return this.uow.run(async (repos, events) => {
      const listing = await repos.listings.findInOrg(input.orgId, input.listingId, true);
      if (!listing) throw MarketplaceErrors.notFound();
      if (listing.status !== 'rejected') throw MarketplaceErrors.invalidTransition(listing.status, 'needs_human');
      const latest = await repos.verdicts.latest(input.orgId, input.listingId, true);
      if (!latest || latest.appealedAt || !(await repos.verdicts.markAppealed(latest.id, new Date()))) throw MarketplaceErrors.appealTaken();
      listing.appeal(`appeal: ${input.reason}`, new Date());
      await saveMoves(repos, events, ctx, listing);
      return listing.snapshot();
    });
  }
}
