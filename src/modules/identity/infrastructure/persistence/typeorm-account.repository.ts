import { EntityManager, QueryFailedError } from 'typeorm';
import { Account, IdentityErrors } from '../../domain';
import type { AccountRepository, AccountSortField, StoredProfile } from '../../application/ports';
import { orderBy, type SortOrder } from '../../../../platform/kernel';
import type { ProfileView } from '../../application/views';
import { AccountEntity } from './identity.entities';

const UNIQUE_VIOLATION = '23505';

/**
 * Reads use plain SQL: GET /me runs one of them per request, and TypeORM's
 * find/query-builder path costs more CPU than the query itself (measured:
 * bench/identity-notes.md). Writes keep the entity repository.
 */
const SELECT_ACCOUNT = `SELECT id, email, full_name, password_hash, date_of_birth::text AS date_of_birth, phone_number, phone_verified_at,
  email_verified_at, roles, disabled_at, created_at, updated_at FROM accounts`;
// Built once: the data source looks each text up to find its prepared statement.
const BY_ID = `${SELECT_ACCOUNT} WHERE id = $1`;
const BY_ID_FOR_UPDATE = `${SELECT_ACCOUNT} WHERE id = $1 FOR UPDATE`;
// lower(email) matches the unique index, so the lookup is an index scan.
const BY_EMAIL = `${SELECT_ACCOUNT} WHERE lower(email) = lower($1)`;
/**
 * GET /me's read: only what the profile shows (not the password hash, roles or state), as one JSON value. pg builds a
 * row template and a parser for every column of every result and parses each timestamp on its own; one json column
 * costs the API ~53 µs of CPU per query against ~63 µs for the same nine fields as columns and ~70 µs for the account's
 * twelve (bench/identity-notes.md, "Eighth pass"). Postgres writes dates and timestamps in JSON as ISO 8601.
 */
const PROFILE_BY_ID = `SELECT json_build_object('id', id, 'full_name', full_name, 'email', email, 'email_verified', email_verified_at IS NOT NULL,
  'phone_number', phone_number, 'phone_verified', phone_verified_at IS NOT NULL, 'date_of_birth', date_of_birth,
  'created_at', created_at, 'updated_at', updated_at) AS profile,
  (SELECT version FROM profile_pictures WHERE user_id = accounts.id) AS picture_version FROM accounts WHERE id = $1`;
/** What any response that shows a person needs: the name and the picture's version. */
const PUBLIC_PROFILES = `SELECT a.id, a.full_name, p.version AS picture_version
  FROM accounts a LEFT JOIN profile_pictures p ON p.user_id = a.id WHERE a.id = ANY($1::uuid[])`;
const BY_VERIFIED_PHONE = `${SELECT_ACCOUNT} WHERE phone_number = $1 AND phone_verified_at IS NOT NULL`;

interface ProfileJson {
  id: string;
  full_name: string;
  email: string;
  email_verified: boolean;
  phone_number: string | null;
  phone_verified: boolean;
  date_of_birth: string;
  created_at: string;
  updated_at: string;
}

