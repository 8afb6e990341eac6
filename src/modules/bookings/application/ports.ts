import type { Page, PageRequest, RequestContext, SortOrder, UnitOfWork } from '../../../platform/kernel';
import type { Booking, BookingStatus, OnlinePaymentMethod, PaymentMethod } from '../domain/booking';
import type { BayOccupation } from '../domain/availability';
import type { Bay, Service, ServiceCategory, ShopProfile } from '../domain/shop';

/** The operators' console's lists across every shop (BookingsAdminApi). */
export const ADMIN_BOOKING_SORTS = ['starts_at', 'created_at', 'total_minor', 'status'] as const;
export const ADMIN_SERVICE_SORTS = ['name', 'base_price_minor', 'duration_minutes', 'created_at'] as const;
export type AdminBookingSort = SortOrder<(typeof ADMIN_BOOKING_SORTS)[number]>;
export type AdminServiceSort = SortOrder<(typeof ADMIN_SERVICE_SORTS)[number]>;

export interface AdminBookingFilter {
  orgId?: string;
  status?: BookingStatus;
  /** Bookings starting within [from, to). */
  from?: Date;
  to?: Date;
}

export interface AdminServiceFilter {
  orgId?: string;
  active?: boolean;
  /** Part of the name, case-insensitive. */
  q?: string;
}

/** A service with its shop's and category's names (the console's lists). */
export interface AdminServiceRow extends Service {
  shopName: string;
  categoryName: string;
}

export interface ShopListFilter {
  city?: string;
  vehicleTypeId?: string;
}

export interface ShopRepository {
  find(orgId: string): Promise<ShopProfile | undefined>;
  upsert(shop: ShopProfile): Promise<void>;
  list(filter: ShopListFilter, page: PageRequest): Promise<Page<ShopProfile>>;
}

export interface BayRepository {
  list(orgId: string): Promise<Bay[]>;
  insert(bay: Bay): Promise<void>;
  update(orgId: string, id: string, changes: { name?: string; active?: boolean }): Promise<Bay | undefined>;
}

export interface CategoryRepository {
  list(orgId: string, includeInactive: boolean): Promise<ServiceCategory[]>;
  find(orgId: string, id: string): Promise<ServiceCategory | undefined>;
  insert(category: ServiceCategory): Promise<void>;
  update(orgId: string, id: string, changes: Partial<Omit<ServiceCategory, 'id' | 'orgId'>>): Promise<ServiceCategory | undefined>;
}

export interface ServiceWithModelPrice extends Service {
  modelPriceMinor: number | null;
}

export interface ServiceRepository {
  list(orgId: string, filter: { categoryId?: string; includeInactive: boolean }): Promise<Service[]>;
  find(orgId: string, id: string): Promise<Service | undefined>;
  insert(service: Service): Promise<void>;
  update(orgId: string, id: string, changes: Partial<Omit<Service, 'id' | 'orgId'>>): Promise<Service | undefined>;
  /** Active services with the model's price where the shop set one. */
  pricedForModel(orgId: string, vehicleModelId: string, ids?: string[]): Promise<ServiceWithModelPrice[]>;
  setModelPrice(orgId: string, serviceId: string, vehicleModelId: string, priceMinor: number): Promise<void>;
  removeModelPrice(orgId: string, serviceId: string, vehicleModelId: string): Promise<boolean>;
  modelPrices(orgId: string, serviceId: string): Promise<Array<{ vehicleModelId: string; priceMinor: number }>>;
  /** Every shop's services (platform admins). */
  listAll(filter: AdminServiceFilter, sort: AdminServiceSort, page: PageRequest): Promise<Page<AdminServiceRow>>;
  /** The service whatever its shop (platform admins). */
  findAny(id: string): Promise<AdminServiceRow | undefined>;
}

export interface StaffBookingFilter {
  status?: BookingStatus;
  /** Bookings starting within [from, to). */
  from?: Date;
  to?: Date;
  search?: string;
}

export interface BookingStats {
  byStatus: Array<{ status: BookingStatus; count: number }>;
  byDay: Array<{ date: string; count: number }>;
  revenueByMethod: Array<{ paymentMethod: PaymentMethod; amountMinor: number; count: number }>;
  averageTicketMinor: number | null;
  bookedMinutesByBay: Array<{ bayId: string; minutes: number }>;
}

export interface BookingRepository {
  /** Fails with BookingsErrors.slotUnavailable([]) when the bay is taken (the exclusion constraint). */
  insert(booking: Booking): Promise<void>;
  save(booking: Booking): Promise<void>;
  find(orgId: string, id: string): Promise<Booking | undefined>;
  findForUpdate(orgId: string, id: string): Promise<Booking | undefined>;
  /** By id alone: customers address their booking without naming the shop. */
  findAnyForUpdate(id: string): Promise<Booking | undefined>;
  findAny(id: string): Promise<Booking | undefined>;
  listForCustomer(userId: string, page: PageRequest): Promise<Page<Booking>>;
  listForPhone(phone: string, page: PageRequest): Promise<Page<Booking>>;
  listForStaff(orgId: string, filter: StaffBookingFilter, page: PageRequest): Promise<Page<Booking>>;
  /** Every shop's bookings (platform admins). */
  listAll(filter: AdminBookingFilter, sort: AdminBookingSort, page: PageRequest): Promise<Page<Booking>>;
  occupations(orgId: string, from: Date, to: Date, exceptBookingId?: string): Promise<BayOccupation[]>;
  stats(orgId: string, from: Date, to: Date, timeZone: string): Promise<BookingStats>;
  /** Bookings (any shop) still waiting for an online payment whose hold ended by `now`, oldest first. */
  endedHolds(now: Date, limit: number): Promise<string[]>;
  /** Bookings made per UTC day since `since`, all shops (the operators' dashboard). */
  createdByDay(since: Date): Promise<Array<{ day: string; count: number }>>;
  /**
   * The shop's bookings made before `until` per UTC day of creation, and those
   * completed or cancelled per UTC day of their last change (the analytics backfill).
   */
  activityByDay(orgId: string, until: Date): Promise<BookingActivity>;
}

