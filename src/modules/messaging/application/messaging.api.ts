import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../platform/kernel';
import { LIVE_CHANNEL, LiveChannel, MESSAGING_UNIT_OF_WORK, MessagingUnitOfWork } from './ports';

/**
 * The messaging context's front door for other contexts. Its live channel is the platform's: any context may push
 * an event to a user's open sockets (on every API instance), e.g. community's `notification.created`. Name events
 * `<thing>.<verb>` with a payload in snake_case, like the REST API; pushes are best effort (a user offline gets
 * nothing, so the state must also be readable over REST).
 */
@Injectable()
export class MessagingApi {
  constructor(
    @Inject(LIVE_CHANNEL) private readonly live: LiveChannel,
    @Inject(MESSAGING_UNIT_OF_WORK) private readonly uow: MessagingUnitOfWork,
  ) {}

  pushToUser(userId: string, event: string, payload: object): void {
    this.live.toUsers([userId], event, payload);
  }

  pushToUsers(userIds: string[], event: string, payload: object): void {
    this.live.toUsers(userIds, event, payload);
  }

  /** The current participants of a conversation (empty when there is no such conversation). */
  async participantIds(_ctx: RequestContext, conversationId: string): Promise<string[]> {
    return (await this.uow.repos.participants.listActive(conversationId)).map((p) => p.userId);
  }
}
