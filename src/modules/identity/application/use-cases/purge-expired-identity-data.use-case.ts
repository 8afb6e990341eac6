import { Inject, Injectable } from '@nestjs/common';
import { IDENTITY_RETENTION, IDENTITY_SETTINGS, IdentityRetention, IdentitySettings, PurgedCounts } from '../ports';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Rows per DELETE: large enough for an hourly sweep to keep up, small enough to keep each statement short. */
export const RETENTION_BATCH_SIZE = 5_000;

/**
 * The retention sweep (a repeatable worker job): deletes what identity no
 * longer needs, so tables that grow with every sign-in and refresh stay the
 * size of the active user base.
 *
 * - sessions that were revoked or expired more than `retentionDays` ago, with
 *   their refresh tokens (a token of a deleted session is simply unknown: 401);
 * - e-mail links used or expired that long ago, and phone codes older than
 *   that (the per-phone and per-IP limits look back at most a day);
 * - login failure streaks older than the failure window with no block running
 *   (the throttle forgets them anyway).
 *
 * Security events are the audit trail and are never deleted here.
 */
@Injectable()
export class PurgeExpiredIdentityDataUseCase {
  constructor(
    @Inject(IDENTITY_RETENTION) private readonly retention: IdentityRetention,
    @Inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
  ) {}

  execute(now: Date = new Date()): Promise<PurgedCounts> {
    return this.retention.purge(
      {
        endedBefore: new Date(now.getTime() - this.settings.retentionDays * DAY_MS),
        staleThrottlesBefore: new Date(now.getTime() - this.settings.loginFailureWindowSeconds * 1000),
        now,
      },
      RETENTION_BATCH_SIZE,
    );
  }
}
