import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { PageQueryDto } from '../../../../platform/http/pagination.dto';
import { MAX_PAGE_LIMIT } from '../../../../platform/kernel';
import { CLIENT_TXN_ID_PATTERN, CONVERSATION_NAME_MAX_LENGTH, CONVERSATION_TYPES, ConversationType, SUBJECT_TYPES, SubjectType } from '../../domain';

/** The hard cap of the request; the configured limit (MESSAGING_MAX_BODY_CHARS) is checked by the use case. */
export const BODY_MAX_LENGTH = 100_000;
const MAX_PARTICIPANT_IDS = 1000;
/** Any text but control characters other than tab and line breaks (emoji sequences use format characters: allowed). */
const MESSAGE_TEXT = /^(?:[^\p{Cc}]|[\t\r\n])*$/u;
const PRINTABLE = /^[^\p{Cc}\p{Cf}]*$/u;

const BooleanString = (): PropertyDecorator => Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value));

export class CreateConversationDto {
  @ApiProperty({ enum: CONVERSATION_TYPES })
  @IsIn(CONVERSATION_TYPES)
  conversation_type: ConversationType;

  @ApiProperty({ type: [String], format: 'uuid', description: 'The other participants (the caller is added): exactly one for a direct conversation.' })
  @IsArray()
  @ArrayMaxSize(MAX_PARTICIPANT_IDS)
  @IsUUID('all', { each: true })
  participant_ids: string[];

  @ApiPropertyOptional({ maxLength: CONVERSATION_NAME_MAX_LENGTH, description: 'Required for a group, absent for a direct conversation.' })
  @IsOptional()
  @IsString()
  @MaxLength(CONVERSATION_NAME_MAX_LENGTH)
  @Matches(PRINTABLE, { message: 'name must not contain control characters' })
  name?: string;

  @ApiPropertyOptional({ enum: SUBJECT_TYPES, description: 'What the conversation is about (with subject_id).' })
  @IsOptional()
  @IsIn(SUBJECT_TYPES)
  subject_type?: SubjectType;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  subject_id?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A group between members of this organization only (the caller must be an active member).' })
  @IsOptional()
  @IsUUID('all')
  organization_id?: string;
}

export class ConversationListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ type: Boolean, default: false, description: 'Archived conversations instead of the others.' })
  @IsOptional()
  @BooleanString()
  @IsBoolean()
  archived?: boolean;
}

export class ParticipantDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  user_id: string;
}

export class ArchiveDto {
  @ApiProperty({ description: 'true archives the conversation for the caller, false brings it back.' })
  @IsBoolean()
  archived: boolean;
}

export class MuteDto {
  @ApiProperty({ description: 'true: the caller is not notified of new messages (live events still arrive).' })
  @IsBoolean()
  muted: boolean;
}

export class SendMessageDto {
  @ApiProperty({ pattern: CLIENT_TXN_ID_PATTERN.source, description: 'Chosen by the client per message: a retry with the same id never duplicates.' })
  @IsString()
  @Matches(CLIENT_TXN_ID_PATTERN, { message: 'client_txn_id must be 1 to 64 letters, digits or . _ : -' })
  client_txn_id: string;

  @ApiProperty({ maxLength: BODY_MAX_LENGTH, description: 'Plain text, at most MESSAGING_MAX_BODY_CHARS characters (4000 by default).' })
  @IsString()
  @MaxLength(BODY_MAX_LENGTH)
  @Matches(MESSAGE_TEXT, { message: 'body must not contain control characters' })
  body: string;
}

export class EditMessageDto {
  @ApiProperty({ maxLength: BODY_MAX_LENGTH })
  @IsString()
  @MaxLength(BODY_MAX_LENGTH)
  @Matches(MESSAGE_TEXT, { message: 'body must not contain control characters' })
  body: string;
}

export class MarkConversationReadDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Read up to this message; absent: up to the latest.' })
  @IsOptional()
  @IsUUID('all')
  message_id?: string;
}

export class MessagesQueryDto {
  @ApiPropertyOptional({ minimum: 0, description: 'Messages before this seq (older), newest page when neither cursor is given.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  before?: number;

  @ApiPropertyOptional({ minimum: 0, description: 'Messages after this seq (newer): how a client catches up after a reconnect.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  after?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_LIMIT, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_LIMIT)
  limit?: number;
}

export class TypingDto {
  @ApiPropertyOptional({ default: true, description: 'false clears the indicator before it expires.' })
  @IsOptional()
  @IsBoolean()
  typing?: boolean;
}
