import type { Page, PageRequest } from '../../../../platform/kernel';
import type { ApiKey, OrganizationStatus } from '../../domain';
import type { ApiKeyRepository } from '../../application/ports';
import { Queryable, SqlParams, selectPage } from '../../../../platform/database/sql';

const COLUMNS = 'k.id, k.org_id, k.name, k.role, k.prefix, k.created_by, k.created_at, k.expires_at, k.last_used_at, k.revoked_at';

interface ApiKeyRow {
  id: string;
  org_id: string;
  name: string;
  role: ApiKey['role'];
  prefix: string;
  created_by: string | null;
  created_at: Date;
  expires_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    orgId: row.org_id,
    name: row.name,
    role: row.role,
    prefix: row.prefix,
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export class SqlApiKeyRepository implements ApiKeyRepository {
  constructor(private readonly db: Queryable) {}

  async insert(key: ApiKey, secretHash: Buffer): Promise<void> {
    await this.db.query(
      `INSERT INTO api_keys (id, org_id, name, role, prefix, secret_hash, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [key.id, key.orgId, key.name, key.role, key.prefix, secretHash, key.createdBy, key.createdAt, key.expiresAt],
    );
  }

  list(orgId: string, page: PageRequest): Promise<Page<ApiKey>> {
    const params = new SqlParams();
    const where = `FROM api_keys k WHERE k.org_id = ${params.bind(orgId)}`;
    return selectPage<ApiKeyRow, ApiKey>(
      this.db,
      (limit, offset) => `SELECT ${COLUMNS}, count(*) OVER () AS total ${where} ORDER BY k.created_at DESC, k.id LIMIT ${limit} OFFSET ${offset}`,
      `SELECT count(*) AS total ${where}`,
      params,
      page,
      toApiKey,
    );
  }

  async findForUpdate(orgId: string, id: string): Promise<ApiKey | undefined> {
    const rows: ApiKeyRow[] = await this.db.query(`SELECT ${COLUMNS} FROM api_keys k WHERE k.org_id = $1 AND k.id = $2 FOR UPDATE`, [orgId, id]);
    return rows[0] ? toApiKey(rows[0]) : undefined;
  }

  async revoke(id: string, by: string | null, now: Date): Promise<void> {
    await this.db.query(`UPDATE api_keys SET revoked_at = $3, revoked_by = $2 WHERE id = $1 AND revoked_at IS NULL`, [id, by, now]);
  }

  async findForAuthentication(prefix: string): Promise<{ key: ApiKey; secretHash: Buffer; orgStatus: OrganizationStatus } | undefined> {
    const rows: Array<ApiKeyRow & { secret_hash: Buffer; org_status: OrganizationStatus }> = await this.db.query(
      `SELECT ${COLUMNS}, k.secret_hash, o.status AS org_status FROM api_keys k JOIN organizations o ON o.id = k.org_id WHERE k.prefix = $1`,
      [prefix],
    );
    const row = rows[0];
    return row ? { key: toApiKey(row), secretHash: row.secret_hash, orgStatus: row.org_status } : undefined;
  }

  async touch(id: string, now: Date, minIntervalMs: number): Promise<void> {
    await this.db.query(`UPDATE api_keys SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $3)`, [
      id,
      now,
      new Date(now.getTime() - minIntervalMs),
    ]);
  }

  async revokeCreatedBy(userId: string, orgId: string | null, by: string | null, now: Date): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(
      `UPDATE api_keys SET revoked_at = $3, revoked_by = $4
       WHERE created_by = $1 AND revoked_at IS NULL AND ($2::uuid IS NULL OR org_id = $2::uuid)
       RETURNING id`,
      [userId, orgId, now, by],
    );
    // TypeORM returns [rows, count] for UPDATE … RETURNING on Postgres.
    const returned = Array.isArray(rows[0]) ? (rows[0] as unknown as Array<{ id: string }>) : rows;
    return returned.map((row) => row.id);
  }

  async listCreatedBy(userId: string, limit: number): Promise<ApiKey[]> {
    const rows: ApiKeyRow[] = await this.db.query(`SELECT ${COLUMNS} FROM api_keys k WHERE k.created_by = $1 ORDER BY k.created_at DESC, k.id LIMIT $2`, [
      userId,
      limit,
    ]);
    return rows.map(toApiKey);
  }
}
