import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainError, type Page, type PageRequest, type RequestContext } from '../../../../platform/kernel';
import { organizationRoleOf } from '../../../organizations';
import {
  CommerceErrors,
  journalEntry,
  Payout,
  PayoutLine,
  PayoutTransfer,
  payoutFailedPostings,
  payoutPaidPostings,
  payoutRequestedPostings,
  payableUntil,
  type Posting,
} from '../../domain';
import { isPlatformAdmin } from '../access';
import { COMMERCE_EVENTS, PayoutSentPayload } from '../events';
import {
  COMMERCE_JOBS,
  COMMERCE_UNIT_OF_WORK,
  CommerceJobs,
  CommerceUnitOfWork,
  CONNECT_GATEWAY,
  ConnectAccount,
  ConnectGateway,
  PAYOUT_SETTINGS,
  PAYOUT_UNIT_OF_WORK,
  PayoutRepositories,
  PayoutSettings,
  PayoutUnitOfWork,
  TransferOutcome,
} from '../ports';

export type PayoutOutcome = 'paid' | 'failed' | 'pending' | 'in_progress' | 'already_paid' | 'below_minimum' | 'not_onboarded';

export interface PayoutRunResult {
  period: string;
  results: Array<{ orgId: string; currency: string; outcome: PayoutOutcome; payout: Payout | undefined }>;
}

function isSystem(ctx: RequestContext): boolean {
  return ctx.roles.includes('system') && !ctx.userId;
}

/**
 * Pays each seller's balance for a period (`YYYY-MM`) through Stripe Connect,
 * one transfer per order (separate charges and transfers: `transfer_group`
 * `order_<id>`, the order's card charge as `source_transaction`).
 * Per (organization, currency), in two transactions: the first opens the
 * payout (or reopens a failed one) with its statement lines and transfers and
 * moves what it sends to in-transit; the second makes the pending transfers
 * while holding the payout's row, recording each paid (its amount settled) or
 * refused (its amount back to the seller), and the payout paid when all were
 * paid, failed when one was refused. A concurrent run skips a payout another
 * run holds; a run after a crash or an unknown outcome sends the transfers
 * still pending with the same Stripe keys, and a retry sends only the failed
 * ones, so no order is ever paid out twice.
 */
@Injectable()
export class RunPayoutsUseCase {
  private readonly logger = new Logger(RunPayoutsUseCase.name);

  constructor(
    @Inject(PAYOUT_UNIT_OF_WORK) private readonly uow: PayoutUnitOfWork,
    @Inject(CONNECT_GATEWAY) private readonly connect: ConnectGateway,
    @Inject(PAYOUT_SETTINGS) private readonly settings: PayoutSettings,
  ) {}

  async execute(ctx: RequestContext, input: { period: string; now?: Date }): Promise<PayoutRunResult> {
    if (!isPlatformAdmin(ctx) && !isSystem(ctx)) throw CommerceErrors.forbidden();
    const now = input.now ?? new Date();
    const until = payableUntil(input.period, now);
    const pairs = new Map<string, { orgId: string; currency: string }>();
    for (const payout of await this.uow.repos.payouts.unpaid(input.period)) pairs.set(`${payout.orgId}:${payout.currency}`, payout);
    for (const pair of await this.uow.repos.payouts.candidates(until)) pairs.set(`${pair.orgId}:${pair.currency}`, pair);
    const results: PayoutRunResult['results'] = [];
    const refreshed = new Set<string>();
    for (const { orgId, currency } of pairs.values()) {
      if (!refreshed.has(orgId)) {
        refreshed.add(orgId);
        await this.refreshAccount(orgId);
      }
      const opened = await this.open(ctx, orgId, currency, input.period, until);
      const outcome = opened.payout && opened.outcome === undefined ? await this.transfer(ctx, opened.payout.id) : (opened.outcome ?? 'pending');
      const payout = opened.payout && (await this.uow.repos.payouts.findForOrg(orgId, opened.payout.id));
      results.push({ orgId, currency, outcome, payout });
    }
    this.logger.log({ msg: 'payouts run', period: input.period, outcomes: results.map((r) => r.outcome) });
    return { period: input.period, results };
  }

