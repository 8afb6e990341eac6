import type { Page, PageRequest, RequestContext, UnitOfWork } from '../../../platform/kernel';
import type { JournalEntry, ListingKind, Order, OrderStatus } from '../domain';

/**
 * What the use cases need from the outside world. Implemented in
 * infrastructure/; nothing here knows about SQL, Stripe's SDK or HTTP.
 */

// ---------------------------------------------------------------- what is bought (the marketplace, through its facade)

export interface Purchasable {
  id: string;
  /** The seller. */
  orgId: string;
  kind: ListingKind;
  title: string;
  priceMinor: number;
  currency: string;
  /** Only `published` listings are sold. */
  status: string;
  /** Units left; null for unlimited (tunes). */
  stock: number | null;
}

export interface Purchasables {
  /** The listings with these ids that exist (any status); missing ids are absent. */
  forSale(ctx: RequestContext, ids: string[]): Promise<Purchasable[]>;
  /** Holds stock for an order; idempotent by reservationId. Throws CommerceErrors.outOfStock. */
  reserve(ctx: RequestContext, reservationId: string, items: Array<{ listingId: string; quantity: number }>): Promise<void>;
  /** Gives the stock back; idempotent, and a no-op for an unknown reservation. */
  release(ctx: RequestContext, reservationId: string): Promise<void>;
}

export const PURCHASABLES = Symbol('PURCHASABLES');

// ---------------------------------------------------------------- persistence

export interface OrderFilter {
  status?: OrderStatus;
}

export interface StoredOrder {
  order: Order;
  commissionBps: number;
}

export interface OrderRepository {
  insert(order: Order, commissionBps: number): Promise<void>;
  /** The order whatever its owner (use cases check who may see it). */
  findById(id: string): Promise<StoredOrder | undefined>;
  /** Locks the order row until the transaction ends. */
  lock(id: string): Promise<StoredOrder | undefined>;
  findByCheckout(checkoutId: string): Promise<StoredOrder[]>;
  save(order: Order): Promise<void>;
  listForBuyer(buyerUserId: string, filter: OrderFilter, page: PageRequest): Promise<Page<Order>>;
  listForSeller(orgId: string, filter: OrderFilter, page: PageRequest): Promise<Page<Order>>;
  /** Open (unpaid) orders whose time ran out. */
  expired(now: Date, limit: number): Promise<string[]>;
}

export type PaymentMethod = 'card' | 'wallet' | 'cash' | 'razorpay' | 'free';
export type PaymentStatus = 'requires_payment' | 'processing' | 'succeeded' | 'failed' | 'cancelled';

