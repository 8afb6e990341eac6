import { Injectable } from '@nestjs/common';
import type { ContentModerator, SafetyReviewOutcome, SafetyReviewer } from '../../application/ports';

/**
 * The AI ports while no AI provider is wired: the rules still run, moderation
 * is skipped, and every tune waits for a human (labelled "not configured").
 */
@Injectable()
export class UnconfiguredAi implements SafetyReviewer, ContentModerator {
  isConfigured(): boolean {
    return false;
  }

  async review(): Promise<SafetyReviewOutcome> {
    return { status: 'not_configured', detail: 'no AI provider is configured' };
  }

  async moderate(): Promise<never> {
    throw new Error('no AI provider is configured');
  }
}
