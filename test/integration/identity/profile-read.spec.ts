import { DataSource } from 'typeorm';
import { toProfileView } from '../../../src/modules/identity/application/views';
import { TypeOrmAccountRepository } from '../../../src/modules/identity/infrastructure/persistence/typeorm-account.repository';
import type { TestApp } from '../../support/test-app';
import { IdentityClient, identityApp } from '../../e2e/identity/identity-test-kit';

/**
 * GET /me reads the profile as one JSON value written by Postgres instead of loading the account. Against the real
 * database: it is the account's profile, field for field, whatever time zone the connection runs in.
 */
describe('the profile read', () => {
  let t: TestApp;
  let api: IdentityClient;
  let db: DataSource;
  beforeAll(async () => {
    t = await identityApp();
    api = new IdentityClient(t);
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  it.each([
    ['UTC', '+447700900125'],
    ['Asia/Kathmandu', '+447700900126'],
    ['America/St_Johns', '+447700900127'],
  ])('equals the account’s profile in a session at %s', async (zone, phone) => {
    const user = await api.signUp({ phone_number: phone });
    await db.query(
      `UPDATE accounts SET phone_verified_at = now(), created_at = '1999-12-31 23:59:59.999999+00', updated_at = '2024-03-01 01:00:00.0125+01'
       WHERE id = $1`,
      [user.userId],
    );
    await db.transaction(async (manager) => {
      await manager.query(`SELECT set_config('TimeZone', $1, true)`, [zone]);
      const accounts = new TypeOrmAccountRepository(manager);
      const [profile, account] = await Promise.all([accounts.findProfile(user.userId), accounts.findById(user.userId)]);
      expect(profile?.view).toEqual(toProfileView(account!));
      expect(profile?.pictureVersion).toBeNull();
      expect(profile?.view).toEqual(
        expect.objectContaining({
          emailVerified: false,
          phoneVerified: true,
          phoneNumber: phone,
          createdAt: new Date('1999-12-31T23:59:59.999Z'),
          updatedAt: new Date('2024-03-01T00:00:00.012Z'),
        }),
      );
    });
  });

  it('finds nothing for an unknown id', async () => {
    await expect(new TypeOrmAccountRepository(db.manager).findProfile('00000000-0000-4000-8000-000000000000')).resolves.toBeUndefined();
  });
});
