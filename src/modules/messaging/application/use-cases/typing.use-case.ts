import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { MessagingErrors } from '../../domain';
import {
  LIVE_CHANNEL,
  LiveChannel,
  MESSAGING_SETTINGS,
  MESSAGING_UNIT_OF_WORK,
  MessagingSettings,
  MessagingUnitOfWork,
  RATE_LIMITER,
  RateLimiter,
  TYPING_STORE,
  TypingStore,
} from '../ports';
import { LIVE_EVENTS } from '../live-events';
import { actorOf, participation } from '../services/conversation-access';

/**
 * "I am typing" (or stopped): kept in Redis with an expiry, so an indicator whose client vanished disappears by
 * itself; at most one signal per user and conversation per interval.
 */
@Injectable()
export class TypingUseCase {
  constructor(
    @Inject(MESSAGING_UNIT_OF_WORK) private readonly uow: MessagingUnitOfWork,
    @Inject(MESSAGING_SETTINGS) private readonly settings: MessagingSettings,
    @Inject(RATE_LIMITER) private readonly limiter: RateLimiter,
    @Inject(TYPING_STORE) private readonly store: TypingStore,
    @Inject(LIVE_CHANNEL) private readonly live: LiveChannel,
  ) {}

  async execute(ctx: RequestContext, input: { conversationId: string; typing: boolean }): Promise<{ expiresAt: Date | null }> {
    const me = actorOf(ctx);
    await participation(this.uow.repos, input.conversationId, me);
    const retryAfter = await this.limiter.hit(`typing:${me}:${input.conversationId}`, 1, this.settings.typingMinIntervalMs);
    if (retryAfter > 0) throw MessagingErrors.rateLimited(retryAfter);
    const others = (await this.uow.repos.participants.listActive(input.conversationId)).map((p) => p.userId).filter((id) => id !== me);
    const blockers = new Set(await this.uow.repos.blocks.blockersOf(me, others));
    const audience = others.filter((id) => !blockers.has(id));
    if (!input.typing) {
      await this.store.stop(input.conversationId, me);
      this.live.toUsers(audience, LIVE_EVENTS.typingStopped, { conversation_id: input.conversationId, user_id: me });
      return { expiresAt: null };
    }
    const expiresAt = Date.now() + this.settings.typingTtlMs;
    await this.store.start(input.conversationId, me, expiresAt);
    this.live.toUsers(audience, LIVE_EVENTS.typingStarted, {
      conversation_id: input.conversationId,
      user_id: me,
      expires_at: new Date(expiresAt).toISOString(),
    });
    return { expiresAt: new Date(expiresAt) };
  }
}
