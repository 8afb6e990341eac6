import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageMetaDto } from '../../../../platform/http/pagination.dto';
import type { Page } from '../../../../platform/kernel';
import { messageWire } from '../../application/live-events';
import type { Block, ConversationListRow } from '../../application/ports';
import type { ConversationDetails } from '../../application/queries/messaging.queries';
import { Attachment, CONVERSATION_TYPES, Conversation, ConversationType, Message, MessageEdit, Participant, SUBJECT_TYPES, SubjectType } from '../../domain';

export class SubjectDto {
  @ApiProperty({ enum: SUBJECT_TYPES }) type: SubjectType;
  @ApiProperty({ format: 'uuid' }) id: string;
}

export class ConversationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: CONVERSATION_TYPES }) conversation_type: ConversationType;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) organization_id: string | null;
  @ApiProperty({ type: SubjectDto, nullable: true }) subject: SubjectDto | null;
  @ApiProperty({ format: 'uuid' }) created_by: string;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ description: 'Sequence number of the latest message (0: none yet).' }) last_seq: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) last_message_at: string | null;
  @ApiProperty({ description: 'The caller’s read cursor.' }) last_read_seq: number;
  @ApiProperty({ description: 'Messages after the caller’s cursor, by others, not deleted, not from users the caller blocks.' }) unread_count: number;
  @ApiProperty({ enum: ['admin', 'member'] }) my_role: string;
  @ApiProperty() archived: boolean;
  @ApiProperty() muted: boolean;

  static from(conversation: Conversation, me: Participant, unreadCount: number): ConversationDto {
    return {
      id: conversation.id,
      conversation_type: conversation.type,
      name: conversation.name,
      organization_id: conversation.orgId,
      subject: conversation.subject,
      created_by: conversation.createdBy,
      created_at: conversation.createdAt.toISOString(),
      last_seq: conversation.lastSeq,
      last_message_at: conversation.lastMessageAt?.toISOString() ?? null,
      last_read_seq: me.lastReadSeq,
      unread_count: unreadCount,
      my_role: me.role,
      archived: me.archivedAt !== null,
      muted: me.muted,
    };
  }
}

export class ParticipantResponseDto {
  @ApiProperty({ format: 'uuid' }) user_id: string;
  @ApiProperty({ enum: ['admin', 'member'] }) role: string;
  @ApiProperty({ format: 'date-time' }) joined_at: string;
  @ApiProperty({ description: 'Their read cursor: messages up to this seq are read by them.' }) last_read_seq: number;
  @ApiProperty({ nullable: true, type: String, format: 'uri', description: 'Public, cacheable profile picture (WebP); null without one' })
  profile_picture_url: string | null;

  static from(p: Participant, pictureUrl: string | null = null): ParticipantResponseDto {
    return { user_id: p.userId, role: p.role, joined_at: p.joinedAt.toISOString(), last_read_seq: p.lastReadSeq, profile_picture_url: pictureUrl };
  }
}

export class ConversationDetailsDto extends ConversationDto {
  @ApiProperty({ type: [ParticipantResponseDto] }) participants: ParticipantResponseDto[];

  static fromDetails(details: ConversationDetails): ConversationDetailsDto {
    return {
      ...ConversationDto.from(details.conversation, details.me, details.unreadCount),
      participants: details.participants.map((p) => ParticipantResponseDto.from(p, details.pictures.get(p.userId) ?? null)),
    };
  }
}

export class ConversationPageDto {
  @ApiProperty({ type: [ConversationDto] }) data: ConversationDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;

  static from(page: Page<ConversationListRow>): ConversationPageDto {
    return { data: page.data.map((row) => ConversationDto.from(row.conversation, row.me, row.unreadCount)), meta: page.meta };
  }
}

export class AttachmentRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() file_name: string;
  @ApiProperty({ description: 'Detected from the bytes' }) content_type: string;
  @ApiProperty() size_bytes: number;
}

export class AttachmentDto extends AttachmentRefDto {
  @ApiProperty({ format: 'date-time' }) created_at: string;

  static from(a: Attachment): AttachmentDto {
    return { id: a.id, file_name: a.fileName, content_type: a.contentType, size_bytes: a.sizeBytes, created_at: a.createdAt.toISOString() };
  }
}

