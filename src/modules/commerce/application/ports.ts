import type { Page, PageRequest, RequestContext, UnitOfWork } from '../../../platform/kernel';
import type { Discount, Invoice, JournalEntry, ListingKind, Order, OrderStatus, Payout, PayoutLine, PayoutTransfer } from '../domain';

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
  /** Saves a re-priced order (a discount applied after checkout): its discount, total, code and the lines' discounts. */
  savePricing(order: Order): Promise<void>;
  listForBuyer(buyerUserId: string, filter: OrderFilter, page: PageRequest): Promise<Page<Order>>;
  listForSeller(orgId: string, filter: OrderFilter, page: PageRequest): Promise<Page<Order>>;
  /** Open (unpaid) orders whose time ran out. */
  expired(now: Date, limit: number): Promise<string[]>;
  /** Orders paid per UTC day and currency since `since` (all organizations; the operators' dashboard). */
  paidByDay(since: Date): Promise<Array<{ day: string; currency: string; count: number; amountMinor: number }>>;
  /** The seller's orders paid and refunds completed before `until`, per UTC day and currency (the analytics backfill). */
  salesByDay(orgId: string, until: Date): Promise<SalesByDay>;
}

/** Per UTC day and currency: orders paid (by when they were paid) and refunds completed (by when they completed). */
export interface SalesByDay {
  paid: Array<{ day: string; currency: string; count: number; amountMinor: number }>;
  refunded: Array<{ day: string; currency: string; count: number; amountMinor: number }>;
}

export type PaymentMethod = 'card' | 'wallet' | 'cash' | 'razorpay' | 'free';
/** `returning` / `returned`: money that arrived for an order that could no longer take it, being (then) given back in full. */
export type PaymentStatus = 'requires_payment' | 'processing' | 'succeeded' | 'failed' | 'cancelled' | 'returning' | 'returned';

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
  /** Razorpay: the payment (pay_…) that paid the Razorpay order, which a refund targets. Absent for other methods. */
  providerPaymentId?: string | null;
  /** Card: the Stripe charge (ch_…, the PaymentIntent's latest charge) that paid it, which funds the seller's transfer. */
  providerChargeId?: string | null;
  /** The provider's refund id once a `returning` payment has been given back. */
  returnRef?: string | null;
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

