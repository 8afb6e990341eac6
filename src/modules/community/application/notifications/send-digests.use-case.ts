import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { NotificationSender } from '../../../../platform/notifications/notification-sender';
import { COMMUNITY_CONFIG, COMMUNITY_UNIT_OF_WORK, CommunityConfig, CommunityUnitOfWork, PEOPLE_DIRECTORY, PeopleDirectory } from '../ports';
import { notificationView } from './notification-views';
import { ALL_TYPES, UnsubscribeLinks } from './unsubscribe-links';

const USERS_PER_BATCH = 200;
/** A digest lists at most this many; the rest are one click away in the app. */
const DIGEST_MAX_ITEMS = 50;

/**
 * Sends one e-mail per person who chose the digest, listing what waited since
 * the last one. A notification leaves the digest queue in the same
 * transaction that reads it; the mail job's key is derived from the rows, so a
 * re-run after a crash sends the same digest once.
 */
@Injectable()
export class SendEmailDigestsUseCase {
  constructor(
    @Inject(COMMUNITY_UNIT_OF_WORK) private readonly uow: CommunityUnitOfWork,
    @Inject(PEOPLE_DIRECTORY) private readonly people: PeopleDirectory,
    @Inject(COMMUNITY_CONFIG) private readonly config: CommunityConfig,
    private readonly sender: NotificationSender,
    private readonly links: UnsubscribeLinks,
  ) {}

  async execute(ctx: RequestContext): Promise<{ digests: number }> {
    let digests = 0;
    for (;;) {
      const userIds = await this.uow.repos.notifications.usersAwaitingDigest(USERS_PER_BATCH);
      if (userIds.length === 0) return { digests };
      const addresses = await this.people.emails(ctx, userIds);
      for (const userId of userIds) {
        const items = await this.uow.run((repos) => repos.notifications.takeDigest(userId));
        const to = addresses.get(userId);
        if (!to || items.length === 0) continue;
        const lines = items.slice(0, DIGEST_MAX_ITEMS).map((item) => `- ${notificationView(item).title}`);
        if (items.length > DIGEST_MAX_ITEMS) lines.push(`- and ${items.length - DIGEST_MAX_ITEMS} more`);
        const subject = `Your RevSync digest: ${items.length} new notification${items.length === 1 ? '' : 's'}`;
        const text = [
          subject,
          '',
          ...lines,
          '',
          `See them on RevSync: ${this.config.appUrl}/notifications`,
          '',
          `To stop all notification e-mails: ${this.links.unsubscribeUrl(userId, ALL_TYPES)}`,
        ].join('\n');
        const key = `digest:${userId}:${items.map((item) => `${item.id}@${item.updatedAt.getTime()}`).join(',')}`;
        await this.sender.sendMail(ctx, { to, subject, text }, key);
        digests += 1;
      }
    }
  }
}
