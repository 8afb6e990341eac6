import { Inject, Injectable } from '@nestjs/common';
import { CommerceErrors } from '../../domain';
import type { ConnectAccount, ConnectGateway, ProviderEvent, TransferOutcome } from '../../application/ports';
import { STRIPE_CONFIG, StripeConfig } from '../commerce-config';
import { stripeClient } from './stripe-card.gateway';

type StripeClient = NonNullable<ReturnType<typeof stripeClient>>;

const toAccount = (account: { id: string; payouts_enabled?: boolean | null; details_submitted?: boolean | null }): ConnectAccount => ({
  id: account.id,
  payoutsEnabled: account.payouts_enabled === true,
  detailsSubmitted: account.details_submitted === true,
});

/**
 * A definite refusal by Stripe (a 4xx other than 409 "in progress" and 429):
 * the same request would fail again. Anything else (timeouts, 5xx) leaves the
 * outcome unknown.
 */
function refusal(error: unknown): string | undefined {
  const { statusCode, message } = (error ?? {}) as { statusCode?: number; message?: string };
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500 && statusCode !== 409 && statusCode !== 429) {
    return message || `refused (${statusCode})`;
  }
  return undefined;
}

/** Stripe Connect for seller payouts: Express accounts, onboarding links, and transfers (separate charges and transfers). */
@Injectable()
export class StripeConnectGateway implements ConnectGateway {
  private readonly client: StripeClient | undefined;

  constructor(@Inject(STRIPE_CONFIG) private readonly config: StripeConfig) {
    this.client = stripeClient(config);
  }

  verifyWebhook(rawBody: Buffer, signature: string | undefined): ProviderEvent {
    const secret = this.config.connectWebhookSecret;
    if (!secret || !signature || !this.client) throw CommerceErrors.webhookSignatureInvalid();
    let event: { id: string; type: string; data: { object: unknown } };
    try {
      event = this.client.webhooks.constructEvent(rawBody, signature, secret);
    } catch {
      throw CommerceErrors.webhookSignatureInvalid();
    }
    const object = event.data?.object as { id?: unknown } | undefined;
    return { id: event.id, type: event.type, objectId: typeof object?.id === 'string' ? object.id : null, payload: event };
  }

  private stripe(): StripeClient {
    if (!this.client) throw CommerceErrors.paymentMethodUnavailable('Stripe Connect');
    return this.client;
  }

  async createAccount(input: { orgId: string; idempotencyKey: string }): Promise<ConnectAccount> {
    const account = await this.stripe().accounts.create(
      { type: 'express', metadata: { org_id: input.orgId }, capabilities: { transfers: { requested: true } } },
      { idempotencyKey: input.idempotencyKey },
    );
    return toAccount(account);
  }

  async retrieveAccount(id: string): Promise<ConnectAccount> {
    return toAccount(await this.stripe().accounts.retrieve(id));
  }

  async onboardingLink(input: { accountId: string; refreshUrl: string; returnUrl: string }): Promise<{ url: string; expiresAt: Date }> {
    const link = await this.stripe().accountLinks.create({
      account: input.accountId,
      refresh_url: input.refreshUrl,
      return_url: input.returnUrl,
      type: 'account_onboarding',
    });
    return { url: link.url, expiresAt: new Date(link.expires_at * 1000) };
  }

  async transfer(input: {
    amountMinor: number;
    currency: string;
    destination: string;
    transferGroup: string;
    sourceTransaction: string | null;
    idempotencyKey: string;
    metadata: Record<string, string>;
  }): Promise<TransferOutcome> {
    try {
      const transfer = await this.stripe().transfers.create(
        {
          amount: input.amountMinor,
          currency: input.currency.toLowerCase(),
          destination: input.destination,
          transfer_group: input.transferGroup,
          ...(input.sourceTransaction ? { source_transaction: input.sourceTransaction } : {}),
          metadata: input.metadata,
        },
        { idempotencyKey: input.idempotencyKey },
      );
      return { ok: true, transferId: transfer.id };
    } catch (error) {
      const reason = refusal(error);
      if (reason !== undefined) return { ok: false, reason };
      throw error;
    }
  }
}
