import { Queryable, SqlParams, likeContains, pgError, selectPage, UNIQUE_VIOLATION } from '../../../../platform/database/sql';
import { orderBy, type Page, type PageRequest } from '../../../../platform/kernel';
import { BookingsErrors } from '../../domain/bookings-errors';
import type { ServiceLocation } from '../../domain/booking';
import type { Bay, Service, ServiceCategory, ShopProfile } from '../../domain/shop';
import type { Closure, OpeningHours } from '../../domain/shop-schedule';
import type {
  AdminServiceFilter,
  AdminServiceRow,
  AdminServiceSort,
  BayRepository,
  CategoryRepository,
  ServiceRepository,
  ServiceWithModelPrice,
  ShopListFilter,
  ShopRepository,
} from '../../application/ports';

interface ShopRow {
  org_id: string;
  name: string;
  address_line: string;
  city: string;
  postal_code: string;
  country_code: string;
  calling_code: string;
  phone: string;
  email: string | null;
  time_zone: string;
  currency: string;
  weekly_hours: OpeningHours[];
  closures: Closure[];
  service_locations: ServiceLocation[];
  home_service_postal_codes: string[];
  home_service_cities: string[];
  vehicle_type_ids: string[];
  slot_step_minutes: number;
  buffer_minutes: number;
  min_notice_minutes: number;
  cancel_notice_minutes: number;
  updated_at: Date;
}

const SHOP_COLUMNS = `s.org_id, s.name, s.address_line, s.city, s.postal_code, s.country_code, s.calling_code, s.phone, s.email, s.time_zone,
  s.currency, s.weekly_hours, s.closures, s.service_locations, s.home_service_postal_codes, s.home_service_cities, s.vehicle_type_ids,
  s.slot_step_minutes, s.buffer_minutes, s.min_notice_minutes, s.cancel_notice_minutes, s.updated_at`;

function toShop(row: ShopRow): ShopProfile {
  return {
    orgId: row.org_id,
    name: row.name,
    addressLine: row.address_line,
    city: row.city,
    postalCode: row.postal_code,
    countryCode: row.country_code,
    callingCode: row.calling_code,
    phone: row.phone,
    email: row.email,
    timeZone: row.time_zone,
    currency: row.currency,
    weeklyHours: row.weekly_hours,
    closures: row.closures,
    serviceLocations: row.service_locations,
    homeServicePostalCodes: row.home_service_postal_codes,
    homeServiceCities: row.home_service_cities,
    vehicleTypeIds: row.vehicle_type_ids,
    slotStepMinutes: row.slot_step_minutes,
    bufferMinutes: row.buffer_minutes,
    minNoticeMinutes: row.min_notice_minutes,
    cancelNoticeMinutes: row.cancel_notice_minutes,
    updatedAt: row.updated_at,
  };
}

export class SqlShopRepository implements ShopRepository {
  constructor(private readonly db: Queryable) {}

  async find(orgId: string): Promise<ShopProfile | undefined> {
    const rows: ShopRow[] = await this.db.query(`SELECT ${SHOP_COLUMNS} FROM booking_shops s WHERE s.org_id = $1`, [orgId]);
    return rows[0] && toShop(rows[0]);
  }

  async upsert(shop: ShopProfile): Promise<void> {
    const values = [
      shop.orgId,
      shop.name,
      shop.addressLine,
      shop.city,
      shop.postalCode,
      shop.countryCode,
      shop.callingCode,
      shop.phone,
      shop.email,
      shop.timeZone,
      shop.currency,
      JSON.stringify(shop.weeklyHours),
      JSON.stringify(shop.closures),
      shop.serviceLocations,
      shop.homeServicePostalCodes,
      shop.homeServiceCities,
      shop.vehicleTypeIds,
      shop.slotStepMinutes,
      shop.bufferMinutes,
      shop.minNoticeMinutes,
      shop.cancelNoticeMinutes,
      shop.updatedAt,
    ];
    await this.db.query(
      `INSERT INTO booking_shops (org_id, name, address_line, city, postal_code, country_code, calling_code, phone, email, time_zone, currency,
         weekly_hours, closures, service_locations, home_service_postal_codes, home_service_cities, vehicle_type_ids,
         slot_step_minutes, buffer_minutes, min_notice_minutes, cancel_notice_minutes, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)
       ON CONFLICT (org_id) DO UPDATE SET name = $2, address_line = $3, city = $4, postal_code = $5, country_code = $6, calling_code = $7,
         phone = $8, email = $9, time_zone = $10, currency = $11, weekly_hours = $12, closures = $13, service_locations = $14,
         home_service_postal_codes = $15, home_service_cities = $16, vehicle_type_ids = $17, slot_step_minutes = $18, buffer_minutes = $19,
         min_notice_minutes = $20, cancel_notice_minutes = $21, updated_at = $22`,
      values,
    );
  }

