import type { Queryable } from '../../../../platform/database/sql';
import type { AppealRecord, AppealStatus, VerdictRecord, VerdictRepository } from '../../application/ports';

interface Row {
  id: string;
  listing_id: string;
  org_id: string;
  source: VerdictRecord['source'];
  verdict: VerdictRecord['verdict'];
  reason: string;
  legal_note: string | null;
  findings: unknown[];
  safety_score: number | null;
  confidence: string | null;
  flags: string[];
  rationale: string | null;
  model: string | null;
  prompt_version: string | null;
  input_hash: string | null;
  latency_ms: number | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  ai_status: string;
  actor_user_id: string | null;
  appealed_at: Date | null;
  created_at: Date;
}

function toRecord(r: Row): VerdictRecord {
  return {
    id: r.id,
    listingId: r.listing_id,
    orgId: r.org_id,
    source: r.source,
    verdict: r.verdict,
    reason: r.reason,
    legalNote: r.legal_note,
    findings: r.findings,
    safetyScore: r.safety_score,
    confidence: r.confidence === null ? null : Number(r.confidence),
    flags: r.flags,
    rationale: r.rationale,
    model: r.model,
    promptVersion: r.prompt_version,
    inputHash: r.input_hash,
    latencyMs: r.latency_ms,
    promptTokens: r.prompt_tokens,
    completionTokens: r.completion_tokens,
    aiStatus: r.ai_status,
    actorUserId: r.actor_user_id,
    appealedAt: r.appealed_at,
    createdAt: r.created_at,
  };
}

/** The safety gate's and moderators' verdicts, kept forever as the listing's review history. */
export class SqlVerdictRepository implements VerdictRepository {
  constructor(private readonly db: Queryable) {}

  async insert(v: VerdictRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO marketplace_verdicts (id, listing_id, org_id, source, verdict, reason, legal_note, findings, safety_score, confidence, flags, rationale, model,
         prompt_version, input_hash, latency_ms, prompt_tokens, completion_tokens, ai_status, actor_user_id, appealed_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)`,
      [
        v.id,
        v.listingId,
        v.orgId,
        v.source,
        v.verdict,
        v.reason,
        v.legalNote,
        JSON.stringify(v.findings),
        v.safetyScore,
        v.confidence,
        JSON.stringify(v.flags),
        v.rationale,
        v.model,
        v.promptVersion,
        v.inputHash,
        v.latencyMs,
        v.promptTokens,
        v.completionTokens,
        v.aiStatus,
        v.actorUserId,
        v.appealedAt,
        v.createdAt,
      ],
    );
  }

  async forListing(orgId: string, listingId: string): Promise<VerdictRecord[]> {
    const rows = (await this.db.query(`SELECT * FROM marketplace_verdicts WHERE org_id = $1 AND listing_id = $2 ORDER BY created_at, id`, [
      orgId,
      listingId,
    ])) as Row[];
    return rows.map(toRecord);
  }

  async latest(orgId: string, listingId: string, lock = false): Promise<VerdictRecord | undefined> {
    const rows = (await this.db.query(
      `SELECT * FROM marketplace_verdicts WHERE org_id = $1 AND listing_id = $2 ORDER BY created_at DESC, id DESC LIMIT 1${lock ? ' FOR UPDATE' : ''}`,
      [orgId, listingId],
    )) as Row[];
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  async markAppealed(id: string, at: Date): Promise<boolean> {
    const result = (await this.db.query(`UPDATE marketplace_verdicts SET appealed_at = $2 WHERE id = $1 AND appealed_at IS NULL`, [id, at])) as [
      unknown[],
      number,
    ];
    return result[1] > 0;
  }

  async appeals(filter: { status?: AppealStatus }, limit: number, offset: number): Promise<{ rows: AppealRecord[]; total: number }> {
    const where =
      filter.status === undefined
        ? 'true'
        : filter.status === 'pending'
          ? 'a.decision IS NULL'
          : `a.decision = '${filter.status === 'approved' ? 'approved' : 'rejected'}'`;
    const rows = (await this.db.query(
      `WITH a AS (
         SELECT v.id, v.listing_id, v.org_id, v.appealed_at, d.verdict AS decision, d.created_at AS decided_at, d.actor_user_id AS decided_by,
           (SELECT t.reason FROM marketplace_listing_transitions t
             WHERE t.org_id = v.org_id AND t.listing_id = v.listing_id AND t.to_status = 'needs_human' AND t.at >= v.appealed_at
             ORDER BY t.id LIMIT 1) AS reason
         FROM marketplace_verdicts v
         LEFT JOIN LATERAL (
           SELECT n.verdict, n.created_at, n.actor_user_id FROM marketplace_verdicts n
            WHERE n.org_id = v.org_id AND n.listing_id = v.listing_id AND n.created_at > v.appealed_at AND n.verdict IN ('approved', 'rejected')
            ORDER BY n.created_at, n.id LIMIT 1) d ON true
         WHERE v.appealed_at IS NOT NULL)
       SELECT a.*, count(*) OVER () AS total FROM a WHERE ${where} ORDER BY a.appealed_at, a.id LIMIT $1 OFFSET $2`,
      [limit, offset],
    )) as Array<{
      id: string;
      listing_id: string;
      org_id: string;
      appealed_at: Date;
      decision: 'approved' | 'rejected' | null;
      decided_at: Date | null;
      decided_by: string | null;
      reason: string | null;
      total: string;
    }>;
    // A page past the end has no row to carry the count: ask the first page.
    const total = rows.length > 0 ? Number(rows[0].total) : offset > 0 ? (await this.appeals(filter, 1, 0)).total : 0;
    return {
      rows: rows.map((r) => ({
        verdictId: r.id,
        listingId: r.listing_id,
        orgId: r.org_id,
        appealedAt: r.appealed_at,
        reason: r.reason === null ? null : r.reason.replace(/^appeal: /, ''),
        status: r.decision ?? 'pending',
        decidedAt: r.decided_at,
        decidedBy: r.decided_by,
      })),
      total,
    };
  }
}
