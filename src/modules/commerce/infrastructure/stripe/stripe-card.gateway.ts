import { Inject, Injectable } from '@nestjs/common';
import Stripe from 'stripe';
import { CommerceErrors } from '../../domain';
import type { CardGateway, IntentStatus, PaymentIntent, ProviderEvent } from '../../application/ports';
import { STRIPE_CONFIG, StripeConfig } from '../commerce-config';

type StripeClient = InstanceType<typeof Stripe>;

/** Builds the SDK client from configuration: Stripe's API, or another address (a fake in tests). */
export function stripeClient(config: StripeConfig): StripeClient | undefined {
  if (!config.secretKey) return undefined;
  const options: ConstructorParameters<typeof Stripe>[1] = { timeout: config.timeoutMs, maxNetworkRetries: config.maxNetworkRetries };
  if (config.apiUrl) {
    const url = new URL(config.apiUrl);
    options.host = url.hostname;
    options.port = url.port || (url.protocol === 'https:' ? 443 : 80);
    options.protocol = url.protocol === 'https:' ? 'https' : 'http';
  }
  return new Stripe(config.secretKey, options);
}

function toIntent(intent: {
  id: string;
  status: string;
  amount: number;
  currency: string;
  client_secret?: string | null;
  last_payment_error?: { message?: string; code?: string } | null;
  latest_charge?: string | { id: string } | null;
}): PaymentIntent {
  return {
    id: intent.id,
    status: intent.status as IntentStatus,
    amountMinor: intent.amount,
    currency: intent.currency.toUpperCase(),
    clientSecret: intent.client_secret ?? null,
    lastError: intent.last_payment_error ? (intent.last_payment_error.message ?? intent.last_payment_error.code ?? 'payment failed') : null,
    latestCharge: typeof intent.latest_charge === 'string' ? intent.latest_charge : (intent.latest_charge?.id ?? null),
  };
}

/** Card payments through Stripe PaymentIntents (separate charges and transfers: the platform charges, then transfers to sellers). */
@Injectable()
export class StripeCardGateway implements CardGateway {
  private readonly client: StripeClient | undefined;

  constructor(@Inject(STRIPE_CONFIG) private readonly config: StripeConfig) {
    this.client = stripeClient(config);
  }

  get enabled(): boolean {
    return this.client !== undefined;
  }

  private stripe(): StripeClient {
    if (!this.client) throw CommerceErrors.paymentMethodUnavailable('card');
    return this.client;
  }

  async createIntent(input: {
    amountMinor: number;
    currency: string;
    idempotencyKey: string;
    transferGroup: string;
    metadata: Record<string, string>;
  }): Promise<PaymentIntent> {
    const intent = await this.stripe().paymentIntents.create(
      {
        amount: input.amountMinor,
        currency: input.currency.toLowerCase(),
        automatic_payment_methods: { enabled: true },
        transfer_group: input.transferGroup,
        metadata: input.metadata,
      },
      { idempotencyKey: input.idempotencyKey },
    );
    return toIntent(intent);
  }

  async retrieveIntent(id: string): Promise<PaymentIntent> {
    return toIntent(await this.stripe().paymentIntents.retrieve(id));
  }

  async cancelIntent(id: string, idempotencyKey: string): Promise<PaymentIntent> {
    return toIntent(await this.stripe().paymentIntents.cancel(id, {}, { idempotencyKey }));
  }

  async refund(input: { intentId: string; amountMinor: number; idempotencyKey: string }): Promise<{ id: string; status: string }> {
    const refund = await this.stripe().refunds.create({ payment_intent: input.intentId, amount: input.amountMinor }, { idempotencyKey: input.idempotencyKey });
    return { id: refund.id, status: refund.status ?? 'pending' };
  }

  verifyWebhook(rawBody: Buffer, signature: string | undefined): ProviderEvent {
    const secret = this.config.webhookSecret;
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
}
