import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { MessagingErrors } from '../../domain';
import { MESSAGING_DIRECTORY, MESSAGING_UNIT_OF_WORK, MessagingDirectory, MessagingUnitOfWork } from '../ports';
import { actorOf } from '../services/conversation-access';

/**
 * Blocks a user: they can no longer start a direct conversation with the caller, add the caller to a group or
 * send to their direct conversation, and the caller no longer receives what they send (anywhere) from now on.
 * Blocking twice is a no-op.
 */
@Injectable()
export class BlockUserUseCase {
  constructor(
    @Inject(MESSAGING_UNIT_OF_WORK) private readonly uow: MessagingUnitOfWork,
    @Inject(MESSAGING_DIRECTORY) private readonly directory: MessagingDirectory,
  ) {}

  async execute(ctx: RequestContext, input: { userId: string }): Promise<{ created: boolean; createdAt: Date }> {
    const me = actorOf(ctx);
    const target = input.userId.toLowerCase();
    if (target === me) throw MessagingErrors.validation({ user_id: ['you cannot block yourself'] });
    if ((await this.directory.unknownUsers([target])).length > 0) throw MessagingErrors.userNotFound([target]);
    const now = new Date();
    const created = await this.uow.repos.blocks.insert({ blockerUserId: me, blockedUserId: target, createdAt: now });
    return { created, createdAt: now };
  }
}

@Injectable()
export class UnblockUserUseCase {
  constructor(@Inject(MESSAGING_UNIT_OF_WORK) private readonly uow: MessagingUnitOfWork) {}

  async execute(ctx: RequestContext, input: { userId: string }): Promise<void> {
    const me = actorOf(ctx);
    if (!(await this.uow.repos.blocks.delete(me, input.userId.toLowerCase()))) throw MessagingErrors.blockNotFound();
  }
}
