import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';

export const FAKE_STRIPE_KEY = 'sk_test_fake_revsync';
export const FAKE_WEBHOOK_SECRET = 'whsec_fake_revsync';

export interface FakeIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  currency: string;
  status: string;
  client_secret: string;
  transfer_group: string | null;
  metadata: Record<string, string>;
  last_payment_error: { message: string; code: string } | null;
  /** The charge (ch_…) once the intent succeeded. */
  latest_charge: string | null;
  created: number;
}

export interface FakeTransfer {
  id: string;
  amount: number;
  currency: string;
  destination: string;
  transfer_group: string | null;
  source_transaction: string | null;
  metadata: Record<string, string>;
}

/**
 * A small stand-in for Stripe's API on 127.0.0.1, spoken to by the real
 * `stripe` SDK (host, port, protocol). It keeps PaymentIntents (and the charge
 * of each that succeeded), honours Idempotency-Key like Stripe (the same key
 * returns the first response), can fail or stall the next requests, and
 * builds signed webhook deliveries. Connect: accounts and transfers; a
 * transfer with a `source_transaction` must name a charge with enough left
 * (400 otherwise, as Stripe answers).
 */
export class FakeStripe {
  readonly intents = new Map<string, FakeIntent>();
  /** Every creation that was not an idempotent replay: the charges that exist. */
  created = 0;
  readonly refunds: Array<{ id: string; amount: number; payment_intent: string }> = [];
  requests: Array<{ method: string; path: string; idempotencyKey?: string }> = [];
  /** Connect: connected accounts, and the transfers made to them (idempotent replays are not added twice). */
  readonly accounts = new Map<
    string,
    { id: string; object: 'account'; type: string; payouts_enabled: boolean; details_submitted: boolean; metadata: Record<string, string> }
  >();
  readonly transfers: FakeTransfer[] = [];
  /** The charges of succeeded intents, by id. */
  readonly charges = new Map<string, { id: string; amount: number; currency: string; payment_intent: string }>();
  /** When set, transfers are refused with this message (400, like Stripe's insufficient balance). */
  refuseTransfers: string | null = null;
  /** When set, a transfer it returns a message for is refused with that message (400); the others are made. */
  refuseTransfer: ((transfer: Omit<FakeTransfer, 'id'>) => string | undefined) | null = null;
  /** Answers to transfer requests lost (500) after the transfer was made: the caller cannot know it was. */
  private lostTransferReplies = { count: 0, where: (_transfer: Omit<FakeTransfer, 'id'>): boolean => true };
  private readonly replies = new Map<string, { status: number; body: unknown }>();
  private failures = 0;
  private failureStatus = 500;
  private stallMs = 0;
  private server!: Server;
  private readonly sdk = new Stripe(FAKE_STRIPE_KEY);
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next `count` requests answer `status` (500: the SDK retries them). */
  failNext(count: number, status = 500): void {
    this.failures = count;
    this.failureStatus = status;
  }

  /** Every request waits this long before it is answered (a timeout when above the SDK's). */
  stall(ms: number): void {
    this.stallMs = ms;
  }

  /** Transfers are made (and kept for their idempotency keys) but the next `count` answers to them (those `where` picks) are 500s. */
  loseTransferReplies(count: number, where: (transfer: Omit<FakeTransfer, 'id'>) => boolean = () => true): void {
    this.lostTransferReplies = { count, where };
  }

  /** The buyer paid: the intent succeeds, with a charge. */
  succeed(id: string): FakeIntent {
    const intent = this.must(id);
    intent.status = 'succeeded';
    intent.last_payment_error = null;
    if (!intent.latest_charge) {
      const charge = { id: `ch_${randomBytes(10).toString('hex')}`, amount: intent.amount, currency: intent.currency, payment_intent: intent.id };
      this.charges.set(charge.id, charge);
      intent.latest_charge = charge.id;
    }
    return { ...intent };
  }

  /** The card was declined: the intent needs another payment method. */
  decline(id: string, message = 'Your card was declined.'): FakeIntent {
    const intent = this.must(id);
    intent.status = 'requires_payment_method';
    intent.last_payment_error = { message, code: 'card_declined' };
    return { ...intent };
  }

