import type { Page, PageRequest } from '../../../../platform/kernel';
import { Queryable, SqlParams, selectPage } from '../../../../platform/database/sql';
import { returnedRows } from './returning';
import type { Block, BlockRepository } from '../../application/ports';

interface BlockRow {
  blocker_user_id: string;
  blocked_user_id: string;
  created_at: Date;
}

const toBlock = (row: BlockRow): Block => ({ blockerUserId: row.blocker_user_id, blockedUserId: row.blocked_user_id, createdAt: row.created_at });

export class SqlBlockRepository implements BlockRepository {
  constructor(private readonly db: Queryable) {}

  async insert(block: Block): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO messaging_blocks (blocker_user_id, blocked_user_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`,
      [block.blockerUserId, block.blockedUserId, block.createdAt],
    );
    return rows.length > 0;
  }

  async delete(blockerUserId: string, blockedUserId: string): Promise<boolean> {
    const rows = returnedRows(
      await this.db.query(`DELETE FROM messaging_blocks WHERE blocker_user_id = $1 AND blocked_user_id = $2 RETURNING 1`, [blockerUserId, blockedUserId]),
    );
    return rows.length > 0;
  }

  list(blockerUserId: string, page: PageRequest): Promise<Page<Block>> {
    const params = new SqlParams();
    const where = `FROM messaging_blocks b WHERE b.blocker_user_id = ${params.bind(blockerUserId)}`;
    return selectPage<BlockRow, Block>(
      this.db,
      (limit, offset) =>
        `SELECT b.blocker_user_id, b.blocked_user_id, b.created_at, count(*) OVER () AS total ${where} ORDER BY b.created_at DESC, b.blocked_user_id LIMIT ${limit} OFFSET ${offset}`,
      `SELECT count(*) AS total ${where}`,
      params,
      page,
      toBlock,
    );
  }

  async exists(blockerUserId: string, blockedUserId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM messaging_blocks WHERE blocker_user_id = $1 AND blocked_user_id = $2`, [
      blockerUserId,
      blockedUserId,
    ]);
    return rows.length > 0;
  }

  async blockersOf(userId: string, userIds: string[]): Promise<string[]> {
    if (userIds.length === 0) return [];
    const rows: Array<{ blocker_user_id: string }> = await this.db.query(
      `SELECT blocker_user_id FROM messaging_blocks WHERE blocked_user_id = $1 AND blocker_user_id = ANY($2::uuid[])`,
      [userId, userIds],
    );
    return rows.map((row) => row.blocker_user_id);
  }
}
