import { DynamicModule, Module, Provider } from '@nestjs/common';
import { MessagingApi } from './application/messaging.api';
import { CONVERSATION_SUBJECTS, LIVE_CHANNEL, MESSAGING_DIRECTORY, RATE_LIMITER, TYPING_STORE } from './application/ports';
import { SubjectCheck } from './application/services/subject-check';
import { MessagingQueries } from './application/queries/messaging.queries';
import { BlockUserUseCase, UnblockUserUseCase } from './application/use-cases/blocks.use-case';
import { CreateConversationUseCase } from './application/use-cases/create-conversation.use-case';
import { AddParticipantUseCase, RemoveParticipantUseCase, UpdateParticipationUseCase } from './application/use-cases/manage-participants.use-case';
import { DeleteMessageUseCase, EditMessageUseCase, MarkReadUseCase } from './application/use-cases/message-changes.use-case';
import { SendMessageUseCase } from './application/use-cases/send-message.use-case';
import { TypingUseCase } from './application/use-cases/typing.use-case';
import { FacadeMessagingDirectory } from './infrastructure/directory/facade-directory';
import { FacadeConversationSubjects } from './infrastructure/directory/facade-subjects';
import { BlockedUsersController } from './infrastructure/http/blocked-users.controller';
import { ConversationsController } from './infrastructure/http/conversations.controller';
import { AttachmentsController, MessagesController } from './infrastructure/http/messages.controller';
import { AttachmentLinkUseCase, UploadAttachmentUseCase } from './application/use-cases/attachments.use-case';
import { messagingUnitOfWork } from './infrastructure/persistence/messaging.unit-of-work';
import { MessagingGateway } from './infrastructure/realtime/messaging.gateway';
import { SocketLiveChannel } from './infrastructure/realtime/socket-live-channel';
import { MessagingRedis } from './infrastructure/redis/messaging-redis';
import { MessagingDemoSeeder } from './infrastructure/seed/messaging-demo.seeder';
import { messagingSettingsProvider } from './messaging.config';

const USE_CASES = [
  CreateConversationUseCase,
  AddParticipantUseCase,
  RemoveParticipantUseCase,
  UpdateParticipationUseCase,
  SendMessageUseCase,
  MarkReadUseCase,
  EditMessageUseCase,
  DeleteMessageUseCase,
  BlockUserUseCase,
  UnblockUserUseCase,
  TypingUseCase,
  UploadAttachmentUseCase,
  AttachmentLinkUseCase,
];

const ADAPTERS: Provider[] = [
  messagingUnitOfWork,
  messagingSettingsProvider,
  MessagingRedis,
  SocketLiveChannel,
  { provide: RATE_LIMITER, useExisting: MessagingRedis },
  { provide: TYPING_STORE, useExisting: MessagingRedis },
  { provide: LIVE_CHANNEL, useExisting: SocketLiveChannel },
  { provide: MESSAGING_DIRECTORY, useClass: FacadeMessagingDirectory },
  { provide: CONVERSATION_SUBJECTS, useClass: FacadeConversationSubjects },
  SubjectCheck,
];

/**
 * The messaging context: conversations, participants, messages with receipts and edit history, blocks, typing,
 * and the WebSocket gateway (only in processes serving HTTP). MessagingApi (the live channel) works in every
 * process: without the gateway it publishes through the Redis adapter.
 */
@Module({})
export class MessagingModule {
  static register(options: { processJobs: boolean; serveHttp: boolean }): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      controllers: options.serveHttp ? [ConversationsController, MessagesController, AttachmentsController, BlockedUsersController] : [],
      providers: [...ADAPTERS, ...USE_CASES, MessagingQueries, MessagingApi, MessagingDemoSeeder, ...(options.serveHttp ? [MessagingGateway] : [])],
      exports: [MessagingApi],
    };
  }
}
