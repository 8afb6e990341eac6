import { DomainError, RequestContext } from '../../../../platform/kernel';
import { Conversation, MessagingErrors, Participant } from '../../domain';
import type { MessagingRepositories } from '../ports';

/** The signed-in person behind the request: every messaging route is for people, never API keys. */
export function actorOf(ctx: RequestContext): string {
  if (!ctx.userId) throw new DomainError('MESSAGING.PERSON_REQUIRED', 'unauthenticated', 'Messaging needs a signed-in person.');
  return ctx.userId;
}

/** The conversation and the caller's active participation; anyone else gets not-found (existence does not leak). */
export async function participation(
  repos: MessagingRepositories,
  conversationId: string,
  userId: string,
  options: { lock?: boolean } = {},
): Promise<{ conversation: Conversation; me: Participant }> {
  // Under lock the conversation row is taken first, so membership is read after any change that held it.
  const conversation = options.lock ? await repos.conversations.findForUpdate(conversationId) : await repos.conversations.findById(conversationId);
  const me = conversation && (await repos.participants.findActive(conversationId, userId));
  if (!conversation || !me) throw MessagingErrors.conversationNotFound();
  return { conversation, me };
}
