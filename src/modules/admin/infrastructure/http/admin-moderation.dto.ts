import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../../../platform/http/pagination.dto';
import type { Page } from '../../../../platform/kernel';
import type { CommunityFlag, CommunityFlagDetail, CommunityFlaggedContent, FlagDecision, FlagStatus, FlagTargetType } from '../../../community';
import type { ListingAppeal, ListingAppealStatus } from '../../../marketplace';
import { AdminModeratedListingDto, ModerationVerdictDto } from './admin.dto';

const REASON = /^(?:[^\p{Cc}\p{Cf}]|\r?\n)*$/u;
const iso = (value: Date | null): string | null => (value ? value.toISOString() : null);
const APPEAL_STATUSES: ListingAppealStatus[] = ['pending', 'approved', 'rejected'];
const FLAG_STATUSES: FlagStatus[] = ['open', 'upheld', 'dismissed'];
const FLAG_TARGETS: FlagTargetType[] = ['post', 'comment', 'review'];
const DECISIONS: FlagDecision[] = ['hide', 'restore', 'dismiss'];

// ---------------------------------------------------------------- appeals

export class AdminAppealsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: APPEAL_STATUSES, description: 'pending: not decided since the appeal; approved or rejected: the first decision after it' })
  @IsOptional()
  @IsIn(APPEAL_STATUSES)
  status?: ListingAppealStatus;
}

export class AdminAppealDto {
  @ApiProperty({ format: 'uuid', description: 'The appealed verdict (one appeal per verdict)' }) id: string;
  @ApiProperty({ format: 'uuid' }) listing_id: string;
  @ApiProperty({ format: 'uuid' }) org_id: string;
  @ApiProperty({ format: 'date-time' }) appealed_at: string;
  @ApiProperty({ type: String, nullable: true, description: 'What the owner wrote' }) reason: string | null;
  @ApiProperty({ enum: APPEAL_STATUSES }) status: ListingAppealStatus;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decided_at: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The operator who decided (null: the AI gate after a new review)' })
  decided_by: string | null;
  @ApiProperty({ type: AdminModeratedListingDto }) listing: AdminModeratedListingDto;
  @ApiProperty({ type: [ModerationVerdictDto], description: 'Oldest first: the AI gate’s verdicts beside the humans’' }) verdicts: ModerationVerdictDto[];

  static from(appeal: ListingAppeal): AdminAppealDto {
    return {
      id: appeal.id,
      listing_id: appeal.listingId,
      org_id: appeal.orgId,
      appealed_at: appeal.appealedAt.toISOString(),
      reason: appeal.reason,
      status: appeal.status,
      decided_at: iso(appeal.decidedAt),
      decided_by: appeal.decidedBy,
      listing: AdminModeratedListingDto.from(appeal.listing),
      verdicts: appeal.verdicts.map(ModerationVerdictDto.from),
    };
  }
}

export class AdminAppealPageDto {
  @ApiProperty({ type: [AdminAppealDto] }) data: AdminAppealDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;

  static from(page: Page<ListingAppeal>): AdminAppealPageDto {
    return { data: page.data.map(AdminAppealDto.from), meta: page.meta };
  }
}

// ---------------------------------------------------------------- community flags

export class AdminFlagsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: FLAG_STATUSES })
  @IsOptional()
  @IsIn(FLAG_STATUSES)
  status?: FlagStatus;

  @ApiPropertyOptional({
    enum: FLAG_TARGETS,
    description: 'The kind of content flagged: a forum post, a comment, or a marketplace review (reported by members)',
  })
  @IsOptional()
  @IsIn(FLAG_TARGETS)
  target_type?: FlagTargetType;
}

export class AdminFlagDecisionDto {
  @ApiProperty({
    enum: DECISIONS,
    description: 'hide: uphold, the content is hidden; restore: dismiss and show the content again; dismiss: close the flags, the content stays as it is',
  })
  @IsIn(DECISIONS)
  action: FlagDecision;

  @ApiProperty({ minLength: 3, maxLength: 1000, description: 'Why (kept on the flags and in the audit log)' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(3, 1000)
  @Matches(REASON, { message: 'reason must not contain control characters' })
  reason: string;
}

export class AdminFlagDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: FLAG_TARGETS }) target_type: FlagTargetType;
  @ApiProperty({ format: 'uuid' }) target_id: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The private board’s organization; null on public boards' }) org_id: string | null;
  @ApiProperty({ format: 'uuid' }) flagged_by: string;
  @ApiProperty({ enum: ['spam', 'abuse', 'off_topic', 'unsafe', 'other'] }) reason: string;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ enum: FLAG_STATUSES }) status: FlagStatus;
  @ApiProperty({ type: String, enum: DECISIONS, nullable: true, description: 'The operators’ decision (null while open, or decided by a board moderator)' })
  decision: FlagDecision | null;
  @ApiProperty({ type: String, nullable: true }) decision_reason: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) resolved_by: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resolved_at: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;

  static from(flag: CommunityFlag): AdminFlagDto {
    return {
      id: flag.id,
      target_type: flag.targetType,
      target_id: flag.targetId,
      org_id: flag.orgId,
      flagged_by: flag.flaggedBy,
      reason: flag.reason,
      note: flag.note,
      status: flag.status,
      decision: flag.decision,
      decision_reason: flag.decisionReason,
      resolved_by: flag.resolvedBy,
      resolved_at: iso(flag.resolvedAt),
      created_at: flag.createdAt.toISOString(),
    };
  }
}

export class AdminFlagPageDto {
  @ApiProperty({ type: [AdminFlagDto] }) data: AdminFlagDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;

  static from(page: Page<CommunityFlag>): AdminFlagPageDto {
    return { data: page.data.map(AdminFlagDto.from), meta: page.meta };
  }
}

export class AdminFlaggedContentDto {
  @ApiProperty({ enum: FLAG_TARGETS }) type: FlagTargetType;
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) author_id: string;
  @ApiProperty({ description: 'The content as written (Markdown; a review as "<rating>/5: <text>")' }) body_markdown: string;
  @ApiProperty({ description: 'Hidden by moderation (or by enough open flags)' }) hidden: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) hidden_at: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Deleted by its author' }) deleted_at: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ description: 'forum_thread for a post; what a comment is on (listing, forum_thread, vehicle_model); listing for a review' })
  parent_type: string;
  @ApiProperty({ format: 'uuid' }) parent_id: string;

  static from(content: CommunityFlaggedContent): AdminFlaggedContentDto {
    return {
      type: content.type,
      id: content.id,
      author_id: content.authorId,
      body_markdown: content.bodyMarkdown,
      hidden: content.hiddenAt !== null,
      hidden_at: iso(content.hiddenAt),
      deleted_at: iso(content.deletedAt),
      created_at: content.createdAt.toISOString(),
      parent_type: content.parentType,
      parent_id: content.parentId,
    };
  }
}

export class AdminFlagDetailDto extends AdminFlagDto {
  @ApiProperty({ type: AdminFlaggedContentDto, nullable: true, description: 'null when the content no longer exists' }) content: AdminFlaggedContentDto | null;
  @ApiProperty({ description: 'Open flags on the same content' }) open_flags_on_content: number;

  static fromDetail(detail: CommunityFlagDetail): AdminFlagDetailDto {
    return {
      ...AdminFlagDto.from(detail.flag),
      content: detail.content ? AdminFlaggedContentDto.from(detail.content) : null,
      open_flags_on_content: detail.openFlagsOnContent,
    };
  }
}
