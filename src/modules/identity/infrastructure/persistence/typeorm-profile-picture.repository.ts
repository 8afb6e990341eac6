import type { EntityManager } from 'typeorm';
import type { ProfilePictureRepository } from '../../application/ports';

/** profile_pictures: one row per user with a picture, naming its current version. */
export class TypeOrmProfilePictureRepository implements ProfilePictureRepository {
  constructor(private readonly manager: EntityManager) {}

  async versionOf(userId: string): Promise<string | undefined> {
    const [row]: Array<{ version: string }> = await this.manager.query(`SELECT version FROM profile_pictures WHERE user_id = $1`, [userId]);
    return row?.version;
  }

  async versionsOf(userIds: string[]): Promise<Map<string, string>> {
    if (userIds.length === 0) return new Map();
    const rows: Array<{ user_id: string; version: string }> = await this.manager.query(
      `SELECT user_id, version FROM profile_pictures WHERE user_id = ANY($1::uuid[])`,
      [userIds],
    );
    return new Map(rows.map((row) => [row.user_id, row.version]));
  }

  async replace(userId: string, version: string): Promise<string | undefined> {
    // The old version is read under the row lock the upsert takes, so two uploads racing each see what they replaced.
    const [row]: Array<{ previous: string | null }> = await this.manager.query(
      `WITH old AS (SELECT version FROM profile_pictures WHERE user_id = $1 FOR UPDATE)
       INSERT INTO profile_pictures (user_id, version, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (user_id) DO UPDATE SET version = EXCLUDED.version, updated_at = now()
       RETURNING (SELECT version FROM old) AS previous`,
      [userId, version],
    );
    return row?.previous ?? undefined;
  }

  async remove(userId: string): Promise<string | undefined> {
    const [rows]: [Array<{ version: string }>, number] = await this.manager.query(`DELETE FROM profile_pictures WHERE user_id = $1 RETURNING version`, [
      userId,
    ]);
    return rows[0]?.version;
  }
}