  /**
   * Retries one failed payout now (platform admins), as the next run would: a new attempt sending only its refused
   * transfers, each with a new key, to the seller's current connected account. COMMERCE.PAYOUT_NOT_FOUND for an unknown id; a payout that is not failed is
   * refused (PAYOUT_INVALID_TRANSITION).
   */
  async retry(ctx: RequestContext, input: { payoutId: string }): Promise<{ outcome: PayoutOutcome; payout: Payout }> {
    if (!isPlatformAdmin(ctx)) throw CommerceErrors.forbidden();
    const payout = await this.uow.run((repos) => repos.payouts.lock(input.payoutId, { skipLocked: false }));
    if (!payout) throw CommerceErrors.payoutNotFound();
    if (payout.status !== 'failed') throw CommerceErrors.payoutInvalidTransition(payout.status, 'requested');
    await this.refreshAccount(payout.orgId);
    const opened = await this.open(ctx, payout.orgId, payout.currency, payout.period, new Date());
    const outcome = opened.payout && opened.outcome === undefined ? await this.transfer(ctx, opened.payout.id) : (opened.outcome ?? 'pending');
    const after = (await this.uow.repos.payouts.findForOrg(payout.orgId, payout.id)) ?? payout;
    this.logger.log({ msg: 'payout retried', payout_id: payout.id, outcome });
    return { outcome, payout: after };
  }

  /** A seller whose onboarding was not finished when last seen: ask Stripe again (it may have finished since). */
  private async refreshAccount(orgId: string): Promise<void> {
    const seller = await this.uow.repos.sellers.find(orgId);
    if (!seller?.stripeAccountId || seller.payoutsEnabled) return;
    try {
      const account = await this.connect.retrieveAccount(seller.stripeAccountId);
      await this.uow.repos.payouts.setConnectAccount(orgId, seller.stripeAccountId, account.payoutsEnabled);
    } catch (error) {
      this.logger.warn({ msg: 'connect account not refreshed', org_id: orgId, error: (error as Error).message });
    }
  }

  /** The period's payout, opened or reopened and moved to in-transit; an outcome when there is nothing to transfer. */
  private open(ctx: RequestContext, orgId: string, currency: string, period: string, until: Date): Promise<{ payout?: Payout; outcome?: PayoutOutcome }> {
    return this.uow.run(async (repos) => {
      await repos.payouts.lockPayable(orgId, currency);
      const existing = await repos.payouts.find(orgId, currency, period);
      if (existing?.status === 'paid') return { payout: existing, outcome: 'already_paid' as const };
      if (existing?.status === 'requested') return { payout: existing };
      const seller = await repos.sellers.find(orgId);
      if (!seller?.stripeAccountId || !seller.payoutsEnabled) return { payout: existing, outcome: 'not_onboarded' as const };
      const now = new Date();
      if (existing) {
        const locked = await repos.payouts.lock(existing.id, { skipLocked: true });
        if (!locked) return { payout: existing, outcome: 'in_progress' as const };
        if (locked.status !== 'failed') return { payout: locked };
        locked.retry(seller.stripeAccountId, now);
        await repos.payouts.save(locked);
        // Only the refused transfers are sent again (a new attempt, a new key); the paid ones stay paid.
        let resent = 0;
        for (const transfer of await repos.payouts.transfers(orgId, locked.id)) {
          if (transfer.status !== 'failed') continue;
          transfer.retry(now);
          await repos.payouts.saveTransfer(transfer);
          resent += transfer.amountMinor;
        }
        if (resent > 0) await this.post(repos, locked, 'payout.requested', locked.attemptReference(), payoutRequestedPostings(locked, resent), now);
        return { payout: locked };
      }
      const lines: PayoutLine[] = await repos.payouts.unpaidLines(orgId, currency, until);
      const payout = Payout.open({
        id: randomUUID(),
        orgId,
        currency,
        period,
        destination: seller.stripeAccountId,
        lines,
        minimumMinor: this.settings.minimumMinor,
        now,
      });
      if (!payout) return { outcome: 'below_minimum' as const };
      const orderIds = [...new Set(lines.flatMap((line) => (line.orderId ? [line.orderId] : [])))];
      const transfers = PayoutTransfer.plan({ payout, lines, charges: await repos.payouts.cardCharges(orgId, orderIds), newId: randomUUID, now });
      if (!(await repos.payouts.insert(payout, lines, transfers))) {
        // Another run opened it first (the unique (org, currency, period) waited for its commit).
        return { payout: await repos.payouts.find(orgId, currency, period) };
      }
      await this.post(repos, payout, 'payout.requested', payout.attemptReference(), payoutRequestedPostings(payout, payout.amountMinor), now);
      return { payout };
    });
  }

