import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DemoSeed, DemoSeeder } from '../../../../platform/demo/demo-seed';
import { systemContext } from '../../../../platform/kernel';
import { CatalogApi } from '../../../catalog';
import { IdentityApi } from '../../../identity';
import { DEMO_CUSTOMERS, OrganizationsApi } from '../../../organizations';
import { BOOKINGS_UNIT_OF_WORK, BookingsUnitOfWork } from '../../application/ports';
import { Booking, BookingStatus } from '../../domain/booking';
import { quote } from '../../domain/pricing';
import type { Bay, Service, ShopProfile } from '../../domain/shop';
import { WEEKDAYS } from '../../domain/shop-schedule';
import { addDays, zonedInstant, zonedParts } from '../../domain/zoned-time';

export const PIT_LANE_SLUG = 'pit-lane-repairs';
const TIME_ZONE = 'Asia/Kolkata';

/** The catalog's ids are RFC 9562 v5 UUIDs of `vehicle-model:<brand>/<model>` in its fixed namespace, the same in every environment. */
function catalogModelId(brandSlug: string, modelSlug: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from('5b0f3c1e9a7d4e62b8c4d2f1a6e09c37', 'hex'))
    .update(`vehicle-model:${brandSlug}/${modelSlug}`, 'utf8')
    .digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Popular models and what they pay over the base price, in paise per service (by service name). */
const POPULAR_MODELS: Array<{ brand: string; model: string; surcharge: number }> = [
  { brand: 'royal-enfield', model: 'classic-350', surcharge: 10_000 },
  { brand: 'bajaj', model: 'pulsar-150', surcharge: 0 },
  { brand: 'honda', model: 'activa', surcharge: -5_000 },
  { brand: 'ktm', model: '390-duke', surcharge: 25_000 },
];

const CATALOG: Array<{ category: string; services: Array<{ name: string; minutes: number; price: number }> }> = [
  {
    category: 'General service',
    services: [
      { name: 'Periodic service', minutes: 120, price: 149_900 },
      { name: 'Oil change', minutes: 30, price: 49_900 },
      { name: 'Chain clean and lube', minutes: 30, price: 19_900 },
    ],
  },
  {
    category: 'Brakes and tyres',
    services: [
      { name: 'Brake pad replacement', minutes: 60, price: 89_900 },
      { name: 'Puncture repair', minutes: 30, price: 14_900 },
    ],
  },
  { category: 'Electrical', services: [{ name: 'Battery check and replacement', minutes: 45, price: 29_900 }] },
];

/**
 * Pit Lane Repairs' bookings: a profile in Bengaluru, two bays, a priced
 * catalog with prices for popular models, and a booking in every state for
 * the demo customers. Runs after the organizations' demo data; idempotent
 * (a shop that already has a profile is left as it is).
 */
@Injectable()
@DemoSeed({ order: 20 })
export class PitLaneDemoSeeder implements DemoSeeder {
  private readonly logger = new Logger('BookingsDemo');

  constructor(
    @Inject(BOOKINGS_UNIT_OF_WORK) private readonly uow: BookingsUnitOfWork,
    private readonly organizations: OrganizationsApi,
    private readonly identity: IdentityApi,
    private readonly catalog: CatalogApi,
  ) {}

  seed(): Promise<{ shop: 'created' | 'present' | 'missing'; bookings: number }> {
    return this.seedShop(PIT_LANE_SLUG);
  }