export interface Payment {
  id: string;
  orgId: string;
  orderId: string;
  buyerUserId: string;
  attempt: number;
  method: PaymentMethod;
  status: PaymentStatus;
  amountMinor: number;
  currency: string;
  /** The provider's id (Stripe PaymentIntent, Razorpay order). */
  providerRef: string | null;
  clientSecret: string | null;
  /** The idempotency key sent to the provider for this attempt. */
  providerKey: string;
  failureReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface PaymentRepository {
  insert(payment: Payment): Promise<void>;
  save(payment: Payment): Promise<void>;
  findById(id: string): Promise<Payment | undefined>;
  lock(id: string): Promise<Payment | undefined>;
  lockByProviderRef(ref: string): Promise<Payment | undefined>;
  /** The order's latest attempt. */
  latestForOrder(orderId: string): Promise<Payment | undefined>;
  listForOrder(orderId: string): Promise<Payment[]>;
}

export interface SellerSettings {
  orgId: string;
  commissionBps: number | null;
  stripeAccountId: string | null;
  payoutsEnabled: boolean;
}

export interface SellerSettingsRepository {
  find(orgId: string): Promise<SellerSettings | undefined>;
  findMany(orgIds: string[]): Promise<Map<string, SellerSettings>>;
  upsert(settings: SellerSettings): Promise<void>;
}

export interface LedgerAccountView {
  id: string;
  kind: string;
  ownerId: string;
  currency: string;
  balanceMinor: number;
}

export interface LedgerTransactionView {
  entryId: string;
  kind: string;
  reference: string;
  amountMinor: number;
  occurredAt: Date;
}

export interface Ledger {
  /**
   * Posts an entry once: a second post with the same kind and reference is a
   * no-op returning false. Throws CommerceErrors.insufficientFunds when an
   * account that may not go negative would.
   */
  post(entry: JournalEntry, orgId: string | null): Promise<boolean>;
  account(kind: string, ownerId: string, currency: string): Promise<LedgerAccountView | undefined>;
  accountsOf(kind: string, ownerId: string): Promise<LedgerAccountView[]>;
  transactions(accountId: string, page: PageRequest): Promise<Page<LedgerTransactionView>>;
  /** Accounts whose stored balance differs from the sum of their postings. */
  discrepancies(): Promise<Array<{ accountId: string; balanceMinor: number; postedMinor: number }>>;
}

export interface IdempotencyRecord {
  scope: string;
  key: string;
  operation: string;
  requestHash: string;
  /** Stable across retries of the same request: what derived keys (orders, provider keys) are built from. */
  recoveryId: string;
  state: 'running' | 'retryable' | 'done';
  responseStatus: number | null;
  responseBody: unknown;
  lockedUntil: Date;
  expiresAt: Date;
}

export interface IdempotencyRepository {
  /** Inserts the record unless one exists for (scope, key); returns whether it was inserted. */
  claim(record: IdempotencyRecord): Promise<boolean>;
  find(scope: string, key: string): Promise<IdempotencyRecord | undefined>;
  /** Takes a retryable or stale running record for another run; returns whether this caller got it. */
  retake(scope: string, key: string, lockedUntil: Date, now: Date): Promise<boolean>;
  complete(scope: string, key: string, status: number, body: unknown): Promise<void>;
  release(scope: string, key: string): Promise<void>;
  purgeExpired(now: Date): Promise<number>;
}

export interface WebhookEventRepository {
  /** Records the event once; returns whether it is new. */
  record(event: { provider: string; eventId: string; type: string; objectId: string | null; payload: unknown }): Promise<boolean>;
  find(provider: string, eventId: string): Promise<{ type: string; objectId: string | null; processedAt: Date | null } | undefined>;
  markProcessed(provider: string, eventId: string, now: Date): Promise<void>;
  unprocessed(provider: string, olderThan: Date, limit: number): Promise<string[]>;
}

export interface TopUp {
  id: string;
  userId: string;
  amountMinor: number;
  currency: string;
  status: 'requires_payment' | 'succeeded' | 'failed' | 'cancelled';
  providerRef: string | null;
  clientSecret: string | null;
  providerKey: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface TopUpRepository {
  insert(topUp: TopUp): Promise<void>;
  save(topUp: TopUp): Promise<void>;
  findById(id: string): Promise<TopUp | undefined>;
  lock(id: string): Promise<TopUp | undefined>;
  lockByProviderRef(ref: string): Promise<TopUp | undefined>;
}

export interface CommerceRepositories {
  topUps: TopUpRepository;
  orders: OrderRepository;
  payments: PaymentRepository;
  sellers: SellerSettingsRepository;
  ledger: Ledger;
  idempotency: IdempotencyRepository;
  webhooks: WebhookEventRepository;
}

export type CommerceUnitOfWork = UnitOfWork<CommerceRepositories>;
export const COMMERCE_UNIT_OF_WORK = Symbol('COMMERCE_UNIT_OF_WORK');

// ---------------------------------------------------------------- card payments (Stripe)

export type IntentStatus =
  'requires_payment_method' | 'requires_confirmation' | 'requires_action' | 'processing' | 'requires_capture' | 'canceled' | 'succeeded';

export interface PaymentIntent {
  id: string;
  status: IntentStatus;
  amountMinor: number;
  currency: string;
  clientSecret: string | null;
  lastError: string | null;
}

export interface ProviderEvent {
  id: string;
  type: string;
  /** The object the event is about (a PaymentIntent id…). */
  objectId: string | null;
  payload: unknown;
}

export interface CardGateway {
  /** Creates the intent once per idempotency key: a retry with the same key returns the same intent. */
  createIntent(input: {
    amountMinor: number;
    currency: string;
    idempotencyKey: string;
    transferGroup: string;
    metadata: Record<string, string>;
  }): Promise<PaymentIntent>;
  retrieveIntent(id: string): Promise<PaymentIntent>;
  cancelIntent(id: string, idempotencyKey: string): Promise<PaymentIntent>;
  /** Verifies a webhook's signature over its raw body; throws CommerceErrors.webhookSignatureInvalid. */
  verifyWebhook(rawBody: Buffer, signature: string | undefined): ProviderEvent;
}

export const CARD_GATEWAY = Symbol('CARD_GATEWAY');

// ---------------------------------------------------------------- jobs

export interface CommerceJobs {
  processWebhook(ctx: RequestContext, provider: string, eventId: string): Promise<void>;
}

export const COMMERCE_JOBS = Symbol('COMMERCE_JOBS');

// ---------------------------------------------------------------- settings

export interface CommerceSettings {
  defaultCommissionBps: number;
  /** An unpaid order is cancelled (stock released) after this. */
  orderTtlMinutes: number;
  /** How long an Idempotency-Key is remembered (>= 24 h). */
  idempotencyTtlHours: number;
  /** How long a request waits for another one running with its key before answering 409. */
  idempotencyWaitMs: number;
  currency: string;
}

export const COMMERCE_SETTINGS = Symbol('COMMERCE_SETTINGS');
