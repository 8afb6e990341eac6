import type { Page, PageRequest } from '../../../../platform/kernel';
import type { Invitation, InvitationStatus } from '../../domain';
import type { InvitationRepository } from '../../application/ports';
import { Queryable, SqlParams, selectPage } from '../../../../platform/database/sql';

const COLUMNS = 'i.id, i.org_id, i.email, i.role, i.status, i.invited_by, i.expires_at, i.responded_at, i.created_at';

interface InvitationRow {
  id: string;
  org_id: string;
  email: string;
  role: Invitation['role'];
  status: InvitationStatus;
  invited_by: string | null;
  expires_at: Date;
  responded_at: Date | null;
  created_at: Date;
}

function toInvitation(row: InvitationRow): Invitation {
  return {
    id: row.id,
    orgId: row.org_id,
    email: row.email,
    role: row.role,
    status: row.status,
    invitedBy: row.invited_by,
    expiresAt: row.expires_at,
    respondedAt: row.responded_at,
    createdAt: row.created_at,
  };
}

export class SqlInvitationRepository implements InvitationRepository {
  constructor(private readonly db: Queryable) {}

  async insert(invitation: Invitation, tokenHash: Buffer): Promise<void> {
    const i = invitation;
    await this.db.query(
      `INSERT INTO invitations (id, org_id, email, role, token_hash, status, invited_by, expires_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [i.id, i.orgId, i.email, i.role, tokenHash, i.status, i.invitedBy, i.expiresAt, i.createdAt],
    );
  }

  async revokePending(orgId: string, email: string, now: Date): Promise<void> {
    await this.db.query(`UPDATE invitations SET status = 'revoked', responded_at = $3 WHERE org_id = $1 AND email = $2 AND status = 'pending'`, [
      orgId,
      email,
      now,
    ]);
  }

  /** Pending and not yet expired: what can still be accepted. */
  listPending(orgId: string, page: PageRequest): Promise<Page<Invitation>> {
    const params = new SqlParams();
    const where = `FROM invitations i WHERE i.org_id = ${params.bind(orgId)} AND i.status = 'pending' AND i.expires_at > now()`;
    return selectPage<InvitationRow, Invitation>(
      this.db,
      (limit, offset) => `SELECT ${COLUMNS}, count(*) OVER () AS total ${where} ORDER BY i.created_at DESC, i.id LIMIT ${limit} OFFSET ${offset}`,
      `SELECT count(*) AS total ${where}`,
      params,
      page,
      toInvitation,
    );
  }

  async findForUpdate(orgId: string, id: string): Promise<Invitation | undefined> {
    const rows: InvitationRow[] = await this.db.query(`SELECT ${COLUMNS} FROM invitations i WHERE i.org_id = $1 AND i.id = $2 FOR UPDATE`, [orgId, id]);
    return rows[0] ? toInvitation(rows[0]) : undefined;
  }

  async findByTokenForUpdate(tokenHash: Buffer): Promise<Invitation | undefined> {
    const rows: InvitationRow[] = await this.db.query(`SELECT ${COLUMNS} FROM invitations i WHERE i.token_hash = $1 FOR UPDATE`, [tokenHash]);
    return rows[0] ? toInvitation(rows[0]) : undefined;
  }

  async close(id: string, status: Exclude<InvitationStatus, 'pending'>, answeredBy: string | null, now: Date): Promise<void> {
    await this.db.query(`UPDATE invitations SET status = $2, answered_by = $3, responded_at = $4 WHERE id = $1`, [id, status, answeredBy, now]);
  }
}