  list(filter: ShopListFilter, page: PageRequest): Promise<Page<ShopProfile>> {
    const params = new SqlParams();
    const conditions = ['true'];
    if (filter.city) conditions.push(`s.city_key = lower(${params.bind(filter.city)})`);
    // A shop that lists no vehicle types works on every type.
    if (filter.vehicleTypeId)
      conditions.push(`(cardinality(s.vehicle_type_ids) = 0 OR s.vehicle_type_ids @> ARRAY[${params.bind(filter.vehicleTypeId)}::uuid])`);
    const where = `FROM booking_shops s WHERE ${conditions.join(' AND ')}`;
    return selectPage<ShopRow, ShopProfile>(
      this.db,
      (limit, offset) => `SELECT ${SHOP_COLUMNS}, count(*) OVER () AS total ${where} ORDER BY s.name, s.org_id LIMIT ${limit} OFFSET ${offset}`,
      `SELECT count(*) AS total ${where}`,
      params,
      page,
      toShop,
    );
  }
}

async function named<T>(work: () => Promise<T>, constraint: string, what: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const { code, constraint: violated } = pgError(error);
    if (code === UNIQUE_VIOLATION && violated === constraint) throw BookingsErrors.nameTaken(what);
    throw error;
  }
}

export class SqlBayRepository implements BayRepository {
  constructor(private readonly db: Queryable) {}

  async list(orgId: string): Promise<Bay[]> {
    const rows: Array<{ id: string; org_id: string; name: string; active: boolean }> = await this.db.query(
      `SELECT id, org_id, name, active FROM booking_bays WHERE org_id = $1 ORDER BY name, id`,
      [orgId],
    );
    return rows.map((row) => ({ id: row.id, orgId: row.org_id, name: row.name, active: row.active }));
  }

  async insert(bay: Bay): Promise<void> {
    await named(
      () => this.db.query(`INSERT INTO booking_bays (id, org_id, name, active) VALUES ($1, $2, $3, $4)`, [bay.id, bay.orgId, bay.name, bay.active]),
      'booking_bays_name_key',
      'bay',
    );
  }

  async update(orgId: string, id: string, changes: { name?: string; active?: boolean }): Promise<Bay | undefined> {
    const rows: Array<Array<{ id: string; org_id: string; name: string; active: boolean }>> = await named(
      () =>
        this.db.query(
          `UPDATE booking_bays SET name = coalesce($3, name), active = coalesce($4, active) WHERE org_id = $1 AND id = $2 RETURNING id, org_id, name, active`,
          [orgId, id, changes.name ?? null, changes.active ?? null],
        ),
      'booking_bays_name_key',
      'bay',
    );
    const row = rows[0]?.[0];
    return row && { id: row.id, orgId: row.org_id, name: row.name, active: row.active };
  }
}

interface CategoryRow {
  id: string;
  org_id: string;
  name: string;
  description: string;
  position: number;
  active: boolean;
}

const toCategory = (row: CategoryRow): ServiceCategory => ({
  id: row.id,
  orgId: row.org_id,
  name: row.name,
  description: row.description,
  position: row.position,
  active: row.active,
});

export class SqlCategoryRepository implements CategoryRepository {
  constructor(private readonly db: Queryable) {}

  async list(orgId: string, includeInactive: boolean): Promise<ServiceCategory[]> {
    const rows: CategoryRow[] = await this.db.query(
      `SELECT id, org_id, name, description, position, active FROM booking_service_categories
       WHERE org_id = $1 AND (active OR $2) ORDER BY position, name, id`,
      [orgId, includeInactive],
    );
    return rows.map(toCategory);
  }

  async find(orgId: string, id: string): Promise<ServiceCategory | undefined> {
    const rows: CategoryRow[] = await this.db.query(
      `SELECT id, org_id, name, description, position, active FROM booking_service_categories WHERE org_id = $1 AND id = $2`,
      [orgId, id],
    );
    return rows[0] && toCategory(rows[0]);
  }

