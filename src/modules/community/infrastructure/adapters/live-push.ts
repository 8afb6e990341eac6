import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { MessagingApi } from '../../../messaging';
import type { LivePush } from '../../application/ports';

/**
 * Live delivery through the messaging context's Socket.IO channel: the event
 * reaches the person's open sockets on every API instance (best effort; the
 * notification is stored and listed whatever happens here).
 */
@Injectable()
export class MessagingLivePush implements LivePush {
  constructor(private readonly messaging: MessagingApi) {}

  async push(_ctx: RequestContext, userId: string, event: string, payload: Record<string, unknown>): Promise<void> {
    this.messaging.pushToUser(userId, event, payload);
  }

  /**
   * Whether the person is connected now. MessagingApi does not tell presence,
   * so every recipient of a message gets the in-app notification (messaging
   * pushes the message itself to connected ones).
   */
  async isOnline(): Promise<boolean> {
    return false;
  }
}