  /** A webhook delivery: body and Stripe-Signature header, signed with the test secret. */
  webhook(
    type: string,
    object: unknown,
    eventId = `evt_${randomBytes(8).toString('hex')}`,
    secret = FAKE_WEBHOOK_SECRET,
  ): { body: string; signature: string; eventId: string } {
    const body = JSON.stringify({ id: eventId, object: 'event', api_version: '2025-01-01', created: Math.floor(Date.now() / 1000), type, data: { object } });
    return { body, signature: this.sdk.webhooks.generateTestHeaderString({ payload: body, secret }), eventId };
  }

  /** The seller finished Stripe's onboarding: the account may receive payouts. */
  enablePayouts(accountId: string): void {
    const account = this.accounts.get(accountId);
    if (!account) throw new Error(`no account ${accountId}`);
    account.payouts_enabled = true;
    account.details_submitted = true;
  }

  private must(id: string): FakeIntent {
    const intent = this.intents.get(id);
    if (!intent) throw new Error(`no intent ${id}`);
    return intent;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    const path = (req.url ?? '').split('?')[0];
    const key = req.headers['idempotency-key'] as string | undefined;
    this.requests.push({ method: req.method ?? '', path, idempotencyKey: key });
    if (this.stallMs) await new Promise((resolve) => setTimeout(resolve, this.stallMs));
    if (this.failures > 0) {
      this.failures -= 1;
      return this.send(res, this.failureStatus, { error: { type: 'api_error', message: 'fake stripe failure' } });
    }
    const replayed = key && req.method === 'POST' ? this.replies.get(`${path}:${key}`) : undefined;
    const reply = replayed ?? this.route(req.method ?? 'GET', path, form);
    if (!replayed && key && req.method === 'POST') this.replies.set(`${path}:${key}`, reply);
    if (path === '/v1/transfers' && this.lostTransferReplies.count > 0 && this.lostTransferReplies.where(transferAsked(form))) {
      this.lostTransferReplies.count -= 1;
      return this.send(res, 500, { error: { type: 'api_error', message: 'fake stripe lost the reply' } });
    }
    this.send(res, reply.status, reply.body, replayed ? { 'idempotent-replayed': 'true' } : {});
  }

  private route(method: string, path: string, form: URLSearchParams): { status: number; body: unknown } {
    if (method === 'POST' && path === '/v1/payment_intents') {
      const id = `pi_${randomBytes(10).toString('hex')}`;
      const metadata: Record<string, string> = {};
      for (const [name, value] of form) {
        const match = /^metadata\[(.+)\]$/.exec(name);
        if (match) metadata[match[1]] = value;
      }
      const intent: FakeIntent = {
        id,
        object: 'payment_intent',
        amount: Number(form.get('amount')),
        currency: form.get('currency') ?? 'eur',
        status: 'requires_payment_method',
        client_secret: `${id}_secret_${randomBytes(6).toString('hex')}`,
        transfer_group: form.get('transfer_group'),
        metadata,
        last_payment_error: null,
        latest_charge: null,
        created: Math.floor(Date.now() / 1000),
      };
      this.intents.set(id, intent);
      this.created += 1;
      return { status: 200, body: intent };
    }
    const retrieve = /^\/v1\/payment_intents\/([^/]+)$/.exec(path);
    if (method === 'GET' && retrieve) {
      const intent = this.intents.get(retrieve[1]);
      return intent ? { status: 200, body: intent } : notFound();
    }
    const cancel = /^\/v1\/payment_intents\/([^/]+)\/cancel$/.exec(path);
    if (method === 'POST' && cancel) {
      const intent = this.intents.get(cancel[1]);
      if (!intent) return notFound();
      if (intent.status === 'succeeded' || intent.status === 'canceled') {
        return {
          status: 400,
          body: { error: { type: 'invalid_request_error', code: 'payment_intent_unexpected_state', message: `already ${intent.status}` } },
        };
      }
      intent.status = 'canceled';
      return { status: 200, body: intent };
    }
    if (method === 'POST' && path === '/v1/refunds') {
      const intent = this.intents.get(form.get('payment_intent') ?? '');
      if (!intent || intent.status !== 'succeeded')
        return { status: 400, body: { error: { type: 'invalid_request_error', code: 'charge_not_refundable', message: 'not refundable' } } };
      const refund = {
        id: `re_${randomBytes(10).toString('hex')}`,
        object: 'refund',
        amount: Number(form.get('amount')),
        payment_intent: intent.id,
        status: 'succeeded',
      };
      this.refunds.push(refund);
      return { status: 200, body: refund };
    }
    return this.connect(method, path, form);
  }

