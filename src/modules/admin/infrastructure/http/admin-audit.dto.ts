import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../../../platform/http/pagination.dto';
import type { Page } from '../../../../platform/kernel';
import type { AuditEvent } from '../../../organizations';

export class AdminAuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'An action (admin.user_suspended) or its family (admin)', example: 'admin', maxLength: 100 })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z_]+(\.[a-z_]+)*$/, { message: 'action must be lower-case words separated by dots' })
  @MaxLength(100)
  action?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Acts by this user' })
  @IsOptional()
  @IsUUID()
  actor?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this organization’s events' })
  @IsOptional()
  @IsUUID()
  organization_id?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'From this instant on (inclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Before this instant (exclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class AdminAuditEventDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) occurred_at: string;
  @ApiProperty({ example: 'admin.user_suspended' }) action: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organization_id: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actor_user_id: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actor_api_key_id: string | null;
  @ApiProperty({ nullable: true, type: String }) target_type: string | null;
  @ApiProperty({ nullable: true, type: String }) target_id: string | null;
  @ApiProperty({ nullable: true, type: String }) ip: string | null;
  @ApiProperty({ nullable: true, type: String }) request_id: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Ids and reasons; never secrets' }) metadata: Record<string, unknown>;
  @ApiProperty({ enum: ['organizations', 'identity'] }) source: string;

  static from(event: AuditEvent): AdminAuditEventDto {
    return {
      id: event.id,
      occurred_at: event.occurredAt.toISOString(),
      action: event.action,
      organization_id: event.orgId,
      actor_user_id: event.actorUserId,
      actor_api_key_id: event.actorApiKeyId,
      target_type: event.targetType,
      target_id: event.targetId,
      ip: event.ip,
      request_id: event.requestId,
      metadata: event.metadata,
      source: event.source,
    };
  }
}

export class AdminAuditEventPageDto {
  @ApiProperty({ type: [AdminAuditEventDto] }) data: AdminAuditEventDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;

  static from(page: Page<AuditEvent>): AdminAuditEventPageDto {
    return { data: page.data.map(AdminAuditEventDto.from), meta: page.meta };
  }
}
