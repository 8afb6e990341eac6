import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainError, type Page, type PageRequest, type RequestContext } from '../../../../platform/kernel';
import { ACCOUNT_KINDS, CommerceErrors, isCurrency, journalEntry, topUpPostings } from '../../domain';
import { isPlatformAdmin, requireUserId } from '../access';
import { providerKey } from '../idempotency';
import {
  CARD_GATEWAY,
  CardGateway,
  COMMERCE_SETTINGS,
  COMMERCE_UNIT_OF_WORK,
  CommerceRepositories,
  CommerceSettings,
  CommerceUnitOfWork,
  LedgerTransactionView,
  TopUp,
} from '../ports';

export const MAX_TOP_UP_MINOR = 1_000_000_00;

export interface WalletView {
  userId: string;
  currency: string;
  balanceMinor: number;
  balances: Array<{ currency: string; balanceMinor: number }>;
  transactions: Page<LedgerTransactionView>;
}

/** The caller's wallet: its balance per currency and the transactions of one currency, newest first. */
@Injectable()
export class WalletQueries {
  constructor(
    @Inject(COMMERCE_UNIT_OF_WORK) private readonly uow: CommerceUnitOfWork,
    @Inject(COMMERCE_SETTINGS) private readonly settings: CommerceSettings,
  ) {}

  async mine(ctx: RequestContext, currency: string | undefined, page: PageRequest): Promise<WalletView> {
    const userId = requireUserId(ctx);
    const accounts = await this.uow.repos.ledger.accountsOf(ACCOUNT_KINDS.buyerWallet, userId);
    const chosen = currency ?? this.settings.currency;
    const account = accounts.find((a) => a.currency === chosen);
    const transactions = account
      ? await this.uow.repos.ledger.transactions(account.id, page)
      : { data: [], meta: { page: page.page, limit: page.limit, total: 0, total_pages: 0 } };
    return {
      userId,
      currency: chosen,
      balanceMinor: account?.balanceMinor ?? 0,
      balances: accounts.map((a) => ({ currency: a.currency, balanceMinor: a.balanceMinor })),
      transactions,
    };
  }
}

/**
 * A buyer adds money to their wallet by card: a top-up and a Stripe
 * PaymentIntent (provider key derived from the request's recovery id). The
 * wallet is credited when Stripe's webhook says the intent succeeded.
 */
@Injectable()
export class TopUpWalletUseCase {
  constructor(
    @Inject(COMMERCE_UNIT_OF_WORK) private readonly uow: CommerceUnitOfWork,
    @Inject(CARD_GATEWAY) private readonly gateway: CardGateway,
  ) {}

  async execute(ctx: RequestContext, input: { amountMinor: number; currency: string; recoveryId: string }): Promise<TopUp> {
    const userId = requireUserId(ctx);
    if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor <= 0 || input.amountMinor > MAX_TOP_UP_MINOR) {
      throw CommerceErrors.validation({ amount_minor: [`between 1 and ${MAX_TOP_UP_MINOR}`] });
    }
    if (!isCurrency(input.currency)) throw CommerceErrors.validation({ currency: ['an upper-case ISO 4217 code'] });
    // The recovery id is the top-up's id: a retry of the same request resumes it.
    let topUp = await this.uow.repos.topUps.findById(input.recoveryId);
    if (!topUp) {
      const now = new Date();
      topUp = {
        id: input.recoveryId,
        userId,
        amountMinor: input.amountMinor,
        currency: input.currency,
        status: 'requires_payment',
        providerRef: null,
        clientSecret: null,
        providerKey: providerKey(input.recoveryId, 'top-up'),
        createdAt: now,
        updatedAt: now,
      };
      await this.uow.repos.topUps.insert(topUp);
    }
    if (topUp.providerRef) return topUp;
    let intent;
    try {
      intent = await this.gateway.createIntent({
        amountMinor: topUp.amountMinor,
        currency: topUp.currency,
        idempotencyKey: topUp.providerKey,
        transferGroup: `top_up_${topUp.id}`,
        metadata: { top_up_id: topUp.id, user_id: userId },
      });
    } catch (error) {
      if (error instanceof DomainError) throw error;
      throw CommerceErrors.paymentProviderUnavailable();
    }
    topUp.providerRef = intent.id;
    topUp.clientSecret = intent.clientSecret;
    topUp.updatedAt = new Date();
    await this.uow.repos.topUps.save(topUp);
    return topUp;
  }
}

/** Credits a wallet once its top-up's PaymentIntent succeeded (in the webhook job's transaction). */
export async function settleTopUp(repos: CommerceRepositories, topUp: TopUp, intentStatus: string, now: Date): Promise<void> {
  if (topUp.status === 'succeeded') return;
  if (intentStatus === 'succeeded') {
    await repos.ledger.post(
      journalEntry({
        id: randomUUID(),
        kind: 'wallet.top-up',
        reference: topUp.id,
        postings: topUpPostings(topUp.userId, topUp.currency, topUp.amountMinor),
        occurredAt: now,
      }),
      null,
    );
    topUp.status = 'succeeded';
  } else if (intentStatus === 'canceled') {
    topUp.status = 'cancelled';
  } else {
    return;
  }
  topUp.updatedAt = now;
  await repos.topUps.save(topUp);
}

/**
 * The reconciliation: every account's stored balance must equal the sum of its
 * postings. Run by the sweep (differences are logged as errors) and on demand
 * by a platform admin.
 */
@Injectable()
export class ReconcileLedgerUseCase {
  private readonly logger = new Logger(ReconcileLedgerUseCase.name);

  constructor(@Inject(COMMERCE_UNIT_OF_WORK) private readonly uow: CommerceUnitOfWork) {}

  async execute(
    ctx: RequestContext,
    options: { requireAdmin: boolean } = { requireAdmin: true },
  ): Promise<Array<{ accountId: string; balanceMinor: number; postedMinor: number }>> {
    if (options.requireAdmin && !isPlatformAdmin(ctx)) throw CommerceErrors.forbidden();
    const differences = await this.uow.repos.ledger.discrepancies();
    for (const difference of differences) this.logger.error({ msg: 'ledger account out of balance', account_id: difference.accountId, ...difference });
    return differences;
  }
}

/** A platform admin sets an organization's commission (basis points; null: the platform default). */
@Injectable()
export class SetSellerCommissionUseCase {
  constructor(@Inject(COMMERCE_UNIT_OF_WORK) private readonly uow: CommerceUnitOfWork) {}

  async execute(ctx: RequestContext, input: { orgId: string; commissionBps: number | null }): Promise<{ orgId: string; commissionBps: number | null }> {
    if (!isPlatformAdmin(ctx)) throw CommerceErrors.forbidden();
    await this.uow.run(async (repos) => {
      const current = await repos.sellers.find(input.orgId);
      await repos.sellers.upsert({
        orgId: input.orgId,
        commissionBps: input.commissionBps,
        stripeAccountId: current?.stripeAccountId ?? null,
        payoutsEnabled: current?.payoutsEnabled ?? false,
      });
    });
    return input;
  }
}
