import type { Queryable } from '../../../../platform/database/sql';
import { Page, PageRequest, pageOffset, toPage } from '../../../../platform/kernel';
import type { CommentTargetType } from '../../domain';
import type { Comment, CommentRepository } from '../../application/comments/comments.ports';

const COLUMNS = `c.id, c.target_type, c.target_id, c.org_id, c.author_id, c.parent_id, c.body_markdown, c.body_html, c.hidden_at, c.deleted_at,
  c.edited_at, c.created_at, c.updated_at`;

interface CommentRow {
  id: string;
  target_type: CommentTargetType;
  target_id: string;
  org_id: string | null;
  author_id: string;
  parent_id: string | null;
  body_markdown: string;
  body_html: string;
  hidden_at: Date | null;
  deleted_at: Date | null;
  edited_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const toComment = (r: CommentRow): Comment => ({
  id: r.id,
  targetType: r.target_type,
  targetId: r.target_id,
  orgId: r.org_id,
  authorId: r.author_id,
  parentId: r.parent_id,
  bodyMarkdown: r.body_markdown,
  bodyHtml: r.body_html,
  hiddenAt: r.hidden_at,
  deletedAt: r.deleted_at,
  editedAt: r.edited_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export class SqlCommentRepository implements CommentRepository {
  constructor(private readonly db: Queryable) {}

  async insert(c: Comment): Promise<void> {
    await this.db.query(
      `INSERT INTO community_comments (id, target_type, target_id, org_id, author_id, parent_id, body_markdown, body_html, hidden_at, deleted_at, edited_at,
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        c.id,
        c.targetType,
        c.targetId,
        c.orgId,
        c.authorId,
        c.parentId,
        c.bodyMarkdown,
        c.bodyHtml,
        c.hiddenAt,
        c.deletedAt,
        c.editedAt,
        c.createdAt,
        c.updatedAt,
      ],
    );
  }

  async find(id: string): Promise<Comment | undefined> {
    const rows: CommentRow[] = await this.db.query(`SELECT ${COLUMNS} FROM community_comments c WHERE c.id = $1`, [id]);
    return rows[0] && toComment(rows[0]);
  }

  async save(c: Comment): Promise<void> {
    await this.db.query(
      `UPDATE community_comments SET body_markdown = $2, body_html = $3, hidden_at = $4, deleted_at = $5, edited_at = $6, updated_at = $7 WHERE id = $1`,
      [c.id, c.bodyMarkdown, c.bodyHtml, c.hiddenAt, c.deletedAt, c.editedAt, c.updatedAt],
    );
  }

  async listTopLevel(targetType: CommentTargetType, targetId: string, page: PageRequest): Promise<Page<Comment>> {
    const [rows, [count]] = await Promise.all([
      this.db.query(
        `SELECT ${COLUMNS} FROM community_comments c WHERE c.target_type = $1 AND c.target_id = $2 AND c.parent_id IS NULL
          ORDER BY c.created_at, c.id LIMIT $3 OFFSET $4`,
        [targetType, targetId, page.limit, pageOffset(page)],
      ) as Promise<CommentRow[]>,
      this.db.query(`SELECT count(*)::int AS n FROM community_comments WHERE target_type = $1 AND target_id = $2 AND parent_id IS NULL`, [
        targetType,
        targetId,
      ]) as Promise<Array<{ n: number }>>,
    ]);
    return toPage(rows.map(toComment), count.n, page);
  }

  async listReplies(parentIds: string[]): Promise<Comment[]> {
    if (parentIds.length === 0) return [];
    const rows: CommentRow[] = await this.db.query(
      `SELECT ${COLUMNS} FROM community_comments c WHERE c.parent_id = ANY($1::uuid[]) ORDER BY c.created_at, c.id`,
      [parentIds],
    );
    return rows.map(toComment);
  }
}
