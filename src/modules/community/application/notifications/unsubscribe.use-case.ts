import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { CommunityErrors, NOTIFICATION_TYPES, NotificationType, defaultPreference } from '../../domain';
import { COMMUNITY_UNIT_OF_WORK, CommunityUnitOfWork } from '../ports';
import { ALL_TYPES, UnsubscribeLinks } from './unsubscribe-links';

export interface UnsubscribeView {
  /** The notification type the link stops e-mails of, or `*` for all of them. */
  type: NotificationType | typeof ALL_TYPES;
  /** Whether those e-mails are off now. */
  unsubscribed: boolean;
}

/**
 * What an e-mail's unsubscribe link does, without signing in: the signed token
 * names the person and the type, and serves nothing else. Reading it (GET) only
 * describes; POST turns the e-mails off (link scanners that follow GETs unsubscribe no one).
 */
@Injectable()
export class UnsubscribeUseCase {
  constructor(
    @Inject(COMMUNITY_UNIT_OF_WORK) private readonly uow: CommunityUnitOfWork,
    private readonly links: UnsubscribeLinks,
  ) {}

  async describe(_ctx: RequestContext, token: string): Promise<UnsubscribeView> {
    const claims = this.links.read(token);
    if (!claims) throw CommunityErrors.invalidLink();
    const stored = await this.uow.repos.preferences.list(claims.userId);
    const types = claims.type === ALL_TYPES ? NOTIFICATION_TYPES : [claims.type];
    const unsubscribed = types.every((type) => !(stored.get(type) ?? defaultPreference(type)).email);
    return { type: claims.type, unsubscribed };
  }

  async execute(_ctx: RequestContext, token: string): Promise<UnsubscribeView> {
    const claims = this.links.read(token);
    if (!claims) throw CommunityErrors.invalidLink();
    const types = claims.type === ALL_TYPES ? NOTIFICATION_TYPES : [claims.type];
    await this.uow.run(async (repos) => {
      const stored = await repos.preferences.list(claims.userId);
      for (const type of types) await repos.preferences.save(claims.userId, type, { ...(stored.get(type) ?? defaultPreference(type)), email: false });
    });
    return { type: claims.type, unsubscribed: true };
  }
}