  async insert(category: ServiceCategory): Promise<void> {
    await named(
      () =>
        this.db.query(`INSERT INTO booking_service_categories (id, org_id, name, description, position, active) VALUES ($1, $2, $3, $4, $5, $6)`, [
          category.id,
          category.orgId,
          category.name,
          category.description,
          category.position,
          category.active,
        ]),
      'booking_service_categories_name_key',
      'category',
    );
  }

  async update(orgId: string, id: string, changes: Partial<Omit<ServiceCategory, 'id' | 'orgId'>>): Promise<ServiceCategory | undefined> {
    const rows: CategoryRow[][] = await named(
      () =>
        this.db.query(
          `UPDATE booking_service_categories SET name = coalesce($3, name), description = coalesce($4, description),
             position = coalesce($5, position), active = coalesce($6, active), updated_at = now()
           WHERE org_id = $1 AND id = $2 RETURNING id, org_id, name, description, position, active`,
          [orgId, id, changes.name ?? null, changes.description ?? null, changes.position ?? null, changes.active ?? null],
        ),
      'booking_service_categories_name_key',
      'category',
    );
    return rows[0]?.[0] && toCategory(rows[0][0]);
  }
}

interface ServiceRow {
  id: string;
  org_id: string;
  category_id: string;
  name: string;
  description: string;
  duration_minutes: number;
  base_price_minor: string;
  active: boolean;
}

const SERVICE_COLUMNS = 's.id, s.org_id, s.category_id, s.name, s.description, s.duration_minutes, s.base_price_minor, s.active';

const toService = (row: ServiceRow): Service => ({
  id: row.id,
  orgId: row.org_id,
  categoryId: row.category_id,
  name: row.name,
  description: row.description,
  durationMinutes: row.duration_minutes,
  basePriceMinor: Number(row.base_price_minor),
  active: row.active,
});

interface AdminServiceDbRow extends ServiceRow {
  shop_name: string;
  category_name: string;
}

const ADMIN_SERVICE_COLUMNS = `${SERVICE_COLUMNS}, sh.name AS shop_name, c.name AS category_name`;
const ADMIN_SERVICE_JOINS = `JOIN booking_shops sh ON sh.org_id = s.org_id JOIN booking_service_categories c ON c.org_id = s.org_id AND c.id = s.category_id`;
const toAdminService = (row: AdminServiceDbRow): AdminServiceRow => ({ ...toService(row), shopName: row.shop_name, categoryName: row.category_name });

export class SqlServiceRepository implements ServiceRepository {
  constructor(private readonly db: Queryable) {}

  async list(orgId: string, filter: { categoryId?: string; includeInactive: boolean }): Promise<Service[]> {
    const rows: ServiceRow[] = await this.db.query(
      `SELECT ${SERVICE_COLUMNS} FROM booking_services s JOIN booking_service_categories c ON c.org_id = s.org_id AND c.id = s.category_id
       WHERE s.org_id = $1 AND ($2::uuid IS NULL OR s.category_id = $2::uuid) AND ((s.active AND c.active) OR $3)
       ORDER BY c.position, c.name, s.name, s.id`,
      [orgId, filter.categoryId ?? null, filter.includeInactive],
    );
    return rows.map(toService);
  }

  async find(orgId: string, id: string): Promise<Service | undefined> {
    const rows: ServiceRow[] = await this.db.query(`SELECT ${SERVICE_COLUMNS} FROM booking_services s WHERE s.org_id = $1 AND s.id = $2`, [orgId, id]);
    return rows[0] && toService(rows[0]);
  }

