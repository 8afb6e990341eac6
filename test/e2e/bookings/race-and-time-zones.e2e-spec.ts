import type { TestApp } from '../../support/test-app';
import { Actor } from '../organizations/organizations-test-kit';
import { BookingsClient, bookingsApp, dateIn, Models, Shop } from './bookings-test-kit';

/** The next date (YYYY-MM-DD) after today on which New York's offset changes: the DST days this suite books on. */
function nextNewYorkChange(direction: 'forward' | 'back'): string {
  const offsetAt = (ms: number) => {
    const name = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', timeZoneName: 'shortOffset' }).formatToParts(new Date(ms));
    return name.find((part) => part.type === 'timeZoneName')!.value;
  };
  let day = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 1, 12);
  for (let i = 0; i < 400; i++, day += 86_400_000) {
    const before = offsetAt(day - 86_400_000 + 6 * 3_600_000 - 12 * 3_600_000);
    const after = offsetAt(day + 6 * 3_600_000 - 12 * 3_600_000 + 86_400_000 / 2);
    if (before !== after && (direction === 'forward' ? after === 'GMT-4' : after === 'GMT-5')) return new Date(day).toISOString().slice(0, 10);
  }
  throw new Error('no DST change within 400 days');
}

describe('bookings: no double booking under a race, and daylight-saving days', () => {
  let t: TestApp;
  let c: BookingsClient;
  let race: Shop;
  let ny: Shop;
  let models: Models;
  let customers: Actor[];

  beforeAll(async () => {
    // A hundred requests at once on a pool of 20: enough to serve them well within the acquisition timeout, while leaving
    // Postgres connections to the suites running beside this one (with 40, a clean CI run answered 500 to three of the hundred).
    t = await bookingsApp({ DATABASE_POOL_MAX: '20' });
    c = new BookingsClient(t);
    models = await c.models();
    const nights = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((day) => ({ day, open: '00:00', close: '06:00' }));
    [race, ny, ...customers] = await Promise.all([
      c.shop('race', { slot_step_minutes: 5, buffer_minutes: 0 }, 1),
      c.shop(
        'ny',
        {
          time_zone: 'America/New_York',
          calling_code: '1',
          phone: '+14155550100',
          weekly_hours: nights,
          slot_step_minutes: 60,
          buffer_minutes: 0,
          min_notice_minutes: 0,
        },
        1,
      ),
      ...Array.from({ length: 10 }, (_, i) => c.signUp(`racer${i}`)),
    ]);
  }, 180_000);
  afterAll(() => t.close());

  it('lets exactly one of 100 parallel requests for overlapping slots on one bay succeed; the others get 409 with next free slots', async () => {
    const day = dateIn('Asia/Kolkata', 2);
    // A 60 minute job from 10:00 to 10:45 in 5 minute steps: every request overlaps every other.
    const times = Array.from({ length: 100 }, (_, i) => `10:${String((i % 10) * 5).padStart(2, '0')}`);
    const responses = await Promise.all(
      times.map((time, i) => c.book(customers[i % customers.length], c.bookingBody(race, models.cbr, day, time, { service_ids: [race.services.brakes] }))),
    );
    const statuses = responses.map((res) => res.statusCode);
    const unexpected = responses.filter((res) => res.statusCode !== 201 && res.statusCode !== 409).map((res) => res.body);
    expect(unexpected.slice(0, 3)).toEqual([]);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(99);
    const conflict = responses.find((res) => res.statusCode === 409)!.json();
    expect(conflict.code).toBe('BOOKINGS.SLOT_UNAVAILABLE');
    expect(conflict.next_slots.length).toBeGreaterThan(0);
    const [{ count }] = await c.db.query(`SELECT count(*)::int AS count FROM bookings WHERE org_id = $1 AND status <> 'cancelled'`, [race.org.id]);
    expect(count).toBe(1);
  });

  it('has Postgres refuse an overlapping booking on a bay even when the application does not check', async () => {
    const [existing] = await c.db.query(`SELECT * FROM bookings WHERE org_id = $1 LIMIT 1`, [race.org.id]);
    const copy = `INSERT INTO bookings (id, org_id, bay_id, customer_name, customer_phone, vehicle_model_id, service_location, starts_at, ends_at, blocked_until,
        status, services, total_minor, currency, payment_method, payment_status, created_at, updated_at)
      SELECT gen_random_uuid(), org_id, bay_id, customer_name, customer_phone, vehicle_model_id, service_location, starts_at + interval '10 minutes',
        ends_at + interval '10 minutes', blocked_until + interval '10 minutes', $2, services, total_minor, currency, payment_method, payment_status, now(), now()
      FROM bookings WHERE id = $1`;
    await expect(c.db.query(copy, [existing.id, 'pending'])).rejects.toMatchObject({ driverError: expect.objectContaining({ code: '23P01' }) });
    // A cancelled booking does not hold the bay.
    const cancelled = copy.replace('status, services', 'status, cancel_reason, services').replace('$2, services', "$2, 'test', services");
    await expect(c.db.query(cancelled, [existing.id, 'cancelled'])).resolves.toBeDefined();
  });

  it('offers no time that does not exist on the night clocks go forward, and books by the real instant', async () => {
    const day = nextNewYorkChange('forward');
    const slots = await c.expectOk(
      c.request('GET', '/availability', undefined, { query: { shop_id: ny.org.id, date: day, vehicle_model_id: models.cbr, service_ids: ny.services.brakes } }),
    );
    expect(slots.slots.map((s: { appointment_time: string }) => s.appointment_time)).toEqual(['00:00', '01:00', '03:00', '04:00', '05:00']);
    expect(slots.slots[2].local_time).toBe(`${day}T03:00:00-04:00`);
    const booked = await c.expectOk(
      c.book(customers[0], c.bookingBody(ny, models.cbr, day, '03:00', { customer_phone: '4155550199', service_ids: [ny.services.brakes] })),
      201,
    );
    expect(booked).toMatchObject({ starts_at: `${day}T07:00:00.000Z`, customer_phone: '+14155550199' });
  });

  it('offers both 01:00s on the night clocks go back', async () => {
    const day = nextNewYorkChange('back');
    const slots = await c.expectOk(
      c.request('GET', '/availability', undefined, { query: { shop_id: ny.org.id, date: day, vehicle_model_id: models.cbr, service_ids: ny.services.brakes } }),
    );
    expect(slots.slots.map((s: { local_time: string }) => s.local_time.slice(11))).toEqual([
      '00:00:00-04:00',
      '01:00:00-04:00',
      '01:00:00-05:00',
      '02:00:00-05:00',
      '03:00:00-05:00',
      '04:00:00-05:00',
      '05:00:00-05:00',
    ]);
  });
});