interface AccountRow {
  id: string;
  email: string;
  full_name: string;
  password_hash: string;
  date_of_birth: string;
  phone_number: string | null;
  phone_verified_at: Date | null;
  email_verified_at: Date | null;
  roles: string[] | null;
  disabled_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export class TypeOrmAccountRepository implements AccountRepository {
  constructor(private readonly manager: EntityManager) {}

  private get rows() {
    return this.manager.getRepository(AccountEntity);
  }

  findById(id: string): Promise<Account | undefined> {
    return this.one(BY_ID, id);
  }

  async findProfile(id: string): Promise<StoredProfile | undefined> {
    const [row]: Array<{ profile: ProfileJson; picture_version: string | null }> = await this.manager.query(PROFILE_BY_ID, [id]);
    return row && { view: profileView(row.profile), pictureVersion: row.picture_version };
  }

  findByIdForUpdate(id: string): Promise<Account | undefined> {
    return this.one(BY_ID_FOR_UPDATE, id);
  }

  findByEmail(email: string): Promise<Account | undefined> {
    return this.one(BY_EMAIL, email);
  }

  findByVerifiedPhone(phoneNumber: string): Promise<Account | undefined> {
    return this.one(BY_VERIFIED_PHONE, phoneNumber);
  }

  async findByIds(ids: string[]): Promise<Account[]> {
    if (ids.length === 0) return [];
    const rows: AccountRow[] = await this.manager.query(`${SELECT_ACCOUNT} WHERE id = ANY($1::uuid[])`, [ids]);
    return rows.map(toDomain);
  }

  async findPublicProfiles(ids: string[]): Promise<Array<{ id: string; fullName: string; pictureVersion: string | null }>> {
    if (ids.length === 0) return [];
    const rows: Array<{ id: string; full_name: string; picture_version: string | null }> = await this.manager.query(PUBLIC_PROFILES, [ids]);
    return rows.map((row) => ({ id: row.id, fullName: row.full_name, pictureVersion: row.picture_version }));
  }

  async createdByDay(since: Date): Promise<Array<{ day: string; count: number }>> {
    return this.manager.query(
      `SELECT to_char(date_trunc('day', created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, count(*)::int AS count FROM accounts WHERE created_at >= $1 GROUP BY 1 ORDER BY 1`,
      [since],
    );
  }

  /** `emailContains` matches part of the address; `text` part of the address or of the name; both case-insensitively. */
  async list(
    filter: { emailContains?: string; text?: string; disabled?: boolean; sort?: SortOrder<AccountSortField> },
    page: { offset: number; limit: number },
  ): Promise<{ items: Account[]; total: number }> {
    const order = filter.sort ? orderBy(filter.sort, { created_at: 'created_at', email: 'email', full_name: 'lower(full_name)' }, 'id') : 'created_at DESC, id';
    const like = (value: string | undefined) => (value ? `%${value.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%` : null);
    const where = `WHERE ($1::text IS NULL OR lower(email) LIKE $1) AND ($2::text IS NULL OR lower(email) LIKE $2 OR lower(full_name) LIKE $2)
      AND ($3::boolean IS NULL OR (disabled_at IS NOT NULL) = $3)`;
    const filters = [like(filter.emailContains), like(filter.text), filter.disabled ?? null];
    const rows: AccountRow[] = await this.manager.query(`${SELECT_ACCOUNT} ${where} ORDER BY ${order} LIMIT $4 OFFSET $5`, [
      ...filters,
      page.limit,
      page.offset,
    ]);
    const [{ total }] = (await this.manager.query(`SELECT count(*)::int AS total FROM accounts ${where}`, filters)) as Array<{ total: number }>;
    return { items: rows.map(toDomain), total };
  }

  private async one(sql: string, parameter: string): Promise<Account | undefined> {
    const rows: AccountRow[] = await this.manager.query(sql, [parameter]);
    return rows[0] ? toDomain(rows[0]) : undefined;
  }

  async insert(account: Account): Promise<void> {
    await translateUniqueViolations(() => this.rows.insert(toRow(account)));
  }

  async save(account: Account): Promise<void> {
    const { id, ...changes } = toRow(account);
    await translateUniqueViolations(() => this.rows.update({ id }, changes));
  }
}

async function translateUniqueViolations(work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    const driver = error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : undefined;
    if (driver?.code === UNIQUE_VIOLATION && driver.constraint === 'accounts_email_key') throw IdentityErrors.emailTaken();
    if (driver?.code === UNIQUE_VIOLATION && driver.constraint === 'accounts_verified_phone_key') throw IdentityErrors.phoneTaken();
    throw error;
  }
}

function toDomain(row: AccountRow): Account {
  return Account.restore({
    id: row.id,
    email: row.email,
    fullName: row.full_name,
    passwordHash: row.password_hash,
    dateOfBirth: row.date_of_birth,
    phoneNumber: row.phone_number,
    phoneVerifiedAt: row.phone_verified_at,
    emailVerifiedAt: row.email_verified_at,
    roles: row.roles ?? [],
    disabledAt: row.disabled_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

function profileView(profile: ProfileJson): ProfileView {
  return {
    id: profile.id,
    fullName: profile.full_name,
    email: profile.email,
    emailVerified: profile.email_verified,
    phoneNumber: profile.phone_number,
    phoneVerified: profile.phone_verified,
    dateOfBirth: profile.date_of_birth,
    pictureUrl: null,
    createdAt: new Date(profile.created_at),
    updatedAt: new Date(profile.updated_at),
  };
}

function toRow(account: Account): AccountEntity {
  const state = account.snapshot();
  return Object.assign(new AccountEntity(), state);
}
