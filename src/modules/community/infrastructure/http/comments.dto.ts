import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../../../platform/http/pagination.dto';
import type { Page } from '../../../../platform/kernel';
import { COMMENT_MAX_LENGTH, COMMENT_TARGET_TYPES, CommentTargetType } from '../../domain';
import type { Comment } from '../../application/comments/comments.ports';
import type { CommentView } from '../../application/comments/comments.use-cases';
import { MULTILINE_TEXT, iso } from './text-fields';

export class CommentTargetQueryDto extends PageQueryDto {
  @ApiProperty({ enum: COMMENT_TARGET_TYPES })
  @IsIn(COMMENT_TARGET_TYPES)
  target_type: CommentTargetType;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  target_id: string;
}

export class CommentBodyDto {
  @ApiProperty({ maxLength: COMMENT_MAX_LENGTH, description: 'Markdown; rendered to sanitized HTML' })
  @IsString()
  @Length(1, COMMENT_MAX_LENGTH)
  @Matches(MULTILINE_TEXT, { message: 'body must not contain control characters' })
  body: string;
}

export class CreateCommentDto extends CommentBodyDto {
  @ApiProperty({ enum: COMMENT_TARGET_TYPES, description: 'What is commented on' })
  @IsIn(COMMENT_TARGET_TYPES)
  target_type: CommentTargetType;

  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  target_id: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A top-level comment of the same target to reply to (one level of replies)' })
  @IsOptional()
  @IsUUID()
  parent_id?: string;
}

class CommentFields {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: COMMENT_TARGET_TYPES }) target_type: CommentTargetType;
  @ApiProperty({ format: 'uuid' }) target_id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) parent_id: string | null;
  @ApiProperty({ format: 'uuid' }) author_id: string;
  @ApiProperty({ nullable: true, type: String }) author_name: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uri', description: 'The author’s public, cacheable profile picture (WebP); null without one' })
  author_picture_url: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Sanitized HTML; null when deleted or hidden by moderation' }) body_html: string | null;
  @ApiProperty({ nullable: true, type: String }) body_markdown: string | null;
  @ApiProperty() hidden: boolean;
  @ApiProperty() deleted: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) edited_at: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
}

export class CommentReplyDto extends CommentFields {}

export class CommentDto extends CommentFields {
  @ApiProperty({ type: [CommentReplyDto], description: 'Replies, oldest first (top-level comments only)' }) replies: CommentReplyDto[];

  static from(view: CommentView): CommentDto {
    return { ...fields(view), replies: view.replies.map((reply) => fields(reply)) };
  }

  static fromOwn(comment: Comment): CommentDto {
    return CommentDto.from({ comment, authorName: null, bodyHtml: comment.bodyHtml, bodyMarkdown: comment.bodyMarkdown, replies: [] });
  }
}

function fields(view: CommentView): CommentFields {
  const c = view.comment;
  return {
    id: c.id,
    target_type: c.targetType,
    target_id: c.targetId,
    parent_id: c.parentId,
    author_id: c.authorId,
    author_name: view.authorName,
    author_picture_url: view.authorPictureUrl ?? null,
    body_html: view.bodyHtml,
    body_markdown: view.bodyMarkdown,
    hidden: c.hiddenAt !== null,
    deleted: c.deletedAt !== null,
    edited_at: iso(c.editedAt),
    created_at: c.createdAt.toISOString(),
  };
}

export class CommentPageDto {
  @ApiProperty({ type: [CommentDto] }) data: CommentDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;

  static from(page: Page<CommentView>): CommentPageDto {
    return { data: page.data.map((view) => CommentDto.from(view)), meta: page.meta };
  }
}
