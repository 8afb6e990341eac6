import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Page, PageRequest, RequestContext } from '../../../../platform/kernel';
import { pgError, UNIQUE_VIOLATION } from '../../../../platform/database/sql';
import { NotificationSender } from '../../../../platform/notifications/notification-sender';
import { OBJECT_STORAGE, type ObjectStorage } from '../../../../platform/storage';
import { IdentityApi } from '../../../identity';
import { OrganizationsApi } from '../../../organizations';
import { CommerceErrors, Invoice, invoiceNumber, invoiceStorageKey } from '../../domain';
import { actsForSeller, isPlatformAdmin, requireUserId } from '../access';
import {
  INVOICE_RENDERER,
  INVOICE_SETTINGS,
  INVOICE_UNIT_OF_WORK,
  InvoiceRenderer,
  InvoiceSettings,
  InvoiceUnitOfWork,
  SEND_RATE_LIMITER,
  SendRateLimiter,
} from '../ports';

const PDF = 'application/pdf';

/**
 * Issues the invoice of a paid order (run by the handler of the order-paid
 * event): the number is taken from the seller's counter for the year in the
 * same transaction as the invoice row, so numbers have no gaps; one invoice
 * per order (a redelivered event finds it). The PDF is then rendered and
 * stored; a failure there is retried by the event's delivery.
 */
@Injectable()
export class IssueInvoiceUseCase {
  private readonly logger = new Logger(IssueInvoiceUseCase.name);

  constructor(
    @Inject(INVOICE_UNIT_OF_WORK) private readonly uow: InvoiceUnitOfWork,
    @Inject(INVOICE_RENDERER) private readonly renderer: InvoiceRenderer,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    private readonly organizations: OrganizationsApi,
    private readonly identity: IdentityApi,
  ) {}

  async execute(ctx: RequestContext, input: { orderId: string }): Promise<Invoice | undefined> {
    const invoice = (await this.uow.repos.invoices.findByOrder(input.orderId)) ?? (await this.issue(input.orderId));
    if (!invoice) return undefined;
    if (!invoice.storageKey) await this.store(ctx, invoice);
    return invoice;
  }

  private async issue(orderId: string): Promise<Invoice | undefined> {
    try {
      return await this.uow.run(async (repos) => {
        const stored = await repos.orders.findById(orderId);
        const paidAt = stored?.order.snapshot().paidAt;
        if (!stored || !paidAt) return undefined;
        const order = stored.order.snapshot();
        const year = paidAt.getUTCFullYear();
        const sequence = await repos.invoices.nextSequence(order.sellerOrgId, year);
        const invoice: Invoice = {
          id: randomUUID(),
          orgId: order.sellerOrgId,
          orderId: order.id,
          buyerUserId: order.buyerUserId,
          year,
          sequence,
          number: invoiceNumber(year, sequence),
          totalMinor: order.totalMinor,
          currency: order.currency,
          storageKey: null,
          issuedAt: new Date(),
          lastSentAt: null,
        };
        await repos.invoices.insert(invoice);
        return invoice;
      });
    } catch (error) {
      // The order's invoice was issued concurrently (its number went back with this rollback).
      const issued = pgError(error).code === UNIQUE_VIOLATION ? await this.uow.repos.invoices.findByOrder(orderId) : undefined;
      if (issued) return issued;
      throw error;
    }
  }

  private async store(ctx: RequestContext, invoice: Invoice): Promise<void> {
    const stored = await this.uow.repos.orders.findById(invoice.orderId);
    if (!stored) return;
    const [seller, buyer] = await Promise.all([this.organizations.getOrganization(ctx, invoice.orgId), this.identity.getAccount(ctx, invoice.buyerUserId)]);
    const pdf = await this.renderer.render({ invoice, order: stored.order, sellerName: seller?.name ?? invoice.orgId, buyerName: buyer?.fullName ?? '' });
    const key = invoiceStorageKey(invoice);
    await this.storage.put(key, pdf, { contentType: PDF, sizeBytes: pdf.length });
    await this.uow.repos.invoices.setStorageKey(invoice.id, key);
    invoice.storageKey = key;
    this.logger.log({ msg: 'invoice issued', invoice_id: invoice.id, number: invoice.number, order_id: invoice.orderId });
  }
}

