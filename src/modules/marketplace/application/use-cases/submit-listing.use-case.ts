import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../../../platform/kernel';
import { ListingState, MarketplaceErrors, RuleFinding, decide, runContentRules } from '../../domain';
import { requireRoleIn } from '../access';
import { saveMoves } from '../events';
import { CONTENT_MODERATOR, ContentModerator, MARKETPLACE_UNIT_OF_WORK, MarketplaceUnitOfWork } from '../ports';

/**
 * The owner asks for review. A tune goes to the safety gate (its
 * `marketplace.listing.submitted` event enqueues the review job). A vehicle or
 * part gets the lighter content check here (rules, plus text moderation when
 * configured) and is published when it passes.
 */
@Injectable()
export class SubmitListingUseCase {
  private readonly logger = new Logger('SubmitListing');

  constructor(
    @Inject(MARKETPLACE_UNIT_OF_WORK) private readonly uow: MarketplaceUnitOfWork,
    @Inject(CONTENT_MODERATOR) private readonly moderator: ContentModerator,
  ) {}

  async execute(ctx: RequestContext, input: { orgId: string; listingId: string }): Promise<ListingState> {
    requireRoleIn(ctx, input.orgId, 'staff');
    const current = await this.uow.repos.listings.findInOrg(input.orgId, input.listingId);
    if (!current) throw MarketplaceErrors.notFound();
    if (current.kind === 'tune') {
      return this.uow.run(async (repos, events) => {
        const listing = await repos.listings.findInOrg(input.orgId, input.listingId, true);
        if (!listing) throw MarketplaceErrors.notFound();
        listing.submit(new Date());
        await saveMoves(repos, events, ctx, listing);
        return listing.snapshot();
      });
    }
    const snapshot = current.snapshot();
    const text = `${snapshot.title}\n${snapshot.description}`;
    const findings: RuleFinding[] = runContentRules(text);
    let aiStatus = 'not_configured';
    let model: string | null = null;
    if (this.moderator.isConfigured() && !findings.some((f) => f.outcome === 'reject')) {
      try {
        const moderation = await this.moderator.moderate(ctx, { orgId: input.orgId, text });
        aiStatus = 'ok';
        model = moderation.model;
        if (moderation.flagged)
          findings.push({ rule: 'content.moderation', outcome: 'human', note: `Moderation flagged: ${moderation.categories.join(', ') || 'unspecified'}.` });
      } catch (error) {
        aiStatus = 'unavailable';
        this.logger.warn(`moderation unavailable for listing ${input.listingId}: ${(error as Error).message}`);
      }
    }
    // The rules decide; moderation only adds findings. A clean text with no moderation available still publishes (the lighter check).
    const decision = decide(findings, { safetyScore: 100, confidence: 1 });
    return this.uow.run(async (repos, events) => {
      const listing = await repos.listings.findInOrg(input.orgId, input.listingId, true);
      if (!listing) throw MarketplaceErrors.notFound();
      const now = new Date();
      listing.submit(now);
      listing.startReview(now, 'content check');
      const reason = decision.verdict === 'approved' ? 'The content check passed.' : decision.reason;
      listing.recordVerdict(decision.verdict, reason, now);
      if (decision.verdict === 'approved') listing.publish(now);
      await repos.verdicts.insert({
        id: randomUUID(),
        listingId: listing.id,
        orgId: listing.orgId,
        source: 'content_check',
        verdict: decision.verdict,
        reason,
        legalNote: decision.legalNote,
        findings,
        safetyScore: null,
        confidence: null,
        flags: findings.map((f) => f.rule),
        rationale: null,
        model,
        promptVersion: null,
        inputHash: null,
        latencyMs: null,
        promptTokens: null,
        completionTokens: null,
        aiStatus,
        actorUserId: ctx.userId ?? null,
        appealedAt: null,
        createdAt: now,
      });
      await saveMoves(repos, events, ctx, listing);
      return listing.snapshot();
    });
  }
}
