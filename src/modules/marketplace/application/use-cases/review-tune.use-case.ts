import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../../../../platform/kernel';
import { TuneDetails, decide, runTuneRules } from '../../domain';
import { saveMoves } from '../events';
import {
  MARKETPLACE_CONFIG,
  MARKETPLACE_UNIT_OF_WORK,
  MarketplaceConfig,
  MarketplaceUnitOfWork,
  SAFETY_REVIEWER,
  SafetyReviewOutcome,
  SafetyReviewer,
} from '../ports';

/** What a tune file may be (checked from its bytes at upload; the gate checks the stored type again). */
export const TUNE_CONTENT_TYPES = ['application/octet-stream', 'application/x-binary', 'application/zip'] as const;

const AI_LABELS: Record<Exclude<SafetyReviewOutcome['status'], 'ok'>, string> = {
  not_configured: 'AI review not configured (no MISTRAL_API_KEY)',
  unavailable: 'AI review unavailable',
  budget_exceeded: 'AI review skipped: the organization’s daily AI budget is spent',
  malformed: 'AI review returned an unusable answer',
};

/**
 * The safety gate's job for one submitted tune: deterministic rules, then the
 * AI's structured verdict, then the decision table. The verdict is stored with
 * its model, prompt version, input hash, latency and tokens. Idempotent: a
 * listing no longer submitted or in review is left alone.
 */
@Injectable()
export class ReviewTuneUseCase {
  private readonly logger = new Logger('ReviewTune');

  constructor(
    @Inject(MARKETPLACE_UNIT_OF_WORK) private readonly uow: MarketplaceUnitOfWork,
    @Inject(SAFETY_REVIEWER) private readonly reviewer: SafetyReviewer,
    @Inject(MARKETPLACE_CONFIG) private readonly config: MarketplaceConfig,
  ) {}

  async execute(ctx: RequestContext, input: { listingId: string }): Promise<string> {
    const started = await this.uow.run(async (repos, events) => {
      const listing = await repos.listings.findAny(input.listingId, true);
      if (!listing || listing.kind !== 'tune') return undefined;
      if (listing.status === 'submitted') {
        listing.startReview(new Date(), 'safety gate');
        await saveMoves(repos, events, ctx, listing);
      }
      return listing.status === 'in_review' ? listing.snapshot() : undefined;
    });
    if (!started) return 'skipped';
    const details = started.details as TuneDetails;
    const duplicate = details.file ? await this.uow.repos.listings.fileSoldElsewhere(started.orgId, details.file.sha256) : false;
    const findings = runTuneRules({
      file: details.file,
      maxFileBytes: this.config.maxTuneFileBytes,
      allowedContentTypes: TUNE_CONTENT_TYPES,
      duplicateOfOtherOrganization: duplicate,
      declaredChanges: details.declaredChanges,
    });
    let outcome: SafetyReviewOutcome | undefined;
    if (!findings.some((f) => f.outcome === 'reject')) {
      outcome = await this.reviewer.review(ctx, { orgId: started.orgId, listing: started });
      if (outcome.status !== 'ok') this.logger.warn(`safety review of ${started.id}: ${outcome.status} (${outcome.detail})`);
    }
    const assessment = outcome?.status === 'ok' ? outcome.assessment : null;
    const decision = decide(findings, assessment, outcome && outcome.status !== 'ok' ? AI_LABELS[outcome.status] : 'AI review skipped');
    const flags = [...findings.map((f) => f.rule), ...(assessment?.flags ?? [])];
    return this.uow.run(async (repos, events) => {
      const listing = await repos.listings.findAny(input.listingId, true);
      if (!listing || listing.status !== 'in_review') return 'skipped';
      const now = new Date();
      listing.recordVerdict(decision.verdict, decision.reason, now);
      await repos.verdicts.insert({
        id: randomUUID(),
        listingId: listing.id,
        orgId: listing.orgId,
        source: 'gate',
        verdict: decision.verdict,
        reason: decision.reason,
        legalNote: decision.legalNote,
        findings,
        safetyScore: assessment?.safetyScore ?? null,
        confidence: assessment?.confidence ?? null,
        flags,
        rationale: assessment?.rationale ?? null,
        model: assessment?.model ?? null,
        promptVersion: assessment?.promptVersion ?? null,
        inputHash: assessment?.inputHash ?? null,
        latencyMs: assessment?.latencyMs ?? null,
        promptTokens: assessment?.promptTokens ?? null,
        completionTokens: assessment?.completionTokens ?? null,
        aiStatus: outcome?.status ?? 'skipped',
        actorUserId: null,
        appealedAt: null,
        createdAt: now,
      });
      await saveMoves(repos, events, ctx, listing);
      return decision.verdict;
    });
  }
}
