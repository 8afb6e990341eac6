import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { PageMetaDto, PageQueryDto } from '../../../../platform/http/pagination.dto';
import type { Page } from '../../../../platform/kernel';
import {
  BODY_MAX_LENGTH,
  CATEGORY_DESCRIPTION_MAX_LENGTH,
  CATEGORY_NAME_MAX_LENGTH,
  FLAG_NOTE_MAX_LENGTH,
  FLAG_REASONS,
  FLAG_RESOLUTIONS,
  FLAG_STATUSES,
  FlagReason,
  FlagResolution,
  FlagStatus,
  REACTIONS,
  Reaction,
  SEARCH_MAX_LENGTH,
  SLUG_MAX_LENGTH,
  SLUG_PATTERN,
  TITLE_MAX_LENGTH,
  WATCH_LEVELS,
  WatchLevel,
} from '../../domain';
import type { Flag, PostRevision } from '../../application/forum/forum.ports';
import type { CategoryView, PostView, RevisionView, ThreadView } from '../../application/forum/forum-views';
import type { Post, Thread } from '../../application/forum/forum.ports';
import { MULTILINE_TEXT, PRINTABLE, Trim, iso } from './text-fields';

const POSITION_MAX = 10_000;

// ---------------------------------------------------------------- requests

export class CreateForumCategoryDto {
  @ApiProperty({ maxLength: CATEGORY_NAME_MAX_LENGTH, example: 'ECU tuning' })
  @Trim()
  @IsString()
  @Length(1, CATEGORY_NAME_MAX_LENGTH)
  @Matches(PRINTABLE, { message: 'name must not contain control characters' })
  name: string;

  @ApiProperty({ maxLength: SLUG_MAX_LENGTH, example: 'ecu-tuning' })
  @IsString()
  @Length(2, SLUG_MAX_LENGTH)
  @Matches(SLUG_PATTERN, { message: 'slug must be lower-case letters and digits in hyphen-separated words' })
  slug: string;

  @ApiPropertyOptional({ maxLength: CATEGORY_DESCRIPTION_MAX_LENGTH })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(CATEGORY_DESCRIPTION_MAX_LENGTH)
  @Matches(MULTILINE_TEXT, { message: 'description must not contain control characters' })
  description?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: POSITION_MAX, description: 'Order among boards (lowest first)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(POSITION_MAX)
  position?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'Makes it the private board of this organization (its members alone see it)' })
  @IsOptional()
  @IsUUID()
  organization_id?: string;
}

export class UpdateForumCategoryDto {
  @ApiPropertyOptional({ maxLength: CATEGORY_NAME_MAX_LENGTH })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, CATEGORY_NAME_MAX_LENGTH)
  @Matches(PRINTABLE, { message: 'name must not contain control characters' })
  name?: string;

  @ApiPropertyOptional({ maxLength: SLUG_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @Length(2, SLUG_MAX_LENGTH)
  @Matches(SLUG_PATTERN, { message: 'slug must be lower-case letters and digits in hyphen-separated words' })
  slug?: string;

  @ApiPropertyOptional({ maxLength: CATEGORY_DESCRIPTION_MAX_LENGTH })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(CATEGORY_DESCRIPTION_MAX_LENGTH)
  @Matches(MULTILINE_TEXT, { message: 'description must not contain control characters' })
  description?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: POSITION_MAX })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(POSITION_MAX)
  position?: number;
}

export class WatchLevelDto {
  @ApiProperty({ enum: WATCH_LEVELS, description: 'muted: never notified; normal: replies to you; tracking: + unread counts; watching: every reply' })
  @IsIn(WATCH_LEVELS)
  level: WatchLevel;
}

export class ListThreadsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  category_id?: string;

  @ApiPropertyOptional({ maxLength: SEARCH_MAX_LENGTH, description: 'Full-text search over titles and opening posts (web search syntax: "phrase", -word, or)' })
  @IsOptional()
  @Trim()
  @IsString()
  @Length(1, SEARCH_MAX_LENGTH)
  @Matches(PRINTABLE, { message: 'q must not contain control characters' })
  q?: string;
}

export class MarkdownBodyDto {
  @ApiProperty({ maxLength: BODY_MAX_LENGTH, description: 'Markdown; rendered to sanitized HTML (no script, event handlers or javascript: links)' })
  @IsString()
  @Length(1, BODY_MAX_LENGTH)
  @Matches(MULTILINE_TEXT, { message: 'body must not contain control characters' })
  body: string;
}

export class StartThreadDto extends MarkdownBodyDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  category_id: string;

  @ApiProperty({ maxLength: TITLE_MAX_LENGTH })
  @Trim()
  @IsString()
  @Length(3, TITLE_MAX_LENGTH)
  @Matches(PRINTABLE, { message: 'title must not contain control characters' })
  title: string;
}

