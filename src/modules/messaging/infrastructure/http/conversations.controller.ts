import { Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { multipartFile } from '../../../../platform/storage';
import { MESSAGING_SETTINGS, MessagingSettings } from '../../application/ports';
import { UploadAttachmentUseCase } from '../../application/use-cases/attachments.use-case';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import { Body, Query, UuidParam } from '../../../../platform/http/params';
import type { RequestContext } from '../../../../platform/kernel';
import { MessagingQueries } from '../../application/queries/messaging.queries';
import { CreateConversationUseCase } from '../../application/use-cases/create-conversation.use-case';
import { AddParticipantUseCase, RemoveParticipantUseCase, UpdateParticipationUseCase } from '../../application/use-cases/manage-participants.use-case';
import { MarkReadUseCase } from '../../application/use-cases/message-changes.use-case';
import { SendMessageUseCase } from '../../application/use-cases/send-message.use-case';
import { TypingUseCase } from '../../application/use-cases/typing.use-case';
import { MessagingErrors } from '../../domain';
import { CONVERSATION_404, RATE_LIMITED_429, UNAUTHENTICATED_401, VALIDATION_400 } from './http-support';
import {
  ArchiveDto,
  ConversationListQueryDto,
  CreateConversationDto,
  MarkConversationReadDto,
  MessagesQueryDto,
  MuteDto,
  ParticipantDto,
  SendMessageDto,
  TypingDto,
} from './messaging.request.dto';
import {
  AttachmentDto,
  ConversationDetailsDto,
  ConversationPageDto,
  ChatMessageDto,
  MessagePageDto,
  ReadReceiptDto,
  TypingListDto,
  TypingStateDto,
} from './messaging.response.dto';

const DEFAULT_MESSAGE_PAGE = 50;

@ApiTags('messaging')
@Controller('conversations')
@ApiProblemResponse(401, UNAUTHENTICATED_401)
export class ConversationsController {
  constructor(
    private readonly queries: MessagingQueries,
    private readonly create: CreateConversationUseCase,
    private readonly addParticipant: AddParticipantUseCase,
    private readonly removeParticipant: RemoveParticipantUseCase,
    private readonly participation: UpdateParticipationUseCase,
    private readonly send: SendMessageUseCase,
    private readonly markRead: MarkReadUseCase,
    private readonly typing: TypingUseCase,
    private readonly upload: UploadAttachmentUseCase,
    @Inject(MESSAGING_SETTINGS) private readonly settings: MessagingSettings,
  ) {}

  @Get()
  @ApiOperation({ operationId: 'conversations_list', summary: 'The caller’s conversations, latest activity first, with unread counts' })
  @ApiOkResponse({ type: ConversationPageDto })
  @ApiProblemResponse(400, VALIDATION_400)
  async list(@Ctx() ctx: RequestContext, @Query() query: ConversationListQueryDto): Promise<ConversationPageDto> {
    return ConversationPageDto.from(await this.queries.listConversations(ctx, { archived: query.archived ?? false }, query.toPageRequest()));
  }

  @Post()
  @ApiOperation({
    operationId: 'conversations_create',
    summary: 'Start a direct conversation (one per pair: 200 with the existing one) or a group (the caller is its admin)',
  })
  @ApiCreatedResponse({ type: ConversationDetailsDto, description: 'Created' })
  @ApiOkResponse({ type: ConversationDetailsDto, description: 'The direct conversation with this user already existed' })
  @ApiProblemResponse(400, VALIDATION_400)
  @ApiProblemResponse(403, 'A participant blocks the caller (MESSAGING.BLOCKED)')
  @ApiProblemResponse(404, 'organization_id names an organization the caller is not an active member of (MESSAGING.CONVERSATION_NOT_FOUND)')
  @ApiProblemResponse(
    422,
    'Unknown participants (MESSAGING.USER_NOT_FOUND), too many (MESSAGING.TOO_MANY_PARTICIPANTS), non-members (MESSAGING.NOT_ORGANIZATION_MEMBER), ' +
      'a subject the caller takes no part in (MESSAGING.SUBJECT_UNAVAILABLE) or participants outside it (MESSAGING.PARTICIPANT_OUTSIDE_SUBJECT)',
  )
  async createConversation(
    @Ctx() ctx: RequestContext,
    @Body() body: CreateConversationDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ConversationDetailsDto> {
    if ((body.subject_type === undefined) !== (body.subject_id === undefined)) {
      throw MessagingErrors.validation({ subject_id: ['subject_type and subject_id go together'] });
    }
    const { conversation, created } = await this.create.execute(ctx, {
      type: body.conversation_type,
      participantIds: body.participant_ids,
      name: body.name,
      subject: body.subject_type && body.subject_id ? { type: body.subject_type, id: body.subject_id.toLowerCase() } : undefined,
      orgId: body.organization_id?.toLowerCase(),
    });
    void reply.status(created ? 201 : 200);
    return ConversationDetailsDto.fromDetails(await this.queries.conversation(ctx, conversation.id));
  }

  @Get(':id')
  @ApiOperation({ operationId: 'conversations_get', summary: 'A conversation with its participants and their read cursors' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ConversationDetailsDto })
  @ApiProblemResponse(400, VALIDATION_400)
  @ApiProblemResponse(404, CONVERSATION_404)
  async get(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<ConversationDetailsDto> {
    return ConversationDetailsDto.fromDetails(await this.queries.conversation(ctx, id));
  }

  @Post(':id/add_participant')
  @HttpCode(204)
  @ApiOperation({ operationId: 'conversations_add_participant', summary: 'Add someone to a group (its admins only)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Added' })
  @ApiProblemResponse(400, VALIDATION_400)
  @ApiProblemResponse(403, 'Not an admin of the group (MESSAGING.NOT_CONVERSATION_ADMIN); the user blocks the caller (MESSAGING.BLOCKED)')
  @ApiProblemResponse(404, CONVERSATION_404)
  @ApiProblemResponse(409, 'Already a participant (MESSAGING.ALREADY_PARTICIPANT)')
  @ApiProblemResponse(
    422,
    'A direct conversation (MESSAGING.DIRECT_CONVERSATION_FIXED), unknown user, full group, not a member of its organization, ' +
      'or outside the conversation’s subject (MESSAGING.PARTICIPANT_OUTSIDE_SUBJECT)',
  )
  async add(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Body() body: ParticipantDto): Promise<void> {
    await this.addParticipant.execute(ctx, { conversationId: id, userId: body.user_id });
  }

  @Post(':id/remove_participant')
  @HttpCode(204)
  @ApiOperation({ operationId: 'conversations_remove_participant', summary: 'Remove someone from a group (admins), or leave it (anyone, with their own id)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Removed: their sockets stop receiving the conversation at once' })
  @ApiProblemResponse(400, VALIDATION_400)
  @ApiProblemResponse(403, 'Not an admin of the group (MESSAGING.NOT_CONVERSATION_ADMIN)')
  @ApiProblemResponse(404, CONVERSATION_404)
  @ApiProblemResponse(422, 'A direct conversation (MESSAGING.DIRECT_CONVERSATION_FIXED), or not a participant (MESSAGING.NOT_A_PARTICIPANT)')
  async remove(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Body() body: ParticipantDto): Promise<void> {
    await this.removeParticipant.execute(ctx, { conversationId: id, userId: body.user_id });
  }

  @Post(':id/archive')
  @HttpCode(204)
  @ApiOperation({ operationId: 'conversations_archive', summary: 'Archive (or bring back) the conversation for the caller only' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Done' })
  @ApiProblemResponse(400, VALIDATION_400)
  @ApiProblemResponse(404, CONVERSATION_404)
  async archive(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Body() body: ArchiveDto): Promise<void> {
    await this.participation.execute(ctx, { conversationId: id, archived: body.archived });
  }

  @Post(':id/mute')
  @HttpCode(204)
  @ApiOperation({ operationId: 'conversations_mute', summary: 'Mute (or unmute) the conversation for the caller only: no notifications of its messages' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Done' })
  @ApiProblemResponse(400, VALIDATION_400)
  @ApiProblemResponse(404, CONVERSATION_404)
  async mute(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Body() body: MuteDto): Promise<void> {
    await this.participation.execute(ctx, { conversationId: id, muted: body.muted });
  }

  @Get(':id/messages')
  @ApiOperation({
    operationId: 'conversations_messages',
    summary: 'Messages, oldest first, by cursor: the newest page, `before=<seq>` for older, `after=<seq>` for newer (catch-up after a reconnect)',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: MessagePageDto })
  @ApiProblemResponse(400, VALIDATION_400)
  @ApiProblemResponse(404, CONVERSATION_404)
  async messages(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Query() query: MessagesQueryDto): Promise<MessagePageDto> {
    if (query.before !== undefined && query.after !== undefined) throw MessagingErrors.validation({ after: ['use before or after, not both'] });
    return MessagePageDto.from(await this.queries.messages(ctx, id, { before: query.before, after: query.after, limit: query.limit ?? DEFAULT_MESSAGE_PAGE }));
  }

  @Post(':id/messages')
  @ApiOperation({ operationId: 'conversations_send_message', summary: 'Send a message; a retry with the same client_txn_id returns the stored one (200)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiCreatedResponse({ type: ChatMessageDto, description: 'Sent' })
  @ApiOkResponse({ type: ChatMessageDto, description: 'Already sent with this client_txn_id' })
  @ApiProblemResponse(400, VALIDATION_400)
  @ApiProblemResponse(403, 'The other participant of this direct conversation blocks the caller (MESSAGING.BLOCKED)')
  @ApiProblemResponse(404, CONVERSATION_404)
  @ApiProblemResponse(409, 'client_txn_id already used for another text (MESSAGING.CLIENT_TXN_ID_REUSED)')
  @ApiProblemResponse(404, `${CONVERSATION_404}; an attachment is not the caller's unsent upload here (MESSAGING.ATTACHMENT_NOT_FOUND)`)
  @ApiProblemResponse(429, RATE_LIMITED_429)
  async sendMessage(
    @Ctx() ctx: RequestContext,
    @UuidParam('id') id: string,
    @Body() body: SendMessageDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ChatMessageDto> {
    const { message, replayed } = await this.send.execute(ctx, {
      conversationId: id,
      clientTxnId: body.client_txn_id,
      body: body.body,
      attachmentIds: body.attachment_ids,
    });
    void reply.status(replayed ? 200 : 201);
    return ChatMessageDto.from(message);
  }

  @Post(':id/mark_as_read')
  @ApiOperation({ operationId: 'conversations_mark_as_read', summary: 'Move the caller’s read cursor up to a message or the latest (never back)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ReadReceiptDto })
  @ApiProblemResponse(400, VALIDATION_400)
  @ApiProblemResponse(404, `${CONVERSATION_404}; the message is not in it (MESSAGING.MESSAGE_NOT_FOUND)`)
  @HttpCode(200)
  async read(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Body() body: MarkConversationReadDto): Promise<ReadReceiptDto> {
    const receipt = await this.markRead.execute(ctx, { conversationId: id, messageId: body.message_id?.toLowerCase() });
    return { conversation_id: receipt.conversationId, last_read_seq: receipt.lastReadSeq, unread_count: receipt.unreadCount };
  }

  @Post(':id/typing')
  @ApiOperation({ operationId: 'conversations_typing', summary: 'Signal that the caller is typing (expires by itself) or stopped' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: TypingStateDto })
  @ApiProblemResponse(400, VALIDATION_400)
  @ApiProblemResponse(404, CONVERSATION_404)
  @ApiProblemResponse(429, RATE_LIMITED_429)
  @HttpCode(200)
  async signalTyping(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Body() body: TypingDto): Promise<TypingStateDto> {
    const { expiresAt } = await this.typing.execute(ctx, { conversationId: id, typing: body.typing ?? true });
    return { expires_at: expiresAt?.toISOString() ?? null };
  }

  @Post(':id/attachments')
  @ApiOperation({
    operationId: 'conversations_upload_attachment',
    summary: 'Upload a file (multipart field `file`; JPEG, PNG, WebP, GIF or PDF by its bytes) to attach to a message',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ type: AttachmentDto })
  @ApiProblemResponse(400, 'Not multipart, or no field named file (STORAGE.NOT_MULTIPART, STORAGE.NO_FILE)')
  @ApiProblemResponse(404, CONVERSATION_404)
  @ApiProblemResponse(422, 'Too large, empty, or not an accepted type by its bytes (STORAGE.FILE_TOO_LARGE, STORAGE.EMPTY_FILE, STORAGE.TYPE_NOT_ALLOWED)')
  async uploadAttachment(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Req() request: FastifyRequest): Promise<AttachmentDto> {
    const { stream, fileName } = await multipartFile(request, this.settings.maxAttachmentBytes);
    return AttachmentDto.from(await this.upload.execute(ctx, { conversationId: id, stream, fileName }));
  }

  @Get(':id/typing')
  @ApiOperation({ operationId: 'conversations_typing_list', summary: 'Who else is typing right now' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: TypingListDto })
  @ApiProblemResponse(400, VALIDATION_400)
  @ApiProblemResponse(404, CONVERSATION_404)
  async typingList(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<TypingListDto> {
    return { data: (await this.queries.typing(ctx, id)).map((t) => ({ user_id: t.userId, expires_at: t.expiresAt.toISOString() })) };
  }
}
