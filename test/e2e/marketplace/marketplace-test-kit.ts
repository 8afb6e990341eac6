import { randomUUID } from 'node:crypto';
import type { TestApp } from '../../support/test-app';
import { Actor, Body, Caller, OrganizationsClient, StaffedOrganization } from '../organizations/organizations-test-kit';

/**
 * Fluent test data for the marketplace: organizations of each kind with every
 * role, listings created through the real routes. One thing goes straight to
 * the database: turning an organization into a dealership (only a platform
 * admin's route creates those, and the kind is all these tests need).
 */
export class MarketplaceClient extends OrganizationsClient {
  constructor(t: TestApp) {
    super(t);
  }

  async organizationOfKind(kind: 'creator_studio' | 'repair_shop' | 'dealership', tag: string): Promise<StaffedOrganization & { keyStaff: string }> {
    const org = await this.staffedOrganization(tag);
    await this.db.query(`UPDATE organizations SET kind = $2 WHERE id = $1`, [org.id, kind]);
    const key = await this.apiKey(org.principal, org.id, 'staff');
    return { ...org, keyStaff: key.secret };
  }

  as(actor: Actor, orgId?: string): Caller {
    return { token: actor.token, orgId };
  }

  async createListing(caller: Caller, orgId: string, body: Record<string, unknown>): Promise<Body> {
    return this.expectOk(this.request('POST', `/organizations/${orgId}/listings`, caller, { body }), 201);
  }
}

export const tuneBody = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  kind: 'tune',
  title: 'Stage 1 map for the MT-09',
  description: 'Smoother throttle, cleaner midrange.',
  price_minor: 14_900,
  currency: 'USD',
  tune: {
    model_ids: [randomUUID()],
    ecu_family: 'Bosch ME17',
    stage: 'stage1',
    declared_changes: { rev_limit_rpm: 11_500, ignition_advance_deg: 1.5, afr_min: 12.8, afr_max: 13.4, fuel_map_change_pct: 4 },
  },
  ...overrides,
});

export const partBody = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  kind: 'part',
  title: 'Brembo brake pads, sintered',
  description: 'Front pair, fits most naked bikes.',
  price_minor: 6_450,
  currency: 'EUR',
  stock: 5,
  part: { model_ids: [randomUUID()], part_number: 'BR-07BB37', condition: 'new' },
  ...overrides,
});

export const vehicleBody = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  kind: 'vehicle',
  title: '2021 Yamaha MT-09, one owner',
  description: 'Full service history.',
  price_minor: 899_000,
  currency: 'EUR',
  vehicle: { model_id: randomUUID(), year: 2021, mileage_km: 12_400, condition: 'used', vin: 'JYARN53E0MA000123', colour: 'Icon Blue', location: 'Lyon' },
  ...overrides,
});

/** A multipart/form-data body with one file field. */
export function multipart(content: Buffer, fileName: string, field = 'file'): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----revsync${randomUUID().replace(/-/g, '')}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Bytes that look like an ECU image (no known file signature). */
export function ecuImage(seed: number, size = 4096): Buffer {
  return Buffer.from(Array.from({ length: size }, (_, i) => (i * 31 + seed * 17 + 7) % 251));
}

export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6360000000020001e221bc330000000049454e44ae426082',
  'hex',
);