  /**
   * Sends the payout's pending transfers, each with its own key, while holding the payout's row. A refusal marks that
   * transfer failed (its amount back to the seller) and the others still go; an unknown outcome (timeout, 5xx) stops
   * there and leaves it pending: what is known is committed, and the next run sends the rest with the same keys.
   */
  private async transfer(ctx: RequestContext, payoutId: string): Promise<PayoutOutcome> {
    try {
      return await this.uow.run(async (repos, events) => {
        const payout = await repos.payouts.lock(payoutId, { skipLocked: true });
        if (!payout) return 'in_progress';
        if (payout.status === 'paid') return 'already_paid';
        if (payout.status === 'failed') return 'failed';
        const transfers = await repos.payouts.transfers(payout.orgId, payout.id);
        for (const transfer of transfers) {
          if (transfer.status !== 'pending') continue;
          const outcome = await this.send(payout, transfer);
          if (outcome === undefined) return 'pending';
          const now = new Date();
          if (outcome.ok) {
            transfer.markPaid(outcome.transferId, now);
            await repos.payouts.saveTransfer(transfer);
            await this.post(repos, payout, 'payout.paid', transfer.attemptReference(), payoutPaidPostings(payout, transfer.amountMinor), now);
          } else {
            transfer.markFailed(outcome.reason, now);
            await repos.payouts.saveTransfer(transfer);
            await this.post(repos, payout, 'payout.failed', transfer.attemptReference(), payoutFailedPostings(payout, transfer.amountMinor), now);
            this.logger.warn({
              msg: 'payout transfer refused',
              payout_id: payout.id,
              order_id: transfer.orderId,
              attempt: transfer.attempt,
              reason: outcome.reason,
            });
          }
        }
        const concluded = payout.conclude(transfers, new Date());
        if (concluded === undefined) return 'pending';
        await repos.payouts.save(payout);
        if (concluded === 'failed') return 'failed';
        events.publish<PayoutSentPayload>(ctx, {
          type: COMMERCE_EVENTS.payoutSent,
          orgId: payout.orgId,
          payload: { payoutId: payout.id, orgId: payout.orgId, amountMinor: payout.amountMinor, currency: payout.currency },
        });
        return 'paid';
      });
    } catch (error) {
      // Nothing of this transaction was kept (the payout stays requested, in transit): the next run sends the same keys.
      this.logger.warn({ msg: 'payout transfer outcome unknown', payout_id: payoutId, error: (error as Error).message });
      return 'pending';
    }
  }

  /** One transfer at Stripe; undefined when its outcome is unknown (it stays pending and is retried with the same key). */
  private async send(payout: Payout, transfer: PayoutTransfer): Promise<TransferOutcome | undefined> {
    try {
      return await this.connect.transfer({
        amountMinor: transfer.amountMinor,
        currency: payout.currency,
        destination: payout.destination,
        transferGroup: transfer.transferGroup,
        sourceTransaction: transfer.sourceTransaction,
        idempotencyKey: transfer.idempotencyKey,
        metadata: {
          payout_id: payout.id,
          org_id: payout.orgId,
          period: payout.period,
          ...(transfer.orderId ? { order_id: transfer.orderId } : {}),
        },
      });
    } catch (error) {
      this.logger.warn({
        msg: 'payout transfer outcome unknown',
        payout_id: payout.id,
        order_id: transfer.orderId,
        key: transfer.idempotencyKey,
        error: (error as Error).message,
      });
      return undefined;
    }
  }