  async insert(service: Service): Promise<void> {
    await named(
      () =>
        this.db.query(
          `INSERT INTO booking_services (id, org_id, category_id, name, description, duration_minutes, base_price_minor, active)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [service.id, service.orgId, service.categoryId, service.name, service.description, service.durationMinutes, service.basePriceMinor, service.active],
        ),
      'booking_services_name_key',
      'service',
    );
  }

  async update(orgId: string, id: string, changes: Partial<Omit<Service, 'id' | 'orgId'>>): Promise<Service | undefined> {
    const rows: ServiceRow[][] = await named(
      () =>
        this.db.query(
          `UPDATE booking_services s SET category_id = coalesce($3, category_id), name = coalesce($4, name), description = coalesce($5, description),
             duration_minutes = coalesce($6, duration_minutes), base_price_minor = coalesce($7, base_price_minor), active = coalesce($8, active),
             updated_at = now()
           WHERE s.org_id = $1 AND s.id = $2 RETURNING ${SERVICE_COLUMNS}`,
          [
            orgId,
            id,
            changes.categoryId ?? null,
            changes.name ?? null,
            changes.description ?? null,
            changes.durationMinutes ?? null,
            changes.basePriceMinor ?? null,
            changes.active ?? null,
          ],
        ),
      'booking_services_name_key',
      'service',
    );
    return rows[0]?.[0] && toService(rows[0][0]);
  }

  listAll(filter: AdminServiceFilter, sort: AdminServiceSort, page: PageRequest): Promise<Page<AdminServiceRow>> {
    const params = new SqlParams();
    const conditions = ['true'];
    if (filter.orgId) conditions.push(`s.org_id = ${params.bind(filter.orgId)}`);
    if (filter.active !== undefined) conditions.push(`s.active = ${params.bind(filter.active)}`);
    if (filter.q) conditions.push(`s.name ILIKE ${params.bind(likeContains(filter.q))}`);
    const where = `FROM booking_services s ${ADMIN_SERVICE_JOINS} WHERE ${conditions.join(' AND ')}`;
    const order = orderBy(
      sort,
      { name: 's.name', base_price_minor: 's.base_price_minor', duration_minutes: 's.duration_minutes', created_at: 's.created_at' },
      's.id',
    );
    return selectPage<AdminServiceDbRow, AdminServiceRow>(
      this.db,
      (limit, offset) => `SELECT ${ADMIN_SERVICE_COLUMNS}, count(*) OVER () AS total ${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`,
      `SELECT count(*) AS total ${where}`,
      params,
      page,
      toAdminService,
    );
  }

  async findAny(id: string): Promise<AdminServiceRow | undefined> {
    const rows: AdminServiceDbRow[] = await this.db.query(`SELECT ${ADMIN_SERVICE_COLUMNS} FROM booking_services s ${ADMIN_SERVICE_JOINS} WHERE s.id = $1`, [
      id,
    ]);
    return rows[0] && toAdminService(rows[0]);
  }

  async pricedForModel(orgId: string, vehicleModelId: string, ids?: string[]): Promise<ServiceWithModelPrice[]> {
    const rows: Array<ServiceRow & { model_price_minor: string | null }> = await this.db.query(
      `SELECT ${SERVICE_COLUMNS}, p.price_minor AS model_price_minor
       FROM booking_services s
       JOIN booking_service_categories c ON c.org_id = s.org_id AND c.id = s.category_id
       LEFT JOIN booking_service_prices p ON p.org_id = s.org_id AND p.service_id = s.id AND p.vehicle_model_id = $2
       WHERE s.org_id = $1 AND s.active AND c.active AND ($3::uuid[] IS NULL OR s.id = ANY($3::uuid[]))
       ORDER BY c.position, c.name, s.name, s.id`,
      [orgId, vehicleModelId, ids ?? null],
    );
    return rows.map((row) => ({ ...toService(row), modelPriceMinor: row.model_price_minor === null ? null : Number(row.model_price_minor) }));
  }

  async setModelPrice(orgId: string, serviceId: string, vehicleModelId: string, priceMinor: number): Promise<void> {
    await this.db.query(
      `INSERT INTO booking_service_prices (org_id, service_id, vehicle_model_id, price_minor) VALUES ($1, $2, $3, $4)
       ON CONFLICT (org_id, service_id, vehicle_model_id) DO UPDATE SET price_minor = $4, updated_at = now()`,
      [orgId, serviceId, vehicleModelId, priceMinor],
    );
  }

  async removeModelPrice(orgId: string, serviceId: string, vehicleModelId: string): Promise<boolean> {
    const result: [unknown[], number] = await this.db.query(
      `DELETE FROM booking_service_prices WHERE org_id = $1 AND service_id = $2 AND vehicle_model_id = $3 RETURNING service_id`,
      [orgId, serviceId, vehicleModelId],
    );
    return result[1] > 0;
  }

  async modelPrices(orgId: string, serviceId: string): Promise<Array<{ vehicleModelId: string; priceMinor: number }>> {
    const rows: Array<{ vehicle_model_id: string; price_minor: string }> = await this.db.query(
      `SELECT vehicle_model_id, price_minor FROM booking_service_prices WHERE org_id = $1 AND service_id = $2 ORDER BY vehicle_model_id`,
      [orgId, serviceId],
    );
    return rows.map((row) => ({ vehicleModelId: row.vehicle_model_id, priceMinor: Number(row.price_minor) }));
  }
}