export class ForumReplyDto extends MarkdownBodyDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The post of this thread it answers (its author is notified unless they muted the thread)' })
  @IsOptional()
  @IsUUID()
  reply_to_post_id?: string;
}

export class ModerateThreadDto {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() pinned?: boolean;
  @ApiPropertyOptional({ description: 'A locked thread takes no replies (except from moderators) and no edits' }) @IsOptional() @IsBoolean() locked?: boolean;
}

export class ReactionDto {
  @ApiProperty({ enum: REACTIONS })
  @IsIn(REACTIONS)
  reaction: Reaction;
}

export class FlagDto {
  @ApiProperty({ enum: FLAG_REASONS })
  @IsIn(FLAG_REASONS)
  reason: FlagReason;

  @ApiPropertyOptional({ maxLength: FLAG_NOTE_MAX_LENGTH })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(FLAG_NOTE_MAX_LENGTH)
  @Matches(MULTILINE_TEXT, { message: 'note must not contain control characters' })
  note?: string;
}

export class ListFlagsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: FLAG_STATUSES })
  @IsOptional()
  @IsIn(FLAG_STATUSES)
  status?: FlagStatus;
}

export class ResolveFlagDto {
  @ApiProperty({ enum: FLAG_RESOLUTIONS, description: 'uphold: the content stays hidden; dismiss: it shows again. Closes every open flag of it.' })
  @IsIn(FLAG_RESOLUTIONS)
  resolution: FlagResolution;
}

// ---------------------------------------------------------------- responses

export class ForumCategoryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The organization of a private board; null: public' }) organization_id:
    string | null;
  @ApiProperty() name: string;
  @ApiProperty() slug: string;
  @ApiProperty() description: string;
  @ApiProperty() position: number;
  @ApiProperty({ enum: WATCH_LEVELS, nullable: true, description: 'The caller’s level on it (null: none chosen)' }) watch_level: WatchLevel | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;

  static from(view: CategoryView): ForumCategoryDto {
    const c = view.category;
    return {
      id: c.id,
      organization_id: c.orgId,
      name: c.name,
      slug: c.slug,
      description: c.description,
      position: c.position,
      watch_level: view.watchLevel,
      created_at: c.createdAt.toISOString(),
      updated_at: c.updatedAt.toISOString(),
    };
  }
}

export class ForumCategoryListDto {
  @ApiProperty({ type: [ForumCategoryDto] }) data: ForumCategoryDto[];
}

function threadFields(t: Thread) {
  return {
    id: t.id,
    category_id: t.categoryId,
    organization_id: t.orgId,
    author_id: t.authorId,
    title: t.title,
    pinned: t.pinnedAt !== null,
    locked: t.lockedAt !== null,
    post_count: t.postCount,
    last_post_number: t.lastPostNumber,
    last_posted_at: t.lastPostedAt.toISOString(),
    created_at: t.createdAt.toISOString(),
  };
}

export class ThreadDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) category_id: string;
  @ApiProperty({ nullable: true, type: String }) category_name: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organization_id: string | null;
  @ApiProperty({ format: 'uuid' }) author_id: string;
  @ApiProperty() title: string;
  @ApiProperty() pinned: boolean;
  @ApiProperty() locked: boolean;
  @ApiProperty({ description: 'Posts, the opening one included' }) post_count: number;
  @ApiProperty() last_post_number: number;
  @ApiProperty({ format: 'date-time' }) last_posted_at: string;
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ enum: WATCH_LEVELS, nullable: true, description: 'The caller’s effective level (thread, else category, else normal)' })
  watch_level: WatchLevel | null;
  @ApiProperty({ nullable: true, type: Number }) last_read_post_number: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Posts the caller has not read (0 on a muted thread)' }) unread_posts: number | null;

  static from(view: ThreadView): ThreadDto {
    return {
      ...threadFields(view.thread),
      category_name: view.categoryName,
      watch_level: view.watchLevel,
      last_read_post_number: view.lastReadPostNumber,
      unread_posts: view.unreadPosts,
    };
  }

  static fromThread(thread: Thread): ThreadDto {
    return { ...threadFields(thread), category_name: null, watch_level: null, last_read_post_number: null, unread_posts: null };
  }
}

export class ThreadPageDto {
  @ApiProperty({ type: [ThreadDto] }) data: ThreadDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;

  static from(page: Page<ThreadView>): ThreadPageDto {
    return { data: page.data.map((view) => ThreadDto.from(view)), meta: page.meta };
  }
}

