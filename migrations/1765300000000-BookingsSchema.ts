import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The bookings context: each repair shop's profile (hours, closures, service
 * locations, rules), bays, service categories, services and per-model prices,
 * bookings, and the Idempotency-Key records of booking creation. Every table
 * is tenant-owned (org_id NOT NULL, indexes lead with it). Vehicle models are
 * the catalog's: referenced by id, checked through its facade, no foreign key
 * across contexts.
 */
export class BookingsSchema1765300000000 implements MigrationInterface {
  name = 'BookingsSchema1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await queryRunner.query(`
      CREATE TABLE booking_shops (
        org_id uuid PRIMARY KEY,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
        address_line text NOT NULL,
        city text NOT NULL,
        city_key text GENERATED ALWAYS AS (lower(city)) STORED,
        postal_code text NOT NULL,
        country_code text NOT NULL CHECK (country_code ~ '^[A-Z]{2}$'),
        calling_code text NOT NULL CHECK (calling_code ~ '^[1-9][0-9]{0,3}$'),
        phone text NOT NULL CHECK (phone ~ '^\\+[1-9][0-9]{7,14}$'),
        email text,
        time_zone text NOT NULL,
        currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        weekly_hours jsonb NOT NULL DEFAULT '[]'::jsonb,
        closures jsonb NOT NULL DEFAULT '[]'::jsonb,
        service_locations text[] NOT NULL CHECK (service_locations <@ ARRAY['shop', 'home']::text[] AND cardinality(service_locations) > 0),
        home_service_postal_codes text[] NOT NULL DEFAULT '{}',
        home_service_cities text[] NOT NULL DEFAULT '{}',
        vehicle_type_ids uuid[] NOT NULL DEFAULT '{}',
        slot_step_minutes integer NOT NULL CHECK (slot_step_minutes BETWEEN 5 AND 240),
        buffer_minutes integer NOT NULL CHECK (buffer_minutes BETWEEN 0 AND 240),
        min_notice_minutes integer NOT NULL CHECK (min_notice_minutes BETWEEN 0 AND 43200),
        cancel_notice_minutes integer NOT NULL CHECK (cancel_notice_minutes BETWEEN 0 AND 43200),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX booking_shops_city_idx ON booking_shops (city_key)`);
    await queryRunner.query(`CREATE INDEX booking_shops_types_idx ON booking_shops USING gin (vehicle_type_ids)`);

    await queryRunner.query(`
      CREATE TABLE booking_bays (
        id uuid PRIMARY KEY,
        org_id uuid NOT NULL REFERENCES booking_shops (org_id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (org_id, id),
        CONSTRAINT booking_bays_name_key UNIQUE (org_id, name)
      )`);

    await queryRunner.query(`
      CREATE TABLE booking_service_categories (
        id uuid PRIMARY KEY,
        org_id uuid NOT NULL REFERENCES booking_shops (org_id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
        description text NOT NULL DEFAULT '',
        position integer NOT NULL DEFAULT 0,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (org_id, id),
        CONSTRAINT booking_service_categories_name_key UNIQUE (org_id, name)
      )`);

    await queryRunner.query(`
      CREATE TABLE booking_services (
        id uuid PRIMARY KEY,
        org_id uuid NOT NULL,
        category_id uuid NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
        description text NOT NULL DEFAULT '',
        duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 5 AND 1440),
        base_price_minor bigint NOT NULL CHECK (base_price_minor >= 0),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (org_id, id),
        CONSTRAINT booking_services_name_key UNIQUE (org_id, name),
        FOREIGN KEY (org_id, category_id) REFERENCES booking_service_categories (org_id, id)
      )`);
    await queryRunner.query(`CREATE INDEX booking_services_category_idx ON booking_services (org_id, category_id)`);

    await queryRunner.query(`
      CREATE TABLE booking_service_prices (
        org_id uuid NOT NULL,
        service_id uuid NOT NULL,
        vehicle_model_id uuid NOT NULL,
        price_minor bigint NOT NULL CHECK (price_minor >= 0),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (org_id, service_id, vehicle_model_id),
        FOREIGN KEY (org_id, service_id) REFERENCES booking_services (org_id, id) ON DELETE CASCADE
      )`);
    await queryRunner.query(`CREATE INDEX booking_service_prices_model_idx ON booking_service_prices (org_id, vehicle_model_id)`);

    // No double booking: two bookings that are not cancelled never hold the same
    // bay over overlapping job-plus-buffer ranges, whatever the application checked.
    await queryRunner.query(`
      CREATE TABLE bookings (
        id uuid PRIMARY KEY,
        org_id uuid NOT NULL,
        bay_id uuid NOT NULL,
        customer_user_id uuid,
        customer_name text NOT NULL,
        customer_phone text NOT NULL CHECK (customer_phone ~ '^\\+[1-9][0-9]{7,14}$'),
        customer_email text,
        vehicle_model_id uuid NOT NULL,
        service_location text NOT NULL CHECK (service_location IN ('shop', 'home')),
        address text,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        blocked_until timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'confirmed', 'in_progress', 'completed', 'cancelled')),
        cancel_reason text,
        services jsonb NOT NULL,
        total_minor bigint NOT NULL CHECK (total_minor >= 0),
        currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        payment_method text NOT NULL CHECK (payment_method IN ('cash', 'razorpay', 'stripe')),
        payment_status text NOT NULL CHECK (payment_status IN ('unpaid', 'paid')),
        paid_at timestamptz,
        notes text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        CHECK (ends_at > starts_at AND blocked_until >= ends_at),
        CHECK (status <> 'cancelled' OR cancel_reason IS NOT NULL),
        CHECK (service_location <> 'home' OR address IS NOT NULL),
        FOREIGN KEY (org_id, bay_id) REFERENCES booking_bays (org_id, id),
        CONSTRAINT bookings_no_overlap EXCLUDE USING gist (bay_id WITH =, tstzrange(starts_at, blocked_until, '[)') WITH &&) WHERE (status <> 'cancelled')
      )`);
    await queryRunner.query(`CREATE INDEX bookings_org_start_idx ON bookings (org_id, starts_at)`);
    await queryRunner.query(`CREATE INDEX bookings_org_status_idx ON bookings (org_id, status, starts_at)`);
    await queryRunner.query(`CREATE INDEX bookings_customer_idx ON bookings (customer_user_id, starts_at DESC) WHERE customer_user_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX bookings_phone_idx ON bookings (customer_phone, starts_at DESC)`);

    await queryRunner.query(`
      CREATE TABLE booking_idempotency_keys (
        scope text NOT NULL,
        key text NOT NULL,
        org_id uuid NOT NULL,
        request_hash text NOT NULL,
        -- Written before its booking in the same transaction, so a second request with the key waits on it.
        booking_id uuid NOT NULL REFERENCES bookings (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (scope, key)
      )`);
    await queryRunner.query(`CREATE INDEX booking_idempotency_keys_org_idx ON booking_idempotency_keys (org_id, created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE booking_idempotency_keys`);
    await queryRunner.query(`DROP TABLE bookings`);
    await queryRunner.query(`DROP TABLE booking_service_prices`);
    await queryRunner.query(`DROP TABLE booking_services`);
    await queryRunner.query(`DROP TABLE booking_service_categories`);
    await queryRunner.query(`DROP TABLE booking_bays`);
    await queryRunner.query(`DROP TABLE booking_shops`);
  }
}
