import { Queryable, SqlParams, uniqueAs } from '../../../../platform/database/sql';
import { Page, PageRequest, pageOffset, toPage } from '../../../../platform/kernel';
import { CommunityErrors, Reaction, WatchLevel } from '../../domain';
import type {
  Category,
  ForumRepository,
  Post,
  PostRevision,
  PostWithReactions,
  Thread,
  ThreadFilter,
  ThreadListItem,
} from '../../application/forum/forum.ports';

const CATEGORY_COLUMNS = 'c.id, c.org_id, c.name, c.slug, c.description, c.position, c.created_at, c.updated_at';
const THREAD_COLUMNS = `t.id, t.category_id, t.org_id, t.author_id, t.title, t.pinned_at, t.locked_at, t.post_count, t.last_post_number,
  t.last_posted_at, t.created_at, t.updated_at`;
const POST_COLUMNS = `p.id, p.thread_id, p.org_id, p.post_number, p.author_id, p.reply_to_post_id, p.body_markdown, p.body_html, p.revision,
  p.hidden_at, p.deleted_at, p.created_at, p.updated_at`;
/** The search document: the title weighs more than the opening post. */
const SEARCH_DOCUMENT = `setweight(to_tsvector('english', $2), 'A') || setweight(to_tsvector('english', $3), 'B')`;