export class PostDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) thread_id: string;
  @ApiProperty() post_number: number;
  @ApiProperty({ format: 'uuid' }) author_id: string;
  @ApiProperty({ nullable: true, type: String }) author_name: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uri', description: 'The author’s public, cacheable profile picture (WebP); null without one' })
  author_picture_url: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) reply_to_post_id: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Sanitized HTML; null when deleted or hidden by moderation' }) body_html: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The Markdown source; null when deleted or hidden' }) body_markdown: string | null;
  @ApiProperty({ description: 'Edits so far + 1' }) revision: number;
  @ApiProperty() edited: boolean;
  @ApiProperty({ description: 'Hidden by moderation (flags)' }) hidden: boolean;
  @ApiProperty() deleted: boolean;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: `Count per reaction (${REACTIONS.join(', ')})` })
  reactions: Record<string, number>;
  @ApiProperty({ enum: REACTIONS, isArray: true }) my_reactions: string[];
  @ApiProperty({ format: 'date-time' }) created_at: string;
  @ApiProperty({ format: 'date-time' }) updated_at: string;

  static from(view: PostView): PostDto {
    const p = view.post;
    return {
      id: p.id,
      thread_id: p.threadId,
      post_number: p.postNumber,
      author_id: p.authorId,
      author_name: view.authorName,
      author_picture_url: view.authorPictureUrl ?? null,
      reply_to_post_id: p.replyToPostId,
      body_html: view.bodyHtml,
      body_markdown: view.bodyMarkdown,
      revision: p.revision,
      edited: p.revision > 1,
      hidden: p.hiddenAt !== null,
      deleted: p.deletedAt !== null,
      reactions: view.reactions as Record<string, number>,
      my_reactions: view.myReactions,
      created_at: p.createdAt.toISOString(),
      updated_at: p.updatedAt.toISOString(),
    };
  }

  /** A post the caller just wrote or edited: they see it whole. */
  static fromOwn(post: Post, authorName: string | null = null): PostDto {
    return PostDto.from({ post, authorName, bodyHtml: post.bodyHtml, bodyMarkdown: post.bodyMarkdown, reactions: {}, myReactions: [] });
  }
}

export class PostPageDto {
  @ApiProperty({ type: [PostDto] }) data: PostDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;

  static from(page: Page<PostView>): PostPageDto {
    return { data: page.data.map((view) => PostDto.from(view)), meta: page.meta };
  }
}

export class StartedThreadDto {
  @ApiProperty({ type: ThreadDto }) thread: ThreadDto;
  @ApiProperty({ type: PostDto }) post: PostDto;
}

export class RevisionDto {
  @ApiProperty({ description: 'The revision this text was (1: the original)' }) revision: number;
  @ApiProperty() body_markdown: string;
  @ApiProperty({ format: 'uuid', description: 'Who replaced it' }) edited_by: string;
  @ApiProperty({ nullable: true, type: String }) editor_name: string | null;
  @ApiProperty({ format: 'date-time', description: 'When it was replaced' }) replaced_at: string;

  static from(view: RevisionView): RevisionDto {
    const r: PostRevision = view.revision;
    return { revision: r.revision, body_markdown: r.bodyMarkdown, edited_by: r.editedBy, editor_name: view.editorName, replaced_at: r.createdAt.toISOString() };
  }
}

export class RevisionListDto {
  @ApiProperty({ type: [RevisionDto] }) data: RevisionDto[];
}

export class ReactionsDto {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } }) reactions: Record<string, number>;
  @ApiProperty({ enum: REACTIONS, isArray: true }) my_reactions: string[];
}

export class FlagResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['post', 'comment', 'review'] }) target_type: string;
  @ApiProperty({ format: 'uuid' }) target_id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) organization_id: string | null;
  @ApiProperty({ format: 'uuid' }) flagged_by: string;
  @ApiProperty({ enum: FLAG_REASONS }) reason: FlagReason;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ enum: FLAG_STATUSES }) status: FlagStatus;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) resolved_by: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) resolved_at: string | null;
  @ApiProperty({ format: 'date-time' }) created_at: string;

  static from(f: Flag): FlagResponseDto {
    return {
      id: f.id,
      target_type: f.targetType,
      target_id: f.targetId,
      organization_id: f.orgId,
      flagged_by: f.flaggedBy,
      reason: f.reason,
      note: f.note,
      status: f.status,
      resolved_by: f.resolvedBy,
      resolved_at: iso(f.resolvedAt),
      created_at: f.createdAt.toISOString(),
    };
  }
}

export class FlagPageDto {
  @ApiProperty({ type: [FlagResponseDto] }) data: FlagResponseDto[];
  @ApiProperty({ type: PageMetaDto }) meta: PageMetaDto;

  static from(page: Page<Flag>): FlagPageDto {
    return { data: page.data.map((flag) => FlagResponseDto.from(flag)), meta: page.meta };
  }
}
