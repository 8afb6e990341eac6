import type { Page, PageRequest } from '../../../../platform/kernel';
import { Organization, OrganizationRole, OrganizationsErrors } from '../../domain';
import type { OrganizationFilter, OrganizationRepository } from '../../application/ports';
import { Queryable, SqlParams, likeContains, selectPage, uniqueAs } from '../../../../platform/database/sql';

const COLUMNS = `o.id, o.kind, o.name, o.slug, o.contact_email, o.contact_phone, o.website, o.address, o.status,
  o.suspended_at, o.suspension_reason, o.created_at, o.updated_at`;

interface OrganizationRow {
  id: string;
  kind: Organization['kind'];
  name: string;
  slug: string;
  contact_email: string | null;
  contact_phone: string | null;
  website: string | null;
  address: string | null;
  status: Organization['status'];
  suspended_at: Date | null;
  suspension_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

export function toOrganization(row: OrganizationRow): Organization {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    slug: row.slug,
    contactEmail: row.contact_email,
    contactPhone: row.contact_phone,
    website: row.website,
    address: row.address,
    status: row.status,
    suspendedAt: row.suspended_at,
    suspensionReason: row.suspension_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class SqlOrganizationRepository implements OrganizationRepository {
  constructor(private readonly db: Queryable) {}

  async insert(organization: Organization, createdBy: string | null): Promise<void> {
    const o = organization;
    await uniqueAs(
      () =>
        this.db.query(
          `INSERT INTO organizations (id, kind, name, slug, contact_email, contact_phone, website, address, status, created_by, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
          [o.id, o.kind, o.name, o.slug, o.contactEmail, o.contactPhone, o.website, o.address, o.status, createdBy, o.createdAt, o.updatedAt],
        ),
      'organizations_slug_key',
      OrganizationsErrors.slugTaken,
    );
  }

  findById(id: string): Promise<Organization | undefined> {
    return this.one(`SELECT ${COLUMNS} FROM organizations o WHERE o.id = $1`, id);
  }

  findBySlug(slug: string): Promise<Organization | undefined> {
    return this.one(`SELECT ${COLUMNS} FROM organizations o WHERE o.slug = $1`, slug);
  }

  lock(id: string): Promise<Organization | undefined> {
    return this.one(`SELECT ${COLUMNS} FROM organizations o WHERE o.id = $1 FOR UPDATE`, id);
  }

  async save(organization: Organization): Promise<void> {
    const o = organization;
    await uniqueAs(
      () =>
        this.db.query(
          `UPDATE organizations SET name = $2, slug = $3, contact_email = $4, contact_phone = $5, website = $6, address = $7,
             status = $8, suspended_at = $9, suspension_reason = $10, updated_at = $11
           WHERE id = $1`,
          [o.id, o.name, o.slug, o.contactEmail, o.contactPhone, o.website, o.address, o.status, o.suspendedAt, o.suspensionReason, o.updatedAt],
        ),
      'organizations_slug_key',
      OrganizationsErrors.slugTaken,
    );
  }

  listForUser(userId: string, page: PageRequest): Promise<Page<{ organization: Organization; role: OrganizationRole }>> {
    const params = new SqlParams();
    const where = `FROM memberships m JOIN organizations o ON o.id = m.org_id WHERE m.user_id = ${params.bind(userId)} AND m.status = 'active'`;
    return selectPage<OrganizationRow & { role: OrganizationRole }, { organization: Organization; role: OrganizationRole }>(
      this.db,
      (limit, offset) => `SELECT ${COLUMNS}, m.role, count(*) OVER () AS total ${where} ORDER BY o.name, o.id LIMIT ${limit} OFFSET ${offset}`,
      `SELECT count(*) AS total ${where}`,
      params,
      page,
      (row) => ({ organization: toOrganization(row), role: row.role }),
    );
  }

  listAll(filter: OrganizationFilter, page: PageRequest): Promise<Page<Organization>> {
    const params = new SqlParams();
    const conditions: string[] = [];
    if (filter.kind) conditions.push(`o.kind = ${params.bind(filter.kind)}`);
    if (filter.status) conditions.push(`o.status = ${params.bind(filter.status)}`);
    if (filter.q) {
      const pattern = params.bind(likeContains(filter.q.toLowerCase()));
      conditions.push(`(lower(o.name) LIKE ${pattern} OR o.slug LIKE ${pattern})`);
    }
    const where = `FROM organizations o ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}`;
    return selectPage<OrganizationRow, Organization>(
      this.db,
      (limit, offset) => `SELECT ${COLUMNS}, count(*) OVER () AS total ${where} ORDER BY o.created_at DESC, o.id LIMIT ${limit} OFFSET ${offset}`,
      `SELECT count(*) AS total ${where}`,
      params,
      page,
      toOrganization,
    );
  }

  private async one(sql: string, parameter: string): Promise<Organization | undefined> {
    const rows: OrganizationRow[] = await this.db.query(sql, [parameter]);
    return rows[0] ? toOrganization(rows[0]) : undefined;
  }
}
