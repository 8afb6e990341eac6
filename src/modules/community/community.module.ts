import { DynamicModule, Module, Provider } from '@nestjs/common';
import { registerQueues } from '../../platform/queues/queues.module';
import { EventNotifications } from './application/notifications/event-notifications';
import { MarkAllNotificationsReadUseCase, MarkNotificationReadUseCase } from './application/notifications/mark-read.use-case';
import { NotificationQueries } from './application/notifications/notification.queries';
import { NotifyUseCase } from './application/notifications/notify.use-case';
import { NotificationPreferencesQuery, UpdateNotificationPreferencesUseCase } from './application/notifications/preferences.use-case';
import { SendEmailDigestsUseCase } from './application/notifications/send-digests.use-case';
import { UnsubscribeLinks } from './application/notifications/unsubscribe-links';
import { UnsubscribeUseCase } from './application/notifications/unsubscribe.use-case';
import { COMMUNITY_CONFIG, CommunityConfig, LINK_SIGNER, LIVE_PUSH, PEOPLE_DIRECTORY } from './application/ports';
import { CommunityApi } from './application/community.api';
import { FacadePeopleDirectory } from './infrastructure/adapters/people-directory';
import { NoLivePush } from './infrastructure/adapters/live-push';
import { communityConfigProvider } from './infrastructure/community-config';
import { HmacLinkSigner } from './infrastructure/crypto/hmac-link-signer';
import { NotificationEventHandlers } from './infrastructure/events/notification-event-handlers';
import { NotificationsController } from './infrastructure/http/notifications.controller';
import { COMMUNITY_QUEUE, CommunityJobsProcessor } from './infrastructure/jobs/community-jobs';
import { communityUnitOfWork } from './infrastructure/persistence/community.unit-of-work';

const ADAPTERS: Provider[] = [
  communityConfigProvider,
  communityUnitOfWork,
  { provide: PEOPLE_DIRECTORY, useClass: FacadePeopleDirectory },
  { provide: LIVE_PUSH, useClass: NoLivePush },
  { provide: LINK_SIGNER, inject: [COMMUNITY_CONFIG], useFactory: (config: CommunityConfig) => new HmacLinkSigner(config.linkSecret) },
];

const USE_CASES = [
  NotifyUseCase,
  UnsubscribeLinks,
  NotificationQueries,
  MarkNotificationReadUseCase,
  MarkAllNotificationsReadUseCase,
  NotificationPreferencesQuery,
  UpdateNotificationPreferencesUseCase,
  UnsubscribeUseCase,
  SendEmailDigestsUseCase,
  EventNotifications,
];

/**
 * The community context: notifications (in-app, e-mail, live) for every
 * context's events, the forum, and comments on anything.
 */
@Module({})
export class CommunityModule {
  static register(options: { processJobs: boolean; serveHttp: boolean }): DynamicModule {
    return {
      module: CommunityModule,
      imports: [registerQueues(COMMUNITY_QUEUE)],
      controllers: options.serveHttp ? [NotificationsController] : [],
      providers: [
        ...ADAPTERS,
        ...USE_CASES,
        CommunityApi,
        // Registered in every process: the relay of each one must know who subscribes.
        NotificationEventHandlers,
        ...(options.processJobs ? [CommunityJobsProcessor] : []),
      ],
      exports: [CommunityApi],
    };
  }
}
