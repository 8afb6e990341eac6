import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { EMAIL_DELIVERIES, EmailDelivery, NOTIFICATION_TYPES, NotificationType } from '../../domain';
import type { NotificationPage } from '../../application/notifications/notification.queries';
import type { NotificationView } from '../../application/notifications/notification-views';
import type { PreferencesView } from '../../application/notifications/preferences.use-case';
import type { UnsubscribeView } from '../../application/notifications/unsubscribe.use-case';

const MAX_LIMIT = 100;
const DEFAULT_LIMIT = 20;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const TOKEN_MAX_LENGTH = 2048;

const toBoolean = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

// ---------------------------------------------------------------- requests

export class ListNotificationsQueryDto {
  @ApiPropertyOptional({ description: 'The next_cursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor is not valid' })
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ description: 'Only unread notifications', default: false })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  unread_only?: boolean;
}

export class TypePreferenceChangeDto {
  @ApiProperty({ enum: NOTIFICATION_TYPES })
  @IsIn(NOTIFICATION_TYPES)
  type: NotificationType;

  @ApiPropertyOptional() @IsOptional() @IsBoolean() in_app?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() email?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() live?: boolean;
}

export class UpdatePreferencesDto {
  @ApiPropertyOptional({ enum: EMAIL_DELIVERIES, description: 'immediate: one e-mail per notification; digest: one e-mail per digest period' })
  @IsOptional()
  @IsIn(EMAIL_DELIVERIES)
  email_delivery?: EmailDelivery;

  @ApiPropertyOptional({ type: [TypePreferenceChangeDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(NOTIFICATION_TYPES.length)
  @ValidateNested({ each: true })
  @Type(() => TypePreferenceChangeDto)
  types?: TypePreferenceChangeDto[];
}

export class UnsubscribeTokenQueryDto {
  @ApiProperty({ description: 'The token of the e-mail’s unsubscribe link' })
  @IsString()
  @MaxLength(TOKEN_MAX_LENGTH)
  @Matches(TOKEN_PATTERN, { message: 'token is not valid' })
  token: string;
}

export class UnsubscribeDto extends UnsubscribeTokenQueryDto {}

// ---------------------------------------------------------------- responses

export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: NOTIFICATION_TYPES }) type: NotificationType;
  @ApiProperty({ description: 'What happened, e.g. “Ana and 4 others replied to …”' }) title: string;
  @ApiProperty({ description: 'Distinct people behind it (a group counts each once)' }) actor_count: number;
  @ApiProperty({ description: 'Events folded into it' }) event_count: number;
  @ApiProperty({ nullable: true, type: String }) target_type: string | null;
  @ApiProperty({ nullable: true, type: String }) target_id: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organization_id: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Facts of the type (ids, statuses, titles)' }) data: Record<string, unknown>;
  @ApiProperty() read: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) read_at: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time', description: 'Last activity (a group moves up as it grows)' }) updated_at: string;

  static from(view: NotificationView): NotificationDto {
    const r = view.record;
    return {
      id: r.id,
      type: r.type,
      title: view.title,
      actor_count: view.actorCount,
      event_count: r.eventCount,
      target_type: r.targetType,
      target_id: r.targetId,
      organization_id: r.orgId,
      data: r.data,
      read: r.readAt !== null,
      read_at: r.readAt ? r.readAt.toISOString() : null,
      created_at: r.createdAt.toISOString(),
      updated_at: r.updatedAt.toISOString(),
    };
  }
}

export class NotificationPageMetaDto {
  @ApiProperty({ nullable: true, type: String, description: 'Pass as ?cursor= for the next page; null on the last' }) next_cursor: string | null;
  @ApiProperty({ description: 'Exact number of unread notifications' }) unread_count: number;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto] }) data: NotificationDto[];
  @ApiProperty({ type: NotificationPageMetaDto }) meta: NotificationPageMetaDto;

  static from(page: NotificationPage): NotificationPageDto {
    return { data: page.items.map((item) => NotificationDto.from(item)), meta: { next_cursor: page.nextCursor, unread_count: page.unreadCount } };
  }
}

export class UnreadCountDto {
  @ApiProperty() unread_count: number;
}

export class MarkedReadDto {
  @ApiProperty({ description: 'Notifications marked read by this call' }) marked: number;
}

export class TypePreferenceDto {
  @ApiProperty({ enum: NOTIFICATION_TYPES }) type: NotificationType;
  @ApiProperty() in_app: boolean;
  @ApiProperty() email: boolean;
  @ApiProperty() live: boolean;
  @ApiProperty({ description: 'True while the person has not changed the type’s defaults' }) is_default: boolean;
}

export class PreferencesDto {
  @ApiProperty({ enum: EMAIL_DELIVERIES }) email_delivery: EmailDelivery;
  @ApiProperty({ type: [TypePreferenceDto] }) types: TypePreferenceDto[];

  static from(view: PreferencesView): PreferencesDto {
    return {
      email_delivery: view.emailDelivery,
      types: view.types.map(({ type, preference, isDefault }) => ({
        type,
        in_app: preference.inApp,
        email: preference.email,
        live: preference.live,
        is_default: isDefault,
      })),
    };
  }
}

export class UnsubscribeResultDto {
  @ApiProperty({ description: 'The notification type whose e-mails the link stops, or * for all' }) type: string;
  @ApiProperty() unsubscribed: boolean;

  static from(view: UnsubscribeView): UnsubscribeResultDto {
    return { type: view.type, unsubscribed: view.unsubscribed };
  }
}