export class AttachmentLinkDto extends AttachmentRefDto {
  @ApiProperty({ description: 'A signed link, valid until expires_at' }) url: string;
  @ApiProperty({ format: 'date-time' }) expires_at: string;
}

export class ChatMessageDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) conversation_id: string;
  @ApiProperty({ description: 'Position in the conversation: the cursor of GET .../messages.' }) seq: number;
  @ApiProperty({ format: 'uuid' }) sender_user_id: string;
  @ApiProperty() client_txn_id: string;
  @ApiProperty({ type: String, nullable: true, description: 'null once deleted (tombstone)' }) body: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) edited_at: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deleted_at: string | null;
  @ApiProperty() deleted: boolean;
  @ApiProperty({ type: [AttachmentRefDto], description: 'Download each through GET /attachments/{id}/download' }) attachments: AttachmentRefDto[];

  static from(message: Message): ChatMessageDto {
    return messageWire(message);
  }
}

export class MessagePageMetaDto {
  @ApiProperty({ description: 'More messages exist beyond this page in the direction asked.' }) has_more: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'seq of the first message of the page: pass as `before` for older ones.' })
  oldest_seq: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'seq of the last message of the page: pass as `after` for newer ones.' })
  newest_seq: number | null;
}

export class ListedMessageDto extends ChatMessageDto {
  @ApiProperty({ nullable: true, type: String, format: 'uri', description: 'The sender’s public, cacheable profile picture (WebP); null without one' })
  sender_picture_url: string | null;
}

export class MessagePageDto {
  @ApiProperty({ type: [ListedMessageDto], description: 'Oldest first.' }) data: ListedMessageDto[];
  @ApiProperty({ type: MessagePageMetaDto }) meta: MessagePageMetaDto;

  static from(page: { messages: Message[]; hasMore: boolean; pictures?: Map<string, string> }): MessagePageDto {
    const data = page.messages.map((m) => ({ ...ChatMessageDto.from(m), sender_picture_url: page.pictures?.get(m.senderUserId) ?? null }));
    return { data, meta: { has_more: page.hasMore, oldest_seq: data[0]?.seq ?? null, newest_seq: data.at(-1)?.seq ?? null } };
  }
}

export class MessageEditDto {
  @ApiProperty({ description: 'The text before this edit.' }) previous_body: string;
  @ApiProperty({ format: 'date-time' }) edited_at: string;
}

export class MessageHistoryDto {
  @ApiProperty({ type: ChatMessageDto }) message: ChatMessageDto;
  @ApiProperty({ type: [MessageEditDto], description: 'Oldest first; empty once the message is deleted.' }) edits: MessageEditDto[];

  static from(message: Message, edits: MessageEdit[]): MessageHistoryDto {
    return { message: ChatMessageDto.from(message), edits: edits.map((e) => ({ previous_body: e.previousBody, edited_at: e.editedAt.toISOString() })) };
  }
}

export class ReadReceiptDto {
  @ApiProperty({ format: 'uuid' }) conversation_id: string;
  @ApiProperty() last_read_seq: number;
  @ApiProperty() unread_count: number;
}

export class BlockDto {
  @ApiProperty({ format: 'uuid' }) user_id: string;
  @ApiProperty({ format: 'date-time' }) created_at: string;

  static from(block: Block): BlockDto {
    return { user_id: block.blockedUserId, created_at: block.createdAt.toISOString() };
  }
}

export class BlockPageDto {
  @ApiProperty({ type: [BlockDto] }) data: BlockDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;

  static from(page: Page<Block>): BlockPageDto {
    return { data: page.data.map((b) => BlockDto.from(b)), meta: page.meta };
  }
}

export class TypingStateDto {
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'When the indicator disappears unless renewed.' })
  expires_at: string | null;
}

export class TypingUserDto {
  @ApiProperty({ format: 'uuid' }) user_id: string;
  @ApiProperty({ format: 'date-time' }) expires_at: string;
}

export class TypingListDto {
  @ApiProperty({ type: [TypingUserDto] }) data: TypingUserDto[];
}
