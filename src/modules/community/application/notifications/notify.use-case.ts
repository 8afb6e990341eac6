import { Inject, Injectable, Logger } from '@nestjs/common';
import type { RequestContext } from '../../../../platform/kernel';
import { NotificationSender } from '../../../../platform/notifications/notification-sender';
import { DEFAULT_EMAIL_DELIVERY, NOTIFICATION_TYPE_SPECS, defaultPreference } from '../../domain';
import {
  COMMUNITY_CONFIG,
  COMMUNITY_UNIT_OF_WORK,
  CommunityConfig,
  CommunityUnitOfWork,
  LIVE_PUSH,
  LivePush,
  NotificationDraft,
  PEOPLE_DIRECTORY,
  PeopleDirectory,
  RecipientChannels,
} from '../ports';
import { UnsubscribeLinks } from './unsubscribe-links';
import { notificationTitle } from '../../domain';

/** The live event a connected person receives for a new or updated notification (payload: id, type, title, grouped). */
export const LIVE_NOTIFICATION_EVENT = 'notification.created';

export interface NotifyInput {
  /** Names the fact being told (an event id and handler, a post id…): telling it again does nothing. */
  sourceKey: string;
  draft: Omit<NotificationDraft, 'actorName'> & { actorName?: string | null };
  /** People to tell; plus, when `orgId` is given, the organization's members its type addresses. */
  userIds?: string[];
  orgId?: string | null;
  /** Only these people are told (e.g. members of a private board); undefined: no filter. */
  allowed?: (userId: string) => Promise<boolean>;
}

export interface NotifyOutcome {
  skipped: boolean;
  recipients: number;
  created: number;
  emails: number;
  pushed: number;
}

/**
 * Tells people something happened, through each channel they keep on for the
 * type: in-app (a row, or an update of their open group), e-mail (now, or in
 * their digest) and live (through the messaging gateway). The actor is never
 * told of their own act. Rows are written in one statement whatever the number
 * of recipients; e-mail is enqueued after the commit, once per recipient.
 */
@Injectable()
export class NotifyUseCase {
  private readonly logger = new Logger(NotifyUseCase.name);

  constructor(
    @Inject(COMMUNITY_UNIT_OF_WORK) private readonly uow: CommunityUnitOfWork,
    @Inject(PEOPLE_DIRECTORY) private readonly people: PeopleDirectory,
    @Inject(LIVE_PUSH) private readonly live: LivePush,
    @Inject(COMMUNITY_CONFIG) private readonly config: CommunityConfig,
    private readonly sender: NotificationSender,
    private readonly links: UnsubscribeLinks,
  ) {}

  async execute(ctx: RequestContext, input: NotifyInput): Promise<NotifyOutcome> {
    const { type } = input.draft;
    const candidates = new Set(input.userIds ?? []);
    if (input.orgId) for (const id of await this.people.organizationMembers(ctx, input.orgId, NOTIFICATION_TYPE_SPECS[type].orgAudience)) candidates.add(id);
    if (input.draft.actorId) candidates.delete(input.draft.actorId);
    let userIds = [...candidates];
    if (input.allowed) {
      const checks = await Promise.all(userIds.map((id) => input.allowed!(id)));
      userIds = userIds.filter((_id, i) => checks[i]);
    }
    const none: NotifyOutcome = { skipped: false, recipients: 0, created: 0, emails: 0, pushed: 0 };
    if (userIds.length === 0) return none;

    const actorName =
      input.draft.actorName ?? (input.draft.actorId ? ((await this.people.names(ctx, [input.draft.actorId])).get(input.draft.actorId) ?? null) : null);
    const draft: NotificationDraft = { ...input.draft, actorName };
    const [stored, deliveries] = await Promise.all([this.uow.repos.preferences.forUsers(type, userIds), this.uow.repos.preferences.emailDeliveries(userIds)]);
    const channels = userIds
      .map((userId) => {
        const preference = stored.get(userId) ?? defaultPreference(type);
        const delivery = deliveries.get(userId) ?? DEFAULT_EMAIL_DELIVERY;
        return { userId, preference, digest: preference.email && delivery === 'digest' };
      })
      .filter((c) => c.preference.inApp || c.preference.email || c.preference.live);
    const recipients: RecipientChannels[] = channels.map((c) => ({ userId: c.userId, inApp: c.preference.inApp, emailPending: c.digest }));

    const now = new Date();
    const written = await this.uow.run(async (repos) => {
      if (!(await repos.notifications.claimSource(input.sourceKey))) return undefined;
      return repos.notifications.upsertMany(draft, recipients, now);
    });
    if (!written) return { ...none, skipped: true };

    const byUser = new Map(channels.map((c) => [c.userId, c]));
    const title = (eventCount: number) => notificationTitle({ type, actorCount: 1, lastActorName: actorName, eventCount, data: draft.data });
    // A group's first notification is e-mailed; its later updates wait until it is read (Discourse does the same).
    const mailTo = written.filter((row) => row.created && byUser.get(row.userId)?.preference.email && !byUser.get(row.userId)?.digest);
    let emails = 0;
    if (mailTo.length > 0) {
      const addresses = await this.people.emails(
        ctx,
        mailTo.map((row) => row.userId),
      );
      for (const row of mailTo) {
        const to = addresses.get(row.userId);
        if (!to) continue;
        const subject = title(1);
        const text = [
          subject,
          '',
          `See it on RevSync: ${this.config.appUrl}/notifications`,
          '',
          `To stop e-mails like this one: ${this.links.unsubscribeUrl(row.userId, type)}`,
        ].join('\n');
        await this.sender.sendMail(ctx, { to, subject, text }, `community:${input.sourceKey}:${row.userId}`);
        emails += 1;
      }
    }
    let pushed = 0;
    for (const row of written) {
      if (!byUser.get(row.userId)?.preference.live) continue;
      try {
        await this.live.push(ctx, row.userId, LIVE_NOTIFICATION_EVENT, { id: row.id, type, title: title(1), grouped: !row.created });
        pushed += 1;
      } catch (error) {
        // Live delivery is best effort: the notification is stored and the client catches up on its next list.
        this.logger.warn({ msg: 'live notification push failed', user_id: row.userId, error: (error as Error).message, request_id: ctx.requestId });
      }
    }
    return { skipped: false, recipients: written.length, created: written.filter((row) => row.created).length, emails, pushed };
  }
}
