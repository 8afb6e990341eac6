import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import {
  ChannelPreference,
  CommunityErrors,
  DEFAULT_EMAIL_DELIVERY,
  EmailDelivery,
  NOTIFICATION_TYPES,
  NotificationType,
  defaultPreference,
  isNotificationType,
} from '../../domain';
import { requireUser } from '../access';
import { COMMUNITY_UNIT_OF_WORK, CommunityUnitOfWork } from '../ports';

export interface PreferencesView {
  emailDelivery: EmailDelivery;
  types: Array<{ type: NotificationType; preference: ChannelPreference; isDefault: boolean }>;
}

export interface PreferenceChange {
  type: string;
  inApp?: boolean;
  email?: boolean;
  live?: boolean;
}

@Injectable()
export class NotificationPreferencesQuery {
  constructor(@Inject(COMMUNITY_UNIT_OF_WORK) private readonly uow: CommunityUnitOfWork) {}

  async execute(ctx: RequestContext): Promise<PreferencesView> {
    const userId = requireUser(ctx);
    const [stored, deliveries] = await Promise.all([this.uow.repos.preferences.list(userId), this.uow.repos.preferences.emailDeliveries([userId])]);
    return {
      emailDelivery: deliveries.get(userId) ?? DEFAULT_EMAIL_DELIVERY,
      types: NOTIFICATION_TYPES.map((type) => ({ type, preference: stored.get(type) ?? defaultPreference(type), isDefault: !stored.has(type) })),
    };
  }
}

/** Changes the caller's channels for some types (fields left out keep their value) and how e-mail is delivered. */
@Injectable()
export class UpdateNotificationPreferencesUseCase {
  constructor(
    @Inject(COMMUNITY_UNIT_OF_WORK) private readonly uow: CommunityUnitOfWork,
    private readonly query: NotificationPreferencesQuery,
  ) {}

  async execute(ctx: RequestContext, input: { emailDelivery?: EmailDelivery; changes: PreferenceChange[] }): Promise<PreferencesView> {
    const userId = requireUser(ctx);
    for (const change of input.changes) if (!isNotificationType(change.type)) throw CommunityErrors.unknownNotificationType(change.type);
    await this.uow.run(async (repos) => {
      const stored = await repos.preferences.list(userId);
      for (const change of input.changes) {
        const type = change.type as NotificationType;
        const current = stored.get(type) ?? defaultPreference(type);
        await repos.preferences.save(userId, type, {
          inApp: change.inApp ?? current.inApp,
          email: change.email ?? current.email,
          live: change.live ?? current.live,
        });
      }
      if (input.emailDelivery) await repos.preferences.saveEmailDelivery(userId, input.emailDelivery);
    });
    return this.query.execute(ctx);
  }
}
