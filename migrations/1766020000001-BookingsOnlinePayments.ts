import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bookings paid online through commerce: a booking waiting for its payment is
 * `pending_payment` and holds its bay until hold_expires_at; unpaid then, it
 * is `expired` and, like a cancelled one, no longer holds the bay (the
 * exclusion constraint ignores both). payment_order_id names the commerce
 * order that paid it; refunded_minor what was given back.
 */
export class BookingsOnlinePayments1766020000001 implements MigrationInterface {
  name = 'BookingsOnlinePayments1766020000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE bookings DROP CONSTRAINT bookings_status_check`);
    await queryRunner.query(
      `ALTER TABLE bookings ADD CONSTRAINT bookings_status_check
         CHECK (status IN ('pending_payment', 'pending', 'confirmed', 'in_progress', 'completed', 'cancelled', 'expired'))`,
    );
    await queryRunner.query(`ALTER TABLE bookings DROP CONSTRAINT bookings_payment_status_check`);
    await queryRunner.query(`ALTER TABLE bookings ADD CONSTRAINT bookings_payment_status_check CHECK (payment_status IN ('unpaid', 'paid', 'refunded'))`);
    await queryRunner.query(`
      ALTER TABLE bookings
        ADD COLUMN hold_expires_at timestamptz,
        ADD COLUMN payment_order_id uuid,
        ADD COLUMN refunded_minor bigint NOT NULL DEFAULT 0,
        ADD CONSTRAINT bookings_refunded_check CHECK (refunded_minor >= 0 AND refunded_minor <= total_minor),
        ADD CONSTRAINT bookings_hold_check CHECK (status <> 'pending_payment' OR hold_expires_at IS NOT NULL)`);
    await queryRunner.query(`ALTER TABLE bookings DROP CONSTRAINT bookings_no_overlap`);
    await queryRunner.query(`
      ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap
        EXCLUDE USING gist (bay_id WITH =, tstzrange(starts_at, blocked_until, '[)') WITH &&) WHERE (status NOT IN ('cancelled', 'expired'))`);
    // The hold sweep looks across shops for holds that ended.
    await queryRunner.query(`CREATE INDEX bookings_holds_idx ON bookings (hold_expires_at) WHERE status = 'pending_payment'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX bookings_holds_idx`);
    await queryRunner.query(
      `UPDATE bookings SET status = 'cancelled', cancel_reason = coalesce(cancel_reason, 'payment not received') WHERE status IN ('pending_payment', 'expired')`,
    );
    await queryRunner.query(`UPDATE bookings SET payment_status = 'paid' WHERE payment_status = 'refunded'`);
    await queryRunner.query(`ALTER TABLE bookings DROP CONSTRAINT bookings_no_overlap`);
    await queryRunner.query(`
      ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap
        EXCLUDE USING gist (bay_id WITH =, tstzrange(starts_at, blocked_until, '[)') WITH &&) WHERE (status <> 'cancelled')`);
    await queryRunner.query(
      `ALTER TABLE bookings DROP CONSTRAINT bookings_hold_check, DROP CONSTRAINT bookings_refunded_check,
         DROP COLUMN refunded_minor, DROP COLUMN payment_order_id, DROP COLUMN hold_expires_at`,
    );
    await queryRunner.query(`ALTER TABLE bookings DROP CONSTRAINT bookings_payment_status_check`);
    await queryRunner.query(`ALTER TABLE bookings ADD CONSTRAINT bookings_payment_status_check CHECK (payment_status IN ('unpaid', 'paid'))`);
    await queryRunner.query(`ALTER TABLE bookings DROP CONSTRAINT bookings_status_check`);
    await queryRunner.query(
      `ALTER TABLE bookings ADD CONSTRAINT bookings_status_check CHECK (status IN ('pending', 'confirmed', 'in_progress', 'completed', 'cancelled'))`,
    );
  }
}
