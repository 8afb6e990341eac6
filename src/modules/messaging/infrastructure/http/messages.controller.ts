import { Controller, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Ctx } from '../../../../platform/auth/request-context.decorator';
import { ApiProblemResponse } from '../../../../platform/http/openapi';
import { Body, UuidParam } from '../../../../platform/http/params';
import type { RequestContext } from '../../../../platform/kernel';
import { MessagingQueries } from '../../application/queries/messaging.queries';
import { DeleteMessageUseCase, EditMessageUseCase, MarkReadUseCase } from '../../application/use-cases/message-changes.use-case';
import { MESSAGE_404, UNAUTHENTICATED_401, VALIDATION_400 } from './http-support';
import { EditMessageDto } from './messaging.request.dto';
import { ChatMessageDto, MessageHistoryDto, ReadReceiptDto } from './messaging.response.dto';

@ApiTags('messaging')
@Controller('messages')
@ApiProblemResponse(401, UNAUTHENTICATED_401)
export class MessagesController {
  constructor(
    private readonly queries: MessagingQueries,
    private readonly edit: EditMessageUseCase,
    private readonly remove: DeleteMessageUseCase,
    private readonly markRead: MarkReadUseCase,
  ) {}

  @Post(':id/mark_as_read')
  @HttpCode(200)
  @ApiOperation({ operationId: 'messages_mark_as_read', summary: 'Read up to this message: moves the caller’s cursor of its conversation (never back)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ReadReceiptDto })
  @ApiProblemResponse(400, VALIDATION_400)
  @ApiProblemResponse(404, MESSAGE_404)
  async read(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<ReadReceiptDto> {
    const receipt = await this.markRead.execute(ctx, { messageId: id });
    return { conversation_id: receipt.conversationId, last_read_seq: receipt.lastReadSeq, unread_count: receipt.unreadCount };
  }

  @Put(':id/edit')
  @ApiOperation({ operationId: 'messages_edit', summary: 'Edit one’s own message; the earlier text stays in its history' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ChatMessageDto })
  @ApiProblemResponse(400, VALIDATION_400)
  @ApiProblemResponse(403, 'Not the sender (MESSAGING.NOT_MESSAGE_SENDER)')
  @ApiProblemResponse(404, MESSAGE_404)
  @ApiProblemResponse(409, 'The message was deleted (MESSAGING.MESSAGE_DELETED)')
  async editMessage(@Ctx() ctx: RequestContext, @UuidParam('id') id: string, @Body() body: EditMessageDto): Promise<ChatMessageDto> {
    return ChatMessageDto.from(await this.edit.execute(ctx, { messageId: id, body: body.body }));
  }

  @Get(':id/edits')
  @ApiOperation({ operationId: 'messages_edits', summary: 'A message with its edit history (participants)' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: MessageHistoryDto })
  @ApiProblemResponse(400, VALIDATION_400)
  @ApiProblemResponse(404, MESSAGE_404)
  async history(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<MessageHistoryDto> {
    const { message, edits } = await this.queries.edits(ctx, id);
    return MessageHistoryDto.from(message, edits);
  }

  @Delete(':id/delete_message')
  @HttpCode(204)
  @ApiOperation({ operationId: 'messages_delete', summary: 'Delete one’s own message: a tombstone keeps its place. Idempotent.' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblemResponse(400, VALIDATION_400)
  @ApiProblemResponse(403, 'Not the sender (MESSAGING.NOT_MESSAGE_SENDER)')
  @ApiProblemResponse(404, MESSAGE_404)
  async deleteMessage(@Ctx() ctx: RequestContext, @UuidParam('id') id: string): Promise<void> {
    await this.remove.execute(ctx, { messageId: id });
  }
}