  /** The demo shop for the repair-shop organization with this slug (tests use their own organization). */
  async seedShop(slug: string): Promise<{ shop: 'created' | 'present' | 'missing'; bookings: number }> {
    const ctx = systemContext(`demo-seed-${randomUUID()}`);
    const org = await this.organizations.organizationBySlug(ctx, slug);
    if (!org) return { shop: 'missing', bookings: 0 };
    if (await this.uow.repos.shops.find(org.id)) return { shop: 'present', bookings: 0 };

    const models: Array<(typeof POPULAR_MODELS)[number] & { id: string; typeId: string }> = [];
    for (const entry of POPULAR_MODELS) {
      const model = await this.catalog.vehicleModel(ctx, catalogModelId(entry.brand, entry.model));
      if (model) models.push({ ...entry, id: model.id, typeId: model.type.id });
    }
    const shop: ShopProfile = {
      orgId: org.id,
      name: org.name,
      addressLine: '42 Residency Road',
      city: 'Bengaluru',
      postalCode: '560025',
      countryCode: 'IN',
      callingCode: '91',
      phone: '+918041234567',
      email: 'desk@pit-lane-repairs.demo.revsync.dev',
      timeZone: TIME_ZONE,
      currency: 'INR',
      weeklyHours: WEEKDAYS.filter((day) => day !== 'sunday').map((day) => ({ day, open: '09:00', close: day === 'saturday' ? '14:00' : '18:30' })),
      closures: [{ date: `${new Date().getUTCFullYear() + 1}-01-26`, reason: 'Republic Day' }],
      serviceLocations: ['shop', 'home'],
      homeServicePostalCodes: ['560001', '560025', '560034', '560038'],
      homeServiceCities: [],
      vehicleTypeIds: [...new Set(models.map((model) => model.typeId))],
      slotStepMinutes: 30,
      bufferMinutes: 15,
      minNoticeMinutes: 120,
      cancelNoticeMinutes: 240,
      updatedAt: new Date(),
    };

    return this.uow.run(async (repos) => {
      await repos.shops.upsert(shop);
      const bays: Bay[] = ['Bay 1', 'Bay 2'].map((name) => ({ id: randomUUID(), orgId: org.id, name, active: true }));
      for (const bay of bays) await repos.bays.insert(bay);
      const services: Service[] = [];
      for (const [position, group] of CATALOG.entries()) {
        const categoryId = randomUUID();
        await repos.categories.insert({ id: categoryId, orgId: org.id, name: group.category, description: '', position, active: true });
        for (const item of group.services) {
          const service: Service = {
            id: randomUUID(),
            orgId: org.id,
            categoryId,
            name: item.name,
            description: '',
            durationMinutes: item.minutes,
            basePriceMinor: item.price,
            active: true,
          };
          await repos.services.insert(service);
          services.push(service);
          for (const model of models) {
            if (model.surcharge !== 0) await repos.services.setModelPrice(org.id, service.id, model.id, item.price + model.surcharge);
          }
        }
      }

      const customers = await Promise.all(DEMO_CUSTOMERS.map((person) => this.identity.findAccountByEmail(ctx, person.email)));
      const today = zonedParts(new Date(), TIME_ZONE).date;
      const plan: Array<{
        status: Exclude<BookingStatus, 'pending_payment' | 'expired'>;
        day: number;
        time: number;
        bay: number;
        services: number[];
        paid?: boolean;
      }> = [
        { status: 'completed', day: -6, time: 10 * 60, bay: 0, services: [0, 2], paid: true },
        { status: 'completed', day: -3, time: 11 * 60, bay: 1, services: [3], paid: true },
        { status: 'cancelled', day: -2, time: 15 * 60, bay: 0, services: [1] },
        { status: 'in_progress', day: 0, time: 9 * 60, bay: 1, services: [0] },
        { status: 'confirmed', day: 2, time: 10 * 60, bay: 0, services: [1, 4] },
        { status: 'pending', day: 3, time: 14 * 60, bay: 1, services: [5] },
      ];
      const model = models[0];
      for (const [index, entry] of plan.entries()) {
        if (!model) break;
        const customer = customers[index % customers.length];
        const date = addDays(today, entry.day);
        const priced = quote(
          entry.services.map((i) => ({
            id: services[i].id,
            name: services[i].name,
            durationMinutes: services[i].durationMinutes,
            basePriceMinor: services[i].basePriceMinor,
            modelPriceMinor: model.surcharge !== 0 ? services[i].basePriceMinor + model.surcharge : null,
          })),
        );
        const startsAt = zonedInstant(date, entry.time, TIME_ZONE);
        const endsAt = new Date(startsAt.getTime() + priced.durationMinutes * 60_000);
        const booking = Booking.create({
          id: randomUUID(),
          orgId: org.id,
          bayId: bays[entry.bay].id,
          customerUserId: customer?.id ?? null,
          customerName: customer?.fullName ?? 'Walk-in customer',
          customerPhone: `+9198450000${String(index).padStart(2, '0')}`,
          customerEmail: customer?.email ?? null,
          vehicleModelId: model.id,
          serviceLocation: 'shop',
          address: null,
          startsAt,
          endsAt,
          blockedUntil: new Date(endsAt.getTime() + shop.bufferMinutes * 60_000),
          services: priced.services,
          totalMinor: priced.totalMinor,
          currency: 'INR',
          paymentMethod: 'cash',
          notes: null,
          createdAt: new Date(startsAt.getTime() - 3 * 86_400_000),
        });
        const path: BookingStatus[] = {
          pending: [],
          confirmed: ['confirmed'],
          in_progress: ['confirmed', 'in_progress'],
          completed: ['confirmed', 'in_progress', 'completed'],
          cancelled: ['cancelled'],
        }[entry.status] as BookingStatus[];
        for (const step of path) booking.changeStatus(step, step === 'cancelled' ? 'Customer could not make it' : null, new Date());
        if (entry.paid) booking.markPaid(endsAt);
        await repos.bookings.insert(booking);
      }
      this.logger.log({ msg: 'Pit Lane Repairs bookings demo data seeded', services: services.length, models: models.length });
      return { shop: 'created' as const, bookings: model ? plan.length : 0 };
    });
  }
}
