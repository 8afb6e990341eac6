import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AccountListing, IdentityDirectory, SecurityEventRecord } from '../../application/ports';

const ACCOUNT_COLUMNS = 'id, email, full_name, roles, email_verified_at, disabled_at, created_at';

interface AccountListingRow {
  id: string;
  email: string;
  full_name: string;
  roles: string[] | null;
  email_verified_at: Date | null;
  disabled_at: Date | null;
  created_at: Date;
}

function toListing(row: AccountListingRow): AccountListing {
  return {
    id: row.id,
    email: row.email,
    fullName: row.full_name,
    roles: row.roles ?? [],
    emailVerifiedAt: row.email_verified_at,
    disabledAt: row.disabled_at,
    createdAt: row.created_at,
  };
}

/** Reads for other contexts, added for the organizations context (user management and the audit log). Never selects credentials. */
@Injectable()
export class SqlIdentityDirectory implements IdentityDirectory {
  constructor(private readonly dataSource: DataSource) {}

  async accountsByIds(ids: string[]): Promise<AccountListing[]> {
    if (ids.length === 0) return [];
    const rows: AccountListingRow[] = await this.dataSource.query(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE id = ANY($1::uuid[])`, [ids]);
    return rows.map(toListing);
  }

  async listAccounts(filter: { email?: string }, page: { offset: number; limit: number }): Promise<{ items: AccountListing[]; total: number }> {
    const values: unknown[] = [];
    let where = '';
    if (filter.email) {
      values.push(`%${filter.email.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where = `WHERE lower(email) LIKE $1`;
    }
    values.push(page.limit, page.offset);
    const rows: Array<AccountListingRow & { total: string }> = await this.dataSource.query(
      `SELECT ${ACCOUNT_COLUMNS}, count(*) OVER () AS total FROM accounts ${where} ORDER BY created_at DESC, id LIMIT $${values.length - 1} OFFSET $${values.length}`,
      values,
    );
    let total = rows.length ? Number(rows[0].total) : 0;
    if (!rows.length && page.offset > 0) {
      const [counted] = (await this.dataSource.query(`SELECT count(*) AS total FROM accounts ${where}`, values.slice(0, -2))) as Array<{ total: string }>;
      total = Number(counted.total);
    }
    return { items: rows.map(toListing), total };
  }

  async securityEventsSince(since: Date, limit: number): Promise<SecurityEventRecord[]> {
    const rows: Array<{
      id: string;
      user_id: string | null;
      type: string;
      ip: string | null;
      user_agent: string | null;
      request_id: string | null;
      metadata: Record<string, unknown> | null;
      created_at: Date;
    }> = await this.dataSource.query(
      `SELECT id, user_id, type, ip, user_agent, request_id, metadata, created_at FROM security_events
       WHERE created_at >= $1 ORDER BY created_at, id LIMIT $2`,
      [since, limit],
    );
    return rows.map((row) => ({
      id: row.id,
      userId: row.user_id,
      type: row.type,
      ip: row.ip,
      userAgent: row.user_agent,
      requestId: row.request_id,
      metadata: row.metadata ?? {},
      createdAt: row.created_at,
    }));
  }
}