  private connect(method: string, path: string, form: URLSearchParams): { status: number; body: unknown } {
    const metadataOf = (): Record<string, string> => {
      const metadata: Record<string, string> = {};
      for (const [name, value] of form) {
        const match = /^metadata\[(.+)\]$/.exec(name);
        if (match) metadata[match[1]] = value;
      }
      return metadata;
    };
    if (method === 'POST' && path === '/v1/accounts') {
      const account = {
        id: `acct_${randomBytes(8).toString('hex')}`,
        object: 'account' as const,
        type: form.get('type') ?? 'express',
        payouts_enabled: false,
        details_submitted: false,
        metadata: metadataOf(),
      };
      this.accounts.set(account.id, account);
      return { status: 200, body: account };
    }
    const account = /^\/v1\/accounts\/([^/]+)$/.exec(path);
    if (method === 'GET' && account) {
      const found = this.accounts.get(account[1]);
      return found ? { status: 200, body: found } : notFound();
    }
    if (method === 'POST' && path === '/v1/account_links') {
      if (!this.accounts.has(form.get('account') ?? '')) return notFound();
      return {
        status: 200,
        body: {
          object: 'account_link',
          url: `https://connect.stripe.test/setup/e/${form.get('account')}/${randomBytes(6).toString('hex')}`,
          created: Math.floor(Date.now() / 1000),
          expires_at: Math.floor(Date.now() / 1000) + 300,
          return_url: form.get('return_url'),
          refresh_url: form.get('refresh_url'),
        },
      };
    }
    if (method === 'POST' && path === '/v1/transfers') {
      const destination = this.accounts.get(form.get('destination') ?? '');
      if (!destination) return notFound();
      const asked = transferAsked(form);
      const refused = this.refuseTransfers ?? this.refuseTransfer?.(asked);
      if (refused !== null && refused !== undefined) {
        return { status: 400, body: { error: { type: 'invalid_request_error', code: 'balance_insufficient', message: refused } } };
      }
      if (asked.source_transaction !== null) {
        const charge = this.charges.get(asked.source_transaction);
        if (!charge) {
          return {
            status: 400,
            body: { error: { type: 'invalid_request_error', code: 'resource_missing', param: 'source_transaction', message: 'No such charge' } },
          };
        }
        const transferred = this.transfers.filter((t) => t.source_transaction === charge.id).reduce((sum, t) => sum + t.amount, 0);
        if (transferred + asked.amount > charge.amount) {
          return {
            status: 400,
            body: {
              error: {
                type: 'invalid_request_error',
                param: 'amount',
                message: `The transfer amount exceeds what is left of the source transaction ${charge.id} (${charge.amount - transferred}).`,
              },
            },
          };
        }
      }
      const transfer: FakeTransfer = { id: `tr_${randomBytes(10).toString('hex')}`, ...asked };
      this.transfers.push(transfer);
      return { status: 200, body: { object: 'transfer', ...transfer } };
    }
    return notFound();
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${randomBytes(6).toString('hex')}`, ...headers });
    res.end(JSON.stringify(body));
  }
}

/** The transfer a request asks for. */
function transferAsked(form: URLSearchParams): Omit<FakeTransfer, 'id'> {
  const metadata: Record<string, string> = {};
  for (const [name, value] of form) {
    const match = /^metadata\[(.+)\]$/.exec(name);
    if (match) metadata[match[1]] = value;
  }
  return {
    amount: Number(form.get('amount')),
    currency: form.get('currency') ?? 'eur',
    destination: form.get('destination') ?? '',
    transfer_group: form.get('transfer_group'),
    source_transaction: form.get('source_transaction'),
    metadata,
  };
}

function notFound(): { status: number; body: unknown } {
  return { status: 404, body: { error: { type: 'invalid_request_error', code: 'resource_missing', message: 'No such object' } } };
}