interface CategoryRow {
  id: string;
  org_id: string | null;
  name: string;
  slug: string;
  description: string;
  position: number;
  created_at: Date;
  updated_at: Date;
}
interface ThreadRow {
  id: string;
  category_id: string;
  org_id: string | null;
  author_id: string;
  title: string;
  pinned_at: Date | null;
  locked_at: Date | null;
  post_count: number;
  last_post_number: number;
  last_posted_at: Date;
  created_at: Date;
  updated_at: Date;
}
interface PostRow {
  id: string;
  thread_id: string;
  org_id: string | null;
  post_number: number;
  author_id: string;
  reply_to_post_id: string | null;
  body_markdown: string;
  body_html: string;
  revision: number;
  hidden_at: Date | null;
  deleted_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

type ThreadListRow = ThreadRow & {
  category_name: string;
  thread_level: WatchLevel | null;
  category_level: WatchLevel | null;
  last_read_post_number: number | null;
};

const toCategory = (r: CategoryRow): Category => ({
  id: r.id,
  orgId: r.org_id,
  name: r.name,
  slug: r.slug,
  description: r.description,
  position: r.position,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
const toThread = (r: ThreadRow): Thread => ({
  id: r.id,
  categoryId: r.category_id,
  orgId: r.org_id,
  authorId: r.author_id,
  title: r.title,
  pinnedAt: r.pinned_at,
  lockedAt: r.locked_at,
  postCount: r.post_count,
  lastPostNumber: r.last_post_number,
  lastPostedAt: r.last_posted_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
const toPost = (r: PostRow): Post => ({
  id: r.id,
  threadId: r.thread_id,
  orgId: r.org_id,
  postNumber: r.post_number,
  authorId: r.author_id,
  replyToPostId: r.reply_to_post_id,
  bodyMarkdown: r.body_markdown,
  bodyHtml: r.body_html,
  revision: r.revision,
  hiddenAt: r.hidden_at,
  deletedAt: r.deleted_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** `(c.org_id IS NULL OR c.org_id = $n)` unless every board is visible. */
function visibility(alias: string, filter: { orgId: string | null; all: boolean }, params: SqlParams): string {
  if (filter.all) return 'true';
  if (filter.orgId === null) return `${alias}.org_id IS NULL`;
  return `(${alias}.org_id IS NULL OR ${alias}.org_id = ${params.bind(filter.orgId)})`;
}

/**
 * The thread page's statement: posts in order with their reaction counts and
 * the reader's own reactions, one round trip. The bench's baseline runs it as is.
 */
export const THREAD_PAGE_SQL = `SELECT ${POST_COLUMNS},
    COALESCE((SELECT jsonb_object_agg(x.reaction, x.n) FROM (SELECT reaction, count(*)::int AS n FROM community_post_reactions r
               WHERE r.post_id = p.id GROUP BY reaction) x), '{}'::jsonb) AS reactions,
    COALESCE((SELECT array_agg(r.reaction ORDER BY r.reaction) FROM community_post_reactions r WHERE r.post_id = p.id AND r.user_id = $2), '{}') AS mine
  FROM community_posts p WHERE p.thread_id = $1 ORDER BY p.post_number LIMIT $3 OFFSET $4`;

export class SqlForumRepository implements ForumRepository {
  constructor(private readonly db: Queryable) {}

  async listCategories(filter: { orgId: string | null; all: boolean }): Promise<Category[]> {
    const params = new SqlParams();
    const rows: CategoryRow[] = await this.db.query(
      `SELECT ${CATEGORY_COLUMNS} FROM community_categories c WHERE ${visibility('c', filter, params)} ORDER BY c.org_id NULLS FIRST, c.position, c.name`,
      params.values,
    );
    return rows.map(toCategory);
  }

  async findCategory(id: string): Promise<Category | undefined> {
    const rows: CategoryRow[] = await this.db.query(`SELECT ${CATEGORY_COLUMNS} FROM community_categories c WHERE c.id = $1`, [id]);
    return rows[0] && toCategory(rows[0]);
  }

  async insertCategory(c: Category): Promise<void> {
    await uniqueAs(
      () =>
        this.db.query(
          `INSERT INTO community_categories (id, org_id, name, slug, description, position, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [c.id, c.orgId, c.name, c.slug, c.description, c.position, c.createdAt, c.updatedAt],
        ),
      'community_categories_slug_key',
      CommunityErrors.slugTaken,
    );
  }

  async updateCategory(c: Category): Promise<void> {
    await uniqueAs(
      () =>
        this.db.query(`UPDATE community_categories SET name = $2, slug = $3, description = $4, position = $5, updated_at = $6 WHERE id = $1`, [
          c.id,
          c.name,
          c.slug,
          c.description,
          c.position,
          c.updatedAt,
        ]),
      'community_categories_slug_key',
      CommunityErrors.slugTaken,
    );
  }

  async insertThread(t: Thread, first: Post): Promise<void> {
    await this.db.query(
      `INSERT INTO community_threads (id, category_id, org_id, author_id, title, pinned_at, locked_at, post_count, last_post_number, last_posted_at,
         search, created_at, updated_at)
       VALUES ($1, $4, $5, $6, $2, NULL, NULL, 1, 1, $7, ${SEARCH_DOCUMENT}, $7, $7)`,
      [t.id, t.title, first.bodyMarkdown, t.categoryId, t.orgId, t.authorId, t.createdAt],
    );
    await this.insertPost(first);
  }

  async findThread(id: string): Promise<Thread | undefined> {
    const rows: ThreadRow[] = await this.db.query(`SELECT ${THREAD_COLUMNS} FROM community_threads t WHERE t.id = $1`, [id]);
    return rows[0] && toThread(rows[0]);
  }

  async findThreadForUpdate(id: string): Promise<Thread | undefined> {
    const rows: ThreadRow[] = await this.db.query(`SELECT ${THREAD_COLUMNS} FROM community_threads t WHERE t.id = $1 FOR UPDATE`, [id]);
    return rows[0] && toThread(rows[0]);
  }

  async listThreads(filter: ThreadFilter, page: PageRequest): Promise<Page<ThreadListItem>> {
    const conditions = (params: SqlParams): { where: string; rank?: string } => {
      const where = [visibility('t', filter, params)];
      if (filter.categoryId) where.push(`t.category_id = ${params.bind(filter.categoryId)}`);
      if (!filter.search) return { where: where.join(' AND ') };
      const query = `websearch_to_tsquery('english', ${params.bind(filter.search)})`;
      where.push(`t.search @@ ${query}`);
      return { where: where.join(' AND '), rank: `ts_rank(t.search, ${query}) DESC, ` };
    };
    const params = new SqlParams();
    const reader = params.bind(filter.readerId);
    const { where, rank } = conditions(params);
    const order = rank ? `${rank}t.last_posted_at DESC, t.id DESC` : '(t.pinned_at IS NULL), t.last_posted_at DESC, t.id DESC';
    const limit = params.bind(page.limit);
    const offset = params.bind(pageOffset(page));
    const countParams = new SqlParams();
    const counted = conditions(countParams);
    const [rows, [count]] = await Promise.all([
      this.db.query(
        `SELECT ${THREAD_COLUMNS}, c.name AS category_name, tw.level AS thread_level, cw.level AS category_level, rd.last_read_post_number
           FROM community_threads t
           JOIN community_categories c ON c.id = t.category_id
           LEFT JOIN community_thread_watches tw ON tw.thread_id = t.id AND tw.user_id = ${reader}
           LEFT JOIN community_category_watches cw ON cw.category_id = t.category_id AND cw.user_id = ${reader}
           LEFT JOIN community_thread_reads rd ON rd.thread_id = t.id AND rd.user_id = ${reader}
          WHERE ${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
        params.values,
      ) as Promise<ThreadListRow[]>,
      this.db.query(`SELECT count(*)::int AS n FROM community_threads t WHERE ${counted.where}`, countParams.values) as Promise<Array<{ n: number }>>,
    ]);
    return toPage(
      rows.map((row) => ({
        thread: toThread(row),
        categoryName: row.category_name,
        threadLevel: row.thread_level,
        categoryLevel: row.category_level,
        lastReadPostNumber: row.last_read_post_number,
      })),
      count.n,
      page,
    );
  }

  async saveThreadState(t: Thread): Promise<void> {
    await this.db.query(
      `UPDATE community_threads SET title = $2, pinned_at = $3, locked_at = $4, post_count = $5, last_post_number = $6, last_posted_at = $7, updated_at = $8
        WHERE id = $1`,
      [t.id, t.title, t.pinnedAt, t.lockedAt, t.postCount, t.lastPostNumber, t.lastPostedAt, t.updatedAt],
    );
  }

  async refreshSearch(threadId: string): Promise<void> {
    await this.db.query(
      `UPDATE community_threads t SET search = setweight(to_tsvector('english', t.title), 'A') || setweight(to_tsvector('english', p.body_markdown), 'B')
         FROM community_posts p WHERE t.id = $1 AND p.thread_id = t.id AND p.post_number = 1`,
      [threadId],
    );
  }

  async insertPost(p: Post): Promise<void> {
    await this.db.query(
      `INSERT INTO community_posts (id, thread_id, org_id, post_number, author_id, reply_to_post_id, body_markdown, body_html, revision, hidden_at,
         deleted_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      [
        p.id,
        p.threadId,
        p.orgId,
        p.postNumber,
        p.authorId,
        p.replyToPostId,
        p.bodyMarkdown,
        p.bodyHtml,
        p.revision,
        p.hiddenAt,
        p.deletedAt,
        p.createdAt,
        p.updatedAt,
      ],
    );
  }

  async findPost(id: string): Promise<Post | undefined> {
    const rows: PostRow[] = await this.db.query(`SELECT ${POST_COLUMNS} FROM community_posts p WHERE p.id = $1`, [id]);
    return rows[0] && toPost(rows[0]);
  }

  async listPosts(threadId: string, readerId: string, page: PageRequest): Promise<PostWithReactions[]> {
    const rows: Array<PostRow & { reactions: Partial<Record<Reaction, number>>; mine: Reaction[] }> = await this.db.query(THREAD_PAGE_SQL, [
      threadId,
      readerId,
      page.limit,
      pageOffset(page),
    ]);
    return rows.map((row) => ({ post: toPost(row), reactions: row.reactions, myReactions: row.mine }));
  }

  async savePost(p: Post): Promise<void> {
    await this.db.query(
      `UPDATE community_posts SET body_markdown = $2, body_html = $3, revision = $4, hidden_at = $5, deleted_at = $6, updated_at = $7 WHERE id = $1`,
      [p.id, p.bodyMarkdown, p.bodyHtml, p.revision, p.hiddenAt, p.deletedAt, p.updatedAt],
    );
  }

  async insertRevision(r: PostRevision): Promise<void> {
    await this.db.query(`INSERT INTO community_post_revisions (post_id, revision, body_markdown, edited_by, created_at) VALUES ($1, $2, $3, $4, $5)`, [
      r.postId,
      r.revision,
      r.bodyMarkdown,
      r.editedBy,
      r.createdAt,
    ]);
  }

  async listRevisions(postId: string): Promise<PostRevision[]> {
    const rows: Array<{ post_id: string; revision: number; body_markdown: string; edited_by: string; created_at: Date }> = await this.db.query(
      `SELECT post_id, revision, body_markdown, edited_by, created_at FROM community_post_revisions WHERE post_id = $1 ORDER BY revision`,
      [postId],
    );
    return rows.map((r) => ({ postId: r.post_id, revision: r.revision, bodyMarkdown: r.body_markdown, editedBy: r.edited_by, createdAt: r.created_at }));
  }

  async reactionsOf(postId: string, readerId: string): Promise<{ reactions: Partial<Record<Reaction, number>>; mine: Reaction[] }> {
    const rows: Array<{ reaction: Reaction; n: number; mine: boolean }> = await this.db.query(
      `SELECT reaction, count(*)::int AS n, bool_or(user_id = $2) AS mine FROM community_post_reactions WHERE post_id = $1 GROUP BY reaction ORDER BY reaction`,
      [postId, readerId],
    );
    return { reactions: Object.fromEntries(rows.map((r) => [r.reaction, r.n])), mine: rows.filter((r) => r.mine).map((r) => r.reaction) };
  }

  async addReaction(postId: string, userId: string, reaction: Reaction): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO community_post_reactions (post_id, user_id, reaction) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING post_id`,
      [postId, userId, reaction],
    );
    return rows.length === 1;
  }

  async removeReaction(postId: string, userId: string, reaction: Reaction): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `WITH d AS (DELETE FROM community_post_reactions WHERE post_id = $1 AND user_id = $2 AND reaction = $3 RETURNING post_id) SELECT * FROM d`,
      [postId, userId, reaction],
    );
    return rows.length === 1;
  }

  async chooseThreadLevel(threadId: string, userId: string, level: WatchLevel): Promise<void> {
    await this.db.query(
      `INSERT INTO community_thread_watches (thread_id, user_id, level, chosen, updated_at) VALUES ($1, $2, $3, true, now())
       ON CONFLICT (thread_id, user_id) DO UPDATE SET level = EXCLUDED.level, chosen = true, updated_at = now()`,
      [threadId, userId, level],
    );
  }

  async watchAsParticipant(threadId: string, userId: string): Promise<void> {
    await this.db.query(
      `INSERT INTO community_thread_watches (thread_id, user_id, level, chosen) VALUES ($1, $2, 'watching', false) ON CONFLICT (thread_id, user_id) DO NOTHING`,
      [threadId, userId],
    );
  }

  async chooseCategoryLevel(categoryId: string, userId: string, level: WatchLevel): Promise<void> {
    await this.db.query(
      `INSERT INTO community_category_watches (category_id, user_id, level, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (category_id, user_id) DO UPDATE SET level = EXCLUDED.level, updated_at = now()`,
      [categoryId, userId, level],
    );
  }

  async categoryLevels(userId: string): Promise<Map<string, WatchLevel>> {
    const rows: Array<{ category_id: string; level: WatchLevel }> = await this.db.query(
      `SELECT category_id, level FROM community_category_watches WHERE user_id = $1`,
      [userId],
    );
    return new Map(rows.map((row) => [row.category_id, row.level]));
  }

  async levels(threadId: string, categoryId: string, userId: string): Promise<{ thread: WatchLevel | null; category: WatchLevel | null }> {
    const [row]: Array<{ thread: WatchLevel | null; category: WatchLevel | null }> = await this.db.query(
      `SELECT (SELECT level FROM community_thread_watches WHERE thread_id = $1 AND user_id = $3) AS thread,
              (SELECT level FROM community_category_watches WHERE category_id = $2 AND user_id = $3) AS category`,
      [threadId, categoryId, userId],
    );
    return row;
  }

  async threadWatchers(threadId: string, categoryId: string, exceptUserId: string): Promise<string[]> {
    const rows: Array<{ user_id: string }> = await this.db.query(
      `SELECT tw.user_id FROM community_thread_watches tw WHERE tw.thread_id = $1 AND tw.level = 'watching' AND tw.user_id <> $3
       UNION
       SELECT cw.user_id FROM community_category_watches cw
        WHERE cw.category_id = $2 AND cw.level = 'watching' AND cw.user_id <> $3
          AND NOT EXISTS (SELECT 1 FROM community_thread_watches tw WHERE tw.thread_id = $1 AND tw.user_id = cw.user_id)`,
      [threadId, categoryId, exceptUserId],
    );
    return rows.map((row) => row.user_id);
  }

  async isMuted(threadId: string, categoryId: string, userId: string): Promise<boolean> {
    const { thread, category } = await this.levels(threadId, categoryId, userId);
    return (thread ?? category) === 'muted';
  }

  async categoryWatchers(categoryId: string, exceptUserId: string): Promise<string[]> {
    const rows: Array<{ user_id: string }> = await this.db.query(
      `SELECT user_id FROM community_category_watches WHERE category_id = $1 AND level = 'watching' AND user_id <> $2`,
      [categoryId, exceptUserId],
    );
    return rows.map((row) => row.user_id);
  }

  async lastRead(threadId: string, userId: string): Promise<number | null> {
    const rows: Array<{ n: number }> = await this.db.query(
      `SELECT last_read_post_number AS n FROM community_thread_reads WHERE thread_id = $1 AND user_id = $2`,
      [threadId, userId],
    );
    return rows[0]?.n ?? null;
  }

  async markRead(threadId: string, userId: string, postNumber: number): Promise<void> {
    await this.db.query(
      `INSERT INTO community_thread_reads (user_id, thread_id, last_read_post_number, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (user_id, thread_id) DO UPDATE SET last_read_post_number = GREATEST(community_thread_reads.last_read_post_number, EXCLUDED.last_read_post_number),
         updated_at = now()
       WHERE community_thread_reads.last_read_post_number < EXCLUDED.last_read_post_number`,
      [userId, threadId, postNumber],
    );
  }
}
