import type { Page, PageRequest } from '../../../../platform/kernel';
import { OrganizationRole, OrganizationStatus, OrganizationsErrors } from '../../domain';
import type { Membership, MembershipRepository, MembershipStatus } from '../../application/ports';
import { Queryable, SqlParams, selectPage, uniqueAs } from '../../../../platform/database/sql';

const COLUMNS = 'm.org_id, m.user_id, m.role, m.status, m.added_by, m.joined_at, m.updated_at';

interface MembershipRow {
  org_id: string;
  user_id: string;
  role: OrganizationRole;
  status: MembershipStatus;
  added_by: string | null;
  joined_at: Date;
  updated_at: Date;
}

function toMembership(row: MembershipRow): Membership {
  return {
    orgId: row.org_id,
    userId: row.user_id,
    role: row.role,
    status: row.status,
    addedBy: row.added_by,
    joinedAt: row.joined_at,
    updatedAt: row.updated_at,
  };
}

export class SqlMembershipRepository implements MembershipRepository {
  constructor(private readonly db: Queryable) {}

  async find(orgId: string, userId: string): Promise<Membership | undefined> {
    const rows: MembershipRow[] = await this.db.query(`SELECT ${COLUMNS} FROM memberships m WHERE m.org_id = $1 AND m.user_id = $2`, [orgId, userId]);
    return rows[0] ? toMembership(rows[0]) : undefined;
  }

  async activeAccess(orgId: string, userId: string): Promise<{ role: OrganizationRole; orgStatus: OrganizationStatus } | undefined> {
    const rows: Array<{ role: OrganizationRole; status: OrganizationStatus }> = await this.db.query(
      `SELECT m.role, o.status FROM memberships m JOIN organizations o ON o.id = m.org_id
       WHERE m.org_id = $1 AND m.user_id = $2 AND m.status = 'active'`,
      [orgId, userId],
    );
    return rows[0] ? { role: rows[0].role, orgStatus: rows[0].status } : undefined;
  }

  async insert(membership: Membership): Promise<void> {
    const m = membership;
    await uniqueAs(
      () =>
        this.db.query(`INSERT INTO memberships (org_id, user_id, role, status, added_by, joined_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
          m.orgId,
          m.userId,
          m.role,
          m.status,
          m.addedBy,
          m.joinedAt,
          m.updatedAt,
        ]),
      'memberships_pkey',
      OrganizationsErrors.alreadyMember,
    );
  }

  async save(membership: Membership): Promise<void> {
    const m = membership;
    await this.db.query(`UPDATE memberships SET role = $3, status = $4, updated_at = $5 WHERE org_id = $1 AND user_id = $2`, [
      m.orgId,
      m.userId,
      m.role,
      m.status,
      m.updatedAt,
    ]);
  }

  async delete(orgId: string, userId: string): Promise<void> {
    await this.db.query(`DELETE FROM memberships WHERE org_id = $1 AND user_id = $2`, [orgId, userId]);
  }

  async countActivePrincipals(orgId: string): Promise<number> {
    const [row] = (await this.db.query(`SELECT count(*) AS n FROM memberships WHERE org_id = $1 AND role = 'principal' AND status = 'active'`, [
      orgId,
    ])) as Array<{ n: string }>;
    return Number(row.n);
  }

  list(orgId: string, filter: { role?: OrganizationRole; status?: MembershipStatus }, page: PageRequest): Promise<Page<Membership>> {
    const params = new SqlParams();
    const conditions = [`m.org_id = ${params.bind(orgId)}`];
    if (filter.role) conditions.push(`m.role = ${params.bind(filter.role)}`);
    if (filter.status) conditions.push(`m.status = ${params.bind(filter.status)}`);
    const where = `FROM memberships m WHERE ${conditions.join(' AND ')}`;
    return selectPage<MembershipRow, Membership>(
      this.db,
      (limit, offset) => `SELECT ${COLUMNS}, count(*) OVER () AS total ${where} ORDER BY m.joined_at, m.user_id LIMIT ${limit} OFFSET ${offset}`,
      `SELECT count(*) AS total ${where}`,
      params,
      page,
      toMembership,
    );
  }

  async listForUsers(userIds: string[]): Promise<Membership[]> {
    if (userIds.length === 0) return [];
    const rows: MembershipRow[] = await this.db.query(`SELECT ${COLUMNS} FROM memberships m WHERE m.user_id = ANY($1::uuid[]) ORDER BY m.joined_at`, [userIds]);
    return rows.map(toMembership);
  }
}