  private async post(repos: PayoutRepositories, payout: Payout, kind: string, reference: string, postings: Posting[], now: Date): Promise<void> {
    await repos.ledger.post(journalEntry({ id: randomUUID(), kind, reference, postings, occurredAt: now }), payout.orgId);
  }
}

/** The caller acts for the organization in the path (the route's guards checked membership and role). */
function requireOrg(ctx: RequestContext, orgId: string, minimum: 'staff' | 'manager'): void {
  const role = organizationRoleOf(ctx.roles);
  const allowed = ctx.orgId === orgId && role !== undefined && (minimum === 'staff' || role !== 'staff');
  if (!allowed) throw CommerceErrors.forbidden();
}

/** An organization's payouts and their statements. */
@Injectable()
export class PayoutQueries {
  constructor(@Inject(PAYOUT_UNIT_OF_WORK) private readonly uow: PayoutUnitOfWork) {}

  list(ctx: RequestContext, orgId: string, page: PageRequest): Promise<Page<Payout>> {
    requireOrg(ctx, orgId, 'staff');
    return this.uow.repos.payouts.listForOrg(orgId, page);
  }

  async statement(
    ctx: RequestContext,
    orgId: string,
    id: string,
    page: PageRequest,
  ): Promise<{ payout: Payout; lines: Page<PayoutLine>; transfers: PayoutTransfer[] }> {
    requireOrg(ctx, orgId, 'staff');
    const payout = await this.uow.repos.payouts.findForOrg(orgId, id);
    if (!payout) throw CommerceErrors.payoutNotFound();
    return { payout, lines: await this.uow.repos.payouts.lines(orgId, id, page), transfers: await this.uow.repos.payouts.transfers(orgId, id) };
  }
}

/** A seller's Stripe Connect account: created once, refreshed from Stripe when read, onboarded through an account link. */
@Injectable()
export class ConnectAccountUseCases {
  constructor(
    @Inject(PAYOUT_UNIT_OF_WORK) private readonly uow: PayoutUnitOfWork,
    @Inject(CONNECT_GATEWAY) private readonly connect: ConnectGateway,
    @Inject(PAYOUT_SETTINGS) private readonly settings: PayoutSettings,
  ) {}

  /** Creates the account (or returns the existing one); the Stripe key is per organization, so concurrent calls make one account. */
  async create(ctx: RequestContext, orgId: string): Promise<ConnectAccount> {
    requireOrg(ctx, orgId, 'manager');
    const existing = await this.uow.repos.sellers.find(orgId);
    if (existing?.stripeAccountId) return this.refresh(orgId, existing.stripeAccountId);
    const account = await this.withProvider(() => this.connect.createAccount({ orgId, idempotencyKey: `connect-account:${orgId}` }));
    await this.uow.repos.payouts.setConnectAccount(orgId, account.id, account.payoutsEnabled);
    const stored = await this.uow.repos.sellers.find(orgId);
    return stored?.stripeAccountId === account.id ? account : this.refresh(orgId, stored?.stripeAccountId ?? account.id);
  }

  async get(ctx: RequestContext, orgId: string): Promise<ConnectAccount> {
    requireOrg(ctx, orgId, 'manager');
    const seller = await this.uow.repos.sellers.find(orgId);
    if (!seller?.stripeAccountId) throw CommerceErrors.connectAccountNotFound();
    return this.refresh(orgId, seller.stripeAccountId);
  }