export interface BookingActivity {
  created: Array<{ day: string; count: number }>;
  completed: Array<{ day: string; count: number }>;
  cancelled: Array<{ day: string; count: number }>;
}

export interface IdempotencyRepository {
  find(scope: string, key: string): Promise<{ requestHash: string; bookingId: string } | undefined>;
  /** Throws IdempotencyKeyTaken when another request stored the key first (it waits for that one to commit). */
  insert(entry: { scope: string; key: string; orgId: string; requestHash: string; bookingId: string }): Promise<void>;
}

export class IdempotencyKeyTaken extends Error {
  constructor() {
    super('idempotency key taken');
    this.name = 'IdempotencyKeyTaken';
  }
}

export interface BookingsRepositories {
  shops: ShopRepository;
  bays: BayRepository;
  categories: CategoryRepository;
  services: ServiceRepository;
  bookings: BookingRepository;
  idempotency: IdempotencyRepository;
}

export type BookingsUnitOfWork = UnitOfWork<BookingsRepositories>;
export const BOOKINGS_UNIT_OF_WORK = Symbol('BOOKINGS_UNIT_OF_WORK');

/** The catalog's vehicle models (through its facade). */
export interface VehicleModels {
  find(ctx: RequestContext, id: string): Promise<{ id: string; name: string; brandName: string; typeId: string; retired: boolean } | undefined>;
}
export const VEHICLE_MODELS = Symbol('VEHICLE_MODELS');

/** Identity's phone codes: a guest proves a phone number with a verification code. */
export interface PhoneProof {
  /** Consumes the code when it is right; false otherwise. */
  confirm(ctx: RequestContext, phone: string, code: string): Promise<boolean>;
}
export const PHONE_PROOF = Symbol('PHONE_PROOF');

/** The organizations context: which organizations are repair shops, and its audit log. */
export interface ShopOrganizations {
  kindOf(ctx: RequestContext, orgId: string): Promise<{ kind: string; name: string; active: boolean } | undefined>;
  audit(ctx: RequestContext, entry: { orgId: string; action: `bookings.${string}`; targetId: string; metadata: Record<string, unknown> }): Promise<void>;
}
export const SHOP_ORGANIZATIONS = Symbol('SHOP_ORGANIZATIONS');

/** Told after a committed change to a shop's catalog or profile, so cached public reads are dropped at once. */
export interface ShopChanges {
  changed(orgId: string): Promise<void>;
}
export const SHOP_CHANGES = Symbol('SHOP_CHANGES');

/** Messages to a customer (e-mail when the booking has one, else SMS), sent through the outbox. */
export interface CustomerMessages {
  statusChanged(ctx: RequestContext, booking: Booking, shopName: string, dedupeKey: string): Promise<void>;
  /** The online payment was given back: how much. */
  refunded(ctx: RequestContext, booking: Booking, shopName: string, refund: { amountMinor: number; currency: string }, dedupeKey: string): Promise<void>;
}
export const CUSTOMER_MESSAGES = Symbol('CUSTOMER_MESSAGES');

/** What the customer's client needs to pay a booking online (from commerce). */
export interface OnlinePaymentView {
  orderId: string;
  orderStatus: string;
  provider: OnlinePaymentMethod;
  paymentId: string | null;
  amountMinor: number;
  currency: string;
  stripeClientSecret: string | null;
  razorpayOrderId: string | null;
  razorpayKeyId: string | null;
}

export interface OnlineRefund {
  refundId: string;
  amountMinor: number;
  currency: string;
  status: string;
}

/** Online payments through the commerce context's facade: one commerce order per booking. */
export interface OnlinePayments {
  /** The online methods this server has configured. */
  providers(): OnlinePaymentMethod[];
  /** Creates the booking's order once and starts (or resumes) its payment, as the signed-in customer. */
  start(ctx: RequestContext, booking: Booking): Promise<OnlinePaymentView>;
  /** Cancels the booking's unpaid order: 'paid' when the money arrived meanwhile. */
  cancel(ctx: RequestContext, bookingId: string): Promise<'cancelled' | 'paid' | 'none'>;
  /** Refunds the booking's payment through its provider, once; undefined when nothing was paid. */
  refund(ctx: RequestContext, bookingId: string, reason: string): Promise<OnlineRefund | undefined>;
}
export const ONLINE_PAYMENTS = Symbol('ONLINE_PAYMENTS');

export interface BookingsSettings {
  /** How many days ahead customers may book. */
  maxAdvanceDays: number;
  /** How long a booking paid online holds its slot waiting for the payment. */
  paymentHoldMinutes: number;
  /** How often the worker looks for holds that ended. */
  holdSweepIntervalMs: number;
  /** How many free start times a refused booking proposes. */
  nextSlotsOffered: number;
}
export const BOOKINGS_SETTINGS = Symbol('BOOKINGS_SETTINGS');
