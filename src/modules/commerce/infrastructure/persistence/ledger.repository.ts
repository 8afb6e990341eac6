import type { Page, PageRequest } from '../../../../platform/kernel';
import { Queryable, SqlParams, pgError, selectPage } from '../../../../platform/database/sql';
import { AccountKind, CommerceErrors, JournalEntry, accountKey, mayGoNegative } from '../../domain';
import type { Ledger, LedgerAccountView, LedgerTransactionView } from '../../application/ports';

const CHECK_VIOLATION = '23514';

interface AccountRow {
  id: string;
  kind: string;
  owner_id: string;
  currency: string;
  balance_minor: string;
}

const toAccount = (row: AccountRow): LedgerAccountView => ({
  id: row.id,
  kind: row.kind,
  ownerId: row.owner_id,
  currency: row.currency,
  balanceMinor: Number(row.balance_minor),
});

/**
 * The ledger in Postgres. Each account row carries its balance, changed in the
 * same statement as the check that it may not go negative (the row lock
 * serializes concurrent spends; the table's CHECK refuses an overdraft), and
 * the postings are the record the balance must always equal (see
 * discrepancies). Accounts are touched in a fixed order so concurrent entries
 * never deadlock. Entries are immutable and balanced (database triggers).
 */
export class SqlLedger implements Ledger {
  constructor(private readonly db: Queryable) {}

  async post(entry: JournalEntry, orgId: string | null): Promise<boolean> {
    const inserted: unknown[] = await this.db.query(
      `INSERT INTO ledger_entries (id, kind, reference, org_id, occurred_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (kind, reference) DO NOTHING RETURNING 1`,
      [entry.id, entry.kind, entry.reference, orgId, entry.occurredAt],
    );
    if (inserted.length === 0) return false;
    const postings = [...entry.postings].sort((a, b) => (accountKey(a.account) < accountKey(b.account) ? -1 : 1));
    for (const posting of postings) {
      const { kind, ownerId, currency } = posting.account;
      await this.db.query(
        `INSERT INTO ledger_accounts (id, kind, owner_id, currency, may_go_negative) VALUES (gen_random_uuid(), $1, $2, $3, $4)
         ON CONFLICT (kind, owner_id, currency) DO NOTHING`,
        [kind, ownerId, currency, mayGoNegative(kind)],
      );
      let rows: Array<{ id: string }>;
      try {
        const result: [Array<{ id: string }>, number] = await this.db.query(
          `UPDATE ledger_accounts SET balance_minor = balance_minor + $4 WHERE kind = $1 AND owner_id = $2 AND currency = $3 RETURNING id`,
          [kind, ownerId, currency, posting.amountMinor],
        );
        rows = result[0];
      } catch (error) {
        if (pgError(error).code === CHECK_VIOLATION) throw CommerceErrors.insufficientFunds();
        throw error;
      }
      await this.db.query(`INSERT INTO ledger_postings (entry_id, account_id, currency, amount_minor, occurred_at) VALUES ($1, $2, $3, $4, $5)`, [
        entry.id,
        rows[0].id,
        currency,
        posting.amountMinor,
        entry.occurredAt,
      ]);
    }
    return true;
  }

  async account(kind: AccountKind | string, ownerId: string, currency: string): Promise<LedgerAccountView | undefined> {
    const rows: AccountRow[] = await this.db.query(
      `SELECT id, kind, owner_id, currency, balance_minor FROM ledger_accounts WHERE kind = $1 AND owner_id = $2 AND currency = $3`,
      [kind, ownerId, currency],
    );
    return rows[0] && toAccount(rows[0]);
  }

  async accountsOf(kind: string, ownerId: string): Promise<LedgerAccountView[]> {
    const rows: AccountRow[] = await this.db.query(
      `SELECT id, kind, owner_id, currency, balance_minor FROM ledger_accounts WHERE kind = $1 AND owner_id = $2 ORDER BY currency`,
      [kind, ownerId],
    );
    return rows.map(toAccount);
  }

  transactions(accountId: string, page: PageRequest): Promise<Page<LedgerTransactionView>> {
    const params = new SqlParams();
    const account = params.bind(accountId);
    return selectPage<{ entry_id: string; kind: string; reference: string; amount_minor: string; occurred_at: Date }, LedgerTransactionView>(
      this.db,
      (limit, offset) =>
        `SELECT p.entry_id, e.kind, e.reference, p.amount_minor, p.occurred_at, count(*) OVER () AS total
         FROM ledger_postings p JOIN ledger_entries e ON e.id = p.entry_id
         WHERE p.account_id = ${account} ORDER BY p.occurred_at DESC, p.id DESC LIMIT ${limit} OFFSET ${offset}`,
      `SELECT count(*) AS total FROM ledger_postings WHERE account_id = $1`,
      params,
      page,
      (row) => ({ entryId: row.entry_id, kind: row.kind, reference: row.reference, amountMinor: Number(row.amount_minor), occurredAt: row.occurred_at }),
    );
  }

  async discrepancies(): Promise<Array<{ accountId: string; balanceMinor: number; postedMinor: number }>> {
    const rows: Array<{ id: string; balance_minor: string; posted: string }> = await this.db.query(
      `SELECT a.id, a.balance_minor, coalesce(p.posted, 0) AS posted
       FROM ledger_accounts a LEFT JOIN (SELECT account_id, sum(amount_minor) AS posted FROM ledger_postings GROUP BY account_id) p ON p.account_id = a.id
       WHERE a.balance_minor <> coalesce(p.posted, 0)`,
    );
    return rows.map((row) => ({ accountId: row.id, balanceMinor: Number(row.balance_minor), postedMinor: Number(row.posted) }));
  }
}
