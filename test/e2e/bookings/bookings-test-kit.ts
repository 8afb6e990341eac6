import type { Response as InjectResponse } from 'light-my-request';
import { createTestApp, TestApp } from '../../support/test-app';
import { testConfig } from '../../support/test-config';
import { OTP_CODE, uniquePhone } from '../identity/identity-test-kit';
import { Actor, Body, OrganizationsClient, StaffedOrganization } from '../organizations/organizations-test-kit';

export { uniquePhone };

/** The real application with jobs (events, messages), generous limits, and a booking horizon reaching the next DST changes. */
export async function bookingsApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  return createTestApp({
    processJobs: true,
    config: testConfig({
      AUTH_RATE_LIMIT_MAX: '100000',
      RATE_LIMIT_MAX: '100000',
      IDENTITY_OTP_RESEND_COOLDOWN_SECONDS: '0',
      IDENTITY_OTP_MAX_PER_PHONE: '1000',
      IDENTITY_OTP_MAX_PER_IP: '100000',
      BOOKINGS_MAX_ADVANCE_DAYS: '500',
      ...overrides,
    }),
  });
}

export interface Shop {
  org: StaffedOrganization;
  keys: { staff: string; manager: string; principal: string };
  bays: string[];
  categoryId: string;
  services: { oil: string; chain: string; brakes: string };
  timeZone: string;
}

export interface Models {
  cbr: string;
  duke: string;
  activa: string;
  motorcycleType: string;
}

/** A date of a zone's calendar, `days` from today there. */
export function dateIn(timeZone: string, days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export function shopProfile(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const days = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
  return {
    name: 'Test Garage',
    address_line: '12 MG Road',
    city: 'Bengaluru',
    postal_code: '560001',
    country_code: 'IN',
    calling_code: '91',
    phone: '080 4567 8901',
    email: 'desk@garage.example.com',
    time_zone: 'Asia/Kolkata',
    currency: 'INR',
    weekly_hours: days.map((day) => ({ day, open: '09:00', close: '18:00' })),
    closures: [],
    service_locations: ['shop', 'home'],
    home_service_postal_codes: ['560001', '560002'],
    home_service_cities: [],
    vehicle_type_ids: [],
    slot_step_minutes: 30,
    buffer_minutes: 15,
    min_notice_minutes: 60,
    cancel_notice_minutes: 240,
    ...overrides,
  };
}

export class BookingsClient extends OrganizationsClient {
  /** As a member acting in the shop (X-Organization-Id), or with an API key. */
  as(actor: Actor | undefined, orgId?: string): { token?: string; orgId?: string } {
    return actor ? { token: actor.token, orgId } : {};
  }

  async models(): Promise<Models> {
    const find = async (q: string) => {
      const body = await this.expectOk(this.request('GET', '/catalog/vehicle-models', undefined, { query: { q } }));
      return body.data[0] as Body;
    };
    const [cbr, duke, activa] = await Promise.all([find('CBR650R'), find('390 Duke'), find('Activa')]);
    return { cbr: cbr.id, duke: duke.id, activa: activa.id, motorcycleType: cbr.vehicle_type.id };
  }

  /** A repair shop with a profile, `bayCount` bays, one category and three services, and API keys. */
  async shop(tag: string, profile: Record<string, unknown> = {}, bayCount = 2): Promise<Shop> {
    const org = await this.staffedOrganization(tag);
    const manager = { token: org.manager.token, orgId: org.id };
    await this.expectOk(this.request('PUT', '/shop-info', manager, { body: shopProfile({ name: `Garage ${tag} ${org.slug}`, ...profile }) }));
    const bays: string[] = [];
    for (let i = 1; i <= bayCount; i++) bays.push((await this.expectOk(this.request('POST', '/shop/bays', manager, { body: { name: `Bay ${i}` } }), 201)).id);
    const category = await this.expectOk(this.request('POST', '/service-categories', manager, { body: { name: 'Maintenance', position: 1 } }), 201);
    const service = async (name: string, duration: number, price: number) =>
      (
        await this.expectOk(
          this.request('POST', '/services', manager, { body: { category_id: category.id, name, duration_minutes: duration, base_price_minor: price } }),
          201,
        )
      ).id as string;
    const oil = await service('Oil change', 30, 50_000);
    const chain = await service('Chain lube', 30, 20_000);
    const brakes = await service('Brake service', 60, 120_000);
    const [staff, managerKey, principal] = await Promise.all([
      this.apiKey(org.principal, org.id, 'staff'),
      this.apiKey(org.principal, org.id, 'manager'),
      this.apiKey(org.principal, org.id, 'principal'),
    ]);
    return {
      org,
      keys: { staff: staff.secret, manager: managerKey.secret, principal: principal.secret },
      bays,
      categoryId: category.id,
      services: { oil, chain, brakes },
      timeZone: String((profile.time_zone as string | undefined) ?? 'Asia/Kolkata'),
    };
  }

  bookingBody(shop: Shop, vehicleModelId: string, date: string, time: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      shop_id: shop.org.id,
      customer_name: 'John Doe',
      customer_phone: '9876543210',
      customer_email: null,
      vehicle_model_id: vehicleModelId,
      service_ids: [shop.services.oil],
      service_location: 'shop',
      appointment_date: date,
      appointment_time: time,
      payment_method: 'cash',
      notes: 'Front brake squeaks',
      ...overrides,
    };
  }

  book(customer: Actor, body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<InjectResponse> {
    return this.request('POST', '/bookings', { token: customer.token }, { body, headers });
  }

  /** Sends a verification code to `phone` (identity's route) and reads it from the outbox. */
  async phoneCode(phone: string): Promise<string> {
    const after = new Date(Date.now() - 1000);
    await this.expectOk(
      this.t.app.inject({ method: 'POST', url: '/api/v1/auth/phone/request-otp', payload: { phone_number: phone, purpose: 'verification' } }),
      202,
    );
    return this.identity.message(phone, OTP_CODE, { after });
  }

  staffRequest(
    method: 'GET' | 'PATCH' | 'POST',
    path: string,
    shop: Shop,
    who: 'staff' | 'manager' | 'principal' | 'key',
    body?: unknown,
    query?: Record<string, string>,
  ) {
    const caller = who === 'key' ? { apiKey: shop.keys.staff } : { token: shop.org[who].token, orgId: shop.org.id };
    return this.request(method, path, caller, { body, query });
  }
}

export async function until<T>(probe: () => Promise<T | undefined | false>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}