export interface Refund {
  id: string;
  orgId: string;
  orderId: string;
  buyerUserId: string;
  amountMinor: number;
  currency: string;
  reason: string;
  /** A rejected refund takes nothing from the order (a platform admin's decision, with a reason). */
  status: 'requested' | 'approved' | 'completed' | 'rejected';
  providerRef: string | null;
  providerKey: string;
  requestedBy: string | null;
  approvedBy: string | null;
  /** How it was paid back (the original payment's method), once completed. */
  method?: PaymentMethod | null;
  /** Who completed it (a cash refund: the staff member who handed the money back). */
  completedBy?: string | null;
  /** Why it was rejected (or approved by an operator); null otherwise. */
  decisionReason?: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface RefundRepository {
  insert(refund: Refund): Promise<void>;
  save(refund: Refund): Promise<void>;
  findById(id: string): Promise<Refund | undefined>;
  lock(id: string): Promise<Refund | undefined>;
  /** Sum of the order's refunds still open, requested or approved (what they would take). */
  openAmount(orderId: string): Promise<number>;
}

export interface CommerceRepositories {
  refunds: RefundRepository;
  topUps: TopUpRepository;
  orders: OrderRepository;
  payments: PaymentRepository;
  sellers: SellerSettingsRepository;
  ledger: Ledger;
  idempotency: IdempotencyRepository;
  webhooks: WebhookEventRepository;
  discounts: DiscountRepository;
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
  /** The charge of the latest payment attempt (ch_…): the one that paid, once succeeded. */
  latestCharge: string | null;
}

export interface ProviderEvent {
  id: string;
  type: string;
  /** The object the event is about (a PaymentIntent id…). */
  objectId: string | null;
  payload: unknown;
}

export interface CardGateway {
  /** Keys are configured: card payments can be taken. */
  readonly enabled: boolean;
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
  /** Refunds (part of) a succeeded PaymentIntent, once per idempotency key. */
  refund(input: { intentId: string; amountMinor: number; idempotencyKey: string }): Promise<{ id: string; status: string }>;
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

// ---------------------------------------------------------------- payouts (Stripe Connect)

export interface PayoutRepository {
  /** (organization, currency) pairs with seller-payable postings before `until` that no payout pays yet. */
  candidates(until: Date): Promise<Array<{ orgId: string; currency: string }>>;
  /** Locks the seller-payable account (postings to it wait) until the transaction ends. */
  lockPayable(orgId: string, currency: string): Promise<void>;
  /** The seller-payable postings before `until` that no payout pays yet, oldest first. */
  unpaidLines(orgId: string, currency: string, until: Date): Promise<PayoutLine[]>;
  /** The Stripe charge that paid each of the seller's orders paid by card (orders paid otherwise are absent). */
  cardCharges(orgId: string, orderIds: readonly string[]): Promise<Map<string, string>>;
  /** Inserts the payout, its lines and its transfers; false when (organization, currency, period) already has one. */
  insert(payout: Payout, lines: readonly PayoutLine[], transfers: readonly PayoutTransfer[]): Promise<boolean>;
  /** The payout's transfers, in the order they are made. */
  transfers(orgId: string, payoutId: string): Promise<PayoutTransfer[]>;
  saveTransfer(transfer: PayoutTransfer): Promise<void>;
  find(orgId: string, currency: string, period: string): Promise<Payout | undefined>;
  /** Payouts of the period that are not paid (to retry). */
  unpaid(period: string): Promise<Payout[]>;
  /** Locks the payout; undefined when another transaction holds it (skipLocked) or it does not exist. */
  lock(id: string, options: { skipLocked: boolean }): Promise<Payout | undefined>;
  save(payout: Payout): Promise<void>;
  findForOrg(orgId: string, id: string): Promise<Payout | undefined>;
  listForOrg(orgId: string, page: PageRequest): Promise<Page<Payout>>;
  lines(orgId: string, payoutId: string, page: PageRequest): Promise<Page<PayoutLine>>;
  /** Whether Stripe lets the account receive payouts, for the organization holding it; returns that organization. */
  setPayoutsEnabledByAccount(accountId: string, payoutsEnabled: boolean): Promise<string | undefined>;
  /** Records the organization's Connect account (kept once set) and whether Stripe lets it receive payouts. */
  setConnectAccount(orgId: string, accountId: string, payoutsEnabled: boolean): Promise<void>;
}

export interface PayoutRepositories {
  payouts: PayoutRepository;
  sellers: SellerSettingsRepository;
  ledger: Ledger;
}

export type PayoutUnitOfWork = UnitOfWork<PayoutRepositories>;
export const PAYOUT_UNIT_OF_WORK = Symbol('PAYOUT_UNIT_OF_WORK');

export interface ConnectAccount {
  id: string;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
}

export type TransferOutcome = { ok: true; transferId: string } | { ok: false; reason: string };

export interface ConnectGateway {
  /** Creates the organization's connected account once per idempotency key. */
  createAccount(input: { orgId: string; idempotencyKey: string }): Promise<ConnectAccount>;
  retrieveAccount(id: string): Promise<ConnectAccount>;
  /** Verifies a Connect webhook (its own secret) over the raw body; throws CommerceErrors.webhookSignatureInvalid. */
  verifyWebhook(rawBody: Buffer, signature: string | undefined): ProviderEvent;
  /** A one-time onboarding link (Stripe-hosted) for the account. */
  onboardingLink(input: { accountId: string; refreshUrl: string; returnUrl: string }): Promise<{ url: string; expiresAt: Date }>;
  /**
   * A transfer to the connected account, once per idempotency key. A refusal
   * by Stripe is an outcome; an unknown outcome (timeout, 5xx) throws, and is
   * retried with the same key. With a source transaction (a charge), Stripe
   * funds it from that charge, once the charge's funds are available.
   */
  transfer(input: {
    amountMinor: number;
    currency: string;
    destination: string;
    transferGroup: string;
    sourceTransaction: string | null;
    idempotencyKey: string;
    metadata: Record<string, string>;
  }): Promise<TransferOutcome>;
}

export const CONNECT_GATEWAY = Symbol('CONNECT_GATEWAY');

export interface PayoutSettings {
  /** Balances below this (minor units) carry over to the next period. */
  minimumMinor: number;
  /** When the worker runs the payouts of the month before (cron, UTC). */
  cron: string;
  /** Where Stripe's onboarding sends the seller back to, and where an expired link sends them. */
  returnUrl: string;
  refreshUrl: string;
}

export const PAYOUT_SETTINGS = Symbol('PAYOUT_SETTINGS');

// ---------------------------------------------------------------- invoices

export interface InvoiceRepository {
  /** The next number of the organization's year: increments (and locks until commit) the counter row. */
  nextSequence(orgId: string, year: number): Promise<number>;
  insert(invoice: Invoice): Promise<void>;
  findByOrder(orderId: string): Promise<Invoice | undefined>;
  findById(id: string): Promise<Invoice | undefined>;
  setStorageKey(id: string, key: string): Promise<void>;
  markSent(id: string, at: Date): Promise<void>;
  listForSeller(orgId: string, page: PageRequest): Promise<Page<Invoice>>;
  listForBuyer(buyerUserId: string, page: PageRequest): Promise<Page<Invoice>>;
}

export interface InvoiceRepositories {
  invoices: InvoiceRepository;
  orders: OrderRepository;
}

export type InvoiceUnitOfWork = UnitOfWork<InvoiceRepositories>;
export const INVOICE_UNIT_OF_WORK = Symbol('INVOICE_UNIT_OF_WORK');

export interface InvoiceDocument {
  invoice: Invoice;
  order: Order;
  sellerName: string;
  buyerName: string;
}

export interface InvoiceRenderer {
  /** The invoice as a PDF. */
  render(document: InvoiceDocument): Promise<Buffer>;
}

export const INVOICE_RENDERER = Symbol('INVOICE_RENDERER');

export interface InvoiceSettings {
  /** Lifetime of a download link, seconds. */
  linkTtlSeconds: number;
  /** At most this many e-mails of one invoice per mailRateLimitTtlMs (MAIL_RATE_LIMIT_MAX, MAIL_RATE_LIMIT_TTL_MS). */
  mailRateLimitMax: number;
  mailRateLimitTtlMs: number;
}

/** Counts hits per key in a window shared by every API process (Redis); lets hits through when the store is down. */
export interface SendRateLimiter {
  hit(key: string, limit: number, windowMs: number): Promise<{ allowed: boolean; retryAfterMs: number }>;
}

export const SEND_RATE_LIMITER = Symbol('SEND_RATE_LIMITER');

export const INVOICE_SETTINGS = Symbol('INVOICE_SETTINGS');
// ---------------------------------------------------------------- discount codes

export interface DiscountRepository {
  /** Throws CommerceErrors.discountCodeTaken when the organization has the code already (any case). */
  insert(discount: Discount): Promise<void>;
  save(discount: Discount): Promise<void>;
  find(orgId: string, id: string): Promise<Discount | undefined>;
  lock(orgId: string, id: string): Promise<Discount | undefined>;
  list(orgId: string, filter: { active?: boolean }, page: PageRequest): Promise<Page<Discount>>;
  /** The discounts with this code (upper-cased) among these sellers. */
  findByCode(orgIds: string[], codeKey: string): Promise<Discount[]>;
  /** Locks the seller's discount with this code until the transaction ends (redemptions are taken under this lock). */
  lockByCode(orgId: string, codeKey: string): Promise<Discount | undefined>;
  /** The buyer's active redemptions of the discount. */
  customerUses(discountId: string, buyerUserId: string): Promise<number>;
  /** Records the order's use and counts it (call under lockByCode). */
  redeem(input: { orderId: string; orgId: string; discountId: string; buyerUserId: string; amountMinor: number; now: Date }): Promise<void>;
  /** Gives the order's use back; idempotent; returns whether a use was released. */
  releaseForOrder(orderId: string, now: Date): Promise<boolean>;
}