/** The buyer, the seller's members (X-Organization-Id) and platform admins see an invoice; anyone else gets 404. */
function requireVisible(ctx: RequestContext, invoice: Invoice | undefined): Invoice {
  const buyer = !ctx.apiKeyId && ctx.userId === invoice?.buyerUserId;
  if (!invoice || !(buyer || actsForSeller(ctx, invoice.orgId) || isPlatformAdmin(ctx))) throw CommerceErrors.invoiceNotFound();
  return invoice;
}

@Injectable()
export class InvoiceQueries {
  constructor(
    @Inject(INVOICE_UNIT_OF_WORK) private readonly uow: InvoiceUnitOfWork,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(INVOICE_SETTINGS) private readonly settings: InvoiceSettings,
  ) {}

  listForSeller(ctx: RequestContext, orgId: string, page: PageRequest): Promise<Page<Invoice>> {
    if (!actsForSeller(ctx, orgId)) throw CommerceErrors.forbidden();
    return this.uow.repos.invoices.listForSeller(orgId, page);
  }

  listMine(ctx: RequestContext, page: PageRequest): Promise<Page<Invoice>> {
    return this.uow.repos.invoices.listForBuyer(requireUserId(ctx), page);
  }

  async get(ctx: RequestContext, id: string): Promise<Invoice> {
    return requireVisible(ctx, await this.uow.repos.invoices.findById(id));
  }

  /** A short-lived signed link to the PDF. */
  async downloadLink(ctx: RequestContext, id: string): Promise<{ invoice: Invoice; url: string; expiresAt: Date }> {
    const invoice = requireVisible(ctx, await this.uow.repos.invoices.findById(id));
    if (!invoice.storageKey) throw CommerceErrors.invoiceNotReady();
    const url = await this.storage.signedUrl(invoice.storageKey, {
      expiresInSeconds: this.settings.linkTtlSeconds,
      fileName: `${invoice.number}.pdf`,
      contentType: PDF,
    });
    return { invoice, url, expiresAt: new Date(Date.now() + this.settings.linkTtlSeconds * 1000) };
  }
}

/**
 * E-mails the invoice to the buyer through the mail outbox: its number, total
 * and where to download it. At most MAIL_RATE_LIMIT_MAX sends per invoice per
 * MAIL_RATE_LIMIT_TTL_MS, whoever asks (counted in Redis across processes,
 * after the caller was shown to see the invoice, so strangers cannot use up
 * the allowance); past it, 429 COMMERCE.INVOICE_MAIL_RATE_LIMITED with Retry-After.
 */
@Injectable()
export class SendInvoiceUseCase {
  constructor(
    @Inject(INVOICE_UNIT_OF_WORK) private readonly uow: InvoiceUnitOfWork,
    private readonly identity: IdentityApi,
    private readonly organizations: OrganizationsApi,
    private readonly sender: NotificationSender,
    @Inject(SEND_RATE_LIMITER) private readonly limiter: SendRateLimiter,
    @Inject(INVOICE_SETTINGS) private readonly settings: InvoiceSettings,
  ) {}

  async execute(ctx: RequestContext, input: { invoiceId: string; downloadUrl: string }): Promise<Invoice> {
    const invoice = requireVisible(ctx, await this.uow.repos.invoices.findById(input.invoiceId));
    if (!invoice.storageKey) throw CommerceErrors.invoiceNotReady();
    const { allowed, retryAfterMs } = await this.limiter.hit(`invoice-mail:${invoice.id}`, this.settings.mailRateLimitMax, this.settings.mailRateLimitTtlMs);
    if (!allowed) throw CommerceErrors.invoiceMailRateLimited(Math.max(1, Math.ceil(retryAfterMs / 1000)));
    const [buyer, seller] = await Promise.all([this.identity.getAccount(ctx, invoice.buyerUserId), this.organizations.getOrganization(ctx, invoice.orgId)]);
    if (!buyer) throw CommerceErrors.invoiceNotFound();
    const total = `${invoice.totalMinor} ${invoice.currency} (minor units)`;
    const now = new Date();
    await this.sender.sendMail(ctx, {
      to: buyer.email,
      subject: `Invoice ${invoice.number} from ${seller?.name ?? 'your seller'}`,
      text: `Hello ${buyer.fullName},\n\nInvoice ${invoice.number} for your order ${invoice.orderId}, total ${total}.\nDownload it (signed in): ${input.downloadUrl}\n`,
    });
    await this.uow.repos.invoices.markSent(invoice.id, now);
    return { ...invoice, lastSentAt: now };
  }
}
