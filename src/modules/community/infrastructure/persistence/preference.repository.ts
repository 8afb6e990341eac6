import type { Queryable } from '../../../../platform/database/sql';
import { ChannelPreference, EmailDelivery, NotificationType, isNotificationType } from '../../domain';
import type { PreferenceRepository } from '../../application/ports';

interface PreferenceRow {
  user_id: string;
  type: string;
  in_app: boolean;
  email: boolean;
  live: boolean;
}

const toPreference = (row: PreferenceRow): ChannelPreference => ({ inApp: row.in_app, email: row.email, live: row.live });

export class SqlPreferenceRepository implements PreferenceRepository {
  constructor(private readonly db: Queryable) {}

  async forUsers(type: NotificationType, userIds: string[]): Promise<Map<string, ChannelPreference>> {
    if (userIds.length === 0) return new Map();
    const rows: PreferenceRow[] = await this.db.query(
      `SELECT user_id, type, in_app, email, live FROM community_notification_preferences WHERE type = $1 AND user_id = ANY($2::uuid[])`,
      [type, userIds],
    );
    return new Map(rows.map((row) => [row.user_id, toPreference(row)]));
  }

  async emailDeliveries(userIds: string[]): Promise<Map<string, EmailDelivery>> {
    if (userIds.length === 0) return new Map();
    const rows: Array<{ user_id: string; email_delivery: EmailDelivery }> = await this.db.query(
      `SELECT user_id, email_delivery FROM community_notification_settings WHERE user_id = ANY($1::uuid[])`,
      [userIds],
    );
    return new Map(rows.map((row) => [row.user_id, row.email_delivery]));
  }

  async list(userId: string): Promise<Map<NotificationType, ChannelPreference>> {
    const rows: PreferenceRow[] = await this.db.query(`SELECT user_id, type, in_app, email, live FROM community_notification_preferences WHERE user_id = $1`, [
      userId,
    ]);
    return new Map(rows.filter((row) => isNotificationType(row.type)).map((row) => [row.type as NotificationType, toPreference(row)]));
  }

  async save(userId: string, type: NotificationType, preference: ChannelPreference): Promise<void> {
    await this.db.query(
      `INSERT INTO community_notification_preferences (user_id, type, in_app, email, live, updated_at) VALUES ($1, $2, $3, $4, $5, now())
       ON CONFLICT (user_id, type) DO UPDATE SET in_app = EXCLUDED.in_app, email = EXCLUDED.email, live = EXCLUDED.live, updated_at = now()`,
      [userId, type, preference.inApp, preference.email, preference.live],
    );
  }

  async saveEmailDelivery(userId: string, delivery: EmailDelivery): Promise<void> {
    await this.db.query(
      `INSERT INTO community_notification_settings (user_id, email_delivery, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (user_id) DO UPDATE SET email_delivery = EXCLUDED.email_delivery, updated_at = now()`,
      [userId, delivery],
    );
  }
}
