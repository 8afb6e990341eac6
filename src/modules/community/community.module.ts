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
import { COMMUNITY_CONFIG, CommunityConfig, LINK_SIGNER, LIVE_PUSH, MARKDOWN_RENDERER, PEOPLE_DIRECTORY } from './application/ports';
import { CreateCategoryUseCase, ListCategoriesQuery, UpdateCategoryUseCase, WatchCategoryUseCase } from './application/forum/categories.use-cases';
import { FlagContentUseCase, ModerationQueueQuery, ResolveFlagUseCase } from './application/forum/flags.use-cases';
import { DecideFlagUseCase, OperatorFlagQueueQuery } from './application/forum/flag-decisions.use-cases';
import { MARKETPLACE_REVIEWS, ReportReviewUseCase } from './application/forum/review-reports';
import { FacadeMarketplaceReviews } from './infrastructure/adapters/marketplace-reviews';
import { ReviewReportsController } from './infrastructure/http/review-reports.controller';
import { ForumNotifications } from './application/forum/forum-notifications';
import { ForumQueries } from './application/forum/forum.queries';
import {
  DeletePostUseCase,
  EditPostUseCase,
  ModerateThreadUseCase,
  ReactToPostUseCase,
  ReplyUseCase,
  StartThreadUseCase,
  WatchThreadUseCase,
} from './application/forum/posts.use-cases';
import { ForumEventHandlers } from './infrastructure/events/forum-event-handlers';
import { CommentNotifications } from './application/comments/comment-notifications';
import { AddCommentUseCase, CommentQueries, DeleteCommentUseCase, EditCommentUseCase } from './application/comments/comments.use-cases';
import { COMMENT_TARGETS } from './application/comments/comments.ports';
import { FacadeCommentTargets } from './infrastructure/adapters/comment-targets';
import { CommentEventHandlers } from './infrastructure/events/comment-event-handlers';
import { CommentsController } from './infrastructure/http/comments.controller';
import { ForumCategoriesController, ForumPostsController, ForumThreadsController } from './infrastructure/http/forum.controller';
import { ModerationController } from './infrastructure/http/moderation.controller';
import { SanitizedMarkdownRenderer } from './infrastructure/markdown/sanitized-markdown.renderer';
import { CommunityApi } from './application/community.api';
import { FacadePeopleDirectory } from './infrastructure/adapters/people-directory';
import { MessagingLivePush } from './infrastructure/adapters/live-push';
import { communityConfigProvider } from './infrastructure/community-config';
import { HmacLinkSigner } from './infrastructure/crypto/hmac-link-signer';
import { NotificationEventHandlers } from './infrastructure/events/notification-event-handlers';
import { NotificationsController } from './infrastructure/http/notifications.controller';
import { COMMUNITY_QUEUE, CommunityJobsProcessor } from './infrastructure/jobs/community-jobs';
import { CommunityDemoSeeder } from './infrastructure/seed/community-demo.seeder';
import { communityUnitOfWork } from './infrastructure/persistence/community.unit-of-work';

const ADAPTERS: Provider[] = [
  communityConfigProvider,
  communityUnitOfWork,
  { provide: PEOPLE_DIRECTORY, useClass: FacadePeopleDirectory },
  { provide: LIVE_PUSH, useClass: MessagingLivePush },
  { provide: COMMENT_TARGETS, useClass: FacadeCommentTargets },
  { provide: MARKETPLACE_REVIEWS, useClass: FacadeMarketplaceReviews },
  { provide: MARKDOWN_RENDERER, useValue: new SanitizedMarkdownRenderer() },
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
  ListCategoriesQuery,
  CreateCategoryUseCase,
  UpdateCategoryUseCase,
  WatchCategoryUseCase,
  ForumQueries,
  StartThreadUseCase,
  ReplyUseCase,
  EditPostUseCase,
  DeletePostUseCase,
  ModerateThreadUseCase,
  WatchThreadUseCase,
  ReactToPostUseCase,
  FlagContentUseCase,
  ModerationQueueQuery,
  ResolveFlagUseCase,
  OperatorFlagQueueQuery,
  DecideFlagUseCase,
  ReportReviewUseCase,
  ForumNotifications,
  AddCommentUseCase,
  EditCommentUseCase,
  DeleteCommentUseCase,
  CommentQueries,
  CommentNotifications,
];

const CONTROLLERS = [
  NotificationsController,
  ForumCategoriesController,
  ForumThreadsController,
  ForumPostsController,
  ModerationController,
  CommentsController,
  ReviewReportsController,
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
      // Global so the admin context injects CommunityApi without a second instance of the module.
      global: true,
      imports: [registerQueues(COMMUNITY_QUEUE)],
      controllers: options.serveHttp ? CONTROLLERS : [],
      providers: [
        ...ADAPTERS,
        ...USE_CASES,
        CommunityApi,
        CommunityDemoSeeder,
        // Registered in every process: the relay of each one must know who subscribes.
        NotificationEventHandlers,
        ForumEventHandlers,
        CommentEventHandlers,
        ...(options.processJobs ? [CommunityJobsProcessor] : []),
      ],
      exports: [CommunityApi],
    };
  }
}
