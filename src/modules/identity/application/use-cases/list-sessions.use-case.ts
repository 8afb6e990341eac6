import { Inject, Injectable } from '@nestjs/common';
import { Page, PageRequest, RequestContext, pageOffset, toPage } from '../../../../platform/kernel';
import { IdentityErrors } from '../../domain';
import { IDENTITY_UNIT_OF_WORK, IdentityUnitOfWork } from '../ports';
import { SessionView, toSessionView } from '../views';

/** The caller's active sessions, most recently used first, the current one marked. */
@Injectable()
export class ListSessionsUseCase {
  constructor(@Inject(IDENTITY_UNIT_OF_WORK) private readonly uow: IdentityUnitOfWork) {}

  async execute(ctx: RequestContext, page: PageRequest): Promise<Page<SessionView>> {
    if (!ctx.userId) throw IdentityErrors.sessionRevoked();
    const { items, total } = await this.uow.repos.sessions.listActive(ctx.userId, new Date(), { offset: pageOffset(page), limit: page.limit });
    return toPage(
      items.map((state) => toSessionView(state, ctx.sessionId)),
      total,
      page,
    );
  }
}