  async onboardingLink(ctx: RequestContext, orgId: string): Promise<{ accountId: string; url: string; expiresAt: Date }> {
    requireOrg(ctx, orgId, 'manager');
    const seller = await this.uow.repos.sellers.find(orgId);
    if (!seller?.stripeAccountId) throw CommerceErrors.connectAccountNotFound();
    const accountId = seller.stripeAccountId;
    const link = await this.withProvider(() =>
      this.connect.onboardingLink({ accountId, refreshUrl: this.settings.refreshUrl, returnUrl: this.settings.returnUrl }),
    );
    return { accountId, ...link };
  }

  private async refresh(orgId: string, accountId: string): Promise<ConnectAccount> {
    const account = await this.withProvider(() => this.connect.retrieveAccount(accountId));
    await this.uow.repos.payouts.setConnectAccount(orgId, accountId, account.payoutsEnabled);
    return account;
  }

  private async withProvider<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof DomainError) throw error;
      throw CommerceErrors.paymentProviderUnavailable();
    }
  }
}

export const STRIPE_CONNECT = 'stripe_connect';

/**
 * Stripe Connect's webhook (its own endpoint and signing secret): the
 * signature is checked over the raw body, the event id recorded once, and a
 * job processes it (a duplicate of an unprocessed event enqueues again; the
 * job id de-duplicates).
 */
@Injectable()
export class ReceiveConnectWebhookUseCase {
  constructor(
    @Inject(COMMERCE_UNIT_OF_WORK) private readonly commerce: CommerceUnitOfWork,
    @Inject(CONNECT_GATEWAY) private readonly connect: ConnectGateway,
    @Inject(COMMERCE_JOBS) private readonly jobs: CommerceJobs,
  ) {}

  async execute(ctx: RequestContext, input: { rawBody: Buffer; signature: string | undefined }): Promise<{ duplicate: boolean }> {
    const event = this.connect.verifyWebhook(input.rawBody, input.signature);
    const fresh = await this.commerce.repos.webhooks.record({
      provider: STRIPE_CONNECT,
      eventId: event.id,
      type: event.type,
      objectId: event.objectId,
      payload: event.payload,
    });
    const stored = fresh ? undefined : await this.commerce.repos.webhooks.find(STRIPE_CONNECT, event.id);
    if (fresh || !stored?.processedAt) await this.jobs.processWebhook(ctx, STRIPE_CONNECT, event.id);
    return { duplicate: !fresh };
  }
}

/**
 * Processes a recorded Connect event. `account.updated`: the account is read
 * again from Stripe (not from the event's copy), so duplicates and events in
 * any order end in Stripe's current state, and the organization holding it
 * may or may not receive payouts accordingly. Other types are marked processed.
 */
@Injectable()
export class ProcessConnectEventUseCase {
  private readonly logger = new Logger(ProcessConnectEventUseCase.name);

  constructor(
    @Inject(COMMERCE_UNIT_OF_WORK) private readonly commerce: CommerceUnitOfWork,
    @Inject(PAYOUT_UNIT_OF_WORK) private readonly uow: PayoutUnitOfWork,
    @Inject(CONNECT_GATEWAY) private readonly connect: ConnectGateway,
  ) {}

  async execute(_ctx: RequestContext, input: { eventId: string }): Promise<'processed' | 'already processed' | 'unknown'> {
    const event = await this.commerce.repos.webhooks.find(STRIPE_CONNECT, input.eventId);
    if (!event) return 'unknown';
    if (event.processedAt) return 'already processed';
    if (event.type === 'account.updated' && event.objectId) {
      const account = await this.connect.retrieveAccount(event.objectId);
      const orgId = await this.uow.repos.payouts.setPayoutsEnabledByAccount(account.id, account.payoutsEnabled);
      this.logger.log({
        msg: 'connect account updated',
        event_id: input.eventId,
        account_id: account.id,
        org_id: orgId,
        payouts_enabled: account.payoutsEnabled,
      });
    }
    await this.commerce.repos.webhooks.markProcessed(STRIPE_CONNECT, input.eventId, new Date());
    return 'processed';
  }
}
